import type { OrderedFold, RoomCommandType, RoomState, Role } from '@signal-room/domain';
import { emptyFold, withEvent, withOnline, withSnapshot } from '@signal-room/domain';
import type {
  ClientToServerEvents,
  CommandAck,
  CommandEnvelope,
  CommandPayload,
  JoinAck,
  RoomEventMessage,
  RoomPresenceMessage,
  RoomRemovedMessage,
  RoomSnapshotMessage,
  ServerToClientEvents,
} from '@signal-room/protocol';
import type { Socket } from 'socket.io-client';

export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A frame of the room as it reached the channel, before any folding. */
type Frame =
  { kind: 'event'; message: RoomEventMessage } | { kind: 'snapshot'; message: RoomSnapshotMessage };

export interface ChannelListener {
  /** The view changed: a frame folded, a join answered, presence moved. */
  changed?(): void;
  /** The interviewer removed this person; the server has taken their sockets out of the room. */
  removed?(): void;
}

/**
 * One session's room on one connection: the reference for how a client follows a room. It keeps
 * the viewer's room folded in seq order from what the server sends (events when they fold,
 * snapshots when what the viewer may see changed), holds the frames that arrive while a join is
 * unanswered and folds them after its answer, and re-joins without a seq when an event came too
 * late to place. The socket can be swapped (a reconnect, another node): the view carries over.
 */
export class RoomChannel {
  private foldHeld: OrderedFold;
  /** Frames that came while a join was unanswered; folded once it is. */
  private held: Frame[] | null = null;
  private socket: RoomSocket | null = null;
  private detachSocket: () => void = () => undefined;
  /** Who has the room open, as the server last told it; only an ended room is told. */
  private online: ReadonlySet<string> | null = null;
  private joinedAs: Role | null = null;

  constructor(
    readonly sessionId: string,
    private readonly listener: ChannelListener = {},
    /** A view held from before (a reload, a reconnecting test), to catch up from. */
    held: RoomState | null = null,
  ) {
    this.foldHeld = held ? withSnapshot(emptyFold, held) : emptyFold;
  }

  /** The room as the fold holds it, with who has it open now where the server said so. */
  get state(): RoomState | null {
    const { state } = this.foldHeld;
    return state && this.online ? withOnline(state, this.online) : state;
  }

  /** The room as folded from the frames alone: what the log says, without the live presence. */
  get folded(): RoomState | null {
    return this.foldHeld.state;
  }

  /** The role the last answered join gave; null until then and after the socket is swapped. */
  get role(): Role | null {
    return this.joinedAs;
  }

  get joined(): boolean {
    return this.joinedAs !== null && this.held === null;
  }

  /** Follows the room on `socket` from now on; frames from an earlier socket are ignored. */
  attach(socket: RoomSocket): void {
    this.detachSocket();
    this.socket = socket;
    this.joinedAs = null;
    const mine = (message: { sessionId: string }) =>
      message.sessionId === this.sessionId && this.socket === socket;
    const onEvent = (message: RoomEventMessage) => {
      if (mine(message)) this.receive({ kind: 'event', message });
    };
    const onSnapshot = (message: RoomSnapshotMessage) => {
      if (mine(message)) this.receive({ kind: 'snapshot', message });
    };
    // It may come before the join answer: it is kept and shown once there is a room to show.
    const onPresence = (message: RoomPresenceMessage) => {
      if (!mine(message)) return;
      this.online = new Set(message.online);
      this.listener.changed?.();
    };
    const onRemoved = (message: RoomRemovedMessage) => {
      if (!mine(message)) return;
      this.joinedAs = null;
      this.listener.removed?.();
    };
    socket.on('room:event', onEvent);
    socket.on('room:snapshot', onSnapshot);
    socket.on('room:presence', onPresence);
    socket.on('room:removed', onRemoved);
    this.detachSocket = () => {
      socket.off('room:event', onEvent);
      socket.off('room:snapshot', onSnapshot);
      socket.off('room:presence', onPresence);
      socket.off('room:removed', onRemoved);
      if (this.socket === socket) this.socket = null;
    };
  }

  detach(): void {
    this.detachSocket();
    this.joinedAs = null;
    this.held = null;
  }

  /**
   * Joins the room on the attached socket: with `lastSeq` the answer is what came after it,
   * without it a snapshot. Frames sent before the answer (the join's own presence event, anything
   * committed meanwhile) are held: folded at once onto a stale view, they would hide the gap the
   * answer fills.
   */
  async join(lastSeq?: number, timeoutMs = 10_000): Promise<JoinAck> {
    const socket = this.requireSocket();
    this.held = [];
    try {
      const answer = await socket
        .timeout(timeoutMs)
        .emitWithAck('room:join', { sessionId: this.sessionId, lastSeq });
      if (answer.ok && this.socket === socket) {
        let fold = answer.snapshot ? withSnapshot(this.foldHeld, answer.snapshot) : this.foldHeld;
        for (const event of answer.events) fold = withEvent(fold, event);
        this.foldHeld = fold;
        this.joinedAs = answer.role;
      }
      return answer;
    } finally {
      this.release();
    }
  }

  /** Sends one command once and answers with the server's ack; retrying is the caller's. */
  command<T extends RoomCommandType>(
    type: T,
    payload: CommandPayload<T>,
    clientEventId: string,
    timeoutMs = 10_000,
  ): Promise<CommandAck> {
    const envelope = { sessionId: this.sessionId, clientEventId, type, payload } as CommandEnvelope;
    return this.requireSocket().timeout(timeoutMs).emitWithAck('room:command', envelope);
  }

  private requireSocket(): RoomSocket {
    if (!this.socket) throw new Error(`the room ${this.sessionId} has no connection`);
    return this.socket;
  }

  private receive(frame: Frame): void {
    if (this.held) this.held.push(frame);
    else this.fold(frame);
  }

  private release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const frame of held) this.fold(frame);
    this.listener.changed?.();
  }

  private fold(frame: Frame): void {
    this.foldHeld =
      frame.kind === 'event'
        ? withEvent(this.foldHeld, frame.message.event)
        : withSnapshot(this.foldHeld, frame.message.state);
    this.listener.changed?.();
    // An event older than every one the fold still holds cannot be placed any more. Re-joining
    // with our seq would not bring it (it is below that seq); a join without one answers with a
    // snapshot that holds it. The socket is already in the room, so this costs one round trip,
    // and frames meanwhile wait for the answer as usual.
    if (this.foldHeld.missed && this.joined) this.join(undefined).catch(() => undefined);
  }
}
