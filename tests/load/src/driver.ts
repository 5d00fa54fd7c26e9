import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { DOCUMENT_CONTENT, MoveId } from '@signal-room/domain';
import type {
  DocumentOpenAck,
  ClientToServerEvents,
  CommandEnvelope,
  RoomEventMessage,
  ServerToClientEvents,
} from '@signal-room/protocol';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
import * as Y from 'yjs';
import type { LoopDelay } from './processes';
import type { Percentiles } from './stats';
import { inParallel, percentiles, sleep } from './stats';

export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One seat of a room: who sits there (no token on a floor) and which node they talk to. */
export interface Seat {
  token: string | null;
  node: number;
}

/** A room as the benchmark drives it: the interviewer, the candidate and the observer. */
export interface RoomPlan {
  sessionId: string;
  seats: { interviewer: Seat; candidate: Seat; observer: Seat };
}

export interface LiveRoom {
  plan: RoomPlan;
  interviewer: RoomSocket;
  candidate: RoomSocket;
  observer: RoomSocket;
  /** The last mark this room made and had acknowledged, which its next command removes. */
  markToRemove: string | null;
}

/** What the candidate writes into under the document load: typing in the pad, or drawing. */
export type WrittenDocument = 'pad' | 'board';
/**
 * Where the pad and the board keep their content, held to the domain's names by its type: the
 * bench runs without the workspace's libraries, so only types cross into it.
 */
const CONTENT: typeof DOCUMENT_CONTENT = { pad: 'code', board: 'elements' };
const KEYSTROKE = 'x';
/** The one shape a drawing candidate keeps moving, as Excalidraw stores an element. */
const SHAPE = 'shape';
/** A reader keeps no document of its own: it tells the server it has nothing. */
const NOTHING = Y.encodeStateVector(new Y.Doc());

const CONNECT_TIMEOUT_MS = 30_000;
const ACK_TIMEOUT_MS = 10_000;
const DRAIN_MS = 12_000;
const PING_INTERVAL_MS = 50;
const IDLE_PINGS = 40;
const MOVES: readonly MoveId[] = [
  'clarify-constraints',
  'narrow-scope',
  'externalize-tradeoffs',
  'stabilize-then-optimize',
  'explicit-uncertainty',
];

/**
 * Seats and nodes: with two nodes the interviewer and the candidate of a room are always on
 * different nodes, so every measured emit→peer crosses nodes, and rooms alternate which node
 * takes their commands, so both nodes write; observers follow every other room's interviewer.
 */
export function seatNodes(room: number, nodes: number): Record<keyof RoomPlan['seats'], number> {
  if (nodes === 1) return { interviewer: 0, candidate: 0, observer: 0 };
  const writer = room % 2;
  return { interviewer: writer, candidate: 1 - writer, observer: Math.floor(room / 2) % 2 };
}

export function connect(url: string, token: string | null): Promise<RoomSocket> {
  const socket: RoomSocket = io(url, {
    transports: ['websocket'],
    ...(token === null ? {} : { auth: { token } }),
    forceNew: true,
    reconnection: false,
    timeout: CONNECT_TIMEOUT_MS,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Connects and joins one seat; the time is connect + handshake auth + join ack with state. */
async function joinSeat(
  urls: readonly string[],
  sessionId: string,
  seat: Seat,
): Promise<{ socket: RoomSocket; ms: number }> {
  const started = performance.now();
  const socket = await connect(urls[seat.node] ?? '', seat.token);
  const ack = await socket
    .timeout(ACK_TIMEOUT_MS)
    .emitWithAck('room:join', { sessionId })
    .catch((error: unknown) => {
      socket.close();
      throw error;
    });
  const ms = performance.now() - started;
  if (!ack.ok || ack.snapshot === null) {
    socket.close();
    throw new Error(`room:join failed: ${ack.ok ? 'no snapshot' : ack.error.code}`);
  }
  return { socket, ms };
}

const countFailure = (failures: Map<string, number>, error: unknown): void => {
  const reason = error instanceof Error ? error.message : String(error);
  failures.set(reason, (failures.get(reason) ?? 0) + 1);
};

export interface Joined {
  rooms: LiveRoom[];
  joinMs: number[];
  failures: Map<string, number>;
}

/** Opens the three sockets of every room, `concurrency` sockets at a time, timing each join. */
export async function joinRooms(
  urls: readonly string[],
  plans: readonly RoomPlan[],
  concurrency: number,
): Promise<Joined> {
  const joinMs: number[] = [];
  const failures = new Map<string, number>();
  const seats = plans.flatMap((plan) =>
    (['interviewer', 'candidate', 'observer'] as const).map((role) => ({ plan, role })),
  );
  const sockets = await inParallel(seats, concurrency, async ({ plan, role }) => {
    try {
      const joined = await joinSeat(urls, plan.sessionId, plan.seats[role]);
      joinMs.push(joined.ms);
      return joined.socket;
    } catch (error) {
      countFailure(failures, error);
      return null;
    }
  });
  const rooms: LiveRoom[] = [];
  plans.forEach((plan, index) => {
    const [interviewer, candidate, observer] = sockets.slice(index * 3, index * 3 + 3);
    if (interviewer && candidate && observer) {
      rooms.push({ plan, interviewer, candidate, observer, markToRemove: null });
    } else {
      for (const socket of [interviewer, candidate, observer]) socket?.close();
    }
  });
  return { rooms, joinMs, failures };
}

export const socketsOf = (rooms: readonly LiveRoom[]): RoomSocket[] =>
  rooms.flatMap((room) => [room.interviewer, room.candidate, room.observer]);

export function closeRooms(rooms: readonly LiveRoom[]): void {
  for (const socket of socketsOf(rooms)) socket.close();
}

/**
 * A room whose document is open on its three sockets: the candidate writes (types in the pad,
 * or moves a shape on the board), the other two read.
 */
export interface Typist {
  room: LiveRoom;
  documentId: WrittenDocument;
  doc: Y.Doc;
  /** The Yjs update its last change made. */
  typed: Uint8Array;
  /** Changes made so far: the shape's version on the board. */
  changes: number;
}

async function openDocument(
  socket: RoomSocket,
  sessionId: string,
  documentId: WrittenDocument,
  stateVector: Uint8Array,
): Promise<Extract<DocumentOpenAck, { ok: true }>> {
  const answer = await socket
    .timeout(ACK_TIMEOUT_MS)
    .emitWithAck('document:open', { sessionId, documentId, stateVector })
    .catch((error: unknown) => {
      throw new Error(`document:open: ${error instanceof Error ? error.message : String(error)}`);
    });
  if (!answer.ok) throw new Error(`document:open refused: ${answer.error.code}`);
  return answer;
}

export interface OpenedDocuments {
  /** Every room's typist, or none when any document failed to open. */
  typists: Typist[];
  failures: Map<string, number>;
}

/**
 * Opens the document on the three sockets of every room, `concurrency` rooms at a time. All or
 * nothing: after a failure the rooms not yet tried are skipped, since a server without the
 * document would only make each of them wait out its timeout.
 */
export async function openDocuments(
  rooms: readonly LiveRoom[],
  concurrency: number,
  documentId: WrittenDocument,
): Promise<OpenedDocuments> {
  const failures = new Map<string, number>();
  const typists = await inParallel(rooms, concurrency, async (room, index) => {
    if (failures.size > 0) return null;
    const doc = new Y.Doc();
    // Client ids of their own make every room's updates differ in their bytes, which key them.
    doc.clientID = index + 1;
    const { sessionId } = room.plan;
    try {
      const [opened] = await Promise.all([
        openDocument(room.candidate, sessionId, documentId, Y.encodeStateVector(doc)),
        openDocument(room.interviewer, sessionId, documentId, NOTHING),
        openDocument(room.observer, sessionId, documentId, NOTHING),
      ]);
      if (opened.access !== 'write')
        throw new Error(`the candidate may only read the ${documentId}`);
      // Binary reaches Node as a Buffer, a Uint8Array.
      const update = opened.update as Uint8Array;
      Y.applyUpdate(doc, update);
      const typist: Typist = { room, documentId, doc, typed: update, changes: 0 };
      // One listener for good: one added and removed per keystroke costs half as much again.
      doc.on('update', (update: Uint8Array) => (typist.typed = update));
      return typist;
    } catch (error) {
      countFailure(failures, error);
      return null;
    }
  });
  return {
    typists: failures.size > 0 ? [] : typists.filter((typist) => typist !== null),
    failures,
  };
}

/**
 * One change as the web client makes it, as the Yjs update its socket carries: a character typed
 * at the end of the pad, or the board's shape moved, a new version of the whole element.
 */
function change(typist: Typist): Uint8Array {
  typist.changes += 1;
  if (typist.documentId === 'pad') {
    const text = typist.doc.getText(CONTENT.pad);
    text.insert(text.length, KEYSTROKE);
  } else {
    const version = typist.changes;
    typist.doc.getMap(CONTENT.board).set(SHAPE, {
      id: SHAPE,
      type: 'rectangle',
      version,
      versionNonce: version,
      x: version % 640,
      y: 120,
      width: 160,
      height: 80,
    });
  }
  return typist.typed;
}

/** What a set of commands came to: the window's, one half's, or the flood's. */
export interface CommandFigures {
  /** Commands whose scheduled time fell in the measured window (or the half of it). */
  sent: number;
  acked: number;
  errors: Record<string, number>;
  timeouts: number;
  ack: Percentiles | null;
  peer: Percentiles | null;
  /** Acknowledged commands whose event never reached the candidate. */
  peerMissing: number;
}

/** With a flood: the rooms' commands without it and beside it, and the flood's own. */
export interface FloodFigures {
  /** The rooms' commands in the first half of the window. */
  quiet: CommandFigures;
  /** The rooms' commands in the second half, while the flood ran. */
  flooded: CommandFigures;
  /** The flooding socket's commands. */
  commands: CommandFigures;
}

/**
 * What the typing load came to in the window, in the figures of a command: the typist's update
 * is acked once the server has it, and each of the two readers' receipts is an emit→peer.
 */
export interface TypingFigures extends CommandFigures {
  /** Updates acked ok over the whole run, warm-up included: what the server holds. */
  ackedInRun: number;
  /** The product's stored updates for the run's sessions, read after it stopped; else null. */
  stored: number | null;
}

export interface LoadFigures extends CommandFigures {
  joinUnderLoad: Percentiles | null;
  joinUnderLoadFailures: number;
  pingIdle: Percentiles | null;
  pingUnderLoad: Percentiles | null;
  /** The benchmark's own event loop while it drove the load: high means it is the bottleneck. */
  clientLoop: LoopDelay;
  /** How late commands left against their schedule. */
  sendLag: Percentiles | null;
  held: number;
  opened: number;
  /** Sockets lost during the load, by socket.io's reason ('ping timeout', 'transport close', …). */
  disconnects: Record<string, number>;
  /** Successful acks (of any command) per second of the measured window, and the offered rate. */
  ackedPerSecond: number;
  offeredPerSecond: number;
  /** Snapshots the candidates received during the load (expected: none). */
  candidateSnapshots: number;
  measuredMs: number;
  /** Only with a flood, so a run without one reports what it always did. */
  flood?: FloodFigures;
  /** Only with the typing load. */
  typing?: TypingFigures;
}

/** Commands being counted together, with the samples their percentiles come from. */
interface Tally extends Omit<CommandFigures, 'ack' | 'peer'> {
  ackMs: number[];
  peerMs: number[];
}

const newTally = (): Tally => ({
  sent: 0,
  acked: 0,
  errors: {},
  timeouts: 0,
  ackMs: [],
  peerMs: [],
  peerMissing: 0,
});

const figures = (tally: Tally): CommandFigures => ({
  sent: tally.sent,
  acked: tally.acked,
  errors: tally.errors,
  timeouts: tally.timeouts,
  ack: percentiles(tally.ackMs),
  peer: percentiles(tally.peerMs),
  peerMissing: tally.peerMissing,
});

/** A command or update sent and not yet acked or not yet received by all its peers. */
interface InFlight {
  emittedAt: number;
  /** Every tally it counts in; none in the warm-up. */
  tallies: readonly Tally[];
  acked: boolean;
  /** Peers yet to receive it; none once it failed, as they never will. */
  unseen: number;
}

type Answer = { ok: true } | { ok: false; error: { code: string } };

/** Counts an ack, a refusal or a timeout in the entry's tallies; true when it was acked ok. */
function recordAck(entry: InFlight, error: Error | null, answer: Answer | undefined): boolean {
  entry.acked = true;
  const ms = performance.now() - entry.emittedAt;
  for (const tally of entry.tallies) {
    if (error || !answer) tally.timeouts += 1;
    else if (answer.ok) {
      tally.acked += 1;
      tally.ackMs.push(ms);
    } else tally.errors[answer.error.code] = (tally.errors[answer.error.code] ?? 0) + 1;
  }
  const ok = !error && answer?.ok === true;
  if (!ok) entry.unseen = 0;
  return ok;
}

const settle = (inFlight: Map<string, InFlight>, key: string, entry: InFlight): void => {
  if (entry.acked && entry.unseen === 0) inFlight.delete(key);
};

/** A peer's receipt of what is in flight under `key`: one emit→peer sample. */
function receive(inFlight: Map<string, InFlight>, key: string): void {
  const entry = inFlight.get(key);
  if (!entry || entry.unseen === 0) return;
  entry.unseen -= 1;
  const ms = performance.now() - entry.emittedAt;
  for (const tally of entry.tallies) tally.peerMs.push(ms);
  settle(inFlight, key, entry);
}

/** Open-loop: item k leaves `k × gapMs` after the start, whatever the acks do. */
interface Schedule {
  gapMs: number;
  /** Items before the measured window. */
  warmup: number;
  /** Items in the measured window. */
  window: number;
}

const schedule = (perSecond: number, warmupSeconds: number, windowSeconds: number): Schedule => ({
  gapMs: 1000 / perSecond,
  warmup: Math.round(warmupSeconds * perSecond),
  window: Math.round(windowSeconds * perSecond),
});

export interface LoadOptions {
  urls: readonly string[];
  rooms: readonly LiveRoom[];
  rate: number;
  warmupSeconds: number;
  durationSeconds: number;
  joinRate: number;
  /** One more room whose interviewer sends `perSecond` commands in the window's second half. */
  flood: { room: LiveRoom; perSecond: number } | null;
  /** Rooms whose candidates each type `perSecond` updates, beside the commands. */
  typing: { typists: readonly Typist[]; perSecond: number } | null;
  /** Called when the measured window opens (after the warm-up), to reset server-side probes. */
  onMeasuredStart: () => Promise<void>;
  /** Called when the last command has left, before waiting for stragglers, to read them. */
  onMeasuredEnd: () => Promise<void>;
  progress: (line: string) => void;
}

async function pingSamples(socket: RoomSocket, count: number, gapMs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('clock:ping', { clientTime: Date.now() });
    samples.push(performance.now() - started);
    await sleep(gapMs);
  }
  return samples;
}

/**
 * Every room's interviewer sends `rate` commands a second, open-loop and spread evenly over
 * all rooms (command k of the run leaves at k / (rooms × rate) seconds, whatever the acks do).
 * The commands alternate a move mark and its removal, which every member of a coaching round
 * sees: the ack is timed at the sender, and emit→peer at the candidate's socket by the mark id.
 * Meanwhile extra sockets join and leave (join under load) and a ping socket per node samples
 * the server's responsiveness. With a flood, the window's second half adds one more room whose
 * interviewer sends the same commands at the flood's rate, open-loop too. With typing, every
 * room's candidate types into the pad on a schedule of its own, spread over the rooms the same
 * way; its ack is timed at the candidate, and emit→peer at the interviewer's and the observer's
 * sockets, which know an update by its bytes (each is a keystroke no other repeats).
 */
export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const { rooms, rate, flood, typing } = options;
  const inFlight = new Map<string, InFlight>();
  const updatesInFlight = new Map<string, InFlight>();
  const typingTally = newTally();
  let updatesAckedInRun = 0;
  // The rooms' commands count in the window and in its half; the flood's in a tally of its own.
  const windowTally = newTally();
  const quietTally = newTally();
  const floodedTally = newTally();
  const floodTally = newTally();
  const sendLagMs: number[] = [];
  let emitted = 0;
  const disconnects: Record<string, number> = {};
  let acksInWindow = 0;
  let candidateSnapshots = 0;
  let closing = false;

  // The flood's candidate too, so that the flood's commands leave the in-flight map.
  for (const room of flood ? [...rooms, flood.room] : rooms) {
    room.candidate.on('room:event', (message: RoomEventMessage) => {
      const { event } = message;
      if (event.type !== 'move.marked' && event.type !== 'move.unmarked') return;
      receive(inFlight, `${event.type}:${event.payload.markId}`);
    });
  }
  for (const { room } of typing?.typists ?? []) {
    for (const reader of [room.interviewer, room.observer]) {
      reader.on('document:update', ({ update }) => {
        // socket.io hands binary to Node as a Buffer; its bytes are the update's key.
        receive(updatesInFlight, (update as Buffer).toString('latin1'));
      });
    }
  }
  for (const room of rooms) {
    room.candidate.on('room:snapshot', () => (candidateSnapshots += 1));
    for (const socket of [room.interviewer, room.candidate, room.observer]) {
      socket.on('disconnect', (reason) => {
        if (!closing) disconnects[reason] = (disconnects[reason] ?? 0) + 1;
      });
    }
  }

  const pingSockets = await Promise.all(
    options.urls.map((url) => connect(url, rooms[0]?.plan.seats.interviewer.token ?? null)),
  );
  const pingIdle = (
    await Promise.all(pingSockets.map((socket) => pingSamples(socket, IDLE_PINGS, 20)))
  ).flat();

  const send = (room: LiveRoom, tallies: readonly Tally[]): void => {
    const clientEventId = randomUUID();
    const unmark = room.markToRemove;
    room.markToRemove = null;
    const command: CommandEnvelope = unmark
      ? {
          sessionId: room.plan.sessionId,
          clientEventId,
          type: 'move.unmark',
          payload: { markId: unmark },
        }
      : {
          sessionId: room.plan.sessionId,
          clientEventId,
          type: 'move.mark',
          payload: { move: MOVES[emitted % MOVES.length] },
        };
    emitted += 1;
    // The mark id is what the candidate's event carries: the command's own id for a mark.
    const key = unmark ? `move.unmarked:${unmark}` : `move.marked:${clientEventId}`;
    const entry: InFlight = { emittedAt: performance.now(), tallies, acked: false, unseen: 1 };
    inFlight.set(key, entry);
    for (const tally of tallies) tally.sent += 1;
    room.interviewer.timeout(ACK_TIMEOUT_MS).emit('room:command', command, (error, ack) => {
      const ok = recordAck(entry, error, ack);
      // The rooms' throughput: the flood's acks are its own.
      if (measuring && ok && room !== flood?.room) acksInWindow += 1;
      if (ok && !unmark) room.markToRemove = clientEventId;
      settle(inFlight, key, entry);
    });
  };

  const type = (typist: Typist, tallies: readonly Tally[]): void => {
    const update = change(typist);
    const key = Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString('latin1');
    const entry: InFlight = { emittedAt: performance.now(), tallies, acked: false, unseen: 2 };
    updatesInFlight.set(key, entry);
    for (const tally of tallies) tally.sent += 1;
    const { sessionId } = typist.room.plan;
    typist.room.candidate
      .timeout(ACK_TIMEOUT_MS)
      .emit(
        'document:update',
        { sessionId, documentId: typist.documentId, clientUpdateId: randomUUID(), update },
        (error, ack) => {
          if (recordAck(entry, error, ack)) updatesAckedInRun += 1;
          settle(updatesInFlight, key, entry);
        },
      );
  };

  const clientLoop = monitorEventLoopDelay({ resolution: 10 });
  const pingUnderLoad: number[] = [];
  const joinUnderLoad: number[] = [];
  let joinUnderLoadFailures = 0;
  const churn: Promise<void>[] = [];
  let measuring = false;
  let stopped = false;

  // Pings and extra joins run on timers of their own beside the command schedule.
  const pingLoops = pingSockets.map(async (socket) => {
    while (!stopped) {
      const started = performance.now();
      await socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('clock:ping', { clientTime: Date.now() })
        .catch(() => undefined);
      if (measuring) pingUnderLoad.push(performance.now() - started);
      await sleep(PING_INTERVAL_MS);
    }
  });
  const joinOnce = async (): Promise<void> => {
    const room = rooms[Math.floor(Math.random() * rooms.length)];
    if (!room) return;
    try {
      // An extra tab of the observer: the room's membership and presence stay as they are.
      const { socket, ms } = await joinSeat(
        options.urls,
        room.plan.sessionId,
        room.plan.seats.observer,
      );
      joinUnderLoad.push(ms);
      socket.close();
    } catch {
      joinUnderLoadFailures += 1;
    }
  };

  const { warmupSeconds, durationSeconds } = options;
  const commands = schedule(rooms.length * rate, warmupSeconds, durationSeconds);
  const perCommandMs = commands.gapMs;
  const warmupCommands = commands.warmup;
  const total = commands.warmup + commands.window;
  // The rooms' command that opens the window's second half; the flood starts beside it.
  const floodFrom = flood ? warmupCommands + Math.round(commands.window / 2) : total;
  const floodCommands = schedule(flood?.perSecond ?? 0, 0, durationSeconds / 2);
  let floodNext = 0;
  const typists = typing?.typists ?? [];
  const updates = schedule(
    typists.length * (typing?.perSecond ?? 0),
    warmupSeconds,
    durationSeconds,
  );
  const updatesTotal = updates.warmup + updates.window;
  let typed = 0;
  const start = performance.now() + 50;
  const floodStart = start + floodFrom * perCommandMs;
  let measuredStart = start;
  let next = 0;
  let nextJoinAt = Number.POSITIVE_INFINITY;
  const hooks: Promise<void>[] = [];
  let reported = 0;
  const reporter = setInterval(() => {
    const recent = percentiles(windowTally.ackMs.slice(reported));
    reported = windowTally.ackMs.length;
    options.progress(
      `${Math.round((performance.now() - start) / 1000)} s: ${next} sent${flood ? ` (and ${floodNext} by the flood)` : ''}${typing ? ` (and ${typed} updates typed)` : ''}, ${windowTally.acked} acked in window, ${inFlight.size} in flight, ack p99 of the last 5 s ${recent ? recent.p99.toFixed(1) : '–'} ms`,
    );
  }, 5000);
  await new Promise<void>((done) => {
    const tick = (): void => {
      const now = performance.now();
      while (next < total && start + next * perCommandMs <= now) {
        if (next === warmupCommands) {
          measuring = true;
          measuredStart = start + next * perCommandMs;
          clientLoop.enable();
          if (options.joinRate > 0) nextJoinAt = now;
          hooks.push(options.onMeasuredStart());
        }
        const room = rooms[next % rooms.length];
        if (room) {
          const scheduledAt = start + next * perCommandMs;
          if (next >= warmupCommands) sendLagMs.push(performance.now() - scheduledAt);
          const half = next < floodFrom ? quietTally : floodedTally;
          send(room, next < warmupCommands ? [] : [windowTally, half]);
        }
        next += 1;
      }
      while (
        flood &&
        floodNext < floodCommands.window &&
        floodStart + floodNext * floodCommands.gapMs <= now
      ) {
        send(flood.room, [floodTally]);
        floodNext += 1;
      }
      while (typed < updatesTotal && start + typed * updates.gapMs <= now) {
        const typist = typists[typed % typists.length];
        if (typist) type(typist, typed < updates.warmup ? [] : [typingTally]);
        typed += 1;
      }
      while (measuring && nextJoinAt <= now) {
        churn.push(joinOnce());
        nextJoinAt += 1000 / options.joinRate;
      }
      if (next >= total && floodNext >= floodCommands.window && typed >= updatesTotal)
        return done();
      setTimeout(tick, 1);
    };
    tick();
  });
  const measuredMs = performance.now() - measuredStart;
  clientLoop.disable();
  measuring = false;
  clearInterval(reporter);
  // Called at once, so it reads the window's end now, whatever the start hook still awaits.
  await Promise.all([...hooks, options.onMeasuredEnd()]);

  const drainUntil = performance.now() + DRAIN_MS;
  while (inFlight.size + updatesInFlight.size > 0 && performance.now() < drainUntil) {
    await sleep(50);
  }
  for (const entry of [...inFlight.values(), ...updatesInFlight.values()]) {
    if (!entry.acked || entry.unseen === 0) continue;
    for (const tally of entry.tallies) tally.peerMissing += 1;
  }
  stopped = true;
  await Promise.all([...pingLoops, ...churn]);
  for (const socket of pingSockets) socket.close();
  const all = socketsOf(rooms);
  const held = all.filter((socket) => socket.connected).length;
  closing = true;
  const loopMs = (ns: number): number => Math.max(0, ns / 1e6 - 10);
  return {
    ...figures(windowTally),
    joinUnderLoad: percentiles(joinUnderLoad),
    joinUnderLoadFailures,
    pingIdle: percentiles(pingIdle),
    pingUnderLoad: percentiles(pingUnderLoad),
    clientLoop: {
      p50: loopMs(clientLoop.percentile(50)),
      p99: loopMs(clientLoop.percentile(99)),
      max: loopMs(clientLoop.max),
      samples: clientLoop.count,
    },
    sendLag: percentiles(sendLagMs),
    held,
    opened: all.length,
    disconnects,
    ackedPerSecond: acksInWindow / (measuredMs / 1000),
    offeredPerSecond: rooms.length * rate,
    candidateSnapshots,
    measuredMs,
    flood: flood
      ? {
          quiet: figures(quietTally),
          flooded: figures(floodedTally),
          commands: figures(floodTally),
        }
      : undefined,
    typing: typing
      ? { ...figures(typingTally), ackedInRun: updatesAckedInRun, stored: null }
      : undefined,
  };
}

/** For the socket-count mode: how many of the sockets are still connected. */
export const heldCount = (rooms: readonly LiveRoom[]): number =>
  socketsOf(rooms).filter((socket) => socket.connected).length;
