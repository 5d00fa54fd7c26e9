import type { DocumentId, RoomCommandType, RoomEvent, RoomState } from '@signal-room/domain';
import type { ApiError, CommandAck, CommandPayload } from '@signal-room/protocol';
import type { Delivery, Failure, RoomSocket, Timing } from '@signal-room/room-client';
import {
  DEFAULT_TIMING,
  DocumentChannel,
  RoomClient,
  openSocketIo,
} from '@signal-room/room-client';
import { waitUntil } from './processes';

export type { Failure };

/** What a socket was sent, reduced to what the delivery checks read. */
export type Frame = { kind: 'event'; event: RoomEvent } | { kind: 'snapshot'; state: RoomState };

export interface Sent extends Delivery {
  ack: Extract<CommandAck, { ok: true }>;
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

/** How long a client keeps trying to reach some node, and a command keeps being retried. */
const GIVE_UP_MS = 45_000;

const TIMING: Timing = {
  ...DEFAULT_TIMING,
  ackTimeoutMs: 5000,
  connectTimeoutMs: 3000,
  backoffMs: [50, 100, 200, 400, 800, 1000],
  refusedRetryMs: 100,
};

const withDeadline = <T>(what: string, work: Promise<T>): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} in ${GIVE_UP_MS} ms`)), GIVE_UP_MS);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });

/**
 * A participant of a cluster room: the room client library, given the nodes to fail over
 * between, with the ledger the checks read: every frame its sockets delivered, and every drop
 * survived (why, where it went, how long until it was back in the room).
 */
export class ClusterClient {
  /** Every frame the current and earlier sockets delivered, in order of arrival. */
  readonly frames: Frame[] = [];
  readonly moves: { reason: string; from: string; to: string; ms: number }[] = [];
  private dropped: { reason: string; from: string; at: number } | null = null;
  private readonly client: RoomClient;
  private readonly documents: DocumentChannel[] = [];

  private constructor(
    readonly name: string,
    token: string,
    readonly sessionId: string,
    /** The nodes this client may use, its first choice first. */
    nodes: readonly string[],
  ) {
    const open = openSocketIo(TIMING);
    this.client = new RoomClient({
      sessionId,
      token: () => token,
      nodes,
      timing: TIMING,
      openSocket: (node, socketToken) => this.recorded(open(node, socketToken)),
      onDropped: (reason, node) => {
        this.dropped = { reason, from: node ?? '', at: Date.now() };
      },
      onJoined: (node) => {
        if (!this.dropped) return;
        const { reason, from, at } = this.dropped;
        this.moves.push({ reason, from, to: node ?? '', ms: Date.now() - at });
        this.dropped = null;
      },
    });
  }

  static async open(
    name: string,
    token: string,
    sessionId: string,
    nodes: readonly string[],
  ): Promise<ClusterClient> {
    const client = new ClusterClient(name, token, sessionId, nodes);
    client.client.start();
    await withDeadline(`${name} reached no node`, client.client.ready());
    return client;
  }

  /** The room as its frames built it (an ended room's live presence is not in its log). */
  get state(): RoomState | null {
    return this.client.channel.folded;
  }

  /** The node the client is on now. */
  get url(): string {
    return this.client.getSnapshot().node ?? '';
  }

  private recorded(socket: RoomSocket): RoomSocket {
    const current = () => socket === this.client.socket;
    socket.on('room:event', ({ sessionId, event }) => {
      if (sessionId === this.sessionId && current()) this.frames.push({ kind: 'event', event });
    });
    socket.on('room:snapshot', ({ sessionId, state }) => {
      if (sessionId === this.sessionId && current()) this.frames.push({ kind: 'snapshot', state });
    });
    return socket;
  }

  /**
   * Sends a command until it is acknowledged: after a timeout, a drop or a retryable refusal it
   * goes again with the same clientEventId, on whatever node the client is on by then.
   */
  async send<T extends RoomCommandType>(
    type: T,
    payload: CommandPayload<T>,
    clientEventId?: string,
  ): Promise<Sent> {
    const delivery = await withDeadline(
      `${this.name} ${type} not acknowledged`,
      this.client.deliver(type, payload, clientEventId),
    );
    const { ack } = delivery;
    if (!ack.ok) throw new Refused(`${this.name} ${type}`, ack.error);
    return { ...delivery, ack };
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

  /** A shared document of the room, over this client's socket wherever it moves. */
  document(documentId: DocumentId): DocumentChannel {
    const channel = DocumentChannel.follow(this.client, documentId);
    this.documents.push(channel);
    return channel;
  }

  close(): void {
    for (const channel of this.documents.splice(0)) channel.close();
    this.client.stop();
  }
}
