import releaseSync from '@jitl/quickjs-wasmfile-release-sync';
import type { QuickJSContext, QuickJSHandle, QuickJSWASMModule } from 'quickjs-emscripten-core';
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  shouldInterruptAfterDeadline,
} from 'quickjs-emscripten-core';
import type { WorkerRequest } from './messages';
import type { RunStatus } from './run-result';
import { quickJSErrorText, quickJSFailure } from './failure';
import type { OutputWriter } from './worker-scope';
import { onRequest, outputWriter, reply } from './worker-scope';

// console inside the VM: every method writes one line to the one output, as a terminal shows it.
const CONSOLE = `(() => {
  const write = globalThis.__write;
  delete globalThis.__write;
  const show = (value) => {
    if (typeof value === 'string') return value;
    if (value instanceof Error) return String(value);
    try {
      const json = JSON.stringify(value);
      return json === undefined ? String(value) : json;
    } catch {
      return String(value);
    }
  };
  const line = (...values) => write(values.map(show).join(' ') + '\\n');
  globalThis.console = { log: line, info: line, debug: line, warn: line, error: line };
})();`;

/** How a run can end from inside the worker; Stop is the page's. */
type Ended = Exclude<RunStatus, 'stopped'>;

let quickjs: Promise<QuickJSWASMModule> | undefined;

/** The candidate's error in the output, and what it means for the run. */
function failed(context: QuickJSContext, error: QuickJSHandle, out: OutputWriter): Ended {
  const dumped: unknown = context.dump(error);
  error.dispose();
  out.write(quickJSErrorText(dumped));
  return typeof dumped === 'object' && dumped !== null ? quickJSFailure(dumped) : 'error';
}

function run(module: QuickJSWASMModule, request: Extract<WorkerRequest, { type: 'run' }>): void {
  const out = outputWriter();
  // A runtime per run: nothing one run defines is seen by the next, and its memory is freed.
  const runtime = module.newRuntime();
  const context = runtime.newContext();
  try {
    const write = context.newFunction('__write', (text) => out.write(context.getString(text)));
    context.setProp(context.global, '__write', write);
    write.dispose();
    context.unwrapResult(context.evalCode(CONSOLE)).dispose();
    runtime.setMemoryLimit(request.memoryLimitBytes);
    runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + request.timeLimitMs));
    reply({ type: 'started' });
    const startedAt = performance.now();
    let status: Ended = 'ok';
    const result = context.evalCode(request.code, 'main.js');
    if (result.error) status = failed(context, result.error, out);
    else {
      result.value.dispose();
      // Promise callbacks (async functions, then) run before the run counts as finished.
      const jobs = runtime.executePendingJobs();
      if (jobs.error) status = failed(context, jobs.error, out);
    }
    const durationMs = performance.now() - startedAt;
    out.flush();
    reply({ type: 'done', status, durationMs });
  } finally {
    context.dispose();
    runtime.dispose();
  }
}

onRequest(async (request) => {
  if (request.type === 'load') {
    const wasmBinary = request.files['wasm'];
    // locateFile keeps Emscripten from resolving the wasm's address against this worker's
    // blob: URL, which throws; with the bytes given, nothing is fetched from it.
    const locateFile = (name: string) => name;
    quickjs = newQuickJSWASMModuleFromVariant(newVariant(releaseSync, { wasmBinary, locateFile }));
    return;
  }
  if (!quickjs) throw new Error('The JavaScript runtime was not loaded.');
  run(await quickjs, request);
});
