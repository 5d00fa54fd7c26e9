// Preloaded (`node -r`) into every server process the load benchmark starts: the product and the
// floors alike. It answers the benchmark over the IPC channel with the process's own event-loop
// delay, and runs a full GC on request so RSS readings are taken on a settled heap.
// Plain CommonJS so that preloading it adds no compiler to the process being measured.
'use strict';
const { monitorEventLoopDelay } = require('node:perf_hooks');

if (typeof process.send === 'function') {
  const RESOLUTION_MS = 10;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  // Each sample is the time between two timer ticks, so the resolution itself is taken off.
  const delayMs = (ns) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  process.on('message', (message) => {
    if (!message || typeof message !== 'object' || typeof message.probe !== 'string') return;
    const { probe, id } = message;
    if (probe === 'reset') histogram.reset();
    if (probe === 'gc' && typeof global.gc === 'function') global.gc();
    process.send({
      probe,
      id,
      loop: {
        p50: delayMs(histogram.percentile(50)),
        p99: delayMs(histogram.percentile(99)),
        max: delayMs(histogram.max),
        samples: histogram.count,
      },
    });
  });
  // The channel must not keep a server alive once it has been told to stop.
  process.channel?.unref();
}
