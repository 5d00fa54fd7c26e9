/**
 * A bounded abuse probe of a built Signal Room API: what one person (or one address) can do to a
 * node with shared data folders, many sockets, floods, join and login bursts, messages of the
 * wrong shape, text that is not text, and what a candidate can read of notes changed or removed.
 * It starts its own servers on 127.0.0.1 (embedded database, fresh data folders), prints a table
 * per case and a one-line summary of each, and asserts nothing: it is for before/after figures.
 *
 *   BUILD=/path/to/checkout OUT=/tmp/probe.json npm run probe:abuse
 *
 * BUILD is a checkout whose dist/apps/api/main.js is built (default: this repository); OUT, if
 * set, receives the report as JSON. Each case is bounded in time and count; the whole run takes
 * two to three minutes, and stops everything it started however it ends.
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type {
  AuthResponse,
  CommandAck,
  CommandEnvelope,
  Invite,
  SessionSummary,
} from '@signal-room/protocol';
import type { Socket } from 'socket.io-client';
import type { RoomSocket } from './driver';
import { connect } from './driver';
import { ServerProcess, freePort, loadAverage, machine, root } from './processes';
import { inParallel, percentiles, sleep } from './stats';

const BUILD = resolve(process.env['BUILD'] ?? root);
const OUT = process.env['OUT'] ? resolve(process.env['OUT']) : null;
const MAIN = join(BUILD, 'dist/apps/api/main.js');

const STARTUP_MS = 90_000;
/** How long the second server on a shared folder gets to either refuse or come up. */
const SHARED_DIR_WAIT_MS = 20_000;
const SOCKETS_PER_USER_TRIED = 300;
const CONNECT_CONCURRENCY = 25;
const FLOOD_SOCKETS = 10;
const CALM_MS = 5_000;
const FLOOD_MS = 8_000;
const BURST_MS = 5_000;
const PACE_MS = 100;
const JOINS_AT_ONCE = 12;
const JOIN_SOCKETS = 4;
const BAD_LOGINS = 200;
const LOGIN_CONCURRENCY = 16;
/** No bad login is started after this long; those not sent are reported as such. */
const LOGIN_BURST_MS = 60_000;
/** Completed bad logins at which a correct login of another account is timed beside them. */
const GOOD_LOGIN_AT = [32, 96, 160];
const ACK_TIMEOUT_MS = 10_000;
const SHAPE_TIMEOUT_MS = 2_000;
const HTTP_TIMEOUT_MS = 20_000;
/** A safety net beneath each case's own bounds: a case stuck past it is reported and left. */
const CASE_LIMIT_MS = 90_000;
/** However the run goes, it ends by itself after this long. */
const WATCHDOG_MS = 8 * 60_000;

const say = (line: string): void => {
  process.stderr.write(`[probe:abuse] ${line}\n`);
};

// ---------------------------------------------------------------------------------------------
// What is started, so that it can all be stopped

const folders: string[] = [];
/** Servers started outside ServerProcess (the second one on a shared folder). */
const strays = new Set<ChildProcess>();
const openSockets = new Set<RoomSocket>();

function freshFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'signal-room-probe-'));
  folders.push(folder);
  return folder;
}

function closeSockets(): void {
  for (const socket of openSockets) socket.close();
  openSockets.clear();
}

async function stopEverything(): Promise<void> {
  closeSockets();
  for (const child of strays) child.kill('SIGKILL');
  strays.clear();
  await Promise.all([...ServerProcess.running].map((server) => server.stop()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

/**
 * The product's own defaults are what is probed: no limit, secret or database from the caller's
 * environment may leak into the server, so it gets only what a process needs to run.
 */
function serverEnv(port: number, dataDir: string): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'LANG', 'TMPDIR'] as const;
  const env: NodeJS.ProcessEnv = {};
  for (const name of keep) if (process.env[name] !== undefined) env[name] = process.env[name];
  return {
    ...env,
    PORT: String(port),
    DATA_DIR: dataDir,
    WEB_ROOT: '/nonexistent',
    LOG_LEVEL: 'warn',
  };
}

async function startServer(name: string, dataDir: string): Promise<ServerProcess> {
  const port = await freePort();
  return ServerProcess.start({
    name,
    port,
    args: [MAIN],
    env: serverEnv(port, dataDir),
    readyPath: '/api/health/live',
    startupMs: STARTUP_MS,
  });
}

// ---------------------------------------------------------------------------------------------
// HTTP and socket helpers

interface HttpAnswer {
  status: number;
  text: string;
  json: unknown;
  ms: number;
}

async function http(
  url: string,
  method: 'GET' | 'POST',
  path: string,
  token: string | null,
  body?: unknown,
): Promise<HttpAnswer> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/api${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // Not every answer is JSON (the Markdown export); the text is what is searched.
    }
    return { status: response.status, text, json, ms: performance.now() - started };
  } catch (error) {
    return { status: 0, text: String(error), json: null, ms: performance.now() - started };
  }
}

/** The error code of an HTTP error answer, or '' when it has none. */
function codeOf(answer: HttpAnswer): string {
  const error = (answer.json as { error?: { code?: unknown } } | null)?.error;
  return typeof error?.code === 'string' ? error.code : '';
}

const statusLabel = (answer: HttpAnswer): string =>
  answer.status === 0
    ? `no answer (${answer.text.slice(0, 60)})`
    : `${answer.status} ${codeOf(answer)}`.trim();

async function expectOk<T>(answer: Promise<HttpAnswer>, what: string): Promise<T> {
  const result = await answer;
  if (result.status < 200 || result.status >= 300) {
    throw new Error(`${what} answered ${statusLabel(result)}: ${result.text.slice(0, 200)}`);
  }
  return result.json as T;
}

interface Context {
  url: string;
  run: string;
}

const password = (run: string): string => `probe-${run} long passphrase`;

function register(ctx: Context, label: string): Promise<AuthResponse> {
  return expectOk<AuthResponse>(
    http(ctx.url, 'POST', '/auth/register', null, {
      email: `probe-${ctx.run}-${label}@example.com`,
      password: password(ctx.run),
      displayName: `Probe ${label}`,
    }),
    `registering ${label}`,
  );
}

function createSession(ctx: Context, interviewer: AuthResponse): Promise<SessionSummary> {
  return expectOk<SessionSummary>(
    http(ctx.url, 'POST', '/sessions', interviewer.token, {
      roundType: 'system-design',
      promptId: 'system-design-usage-metering',
    }),
    'creating a session',
  );
}

async function letIn(
  ctx: Context,
  session: SessionSummary,
  interviewer: AuthResponse,
  who: AuthResponse,
  role: 'candidate' | 'observer',
): Promise<void> {
  const invite = await expectOk<Invite>(
    http(ctx.url, 'POST', `/sessions/${session.id}/invites`, interviewer.token, { role }),
    `inviting a ${role}`,
  );
  await expectOk<SessionSummary>(
    http(ctx.url, 'POST', `/invites/${invite.token ?? ''}/accept`, who.token, {}),
    `accepting the ${role} invite`,
  );
}

async function openSocket(ctx: Context, token: string): Promise<RoomSocket> {
  const socket = await connect(ctx.url, token);
  openSockets.add(socket);
  return socket;
}

async function joined(ctx: Context, token: string, sessionId: string): Promise<RoomSocket> {
  const socket = await openSocket(ctx, token);
  const ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('room:join', { sessionId });
  if (!ack.ok) throw new Error(`room:join answered ${ack.error.code}`);
  return socket;
}

interface Outcome {
  /** 'ok', the refusal's code, TIMEOUT or DISCONNECTED. */
  code: string;
  ms: number;
  seq: number | null;
}

const answered = (outcome: Outcome): boolean =>
  outcome.code !== 'TIMEOUT' && outcome.code !== 'DISCONNECTED';

async function command(
  socket: RoomSocket,
  sessionId: string,
  type: CommandEnvelope['type'],
  payload: unknown,
  clientEventId: string = randomUUID(),
): Promise<Outcome> {
  if (!socket.connected) return { code: 'DISCONNECTED', ms: 0, seq: null };
  const started = performance.now();
  try {
    const ack: CommandAck = await socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('room:command', { sessionId, clientEventId, type, payload });
    const ms = performance.now() - started;
    return ack.ok ? { code: 'ok', ms, seq: ack.seq } : { code: ack.error.code, ms, seq: null };
  } catch {
    return { code: socket.connected ? 'TIMEOUT' : 'DISCONNECTED', ms: 0, seq: null };
  }
}

async function mustCommand(
  socket: RoomSocket,
  sessionId: string,
  type: CommandEnvelope['type'],
  payload: unknown,
  clientEventId?: string,
): Promise<void> {
  const outcome = await command(socket, sessionId, type, payload, clientEventId);
  if (outcome.code !== 'ok') throw new Error(`${type} answered ${outcome.code}`);
}

const mark = (socket: RoomSocket, sessionId: string): Promise<Outcome> =>
  command(socket, sessionId, 'move.mark', { move: 'narrow-scope' });

/**
 * Sends on a fixed schedule whatever the answers: waiting for each ack would send less when the
 * server is slow, and hide exactly the delay being measured.
 */
async function paced(durationMs: number, send: () => Promise<Outcome>): Promise<Outcome[]> {
  const pending: Promise<Outcome>[] = [];
  const start = performance.now();
  for (let i = 0; i * PACE_MS < durationMs; i += 1) {
    const wait = start + i * PACE_MS - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(send());
  }
  return Promise.all(pending);
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

const describeCounts = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .sort(([, a], [, b]) => b - a)
    .map(([key, n]) => `${key}×${n}`)
    .join(', ') || '—';

const ms = (value: number | null | undefined): string =>
  value === null || value === undefined || Number.isNaN(value) ? '—' : value.toFixed(1);

interface AckFigures {
  sent: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  notOk: Record<string, number>;
}

function ackFigures(outcomes: readonly Outcome[]): AckFigures {
  const figures = percentiles(outcomes.filter(answered).map((outcome) => outcome.ms));
  return {
    sent: outcomes.length,
    p50: figures?.p50 ?? null,
    p95: figures?.p95 ?? null,
    p99: figures?.p99 ?? null,
    max: figures?.max ?? null,
    notOk: countBy(
      outcomes.filter((outcome) => outcome.code !== 'ok'),
      (outcome) => outcome.code,
    ),
  };
}

const ackRow = (phase: string, figures: AckFigures): string[] => [
  phase,
  String(figures.sent),
  ms(figures.p50),
  ms(figures.p95),
  ms(figures.p99),
  ms(figures.max),
  describeCounts(figures.notOk),
];
const ACK_HEADERS = ['phase', 'sent', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'not ok'];

// ---------------------------------------------------------------------------------------------
// The report

interface Table {
  title?: string;
  headers: string[];
  rows: string[][];
}

interface CaseResult {
  id: number;
  title: string;
  seconds: number;
  /** Why the case could not be run on this version, or null. */
  error: string | null;
  tables: Table[];
  summary: string;
  data: unknown;
}

interface CaseOutput {
  tables: Table[];
  summary: string;
  data: unknown;
}

function renderTable(table: Table): string {
  const widths = table.headers.map((header, column) =>
    Math.max(header.length, ...table.rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [
    ...(table.title ? [table.title] : []),
    line(table.headers),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...table.rows.map(line),
  ].join('\n');
}

async function runCase(
  id: number,
  title: string,
  work: () => Promise<CaseOutput>,
): Promise<CaseResult> {
  say(`case ${id}: ${title}`);
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`took longer than ${CASE_LIMIT_MS / 1000} s`)),
      CASE_LIMIT_MS,
    );
  });
  try {
    const output = await Promise.race([work(), limit]);
    return { id, title, seconds: (performance.now() - started) / 1000, error: null, ...output };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    say(`case ${id} could not run: ${reason}`);
    return {
      id,
      title,
      seconds: (performance.now() - started) / 1000,
      error: reason.split('\n')[0] ?? reason,
      tables: [],
      summary: `not run: ${reason.split('\n')[0] ?? reason}`,
      data: null,
    };
  } finally {
    clearTimeout(timer);
    closeSockets();
  }
}

// ---------------------------------------------------------------------------------------------
// 1. Two servers on one data folder

interface Stray {
  child: ChildProcess;
  stderr: string[];
  exit: { code: number | null; signal: string | null } | null;
}

function spawnStray(port: number, dataDir: string): Stray {
  const child = spawn(process.execPath, [MAIN], {
    cwd: BUILD,
    env: serverEnv(port, dataDir),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  strays.add(child);
  const stray: Stray = { child, stderr: [], exit: null };
  let unfinished = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const lines = (unfinished + chunk.toString()).split('\n');
    unfinished = lines.pop() ?? '';
    stray.stderr.push(...lines.filter((line) => line.trim()));
  });
  child.once('exit', (code, signal) => {
    strays.delete(child);
    if (unfinished.trim()) stray.stderr.push(unfinished);
    stray.exit = { code, signal };
  });
  return stray;
}

async function stopStray(stray: Stray): Promise<void> {
  if (stray.exit) return;
  const exited = new Promise<void>((done) => stray.child.once('exit', () => done()));
  stray.child.kill('SIGTERM');
  if (!(await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]))) {
    stray.child.kill('SIGKILL');
    await exited;
  }
}

async function sharedDataFolder(): Promise<CaseOutput> {
  const dataDir = freshFolder();
  const first = await startServer('server A', dataDir);
  try {
    const port = await freePort();
    const second = spawnStray(port, dataDir);
    const started = performance.now();
    let up = false;
    while (!second.exit && performance.now() - started < SHARED_DIR_WAIT_MS) {
      up = await fetch(`http://127.0.0.1:${port}/api/health/live`, {
        signal: AbortSignal.timeout(2_000),
      }).then(
        (response) => response.ok,
        () => false,
      );
      if (up) break;
      await sleep(250);
    }
    const seconds = (performance.now() - started) / 1000;
    // A little longer for a refusal's line to arrive after the exit.
    await sleep(200);
    const refused = second.exit !== null;
    const outcome = second.exit
      ? `refused: exit ${second.exit.code ?? second.exit.signal ?? '?'}`
      : up
        ? 'started'
        : `neither refused nor up in ${SHARED_DIR_WAIT_MS / 1000} s`;
    const firstLine = second.stderr[0] ?? '—';
    const bHealth = up ? await http(`http://127.0.0.1:${port}`, 'GET', '/health', null) : null;
    await stopStray(second);
    // A still answering the database shows whether B's attempt hurt the folder A holds.
    const aHealth = await http(first.url, 'GET', '/health', null);
    return {
      tables: [
        {
          headers: ['server B on A’s DATA_DIR', 'after s', 'first stderr line', 'B /api/health'],
          rows: [[outcome, seconds.toFixed(1), firstLine.slice(0, 160), bHealth?.text ?? '—']],
        },
        {
          headers: ['server A afterwards', 'GET /api/health'],
          rows: [['A', `${statusLabel(aHealth)} ${aHealth.text.slice(0, 100)}`]],
        },
      ],
      summary: `B ${outcome}${refused ? ` — ${firstLine.slice(0, 100)}` : ''}; A afterwards GET /api/health ${statusLabel(aHealth)}`,
      data: {
        outcome,
        seconds,
        stderr: second.stderr.slice(0, 5),
        exit: second.exit,
        aHealth: aHealth.status,
      },
    };
  } finally {
    await first.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Many sockets of one person

async function socketsPerUser(ctx: Context): Promise<CaseOutput> {
  const user = await register(ctx, 'sockets');
  const started = performance.now();
  const results = await inParallel(
    Array.from({ length: SOCKETS_PER_USER_TRIED }, (_, i) => i),
    CONNECT_CONCURRENCY,
    () =>
      openSocket(ctx, user.token).then(
        () => 'connected',
        (error: unknown) => `refused: ${error instanceof Error ? error.message : String(error)}`,
      ),
  );
  const seconds = (performance.now() - started) / 1000;
  // A server might let a socket in and drop it a moment later: count who is still there.
  await sleep(1_000);
  const still = [...openSockets].filter((socket) => socket.connected).length;
  const counts = countBy(results, (result) => result);
  const connected = counts['connected'] ?? 0;
  const refused = countBy(
    results.filter((result) => result !== 'connected'),
    (result) => result.replace(/^refused: /, ''),
  );
  return {
    tables: [
      {
        headers: [
          'tried',
          'connected',
          'still connected 1 s later',
          'refused (connect_error)',
          's',
        ],
        rows: [
          [
            String(SOCKETS_PER_USER_TRIED),
            String(connected),
            String(still),
            describeCounts(refused),
            seconds.toFixed(1),
          ],
        ],
      },
    ],
    summary: `${connected}/${SOCKETS_PER_USER_TRIED} connected, refused: ${describeCounts(refused)}`,
    data: { tried: SOCKETS_PER_USER_TRIED, connected, stillConnected: still, refused, seconds },
  };
}

// ---------------------------------------------------------------------------------------------
// 3. A flood from many sockets of one person, beside another person's room

async function flood(ctx: Context): Promise<CaseOutput> {
  const [flooder, quiet] = await Promise.all([register(ctx, 'flooder'), register(ctx, 'quiet')]);
  const [s1, s2] = await Promise.all([createSession(ctx, flooder), createSession(ctx, quiet)]);
  const floodSockets = await inParallel(
    Array.from({ length: FLOOD_SOCKETS }, (_, i) => i),
    FLOOD_SOCKETS,
    () => joined(ctx, flooder.token, s1.id),
  );
  const q = await joined(ctx, quiet.token, s2.id);

  const calm = await paced(CALM_MS, () => mark(q, s2.id));

  const disconnects: string[] = [];
  for (const socket of floodSockets) {
    socket.once('disconnect', (reason) => disconnects.push(reason));
  }
  const floodOutcomes: Outcome[] = [];
  const floodEnds = performance.now() + FLOOD_MS;
  const flooding = Promise.all(
    floodSockets.map(async (socket) => {
      while (performance.now() < floodEnds && socket.connected) {
        floodOutcomes.push(await mark(socket, s1.id));
      }
    }),
  );
  const beside = await paced(FLOOD_MS, () => mark(q, s2.id));
  await flooding;

  const calmFigures = ackFigures(calm);
  const besideFigures = ackFigures(beside);
  const floodCounts = countBy(floodOutcomes, (outcome) => outcome.code);
  const okCount = floodCounts['ok'] ?? 0;
  const refused = Object.fromEntries(Object.entries(floodCounts).filter(([code]) => code !== 'ok'));
  const cutOff = countBy(disconnects, (reason) => reason);
  return {
    tables: [
      {
        title: `Q: one command every ${PACE_MS} ms on its own session`,
        headers: ACK_HEADERS,
        rows: [
          ackRow(`calm (${CALM_MS / 1000} s)`, calmFigures),
          ackRow(`beside F's flood (${FLOOD_MS / 1000} s)`, besideFigures),
        ],
      },
      {
        title: `F: ${FLOOD_SOCKETS} sockets in one session, each sending as fast as its acks come back`,
        headers: ['sent', 'per s', 'ok', 'refused by code', 'F sockets disconnected'],
        rows: [
          [
            String(floodOutcomes.length),
            (floodOutcomes.length / (FLOOD_MS / 1000)).toFixed(0),
            String(okCount),
            describeCounts(refused),
            `${disconnects.length}/${FLOOD_SOCKETS} ${disconnects.length ? `(${describeCounts(cutOff)})` : ''}`.trim(),
          ],
        ],
      },
    ],
    summary:
      `Q p99 ${ms(calmFigures.p99)} → ${ms(besideFigures.p99)} ms (not ok ${describeCounts(besideFigures.notOk)}); ` +
      `F ok ${okCount}/${floodOutcomes.length}, refused ${describeCounts(refused)}, ${disconnects.length} sockets cut`,
    data: {
      quiet: { calm: calmFigures, beside: besideFigures },
      flooder: { sent: floodOutcomes.length, ok: okCount, refused, disconnects: cutOff },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 4. A burst of catch-up joins from a candidate's tabs

async function joinBurst(ctx: Context): Promise<CaseOutput> {
  const [interviewer, candidate] = await Promise.all([
    register(ctx, 'burst-interviewer'),
    register(ctx, 'burst-candidate'),
  ]);
  const session = await createSession(ctx, interviewer);
  await letIn(ctx, session, interviewer, candidate, 'candidate');
  const own = await joined(ctx, interviewer.token, session.id);
  const tabs = await Promise.all(
    Array.from({ length: JOIN_SOCKETS }, () => openSocket(ctx, candidate.token)),
  );

  const calm = await paced(CALM_MS, () => mark(own, session.id));
  const logLength = Math.max(0, ...calm.map((outcome) => outcome.seq ?? 0));

  const joins: Outcome[] = [];
  let rounds = 0;
  const burstEnds = performance.now() + BURST_MS;
  const bursting = (async () => {
    while (performance.now() < burstEnds) {
      rounds += 1;
      const round = await Promise.all(
        Array.from({ length: JOINS_AT_ONCE }, async (_, i): Promise<Outcome> => {
          const socket = tabs[i % JOIN_SOCKETS] as RoomSocket;
          if (!socket.connected) return { code: 'DISCONNECTED', ms: 0, seq: null };
          const started = performance.now();
          try {
            const ack = await socket
              .timeout(ACK_TIMEOUT_MS)
              .emitWithAck('room:join', { sessionId: session.id, lastSeq: 0 });
            const took = performance.now() - started;
            return { code: ack.ok ? 'ok' : ack.error.code, ms: took, seq: null };
          } catch {
            return { code: socket.connected ? 'TIMEOUT' : 'DISCONNECTED', ms: 0, seq: null };
          }
        }),
      );
      joins.push(...round);
    }
  })();
  const during = await paced(BURST_MS, () => mark(own, session.id));
  await bursting;

  const calmFigures = ackFigures(calm);
  const duringFigures = ackFigures(during);
  const joinCounts = countBy(joins, (outcome) => outcome.code);
  const joinTimes = percentiles(joins.filter((j) => j.code === 'ok').map((j) => j.ms));
  return {
    tables: [
      {
        title: `interviewer: one command every ${PACE_MS} ms (room log ~${logLength} events when the burst starts)`,
        headers: ACK_HEADERS,
        rows: [
          ackRow(`calm (${CALM_MS / 1000} s)`, calmFigures),
          ackRow(`during the join burst (${BURST_MS / 1000} s)`, duringFigures),
        ],
      },
      {
        title: `candidate: ${JOINS_AT_ONCE} room:join {lastSeq: 0} at once from ${JOIN_SOCKETS} sockets, round after round`,
        headers: ['rounds', 'joins', 'answers', 'ok join p50 ms', 'ok join p99 ms'],
        rows: [
          [
            String(rounds),
            String(joins.length),
            describeCounts(joinCounts),
            ms(joinTimes?.p50),
            ms(joinTimes?.p99),
          ],
        ],
      },
    ],
    summary:
      `interviewer p50/p99 ${ms(calmFigures.p50)}/${ms(calmFigures.p99)} → ${ms(duringFigures.p50)}/${ms(duringFigures.p99)} ms; ` +
      `joins ${describeCounts(joinCounts)}`,
    data: {
      logLength,
      interviewer: { calm: calmFigures, during: duringFigures },
      joins: { rounds, total: joins.length, answers: joinCounts, okTimes: joinTimes },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 5. A burst of wrong passwords, and someone else signing in beside it

async function loginBurst(ctx: Context): Promise<CaseOutput> {
  const [target, bystander] = await Promise.all([
    register(ctx, 'login-target'),
    register(ctx, 'login-bystander'),
  ]);
  const login = (who: AuthResponse, secret: string): Promise<HttpAnswer> =>
    http(ctx.url, 'POST', '/auth/login', null, { email: who.user.email, password: secret });

  const calm: HttpAnswer[] = [];
  for (let i = 0; i < GOOD_LOGIN_AT.length; i += 1)
    calm.push(await login(bystander, password(ctx.run)));

  const beside: { at: number; answer: Promise<HttpAnswer> }[] = [];
  let done = 0;
  const started = performance.now();
  const deadline = started + LOGIN_BURST_MS;
  const answers = await inParallel(
    Array.from({ length: BAD_LOGINS }, (_, i) => i),
    LOGIN_CONCURRENCY,
    async (): Promise<HttpAnswer | null> => {
      // A server that hashes every wrong password can take minutes over 200: the bound wins.
      if (performance.now() > deadline) return null;
      const answer = await login(target, 'not the password at all');
      done += 1;
      if (GOOD_LOGIN_AT.includes(done)) {
        beside.push({ at: done, answer: login(bystander, password(ctx.run)) });
      }
      return answer;
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const bad = answers.filter((answer): answer is HttpAnswer => answer !== null);
  const besideAnswers = await Promise.all(
    beside.map(async ({ at, answer }) => ({ at, answer: await answer })),
  );
  const statuses = countBy(bad, (answer) =>
    answer.status === 401 || answer.status === 429 ? String(answer.status) : 'other',
  );
  const others = countBy(
    bad.filter((answer) => answer.status !== 401 && answer.status !== 429),
    statusLabel,
  );
  const codes = countBy(bad, statusLabel);
  const calmMedian = percentiles(calm.map((answer) => answer.ms))?.p50 ?? null;
  return {
    tables: [
      {
        title: `X: ${BAD_LOGINS} wrong-password logins, ${LOGIN_CONCURRENCY} at a time`,
        headers: ['sent', '401', '429', 'other', 'answers', 's', 'per s'],
        rows: [
          [
            `${bad.length}${bad.length < BAD_LOGINS ? ` (none started after ${LOGIN_BURST_MS / 1000} s)` : ''}`,
            String(statuses['401'] ?? 0),
            String(statuses['429'] ?? 0),
            `${statuses['other'] ?? 0}${Object.keys(others).length ? ` (${describeCounts(others)})` : ''}`,
            describeCounts(codes),
            seconds.toFixed(1),
            (bad.length / seconds).toFixed(1),
          ],
        ],
      },
      {
        title: 'Y: one correct login, calm and beside the burst',
        headers: ['when', 'status', 'ms'],
        rows: [
          ...calm.map((answer, i) => [`calm #${i + 1}`, statusLabel(answer), ms(answer.ms)]),
          ...besideAnswers.map(({ at, answer }) => [
            `beside the burst, after ${at} bad`,
            statusLabel(answer),
            ms(answer.ms),
          ]),
        ],
      },
    ],
    summary:
      `${bad.length} bad logins: 401×${statuses['401'] ?? 0} 429×${statuses['429'] ?? 0} other×${statuses['other'] ?? 0} in ${seconds.toFixed(1)} s; ` +
      `Y calm ${ms(calmMedian)} ms, beside ${besideAnswers.map(({ answer }) => `${ms(answer.ms)} ms (${answer.status})`).join(', ') || '—'}`,
    data: {
      bad: { sent: bad.length, statuses, codes, seconds },
      bystander: {
        calm: calm.map((answer) => ({ status: answer.status, ms: answer.ms })),
        beside: besideAnswers.map(({ at, answer }) => ({
          at,
          status: answer.status,
          ms: answer.ms,
        })),
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 6. Messages without a body, or with one argument too many

function describeAnswer(answer: unknown): string {
  if (answer === null || typeof answer !== 'object') return `answered ${JSON.stringify(answer)}`;
  const record = answer as Record<string, unknown>;
  if (record['ok'] === true) return 'answered ok';
  if (record['ok'] === false) {
    const error = record['error'] as { code?: unknown; message?: unknown } | undefined;
    return `answered ok:false ${String(error?.code)} — ${String(error?.message).slice(0, 60)}`;
  }
  const fields = Object.entries(record).map(
    ([key, value]) =>
      `${key}: ${typeof value === 'number' && value > 1e12 ? 'now' : JSON.stringify(value)}`,
  );
  return `answered { ${fields.join(', ')} }`;
}

async function shapes(ctx: Context): Promise<CaseOutput> {
  const user = await register(ctx, 'shapes');
  const session = await createSession(ctx, user);
  const socket = await joined(ctx, user.token, session.id);
  // Untyped: the point is to send what the typed events do not allow.
  const raw = socket as unknown as Socket;
  const valid = {
    'room:command': {
      sessionId: session.id,
      clientEventId: randomUUID(),
      type: 'move.mark',
      payload: { move: 'narrow-scope' },
    },
    'room:join': { sessionId: session.id },
    'clock:ping': { clientTime: Date.now() },
  };
  const events = ['room:command', 'room:join', 'clock:ping'] as const;
  const calls = events.flatMap((event) => [
    { event, args: 'no argument', send: () => raw.timeout(SHAPE_TIMEOUT_MS).emitWithAck(event) },
    {
      event,
      args: 'valid body + extra argument',
      send: () => raw.timeout(SHAPE_TIMEOUT_MS).emitWithAck(event, valid[event], 'extra'),
    },
  ]);
  const rows = await Promise.all(
    calls.map(async ({ event, args, send }) => {
      const started = performance.now();
      const answer = await send().then(describeAnswer, () =>
        socket.connected ? `timed out (${SHAPE_TIMEOUT_MS / 1000} s)` : 'socket disconnected',
      );
      return [event, args, answer, ms(performance.now() - started)];
    }),
  );
  const timedOut = rows.filter((row) => row[2]?.startsWith('timed out')).length;
  return {
    tables: [{ headers: ['event', 'arguments', 'answer', 'ms'], rows }],
    summary: `${rows.length - timedOut}/${rows.length} answered, ${timedOut} timed out`,
    data: rows.map(([event, args, answer]) => ({ event, args, answer })),
  };
}

// ---------------------------------------------------------------------------------------------
// 7. Text that is not text

async function badText(ctx: Context): Promise<CaseOutput> {
  const attempt = async (what: string, answer: Promise<HttpAnswer>): Promise<string[]> => {
    const result = await answer;
    const name = (result.json as { user?: { displayName?: unknown } } | null)?.user?.displayName;
    // JSON-escaped, so a NUL or a replacement character can be seen in the table.
    const stored = typeof name === 'string' ? JSON.stringify(name) : '—';
    return [what, statusLabel(result), stored];
  };
  const user = await register(ctx, 'text');
  const rows = await Promise.all([
    attempt(
      'register, display name with NUL',
      http(ctx.url, 'POST', '/auth/register', null, {
        email: `probe-${ctx.run}-nul@example.com`,
        password: password(ctx.run),
        displayName: 'Probe\u0000NUL',
      }),
    ),
    attempt(
      'register, display name with lone \\ud83d',
      http(ctx.url, 'POST', '/auth/register', null, {
        email: `probe-${ctx.run}-surrogate@example.com`,
        password: password(ctx.run),
        displayName: 'Probe \ud83d',
      }),
    ),
    attempt(
      'custom-prompt session, NUL in body',
      http(ctx.url, 'POST', '/sessions', user.token, {
        roundType: 'system-design',
        customPrompt: { title: 'Probe prompt', body: 'before\u0000after', hints: [] },
      }),
    ),
  ]);
  return {
    tables: [{ headers: ['request', 'status', 'display name stored'], rows }],
    summary: rows.map((row) => `${row[0]?.split(',')[1]?.trim() ?? row[0]}: ${row[1]}`).join('; '),
    data: rows.map(([request, status, stored]) => ({ request, status, stored })),
  };
}

// ---------------------------------------------------------------------------------------------
// 8. What a candidate reads of notes that were edited or removed

async function timelinePrivacy(ctx: Context): Promise<CaseOutput> {
  const [interviewer, candidate] = await Promise.all([
    register(ctx, 'notes-interviewer'),
    register(ctx, 'notes-candidate'),
  ]);
  const session = await createSession(ctx, interviewer);
  await letIn(ctx, session, interviewer, candidate, 'candidate');
  const socket = await joined(ctx, interviewer.token, session.id);
  const id = session.id;
  const evidence = (note: string) => ({ signal: 'framing', polarity: 'strong', note });
  const edited = randomUUID();
  const removed = randomUUID();
  await mustCommand(socket, id, 'timer.start', {});
  await mustCommand(socket, id, 'evidence.add', evidence('PROBE-EDIT-BEFORE'), edited);
  await mustCommand(socket, id, 'evidence.edit', { evidenceId: edited, note: 'PROBE-EDIT-AFTER' });
  await mustCommand(socket, id, 'evidence.add', evidence('PROBE-REMOVED'), removed);
  await mustCommand(socket, id, 'evidence.remove', { evidenceId: removed });
  await mustCommand(socket, id, 'session.end', {});
  await mustCommand(socket, id, 'feedback.release', {});

  const reads: [string, Promise<string>][] = [
    ['/timeline', `/sessions/${id}/timeline`],
    ['/feedback', `/sessions/${id}/feedback`],
    ['/feedback/export?format=markdown', `/sessions/${id}/feedback/export?format=markdown`],
    ['/feedback/export?format=json', `/sessions/${id}/feedback/export?format=json`],
  ].map(([label, path]) => [
    `GET ${label}`,
    http(ctx.url, 'GET', path ?? '', candidate.token).then((answer) =>
      answer.status === 200 ? answer.text : `HTTP ${statusLabel(answer)}`,
    ),
  ]);
  // A catch-up join is another way the same notes could reach a candidate, so it is read too.
  const catchUp = (async () => {
    const tab = await openSocket(ctx, candidate.token);
    const ack = await tab
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('room:join', { sessionId: id, lastSeq: 0 });
    return ack.ok ? JSON.stringify(ack) : `ok:false ${ack.error.code}`;
  })().catch((error: unknown) => `failed: ${String(error)}`);
  reads.push(['room:join {lastSeq: 0} (extra)', catchUp]);

  const seen = (text: string, needle: string): string => (text.includes(needle) ? 'YES' : 'no');
  const rows = await Promise.all(
    reads.map(async ([label, text]) => {
      const body = await text;
      const failed =
        body.startsWith('HTTP ') || body.startsWith('ok:false') || body.startsWith('failed');
      return failed
        ? [label, body.slice(0, 60), '—', '—', '—']
        : [
            label,
            'read',
            seen(body, 'PROBE-EDIT-BEFORE'),
            seen(body, 'PROBE-REMOVED'),
            seen(body, 'PROBE-EDIT-AFTER'),
          ];
    }),
  );
  const leaks = rows.filter((row) => row[2] === 'YES' || row[3] === 'YES').map((row) => row[0]);
  return {
    tables: [
      {
        title: 'the candidate reads the ended session with feedback released',
        headers: [
          'read',
          'answer',
          'PROBE-EDIT-BEFORE',
          'PROBE-REMOVED',
          'PROBE-EDIT-AFTER (kept)',
        ],
        rows,
      },
    ],
    summary: leaks.length
      ? `earlier or removed notes visible in: ${leaks.join(', ')}`
      : 'no earlier or removed note visible',
    data: rows.map(([read, answer, before, removedSeen, after]) => ({
      read,
      answer,
      before,
      removed: removedSeen,
      after,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// The run

function buildVersion(): string {
  const git = (args: string[]): string =>
    execFileSync('git', args, {
      cwd: BUILD,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  try {
    const commit = git(['rev-parse', '--short', 'HEAD']);
    const changed = git(['status', '--porcelain', '--', 'apps/api', 'libs']);
    return changed ? `${commit} with uncommitted changes in apps/api or libs` : commit;
  } catch {
    return 'unknown (no git)';
  }
}

async function main(): Promise<void> {
  if (!existsSync(MAIN)) {
    throw new Error(
      `${MAIN} is not built: run the api build in ${BUILD} first (BUILD= names the checkout).`,
    );
  }
  const header = {
    build: BUILD,
    version: buildVersion(),
    builtAt: statSync(MAIN).mtime.toISOString(),
    startedAt: new Date().toISOString(),
    machine: machine(),
  };
  say(`probing ${header.build} (${header.version}), load ${header.machine.load}`);
  const started = performance.now();
  const ctx: Context = { url: '', run: randomBytes(4).toString('hex') };
  const cases: CaseResult[] = [];

  cases.push(await runCase(1, 'shared data folder', sharedDataFolder));
  const server = await startServer('probed server', freshFolder());
  ctx.url = server.url;
  const rest: [number, string, (ctx: Context) => Promise<CaseOutput>][] = [
    [2, 'sockets per user', socketsPerUser],
    [3, 'flood from many sockets of one user', flood],
    [4, 'join burst', joinBurst],
    [6, 'no-body messages', shapes],
    [7, 'text that is not text', badText],
    [8, 'timeline privacy', timelinePrivacy],
    // Last: the failures it piles up on this address would otherwise be what later cases meet.
    [5, 'login burst', loginBurst],
  ];
  for (const [id, title, work] of rest) {
    cases.push(await runCase(id, title, () => work(ctx)));
    if (server.exited) {
      say(`the probed server exited during case ${id}:\n${server.log.slice(-10).join('\n')}`);
      break;
    }
  }
  cases.sort((a, b) => a.id - b.id);
  const serverComplaints = server.complaints;
  await stopEverything();

  const seconds = (performance.now() - started) / 1000;
  const lines = [
    `# Abuse probe — ${header.version}`,
    `build ${header.build} (main.js built ${header.builtAt}); ${header.machine.cores} cores ${header.machine.cpu}, node ${header.machine.node}`,
    `load average at start ${header.machine.load}, at end ${loadAverage()}; ${seconds.toFixed(0)} s in all.`,
    'The machine is shared with other test runs: the timings are noisy; compare codes and counts first.',
    '',
  ];
  for (const result of cases) {
    lines.push(`## ${result.id}. ${result.title} (${result.seconds.toFixed(1)} s)`);
    if (result.error) lines.push(`not run on this version: ${result.error}`);
    for (const table of result.tables) lines.push(renderTable(table), '');
    if (!result.tables.length) lines.push('');
  }
  const complaints = Object.entries(serverComplaints);
  if (complaints.length) {
    lines.push('## warnings and errors the probed server logged');
    for (const [complaint, count] of complaints) lines.push(`${count}× ${complaint}`);
    lines.push('');
  }
  lines.push('## summary');
  for (const result of cases) lines.push(`${result.id}. ${result.title}: ${result.summary}`);
  process.stdout.write(`${lines.join('\n')}\n`);

  if (OUT) {
    const json = {
      ...header,
      finishedAt: new Date().toISOString(),
      seconds,
      loadAtEnd: loadAverage(),
      cases,
      serverComplaints,
    };
    writeFileSync(OUT, `${JSON.stringify(json, null, 2)}\n`);
    say(`wrote ${OUT}`);
  }
}

let ending = false;
function end(code: number, why?: unknown): void {
  if (ending) return;
  ending = true;
  if (why !== undefined) say(why instanceof Error ? (why.stack ?? why.message) : String(why));
  void stopEverything().finally(() => process.exit(code));
}

process.once('SIGINT', () => end(130, 'interrupted: stopping what the probe started'));
process.once('SIGTERM', () => end(143, 'terminated: stopping what the probe started'));
setTimeout(() => end(1, `still running after ${WATCHDOG_MS / 60_000} min`), WATCHDOG_MS).unref();
main().then(
  () => end(0),
  (error: unknown) => end(1, error),
);
