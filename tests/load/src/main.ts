/**
 * The load benchmark of Signal Room: the built product under many rooms at once, beside floors
 * measured in the same run on the same rooms and rate (a bare socket.io server, one that does a
 * single raw INSERT before its ack, and with two nodes a bare pair on the same Redis adapter).
 * It prints figures, appends them as one JSON line to tests/load/results.jsonl and rewrites
 * tests/load/RESULTS.md as the latest run of each configuration; it asserts nothing about speed.
 *
 *   npm run bench:load                       # ROOMS=1000 RATE=1 DURATION=30 WARMUP=5
 *   ROOMS=2000 DATABASE=postgres://postgres@127.0.0.1:5432/postgres npm run bench:load
 *   ROOMS=50 DURATION=10 npm run bench:load
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres NODES=2 npm run bench:load
 *   … NODES=2 ADAPTER=all npm run bench:load  # two nodes and the pair on each Redis adapter
 *   SOCKETS=10002 npm run bench:load         # idle sockets: RSS per socket against bare
 *   FLOOD=500 npm run bench:load             # one socket floods in the window's second half
 *   TYPING=10 npm run bench:load             # each room's candidate types into the pad too
 *   npx nx run load:bench --ROOMS=200 --RATE=2  # or as arguments
 *
 * Parameters (environment or NAME=value arguments; see params.ts for bounds): ROOMS, RATE
 * (commands/s per room), DURATION and WARMUP (s), DATABASE ('embedded' or a PostgreSQL admin
 * URL; default TEST_DATABASE_URL, else embedded), NODES (1 or 2, with REDIS_URL and ADAPTER:
 * classic, sharded, streams or all; default classic), SOCKETS,
 * USERS, HTTP_CONCURRENCY, JOIN_CONCURRENCY, JOIN_RATE (joins/s under load), FLOOD (commands/s
 * from one more room's interviewer in the second half of the window, which the report sets
 * against the first; default 0, none), TYPING (pad updates/s typed by each room's candidate and
 * read by the other two, beside the commands; default 0, none), RESULTS (the summary file, default tests/load/RESULTS.md, with results.jsonl beside it; or
 * 'none'), PROFILE_DIR (V8 CPU
 * profiles of the product). Only 127.0.0.1 is ever contacted.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { format, resolveConfig } from 'prettier';
import type { LiveRoom } from './driver';
import { closeRooms, heldCount, joinRooms, openDocuments, runLoad } from './driver';
import type { Params } from './params';
import { describeParams, productRuns, readParams } from './params';
import type { LoopDelay } from './processes';
import { ServerProcess, cpuMillis, loadAverage, machine, productVersion, root } from './processes';
import type { HistoryLine, Report, TargetResult } from './report';
import { jsonLine, markdown, summary } from './report';
import type { Floor, Target } from './targets';
import { FLOOR_LABELS, startFloor, startProduct, targetLabel, undoAll } from './targets';
import { percentiles, sleep } from './stats';

const MiB = 2 ** 20;
/** How long a busy server may take to answer a probe or a metrics scrape. */
const PROBE_MS = 10_000;
/** Every run's JSON line, beside the results file (RESULTS.md) that summarises them. */
const HISTORY_FILE = 'results.jsonl';
/** However the run goes, it ends by itself after this long. */
const WATCHDOG_MS = 45 * 60_000;

const say = (line: string): void => {
  process.stderr.write(`[bench:load] ${line}\n`);
};

async function totalRss(servers: readonly ServerProcess[]): Promise<number> {
  const each = await Promise.all(servers.map((server) => server.rss()));
  return each.reduce((sum, bytes) => sum + bytes, 0);
}

async function scrape(url: string | null): Promise<string | null> {
  if (!url) return null;
  return fetch(url, { signal: AbortSignal.timeout(PROBE_MS) }).then(
    (response) => (response.ok ? response.text() : null),
    () => null,
  );
}

/** prom-client's `nodejs_eventloop_lag_p99_seconds`, in ms. */
function metricsLoopP99(text: string | null): number | null {
  const match = text ? /^nodejs_eventloop_lag_p99_seconds(?:\{[^}]*\})?\s+(\S+)/m.exec(text) : null;
  return match?.[1] ? Number(match[1]) * 1000 : null;
}

/** Cumulative counts of the server's own command-time histogram for the load's commands. */
function commandBuckets(text: string | null): Map<number, number> {
  const buckets = new Map<number, number>();
  const line =
    /^signal_room_command_duration_seconds_bucket\{(?=[^}]*type="move\.(?:un)?mark")(?=[^}]*outcome="ok")[^}]*le="([^"]+)"[^}]*\}\s+(\S+)/gm;
  for (const match of text?.matchAll(line) ?? []) {
    const le = match[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(match[1]);
    buckets.set(le, (buckets.get(le) ?? 0) + Number(match[2]));
  }
  return buckets;
}

/** The upper bound (ms) of the bucket that holds the p99 of what two scrapes added. */
function bucketP99(before: Map<number, number>, after: Map<number, number>): number | null {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const total =
    (after.get(Number.POSITIVE_INFINITY) ?? 0) - (before.get(Number.POSITIVE_INFINITY) ?? 0);
  if (total <= 0) return null;
  const bound = bounds.find((le) => (after.get(le) ?? 0) - (before.get(le) ?? 0) >= 0.99 * total);
  return bound === undefined ? null : bound * 1000;
}

async function measure(params: Params, start: () => Promise<Target>): Promise<TargetResult> {
  const target = await start();
  const { servers } = target;
  let rooms: LiveRoom[] = [];
  let floodRoom: LiveRoom | null = null;
  let result: TargetResult;
  try {
    say(`${target.label}: ${target.rooms.length} rooms ready; opening sockets`);
    await sleep(1000);
    const rssBefore = await totalRss(servers);
    const urls = servers.map((server) => server.url);
    const joined = await joinRooms(urls, target.rooms, params.joinConcurrency);
    rooms = joined.rooms;
    const held = heldCount(rooms);
    await sleep(1000);
    const rssAfterJoin = await totalRss(servers);
    say(`${target.label}: ${held} sockets joined (${joined.joinMs.length} joins timed)`);
    result = {
      label: target.label,
      kind: target.kind,
      adapter: target.adapter,
      nodes: servers.length,
      openFiles: servers.map((server) => server.openFilesLimit()),
      attempted: target.rooms.length * 3,
      joined: held,
      joinSetup: percentiles(joined.joinMs),
      joinFailures: Object.fromEntries(joined.failures),
      rssBeforeMiB: rssBefore / MiB,
      rssAfterJoinMiB: rssAfterJoin / MiB,
      rssAfterLoadMiB: null,
      rssPerSocketKiB: held > 0 ? (rssAfterJoin - rssBefore) / held / 1024 : null,
      load: null,
      serverLoop: null,
      metricsLoopP99: null,
      metricsCommandP99: null,
      serverCpu: [],
      serverComplaints: {},
      problems: [],
    };
    if (params.sockets !== null || rooms.length === 0) return result;

    // Joined after the RSS readings, which are of the rooms' sockets alone.
    if (target.floodRoom) {
      const floodJoined = await joinRooms(urls, [target.floodRoom], 3);
      floodRoom = floodJoined.rooms[0] ?? null;
      if (!floodRoom) {
        const why = [...floodJoined.failures.keys()].join('; ');
        throw new Error(`the flood's room did not join: ${why}`);
      }
    }
    await target.prepare(floodRoom ? [...rooms, floodRoom] : rooms);
    const { document } = params;
    const pads =
      params.typing > 0 ? await openDocuments(rooms, params.joinConcurrency, document) : null;
    if (pads && pads.failures.size > 0) {
      const why = [...pads.failures].map(([reason, n]) => `${n} × ${reason}`).join('; ');
      result.problems.push(`the ${document} did not open (${why}), so the load ran without it`);
      say(`${target.label}: the ${document} did not open (${why}); the load runs without it`);
    }
    let measuredFrom = 0;
    let cpuAtStart: number[] = [];
    let bucketsAtStart = new Map<number, number>();
    let started: Promise<void> = Promise.resolve();
    for (const server of servers) server.complaints = {};
    const problems: string[] = [];
    result.load = await runLoad({
      urls,
      rooms,
      rate: params.rate,
      warmupSeconds: params.warmup,
      durationSeconds: params.duration,
      joinRate: params.joinRate,
      flood: floodRoom ? { room: floodRoom, perSecond: params.flood } : null,
      typing: pads?.typists.length ? { typists: pads.typists, perSecond: params.typing } : null,
      onMeasuredStart: () => {
        // Time and CPU come from here and /proc, which answer even when a server does not.
        measuredFrom = performance.now();
        cpuAtStart = servers.map((server) => cpuMillis(server.pid));
        started = (async () => {
          // A scrape also resets prom-client's event-loop window.
          bucketsAtStart = commandBuckets(await scrape(target.metricsUrl));
          await Promise.all(servers.map((server) => server.probe('reset', PROBE_MS)));
        })();
        return started;
      },
      onMeasuredEnd: async () => {
        const window = performance.now() - measuredFrom;
        result.serverCpu = servers.map(
          (server, i) => ((cpuMillis(server.pid) - (cpuAtStart[i] ?? Number.NaN)) / window) * 100,
        );
        await started;
        const reads = await Promise.all(servers.map((server) => server.probe('read', PROBE_MS)));
        const metrics = await scrape(target.metricsUrl);
        result.metricsLoopP99 = metricsLoopP99(metrics);
        result.metricsCommandP99 = bucketP99(bucketsAtStart, commandBuckets(metrics));
        result.serverLoop = reads.reduce<LoopDelay | null>(
          (worst, read) => (read && (!worst || read.loop.p99 > worst.p99) ? read.loop : worst),
          null,
        );
        reads.forEach((read, i) => {
          const name = servers[i]?.name ?? 'a server';
          // The probe samples every 10 ms; far fewer samples means timers hardly ever ran.
          const expected = window / 10;
          if (!read) {
            problems.push(
              `${name} did not answer the event-loop probe within ${PROBE_MS / 1000} s at the end of the window: its loop was not running timers or I/O`,
            );
          } else if (read.loop.samples < expected / 4) {
            problems.push(
              `the event-loop probe of ${name} ran its 10 ms timer ${read.loop.samples} times in the ${(window / 1000).toFixed(1)} s window (≈ ${Math.round(expected)} expected): its loop was starved of timers and I/O, so the loop-delay figures do not cover the window`,
            );
          }
        });
      },
      progress: (line) => say(`${target.label}: ${line}`),
    });
    for (const server of servers) {
      for (const [complaint, count] of Object.entries(server.complaints)) {
        result.serverComplaints[complaint] = (result.serverComplaints[complaint] ?? 0) + count;
      }
    }
    result.rssAfterLoadMiB = (await totalRss(servers)) / MiB;
    result.problems.push(...problems);
    say(
      `${target.label}: ${result.load.acked}/${result.load.sent} acked; ack p99 ${result.load.ack?.p99.toFixed(1) ?? '–'} ms, peer p99 ${result.load.peer?.p99.toFixed(1) ?? '–'} ms`,
    );
  } finally {
    closeRooms(floodRoom ? [...rooms, floodRoom] : rooms);
    await target.stop();
  }
  const typing = result.load?.typing;
  // Read once the target has stopped: every acked update is in, and an embedded database is free.
  if (typing && target.storedUpdates) {
    const sessionIds = rooms.map((room) => room.plan.sessionId);
    typing.stored = await target.storedUpdates(sessionIds).catch((error: unknown) => {
      const why = error instanceof Error ? error.message : String(error);
      result.problems.push(`updates stored: not measured, as ${why}`);
      return null;
    });
    say(
      `${target.label}: ${typing.stored ?? 'not measured'} updates stored of ${typing.ackedInRun} acked`,
    );
  }
  return result;
}

async function stopEverything(): Promise<void> {
  await Promise.all(
    [...ServerProcess.running].map((server) => server.stop().catch(() => undefined)),
  );
  await undoAll();
}

async function main(): Promise<void> {
  const params = readParams();
  const startedAt = new Date();
  const product = productVersion();
  const host = machine();
  say(`parameters ${JSON.stringify(describeParams(params))}; load average ${host.load}`);
  const results: TargetResult[] = [];
  const notes: string[] = [];

  let metricsServed = false;
  for (const adapter of productRuns(params)) {
    results.push(
      await measure(params, async () => {
        const product = await startProduct(params, adapter);
        metricsServed = (await scrape(product.metricsUrl)) !== null;
        return product;
      }),
    );
  }
  const floors: Floor[] = [{ kind: 'bare', adapter: null }];
  if (params.sockets === null) {
    if (params.floorDatabase) floors.push({ kind: 'insert', adapter: null });
    else {
      notes.push(
        'Raw-INSERT floor skipped: it needs real PostgreSQL and neither DATABASE nor TEST_DATABASE_URL names one.',
      );
    }
    floors.push(...params.adapters.map((adapter) => ({ kind: 'pair' as const, adapter })));
  }
  for (const floor of floors) {
    const name = targetLabel(FLOOR_LABELS[floor.kind], floor.adapter);
    // A floor that cannot run (no Redis, say) is reported; the product's figures still count.
    await measure(params, () => startFloor(floor, params)).then(
      (result) => results.push(result),
      (error: unknown) => {
        say(`${name} failed: ${String(error)}`);
        notes.push(`The ${name} floor failed: ${String(error).split('\n')[0]}`);
      },
    );
  }

  if (params.sockets === null) {
    notes.push(
      !metricsServed
        ? 'The product answered no GET /api/metrics: its event-loop delay is read only by the probe preloaded into each server process (perf_hooks.monitorEventLoopDelay, 10 ms resolution taken off); the clock:ping round trip under load is a proxy that also includes the network and the bench client.'
        : "Event-loop delay two ways: the probe preloaded into every server process (perf_hooks.monitorEventLoopDelay, its 10 ms resolution taken off) and the product's own GET /api/metrics (prom-client's nodejs_eventloop_lag_p99_seconds, which keeps the 10 ms in). The server-side command time is the bucket of signal_room_command_duration_seconds that holds the p99 of the window's move.mark/unmark commands; a dash there means the scrape at the end of the window got no answer within 10 s.",
    );
  }
  if (params.flood > 0) {
    notes.push(
      `Flood: every target's measured window was split in two equal halves; in the second, the interviewer of one more room sent ${params.flood} commands/s (the same move marks, without waiting for acks) beside the rooms' load. Unlike runs without FLOOD, which raise it out of the way, the product ran with its own per-socket rate limit (COMMAND_RATE_PER_SECOND from the environment, else its default); the floors have none.`,
    );
  }
  if (params.database === 'embedded' && params.floorDatabase) {
    notes.push(
      'The product ran on the embedded database; the raw-INSERT floor ran on the PostgreSQL of TEST_DATABASE_URL (it needs a real server).',
    );
  }
  notes.push(
    'Latencies are measured by one bench process on the same machine; its own loop delay and send lag are shown so a saturated client can be told from a slow server.',
  );
  for (const result of results) {
    const failures = Object.entries(result.joinFailures);
    if (failures.length > 0) {
      notes.push(
        `${result.label}: joins failed at setup: ${failures.map(([why, n]) => `${n} × ${why}`).join('; ')}.`,
      );
    }
    for (const problem of result.problems) notes.push(`${result.label}: ${problem}.`);
    const complaints = Object.entries(result.serverComplaints).sort(([, a], [, b]) => b - a);
    if (complaints.length > 0) {
      notes.push(
        `${result.label}: the server logged during the load ${complaints
          .slice(0, 5)
          .map(([complaint, count]) => `${count} × \`${complaint}\``)
          .join('; ')}.`,
      );
    }
  }

  const report: Report = {
    startedAt,
    product,
    params,
    machine: host,
    loadAtEnd: loadAverage(),
    results,
    notes,
  };
  const file = params.resultsFile ? resolve(root, params.resultsFile) : null;
  const section = await format(markdown(report), {
    ...(await resolveConfig(resolve(root, 'README.md'))),
    parser: 'markdown',
  });
  const json = jsonLine(report);
  process.stdout.write(`\n${section}\n${json}\n`);
  if (file) {
    // Every run is kept as its JSON line; the Markdown beside it is only the latest of each kind.
    const history = resolve(dirname(file), HISTORY_FILE);
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(history, `${json}\n`);
    const lines = readFileSync(history, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as HistoryLine);
    // Formatted as the repository formats Markdown, so RESULTS.md passes `prettier --check`.
    const prettier = { ...(await resolveConfig(file)), parser: 'markdown' };
    writeFileSync(file, await format(summary(lines, HISTORY_FILE), prettier));
    say(`appended to ${history}; ${file} rewritten`);
  }
}

const watchdog = setTimeout(() => {
  say('the run took too long; stopping');
  void stopEverything().finally(() => process.exit(1));
}, WATCHDOG_MS);
watchdog.unref();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    say(`${signal}: stopping servers and cleaning up`);
    void stopEverything().finally(() => process.exit(130));
  });
}

main()
  .then(async () => {
    await stopEverything();
    process.exit(0);
  })
  .catch(async (error: unknown) => {
    say(error instanceof Error ? (error.stack ?? error.message) : String(error));
    await stopEverything();
    process.exit(1);
  });
