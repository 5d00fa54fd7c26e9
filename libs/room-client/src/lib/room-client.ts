import type { RoomCommandType, RoomState, Role } from '@signal-room/domain';
import type { ApiError, CommandAck, CommandPayload } from '@signal-room/protocol';
import { io } from 'socket.io-client';
import type { OptimisticView } from './optimistic';
import { optimisticView } from './optimistic';
import type { OutboxStorage, QueuedCommand } from './outbox';
import { Outbox, memoryStorage } from './outbox';
import type { RoomSocket } from './room-channel';
import { RoomChannel } from './room-channel';

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'signed-out' | 'failed';

/** Why one attempt at a command did not end in an answer: a retryable code, a timeout or a drop. */
export type Failure = ApiError['code'] | 'timeout' | 'disconnected';

/** How a queued command ended: the server's answer, and what went wrong on the way. */
export interface Delivery {
  /** ok, or a refusal that retrying cannot fix (a retryable one is retried). */
  ack: CommandAck;
  /** The failed attempts before the answer, in order; each carried the same client event id. */
  failures: Failure[];
  ackedAt: number;
  /** The node that answered. */
  node: string | undefined;
}

export interface RoomClientSnapshot {
  status: ConnectionStatus;
  role: Role | null;
  /** The room as the server confirmed it. */
  state: RoomState | null;
  /** The room with this person's unsent commands laid over it, and what of it is unsent. */
  view: OptimisticView | null;
  pending: readonly QueuedCommand[];
  /** Server time minus local time, estimated from the clock-sync exchange. */
  clockOffsetMs: number;
  /** The last command the server refused, to show the person why (and what it carried). */
  refusal: { type: RoomCommandType; error: ApiError; payload?: unknown } | null;
  /** Why joining failed (not a participant, session not found, …). */
  joinError: ApiError | null;
  /** The node the connection is on (undefined: the page's own origin). */
  node: string | undefined;
}

export interface RoomClientOptions {
  sessionId: string;
  /** The current sign-in's token, read at every connect; null means signed out. */
  token: () => string | null;
  /** Whose commands the outbox holds: their unsent work is laid over the view. */
  viewerId?: string | null;
  /** Nodes to connect to, first choice first; undefined is the page's own origin. */
  nodes?: readonly (string | undefined)[];
  /** Where the outbox survives a reload; in memory by default. */
  storage?: OutboxStorage;
  /** Opens a socket to a node; a socket.io client socket by default. */
  openSocket?: (node: string | undefined, token: string) => RoomSocket;
  /** A view held from before, to catch up from instead of taking a snapshot. */
  held?: RoomState | null;
  timing?: Partial<Timing>;
  /** Told when the connection drops and when a join is answered again (for failover ledgers). */
  onDropped?: (reason: string, node: string | undefined) => void;
  onJoined?: (node: string | undefined) => void;
}

export interface Timing {
  ackTimeoutMs: number;
  connectTimeoutMs: number;
  /** Waits between retries of a command, and between reconnects, growing to the last. */
  backoffMs: readonly number[];
  /** The wait before asking a node that refused us (busy, stopping, our joins in a burst) again. */
  refusedRetryMs: number;
  clockResyncMs: number;
}

export const DEFAULT_TIMING: Timing = {
  ackTimeoutMs: 10_000,
  connectTimeoutMs: 5000,
  backoffMs: [250, 500, 1000, 2000, 4000],
  refusedRetryMs: 1000,
  clockResyncMs: 30_000,
};
const CLOCK_SAMPLES = 5;

/** Opens socket.io client sockets the way the room client expects them. */
export const openSocketIo = (timing: Timing) => (node: string | undefined, token: string) => {
  const options = {
    transports: ['websocket'],
    auth: { token },
    // Reconnecting is this client's own: it re-joins with its seq, and may go to another node.
    reconnection: false,
    forceNew: true,
    timeout: timing.connectTimeoutMs,
  };
  return (node === undefined ? io(options) : io(node, options)) as RoomSocket;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The live side of one room for one person: a connection (re-made after a drop, to another node
 * when theirs is gone), the room's channel on it, an outbox of commands sent in order with the
 * same client event id until answered, and the server's clock. The web's room hook, the API's
 * test client and the cluster suite all drive this one client. More channels (a shared document,
 * call signalling) attach to the same `socket`.
 */
export class RoomClient {
  readonly channel: RoomChannel;
  private snapshot: RoomClientSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly outbox: Outbox;
  private readonly timing: Timing;
  private readonly nodes: readonly (string | undefined)[];
  private readonly openSocket: (node: string | undefined, token: string) => RoomSocket;
  private readonly deliveries = new Map<QueuedCommand, (delivery: Delivery) => void>();
  private readonly failures = new Map<QueuedCommand, Failure[]>();
  private current: RoomSocket | null = null;
  private nodeIndex = 0;
  private reconnects = 0;
  private stopped = true;
  private flushing = false;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private clockTimer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly options: RoomClientOptions) {
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
    this.nodes = options.nodes?.length ? options.nodes : [undefined];
    this.openSocket = options.openSocket ?? openSocketIo(this.timing);
    this.outbox = new Outbox(options.storage ?? memoryStorage());
    this.channel = new RoomChannel(
      options.sessionId,
      {
        changed: () => this.refresh(),
        removed: () =>
          this.update({
            status: 'failed',
            joinError: {
              code: 'NOT_A_PARTICIPANT',
              message: 'The interviewer removed you from this session.',
              retryable: false,
            },
          }),
      },
      options.held ?? null,
    );
    this.snapshot = {
      status: 'connecting',
      role: null,
      state: this.channel.state,
      view: null,
      pending: this.outbox.items,
      clockOffsetMs: 0,
      refusal: null,
      joinError: null,
      node: this.nodes[0],
    };
    this.snapshot = { ...this.snapshot, view: this.viewOf(this.snapshot) };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RoomClientSnapshot => this.snapshot;

  /** The connection the room is on now, for more channels to use. */
  get socket(): RoomSocket | null {
    return this.current;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
    this.clockTimer = setInterval(() => void this.syncClock(), this.timing.clockResyncMs);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.clockTimer) clearInterval(this.clockTimer);
    this.clockTimer = null;
    this.channel.detach();
    this.current?.disconnect();
    this.current = null;
  }

  /** Resolves once the room is joined; rejects if joining cannot succeed (signed out, refused). */
  ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const { status, joinError } = this.snapshot;
        if (status === 'online') resolve();
        else if (status === 'failed' || status === 'signed-out') {
          reject(new Error(`joining refused: ${joinError?.code ?? status}`));
        } else return;
        unsubscribe();
      };
      const unsubscribe = this.subscribe(check);
      check();
    });
  }

  /** Queues a command; it goes now if the room is joined, or as soon as it is again. */
  send<T extends RoomCommandType>(
    type: T,
    payload: CommandPayload<T>,
    clientEventId: string = crypto.randomUUID(),
  ): string {
    this.queue({ clientEventId, type, payload, queuedAt: Date.now() } as QueuedCommand);
    return clientEventId;
  }

  /** Queues a command and resolves with how it ended: acknowledged, or refused for good. */
  deliver<T extends RoomCommandType>(
    type: T,
    payload: CommandPayload<T>,
    clientEventId: string = crypto.randomUUID(),
  ): Promise<Delivery> {
    const command = { clientEventId, type, payload, queuedAt: Date.now() } as QueuedCommand;
    const delivered = new Promise<Delivery>((resolve) => this.deliveries.set(command, resolve));
    this.queue(command);
    return delivered;
  }

  dismissRefusal(): void {
    this.update({ refusal: null });
  }

  /** Server time now, by the estimated offset: what every timer in the room renders from. */
  serverNow(): number {
    return Date.now() + this.snapshot.clockOffsetMs;
  }

  private queue(command: QueuedCommand): void {
    this.outbox.add(command);
    this.update({ pending: this.outbox.items });
    void this.flush();
  }

  private later(ms: number, work: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) work();
    }, ms);
    this.timers.add(timer);
  }

  private backoff(attempt: number): number {
    const { backoffMs } = this.timing;
    const base = backoffMs[Math.min(attempt, backoffMs.length - 1)] ?? 1000;
    return base * (1 + Math.random() / 2);
  }

  /** Opens a socket to the node it is on and joins once connected. */
  private connect(): void {
    const token = this.options.token();
    if (!token) return this.update({ status: 'signed-out' });
    const node = this.nodes[this.nodeIndex % this.nodes.length];
    const socket = this.openSocket(node, token);
    this.current = socket;
    this.channel.attach(socket);
    this.update({ status: 'connecting', node });
    socket.on('connect', () => void this.join(socket));
    socket.on('connect_error', (error) => {
      if (socket !== this.current) return;
      socket.close();
      if (error.message === 'UNAUTHENTICATED') return this.update({ status: 'signed-out' });
      // A node that refused the socket (stopping, or gone) is tried again after a while, then
      // the next one.
      this.reconnect(true);
    });
    socket.on('disconnect', (reason) => {
      if (socket !== this.current || this.stopped) return;
      this.options.onDropped?.(reason, node);
      // The server closes a socket whose sign-in expired or was revoked: signing in again is the
      // way back, not another socket with the same token.
      if (reason === 'io server disconnect') {
        this.channel.detach();
        return this.update({ status: 'signed-out' });
      }
      this.reconnect(false);
    });
  }

  /** A new socket after a drop: the same node first, as socket.io would; then the next. */
  private reconnect(refused: boolean): void {
    this.update({ status: 'offline' });
    const attempt = this.reconnects;
    this.reconnects += 1;
    if (refused || attempt > 0) this.nodeIndex += 1;
    this.later(
      refused ? this.timing.refusedRetryMs * (1 + Math.random()) : this.backoff(attempt),
      () => this.connect(),
    );
  }

  private async join(socket: RoomSocket): Promise<void> {
    if (socket !== this.current) return;
    const lastSeq = this.channel.state?.seq;
    const answer = await this.channel.join(lastSeq, this.timing.ackTimeoutMs * 2).catch(() => null);
    if (socket !== this.current || this.stopped) return;
    if (answer === null || (!answer.ok && answer.error.retryable)) {
      // Not answered, a busy node, or a burst of our own joins (several tabs reconnecting): again.
      this.update({ status: 'offline' });
      this.later(this.timing.refusedRetryMs * (1 + Math.random()), () => void this.join(socket));
      return;
    }
    if (!answer.ok) return this.update({ status: 'failed', joinError: answer.error });
    this.reconnects = 0;
    this.update({ status: 'online', role: answer.role, joinError: null });
    this.options.onJoined?.(this.snapshot.node);
    void this.syncClock();
    void this.flush();
  }

  /** Sends the outbox in order, one at a time; a refused command is dropped and shown. */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      let attempt = 0;
      for (;;) {
        const [next] = this.outbox.items;
        if (!next || this.stopped || !this.channel.role) break;
        const node = this.snapshot.node;
        const answer = await this.channel
          .command(next.type, next.payload, next.clientEventId, this.timing.ackTimeoutMs)
          .catch((error: unknown) =>
            String(error).includes('disconnected')
              ? ('disconnected' as const)
              : ('timeout' as const),
          );
        if (typeof answer === 'string' || (!answer.ok && answer.error.retryable)) {
          // Not answered, or worth retrying: the same id goes again, so it applies at most once.
          this.failuresOf(next).push(typeof answer === 'string' ? answer : answer.error.code);
          await sleep(this.backoff(attempt));
          attempt += 1;
          continue;
        }
        attempt = 0;
        this.settle(next, {
          ack: answer,
          failures: this.failuresOf(next),
          ackedAt: Date.now(),
          node,
        });
        if (!answer.ok) {
          this.update({ refusal: { type: next.type, error: answer.error, payload: next.payload } });
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private failuresOf(command: QueuedCommand): Failure[] {
    let failures = this.failures.get(command);
    if (!failures) this.failures.set(command, (failures = []));
    return failures;
  }

  private settle(command: QueuedCommand, delivery: Delivery): void {
    this.outbox.remove(command);
    this.failures.delete(command);
    this.deliveries.get(command)?.(delivery);
    this.deliveries.delete(command);
    this.update({ pending: this.outbox.items });
  }

  /** Estimates server time minus local time from the ping with the shortest round trip. */
  private async syncClock(): Promise<void> {
    const socket = this.current;
    if (!socket?.connected) return;
    let best: { rtt: number; offset: number } | null = null;
    for (let i = 0; i < CLOCK_SAMPLES; i += 1) {
      const sent = Date.now();
      const pong = await socket
        .timeout(2000)
        .emitWithAck('clock:ping', { clientTime: sent })
        .catch(() => null);
      if (!pong) continue;
      const received = Date.now();
      const rtt = received - sent;
      const offset = pong.serverTime - (sent + received) / 2;
      if (!best || rtt < best.rtt) best = { rtt, offset };
    }
    if (best) this.update({ clockOffsetMs: best.offset });
  }

  private refresh(): void {
    this.update({ state: this.channel.state });
  }

  private viewOf(snapshot: RoomClientSnapshot): OptimisticView | null {
    const { state, role, pending } = snapshot;
    const viewerId = this.options.viewerId;
    if (!state) return null;
    if (!viewerId || !role) {
      return {
        state,
        unsent: { items: new Set(), scores: new Set(), types: new Set(pending.map((c) => c.type)) },
      };
    }
    return optimisticView(
      state,
      pending,
      { userId: viewerId, role },
      Date.now() + snapshot.clockOffsetMs,
    );
  }

  private update(change: Partial<RoomClientSnapshot>): void {
    const next = { ...this.snapshot, ...change };
    const viewChanged =
      next.state !== this.snapshot.state ||
      next.pending !== this.snapshot.pending ||
      next.role !== this.snapshot.role;
    this.snapshot = viewChanged ? { ...next, view: this.viewOf(next) } : next;
    for (const listener of this.listeners) listener();
  }
}
