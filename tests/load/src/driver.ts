import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { MoveId } from '@signal-room/domain';
import type {
  ClientToServerEvents,
  CommandEnvelope,
  RoomEventMessage,
  ServerToClientEvents,
} from '@signal-room/protocol';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
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
      const reason = error instanceof Error ? error.message : String(error);
      failures.set(reason, (failures.get(reason) ?? 0) + 1);
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

interface InFlight {
  emittedAt: number;
  /** Every tally the command counts in; none in the warm-up. */
  tallies: readonly Tally[];
  acked: boolean;
  seen: boolean;
}

export interface LoadOptions {
  urls: readonly string[];
  rooms: readonly LiveRoom[];
  rate: number;
  warmupSeconds: number;
  durationSeconds: number;
  joinRate: number;
  /** One more room whose interviewer sends `perSecond` commands in the window's second half. */
  flood: { room: LiveRoom; perSecond: number } | null;
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
 * interviewer sends the same commands at the flood's rate, open-loop too.
 */
export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const { rooms, rate, flood } = options;
  const inFlight = new Map<string, InFlight>();
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

  const settle = (key: string, entry: InFlight): void => {
    if (entry.acked && entry.seen) inFlight.delete(key);
  };
  // The flood's candidate too, so that the flood's commands leave the in-flight map.
  for (const room of flood ? [...rooms, flood.room] : rooms) {
    room.candidate.on('room:event', (message: RoomEventMessage) => {
      const { event } = message;
      if (event.type !== 'move.marked' && event.type !== 'move.unmarked') return;
      const key = `${event.type}:${event.payload.markId}`;
      const entry = inFlight.get(key);
      if (!entry || entry.seen) return;
      entry.seen = true;
      for (const tally of entry.tallies) tally.peerMs.push(performance.now() - entry.emittedAt);
      settle(key, entry);
    });
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
    const entry: InFlight = { emittedAt: performance.now(), tallies, acked: false, seen: false };
    inFlight.set(key, entry);
    for (const tally of tallies) tally.sent += 1;
    room.interviewer.timeout(ACK_TIMEOUT_MS).emit('room:command', command, (error, ack) => {
      entry.acked = true;
      // The rooms' throughput: the flood's acks are its own.
      if (measuring && !error && ack.ok && room !== flood?.room) acksInWindow += 1;
      if (error) {
        for (const tally of tallies) tally.timeouts += 1;
        entry.seen = true;
      } else if (ack.ok) {
        for (const tally of tallies) {
          tally.acked += 1;
          tally.ackMs.push(performance.now() - entry.emittedAt);
        }
        if (!unmark) room.markToRemove = clientEventId;
      } else {
        for (const tally of tallies) {
          tally.errors[ack.error.code] = (tally.errors[ack.error.code] ?? 0) + 1;
        }
        entry.seen = true;
      }
      settle(key, entry);
    });
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

  const perCommandMs = 1000 / (rooms.length * rate);
  const warmupCommands = Math.round(options.warmupSeconds * rooms.length * rate);
  const windowCommands = Math.round(options.durationSeconds * rooms.length * rate);
  const total = warmupCommands + windowCommands;
  // The rooms' command that opens the window's second half; the flood starts beside it.
  const floodFrom = flood ? warmupCommands + Math.round(windowCommands / 2) : total;
  const floodTotal = flood ? Math.round((options.durationSeconds / 2) * flood.perSecond) : 0;
  const perFloodMs = flood ? 1000 / flood.perSecond : 0;
  let floodNext = 0;
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
      `${Math.round((performance.now() - start) / 1000)} s: ${next} sent${flood ? ` (and ${floodNext} by the flood)` : ''}, ${windowTally.acked} acked in window, ${inFlight.size} in flight, ack p99 of the last 5 s ${recent ? recent.p99.toFixed(1) : '–'} ms`,
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
      while (flood && floodNext < floodTotal && floodStart + floodNext * perFloodMs <= now) {
        send(flood.room, [floodTally]);
        floodNext += 1;
      }
      while (measuring && nextJoinAt <= now) {
        churn.push(joinOnce());
        nextJoinAt += 1000 / options.joinRate;
      }
      if (next >= total && floodNext >= floodTotal) return done();
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
  while (inFlight.size > 0 && performance.now() < drainUntil) await sleep(50);
  for (const entry of inFlight.values()) {
    if (!entry.acked || entry.seen) continue;
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
  };
}

/** For the socket-count mode: how many of the sockets are still connected. */
export const heldCount = (rooms: readonly LiveRoom[]): number =>
  socketsOf(rooms).filter((socket) => socket.connected).length;
