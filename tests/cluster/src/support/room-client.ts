import { randomUUID } from 'node:crypto';
import type { RoomCommandType, RoomEvent, RoomState } from '@signal-room/domain';
import { reduce } from '@signal-room/domain';
import type {
  ApiError,
  ClientToServerEvents,
  CommandAck,
  CommandEnvelope,
  CommandPayload,
  ServerToClientEvents,
} from '@signal-room/protocol';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
import { sleep, waitUntil } from './processes';

type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What a socket was sent, reduced to what the delivery checks read. */
export type Frame = { kind: 'event'; event: RoomEvent } | { kind: 'snapshot'; state: RoomState };

/** Why one attempt at a command did not end in an ok ack: an error code, a timeout or a drop. */
export type Failure = ApiError['code'] | 'timeout' | 'disconnected';

export interface Sent {
  ack: Extract<CommandAck, { ok: true }>;
  /** The failed attempts before the ok, in order; each retry carried the same clientEventId. */
  failures: Failure[];
  ackedAt: number;
  /** The node that acknowledged it. */
  node: string;
}

/** A refusal that retrying cannot fix: the test has found a real error. */
export class Refused extends Error {
  constructor(
    readonly what: string,
    readonly error: ApiError,
  ) {
    super(`${what} refused: ${error.code} ${error.message}`);
  }
}

const ACK_TIMEOUT_MS = 5000;
const CONNECT_TIMEOUT_MS = 3000;
/** How long a client keeps trying to reach some node, and a command keeps being retried. */
const GIVE_UP_MS = 45_000;
const BACKOFF_MS = [50, 100, 200, 400, 800, 1000];

/**
 * A room client for a cluster, folding frames as the web client does: it holds the view it was
 * given, folds events with a higher seq, takes snapshots at or after its seq, and holds frames
 * that arrive while a join is unanswered until the answer is in. When its connection drops it
 * does what a socket.io client behind a balancer does: reconnects, to another node if its own
 * is gone, joins with the seq it holds and catches up. Commands are retried with the same clientEventId on
 * timeouts, drops and retryable refusals, until acknowledged.
 */
export class ClusterClient {
  state: RoomState | null = null;
  /** Every frame the current and earlier sockets delivered, in order of arrival. */
  readonly frames: Frame[] = [];
  /** Each drop survived: why it dropped, where the client went, and how long until rejoined. */
  readonly moves: { reason: string; from: string; to: string; ms: number }[] = [];
  url: string;
  private socket: RoomSocket | null = null;
  /** The socket whose join was answered; only its drop sends the client elsewhere. */
  private joined: RoomSocket | null = null;
  private held: Frame[] | null = null;
  private ready: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    readonly name: string,
    private readonly token: string,
    readonly sessionId: string,
    /** The nodes this client may use, its first choice first. */
    private readonly nodes: readonly string[],
  ) {
    this.url = nodes[0] ?? '';
  }

  static async open(
    name: string,
    token: string,
    sessionId: string,
    nodes: readonly string[],
  ): Promise<ClusterClient> {
    const client = new ClusterClient(name, token, sessionId, nodes);
    client.ready = client.enter(0);
    await client.ready;
    return client;
  }

  /** Connects to the first node that takes it, from `from` on in order, and joins the room. */
  private async enter(from: number): Promise<void> {
    const deadline = Date.now() + GIVE_UP_MS;
    for (let attempt = 0; ; attempt += 1) {
      if (this.closed) throw new Error(`${this.name} is closed`);
      const url = this.nodes[(from + attempt) % this.nodes.length] ?? '';
      try {
        const socket = await this.connect(url);
        await this.join(socket);
        return;
      } catch (error) {
        if (error instanceof Refused && !error.error.retryable) throw error;
        if (Date.now() > deadline) {
          throw new Error(`${this.name} reached no node in ${GIVE_UP_MS} ms: ${String(error)}`);
        }
        await sleep(BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 1000);
      }
    }
  }

  private async connect(url: string): Promise<RoomSocket> {
    const socket: RoomSocket = io(url, {
      transports: ['websocket'],
      auth: { token: this.token },
      // Reconnection is this client's own: to another node, not the same one again.
      reconnection: false,
      forceNew: true,
      timeout: CONNECT_TIMEOUT_MS,
    });
    socket.on('room:event', ({ sessionId, event }) => {
      if (sessionId === this.sessionId && socket === this.socket)
        this.receive({ kind: 'event', event });
    });
    socket.on('room:snapshot', ({ sessionId, state }) => {
      if (sessionId === this.sessionId && socket === this.socket)
        this.receive({ kind: 'snapshot', state });
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
    } catch (error) {
      socket.close();
      throw error;
    }
    socket.on('disconnect', (reason) => {
      if (socket !== this.joined || this.closed) return;
      this.joined = null;
      const droppedAt = Date.now();
      // The same node first, as socket.io would; when it is gone (crashed, stopping), the next.
      this.ready = this.enter(this.nodes.indexOf(url)).then(() => {
        this.moves.push({ reason, from: url, to: this.url, ms: Date.now() - droppedAt });
      });
      // Commands waiting on `ready` see its failure; this only keeps it from going unhandled.
      this.ready.catch(() => undefined);
    });
    this.socket = socket;
    this.url = url;
    return socket;
  }

  private async join(socket: RoomSocket): Promise<void> {
    // Frames sent before the answer are held: folded at once onto a stale view, they would
    // skip the gap the answer fills.
    this.held = [];
    let answer;
    try {
      answer = await socket
        .timeout(ACK_TIMEOUT_MS * 2)
        .emitWithAck(
          'room:join',
          this.state
            ? { sessionId: this.sessionId, lastSeq: this.state.seq }
            : { sessionId: this.sessionId },
        );
    } catch (error) {
      this.held = null;
      socket.close();
      throw error;
    }
    if (!answer.ok) {
      this.held = null;
      socket.close();
      throw new Refused(`${this.name} join`, answer.error);
    }
    this.joined = socket;
    if (answer.snapshot) this.state = answer.snapshot;
    for (const event of answer.events) this.apply(event);
    const held = this.held;
    this.held = null;
    for (const frame of held) this.fold(frame);
  }

  private receive(frame: Frame): void {
    this.frames.push(frame);
    if (this.held) this.held.push(frame);
    else this.fold(frame);
  }

  private fold(frame: Frame): void {
    if (frame.kind === 'event') this.apply(frame.event);
    else if (!this.state || frame.state.seq >= this.state.seq) this.state = frame.state;
  }

  private apply(event: RoomEvent): void {
    if (this.state && event.seq > this.state.seq) this.state = reduce(this.state, event);
  }

  /**
   * Sends a command until it is acknowledged: after a timeout, a drop or a retryable refusal it
   * goes again with the same clientEventId, on whatever node the client is on by then.
   */
  async send<T extends RoomCommandType>(
    type: T,
    payload: CommandPayload<T>,
    clientEventId: string = randomUUID(),
  ): Promise<Sent> {
    const envelope = { sessionId: this.sessionId, clientEventId, type, payload } as CommandEnvelope;
    const failures: Failure[] = [];
    const deadline = Date.now() + GIVE_UP_MS;
    for (;;) {
      if (Date.now() > deadline) {
        throw new Error(
          `${this.name} ${type} not acknowledged in ${GIVE_UP_MS} ms: ${failures.join(',')}`,
        );
      }
      if (failures.length > 0)
        await sleep(BACKOFF_MS[Math.min(failures.length - 1, BACKOFF_MS.length - 1)] ?? 1000);
      await this.ready;
      const { socket, url } = this;
      if (!socket?.connected) {
        failures.push('disconnected');
        continue;
      }
      let answer: CommandAck;
      try {
        answer = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('room:command', envelope);
      } catch (error) {
        failures.push(String(error).includes('disconnected') ? 'disconnected' : 'timeout');
        continue;
      }
      if (answer.ok) return { ack: answer, failures, ackedAt: Date.now(), node: url };
      if (!answer.error.retryable) throw new Refused(`${this.name} ${type}`, answer.error);
      failures.push(answer.error.code);
    }
  }

  /** Resolves once the held view has reached `seq`. */
  async settle(seq: number, timeoutMs = 10_000): Promise<RoomState> {
    await waitUntil(
      `${this.name} to reach seq ${seq} (holds ${this.state?.seq ?? 'nothing'})`,
      () => (this.state?.seq ?? -1) >= seq,
      timeoutMs,
      10,
    );
    return this.state as RoomState;
  }

  /** The frames this client was sent for `seq`: its event, or a snapshot taken at it. */
  framesAt(seq: number): Frame[] {
    return this.frames.filter((frame) =>
      frame.kind === 'event' ? frame.event.seq === seq : frame.state.seq === seq,
    );
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }
}
