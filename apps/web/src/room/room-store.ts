import type { OrderedFold, RoomCommandType, RoomEvent, RoomState, Role } from '@signal-room/domain';
import { emptyFold, withEvent, withOnline, withSnapshot } from '@signal-room/domain';
import type {
  ApiError,
  ClientToServerEvents,
  CommandEnvelope,
  CommandPayload,
  ServerToClientEvents,
} from '@signal-room/protocol';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'signed-out' | 'failed';

/** A command the server has not acknowledged yet; it survives reloads and goes out in order. */
export interface PendingCommand {
  clientEventId: string;
  type: RoomCommandType;
  payload: unknown;
  queuedAt: number;
}

export interface RoomSnapshot {
  status: ConnectionStatus;
  role: Role | null;
  state: RoomState | null;
  pending: readonly PendingCommand[];
  /** Server time minus local time, estimated from the clock-sync exchange. */
  clockOffsetMs: number;
  /** The last command the server refused, to show the person why (and what it carried). */
  refusal: { type: RoomCommandType; error: ApiError; payload?: unknown } | null;
  /** Why joining failed (not a participant, session not found, …). */
  joinError: ApiError | null;
}

type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const CLOCK_SAMPLES = 5;
const REFUSED_RETRY_MS = 1000;
const CLOCK_RESYNC_MS = 30_000;
const RETRY_BACKOFF_MS = [250, 500, 1000, 2000, 4000];

const OUTBOX_PREFIX = 'signal-room.outbox.';
const outboxKey = (sessionId: string): string => `${OUTBOX_PREFIX}${sessionId}`;

/**
 * Drops every room's unsent commands from this browser, as signing out must: they may hold
 * private notes, and the next person at this browser is not their author.
 */
export function clearOutboxes(): void {
  const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i));
  for (const key of keys) if (key?.startsWith(OUTBOX_PREFIX)) localStorage.removeItem(key);
}

/**
 * The live side of one room for one browser tab. It keeps the participant's view folded in seq
 * order from what the server sends (events when they fold, snapshots when visibility changed),
 * re-joins after a drop with the last sequence number it holds, and keeps an outbox of commands in
 * localStorage that it sends in order whenever it is online. Every command carries its client
 * event id from the moment it is queued, so a resend after a drop is never applied twice.
 */
export class RoomStore {
  private snapshot: RoomSnapshot;
  private readonly listeners = new Set<() => void>();
  private socket: RoomSocket | null = null;
  private joined = false;
  /** The view as the last snapshot and the events since, so a late event folds into place. */
  private fold: OrderedFold = emptyFold;
  /** Frames that arrived before the join answer; applied after it, in order. */
  private early: RoomEvent[] = [];
  /** Who has the room open, as the server last told it; only an ended room is told. */
  private online: ReadonlySet<string> | null = null;
  private flushing = false;
  private clockTimer: ReturnType<typeof setInterval> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly sessionId: string,
    private readonly token: () => string | null,
    private readonly connect: (token: string) => RoomSocket = (token) =>
      io({ transports: ['websocket'], auth: { token } }),
  ) {
    this.snapshot = {
      status: 'connecting',
      role: null,
      state: null,
      pending: this.loadOutbox(),
      clockOffsetMs: 0,
      refusal: null,
      joinError: null,
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RoomSnapshot => this.snapshot;

  start(): void {
    const token = this.token();
    if (!token) return this.update({ status: 'signed-out' });
    const socket = this.connect(token);
    this.socket = socket;
    socket.on('connect', () => void this.join(this.fold.state?.seq));
    socket.on('disconnect', (reason) => {
      this.joined = false;
      // The server closes a socket whose sign-in expired; socket.io will not retry that by itself.
      this.update({ status: reason === 'io server disconnect' ? 'signed-out' : 'offline' });
    });
    socket.on('connect_error', (error) => {
      if (error.message === 'UNAUTHENTICATED') return this.update({ status: 'signed-out' });
      this.update({ status: 'offline' });
      // A server that refused the socket (a node that is stopping answers UNAVAILABLE) is not
      // retried by socket.io itself; try again shortly, most likely reaching another node.
      if (!socket.active) {
        this.retryTimer = setTimeout(
          () => socket.connect(),
          REFUSED_RETRY_MS * (1 + Math.random()),
        );
      }
    });
    socket.on('room:event', ({ sessionId, event }) => {
      if (sessionId !== this.sessionId) return;
      if (!this.joined) this.early.push(event);
      else this.setFold(withEvent(this.fold, event));
    });
    socket.on('room:snapshot', ({ sessionId, state }) => {
      if (sessionId === this.sessionId) this.setFold(withSnapshot(this.fold, state));
    });
    // It may come before the join answer: it is kept and shown once there is a room to show.
    socket.on('room:presence', ({ sessionId, online }) => {
      if (sessionId !== this.sessionId) return;
      this.online = new Set(online);
      this.update({ state: this.shown(this.fold.state) });
    });
    socket.on('room:removed', ({ sessionId }) => {
      if (sessionId !== this.sessionId) return;
      this.joined = false;
      this.update({
        status: 'failed',
        joinError: {
          code: 'NOT_A_PARTICIPANT',
          message: 'The interviewer removed you from this session.',
          retryable: false,
        },
      });
    });
    this.clockTimer = setInterval(() => void this.syncClock(), CLOCK_RESYNC_MS);
  }

  stop(): void {
    if (this.clockTimer) clearInterval(this.clockTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket?.disconnect();
    this.socket = null;
  }

  /** Queues a command; it is sent now if online, or as soon as the room is back. */
  send<T extends RoomCommandType>(type: T, payload: CommandPayload<T>): string {
    const command: PendingCommand = {
      clientEventId: crypto.randomUUID(),
      type,
      payload,
      queuedAt: Date.now(),
    };
    this.setPending([...this.snapshot.pending, command]);
    void this.flush();
    return command.clientEventId;
  }

  dismissRefusal(): void {
    this.update({ refusal: null });
  }

  /** Server time now, by the estimated offset: what every timer in the room renders from. */
  serverNow(): number {
    return Date.now() + this.snapshot.clockOffsetMs;
  }

  /** Joins the room: with `lastSeq` the answer is what came after it, without it a snapshot. */
  private async join(lastSeq: number | undefined): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    this.joined = false;
    this.update({ status: 'connecting' });
    const answer = await socket.emitWithAck('room:join', { sessionId: this.sessionId, lastSeq });
    if (!answer.ok) {
      // A busy node or a burst of our own joins (several tabs reconnecting) passes: try again.
      if (answer.error.retryable) {
        this.update({ status: 'offline' });
        this.retryTimer = setTimeout(
          () => void this.join(lastSeq),
          REFUSED_RETRY_MS * (1 + Math.random()),
        );
        return;
      }
      this.update({ status: 'failed', joinError: answer.error });
      return;
    }
    let fold = answer.snapshot ? withSnapshot(this.fold, answer.snapshot) : this.fold;
    for (const event of [...answer.events, ...this.early]) fold = withEvent(fold, event);
    this.early = [];
    this.joined = true;
    this.setFold(fold, { status: 'online', role: answer.role, joinError: null });
    void this.syncClock();
    void this.flush();
  }

  private setFold(fold: OrderedFold, change: Partial<RoomSnapshot> = {}): void {
    this.fold = fold;
    this.update({ ...change, state: this.shown(fold.state) });
    // An event older than every one the fold still holds cannot be placed any more. Re-joining
    // with our seq would not bring it (it is below that seq), and a reconnect re-joins with our
    // seq; a join without one answers with a snapshot that holds it. The socket is already in
    // the room, so this costs one round trip and frames meanwhile wait for the answer as usual.
    if (fold.missed && this.joined) void this.join(undefined);
  }

  /** The room as the fold holds it, with who has it open now where the server said so. */
  private shown(state: RoomState | null): RoomState | null {
    return state && this.online ? withOnline(state, this.online) : state;
  }

  /** Sends the outbox in order, one at a time; a refused command is dropped and shown. */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      let attempt = 0;
      while (this.joined && this.socket && this.snapshot.pending.length > 0) {
        const [next] = this.snapshot.pending;
        if (!next) break;
        const envelope = {
          sessionId: this.sessionId,
          clientEventId: next.clientEventId,
          type: next.type,
          payload: next.payload,
        } as CommandEnvelope;
        const answer = await this.socket
          .timeout(10_000)
          .emitWithAck('room:command', envelope)
          .catch(() => null);
        if (answer === null || (!answer.ok && answer.error.retryable)) {
          // Not answered, or worth retrying: the same id goes again, so it applies at most once.
          await new Promise((resolve) =>
            setTimeout(resolve, RETRY_BACKOFF_MS[Math.min(attempt, RETRY_BACKOFF_MS.length - 1)]),
          );
          attempt += 1;
          continue;
        }
        attempt = 0;
        this.setPending(this.snapshot.pending.filter((item) => item !== next));
        if (!answer.ok) {
          this.update({
            refusal: { type: next.type, error: answer.error, payload: next.payload },
          });
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Estimates server time minus local time from the ping with the shortest round trip. */
  private async syncClock(): Promise<void> {
    const socket = this.socket;
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

  private loadOutbox(): PendingCommand[] {
    try {
      const stored: unknown = JSON.parse(localStorage.getItem(outboxKey(this.sessionId)) ?? '[]');
      return Array.isArray(stored) ? (stored as PendingCommand[]) : [];
    } catch {
      return [];
    }
  }

  private setPending(pending: PendingCommand[]): void {
    if (pending.length) localStorage.setItem(outboxKey(this.sessionId), JSON.stringify(pending));
    else localStorage.removeItem(outboxKey(this.sessionId));
    this.update({ pending });
  }

  private update(change: Partial<RoomSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }
}
