import type { DocumentAccess, DocumentId } from '@signal-room/domain';
import { documentAccess } from '@signal-room/domain';
import type {
  ApiError,
  DocumentAwareness,
  DocumentOpenAck,
  DocumentStored,
  DocumentUpdateAck,
  DocumentUpdateMessage,
} from '@signal-room/protocol';
import {
  MAX_DOCUMENT_PART_BYTES,
  MAX_DOCUMENT_UPDATE_PARTS,
  documentAwarenessSchema,
  documentOpenAckSchema,
  documentStoredSchema,
  documentUpdateMessageSchema,
} from '@signal-room/protocol';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { RoomSocket } from './room-channel';
import type { RoomClient } from './room-client';

export type DocumentStatus = 'connecting' | 'synced' | 'offline';

export interface DocumentSnapshot {
  status: DocumentStatus;
  /** What this person may do with the document; null until it is opened. */
  access: DocumentAccess | null;
  /** Why opening or writing was refused for good (not a participant, a read-only document…). */
  error: ApiError | null;
  /** Local changes not yet stored by the server; a reconnect re-sends them. */
  unsaved: boolean;
}

export interface DocumentTiming {
  ackTimeoutMs: number;
  /** Local updates made within this window go as one message. */
  coalesceMs: number;
  /** Waits between retries of an unanswered update, growing to the last. */
  backoffMs: readonly number[];
  /** Cursor and selection changes go at most this often. */
  awarenessMs: number;
}

export const DEFAULT_DOCUMENT_TIMING: DocumentTiming = {
  ackTimeoutMs: 10_000,
  coalesceMs: 5,
  backoffMs: [250, 500, 1000, 2000, 4000],
  awarenessMs: 50,
};

/** Origins of what the channel applies itself, so it is not sent back. */
const REMOTE = Symbol('remote');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether state vector `a` holds anything `b` lacks: a writer's clock ahead in `a`. */
function ahead(a: Map<number, number>, b: Map<number, number>): boolean {
  for (const [client, clock] of a) {
    if ((b.get(client) ?? 0) < clock) return true;
  }
  return false;
}

/** An update as one message, or in numbered parts of at most the protocol's part size. */
export function partsOf(update: Uint8Array): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (let start = 0; start < update.byteLength; start += MAX_DOCUMENT_PART_BYTES) {
    parts.push(update.subarray(start, start + MAX_DOCUMENT_PART_BYTES));
  }
  return parts.length > 0 ? parts : [update];
}

/**
 * One shared document of a session on the room's connection: a Y.Doc and its awareness kept in
 * step with the server. On every (re)connection it opens the document with its state vector,
 * applies what it lacked, and sends what the server lacks (computed from the server's state
 * vector), so updates lost with a node are re-sent. Local updates are coalesced for a few ms and
 * sent, each retried with its one clientUpdateId until acknowledged (acknowledged = stored).
 */
export class DocumentChannel {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  private snapshot: DocumentSnapshot = {
    status: 'connecting',
    access: null,
    error: null,
    unsaved: false,
  };
  private readonly listeners = new Set<() => void>();
  private readonly timing: DocumentTiming;
  private socket: RoomSocket | null = null;
  private detachSocket: () => void = () => undefined;
  /** Local updates made since the last message was cut. */
  private pending: Uint8Array[] = [];
  private sending = false;
  private reopening = false;
  private coalescing: ReturnType<typeof setTimeout> | null = null;
  private awarenessTimer: ReturnType<typeof setTimeout> | null = null;
  private unfollow: () => void = () => undefined;
  private closed = false;

  constructor(
    readonly sessionId: string,
    readonly documentId: DocumentId,
    timing: Partial<DocumentTiming> = {},
  ) {
    this.timing = { ...DEFAULT_DOCUMENT_TIMING, ...timing };
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      this.pending.push(update);
      if (!this.snapshot.unsaved) this.update({ unsaved: true });
      this.coalescing ??= setTimeout(() => {
        this.coalescing = null;
        void this.flush();
      }, this.timing.coalesceMs);
    });
    this.awareness.on('update', (_change: unknown, origin: unknown) => {
      if (origin === REMOTE) return;
      this.awarenessTimer ??= setTimeout(() => {
        this.awarenessTimer = null;
        this.sendAwareness();
      }, this.timing.awarenessMs);
    });
  }

  /**
   * Follows a room client: opens the document on each socket once the room is joined on it
   * (after a reconnect, to whichever node), and shows it offline in between. When the room's
   * settings change what this person may do with it, opens it again for the server's answer
   * (and, given write again, sends what was typed as it locked).
   */
  static follow(
    client: RoomClient,
    documentId: DocumentId,
    timing?: Partial<DocumentTiming>,
  ): DocumentChannel {
    const channel = new DocumentChannel(client.channel.sessionId, documentId, timing);
    const check = () => {
      const { status, role, state } = client.getSnapshot();
      const socket = client.socket;
      if (status === 'online' && socket && socket !== channel.socket) {
        channel.attach(socket).catch(() => undefined);
      } else if (status !== 'online' && channel.snapshot.status === 'synced') {
        channel.update({ status: 'offline' });
      } else if (socket && role && state && channel.snapshot.status === 'synced') {
        const access = documentAccess(documentId, role, state.workspace);
        if (access !== null && access !== channel.snapshot.access) void channel.reopen(socket);
      }
    };
    channel.unfollow = client.subscribe(check);
    check();
    return channel;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): DocumentSnapshot => this.snapshot;

  /**
   * Opens the document on `socket`, which has joined the session's room; resolves with the
   * server's answer. Whatever was in flight on an earlier socket is re-sent from the answer.
   */
  async attach(socket: RoomSocket): Promise<DocumentOpenAck> {
    this.detachSocket();
    this.socket = socket;
    const onUpdate = (message: DocumentUpdateMessage) => {
      if (!this.mine(socket, message)) return;
      const parsed = documentUpdateMessageSchema.safeParse(message);
      if (parsed.success) Y.applyUpdate(this.doc, parsed.data.update, REMOTE);
    };
    const onStored = (message: DocumentStored) => {
      if (!this.mine(socket, message) || this.snapshot.status !== 'synced') return;
      const parsed = documentStoredSchema.safeParse(message);
      if (parsed.success && ahead(Y.decodeStateVector(parsed.data.stateVector), this.vector())) {
        void this.reopen(socket);
      }
    };
    const onAwareness = (message: DocumentAwareness) => {
      if (!this.mine(socket, message)) return;
      const parsed = documentAwarenessSchema.safeParse(message);
      if (parsed.success) applyAwarenessUpdate(this.awareness, parsed.data.update, REMOTE);
    };
    const onDisconnect = () => {
      if (this.socket === socket) this.update({ status: 'offline' });
    };
    socket.on('document:update', onUpdate);
    socket.on('document:stored', onStored);
    socket.on('document:awareness', onAwareness);
    socket.on('disconnect', onDisconnect);
    this.detachSocket = () => {
      socket.off('document:update', onUpdate);
      socket.off('document:stored', onStored);
      socket.off('document:awareness', onAwareness);
      socket.off('disconnect', onDisconnect);
      if (this.socket === socket) this.socket = null;
    };
    this.update({ status: 'connecting' });
    const answer = await this.open(socket);
    if (!answer.ok && this.socket === socket)
      this.update({ status: 'offline', error: answer.error });
    return answer;
  }

  /**
   * Asks `socket` for what is stored that this lacks and applies it; queues what the server
   * lacks. Answers a refusal without acting on it.
   */
  private async open(socket: RoomSocket): Promise<DocumentOpenAck> {
    const raw: unknown = await socket
      .timeout(this.timing.ackTimeoutMs)
      .emitWithAck('document:open', {
        sessionId: this.sessionId,
        documentId: this.documentId,
        stateVector: Y.encodeStateVector(this.doc),
      });
    const answer = documentOpenAckSchema.parse(raw);
    if (this.socket !== socket || !answer.ok) return answer;
    Y.applyUpdate(this.doc, answer.update, REMOTE);
    this.update({ status: 'synced', access: answer.access, error: null });
    if (
      answer.access === 'write' &&
      (this.snapshot.unsaved || this.serverLacks(answer.stateVector))
    ) {
      // What the server lacks, including what was in flight on the socket before: one message.
      this.pending = [Y.encodeStateAsUpdate(this.doc, answer.stateVector)];
      void this.flush();
    } else {
      this.pending = [];
    }
    this.sendAwareness();
    return answer;
  }

  /**
   * Opens again on the same socket: the server holds what this lacks (stored on a node that died
   * before fanning it out), or refused an update as not opened. Retried while the refusal is
   * passing (a rate limit); a lasting one shows as offline with its error.
   */
  private async reopen(socket: RoomSocket): Promise<void> {
    if (this.reopening) return;
    this.reopening = true;
    try {
      for (let attempt = 0; this.socket === socket && !this.closed; attempt += 1) {
        const answer = await this.open(socket).catch(() => null);
        if (this.socket !== socket || answer?.ok) return;
        if (answer && !answer.error.retryable) {
          this.update({ status: 'offline', error: answer.error });
          return;
        }
        const { backoffMs } = this.timing;
        await sleep(backoffMs[Math.min(attempt, backoffMs.length - 1)] ?? 1000);
      }
    } finally {
      this.reopening = false;
    }
  }

  detach(): void {
    this.detachSocket();
    this.update({ status: 'offline' });
  }

  /** Stops following and syncing; tells the others this person's cursor is gone. */
  close(): void {
    this.closed = true;
    this.unfollow();
    removeAwarenessStates(this.awareness, [this.doc.clientID], 'close');
    this.sendAwareness();
    if (this.coalescing) clearTimeout(this.coalescing);
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.detachSocket();
    this.awareness.destroy();
    this.doc.destroy();
  }

  private mine(socket: RoomSocket, message: { sessionId: string; documentId: string }): boolean {
    return (
      this.socket === socket &&
      message.sessionId === this.sessionId &&
      message.documentId === this.documentId
    );
  }

  private vector(): Map<number, number> {
    return Y.decodeStateVector(Y.encodeStateVector(this.doc));
  }

  /** Whether the server's state vector is behind ours for any writer. */
  private serverLacks(serverVector: Uint8Array): boolean {
    return ahead(this.vector(), Y.decodeStateVector(serverVector));
  }

  /** Sends what is pending, one message (or one update's parts) at a time, until acknowledged. */
  private async flush(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    let notOpened: RoomSocket | null = null;
    try {
      while (this.pending.length > 0 && !this.closed) {
        const socket = this.socket;
        if (!socket?.connected || this.snapshot.status !== 'synced') return;
        const update = Y.mergeUpdates(this.pending);
        this.pending = [];
        const outcome = await this.deliver(socket, update);
        if (outcome === 'not-opened') notOpened = socket;
        // Lost with its socket, or refused as not opened: the next open (on the next socket, or
        // again on this one) computes what the server lacks and queues that, which this loop
        // sends if that open came meanwhile.
        if (outcome !== 'done' && this.socket === socket) return;
      }
      if (this.pending.length === 0) this.update({ unsaved: false });
    } finally {
      this.sending = false;
      // Once this loop is done, so that the open's flush is the one that sends.
      if (notOpened) void this.reopen(notOpened);
    }
  }

  /** Done once every part is acknowledged, or refused for good. */
  private async deliver(
    socket: RoomSocket,
    update: Uint8Array,
  ): Promise<'done' | 'lost' | 'not-opened'> {
    const parts = partsOf(update);
    if (parts.length > MAX_DOCUMENT_UPDATE_PARTS) {
      this.refused({
        code: 'PAYLOAD_TOO_LARGE',
        message: 'This change is too large to send at once.',
        retryable: false,
      });
      return 'done';
    }
    const clientUpdateId = crypto.randomUUID();
    for (const [index, part] of parts.entries()) {
      for (let attempt = 0; ; attempt += 1) {
        if (this.socket !== socket || !socket.connected || this.closed) return 'lost';
        const answer = await socket
          .timeout(this.timing.ackTimeoutMs)
          .emitWithAck('document:update', {
            sessionId: this.sessionId,
            documentId: this.documentId,
            clientUpdateId,
            update: part,
            ...(parts.length > 1 ? { part: { index, count: parts.length } } : {}),
          })
          .catch((): DocumentUpdateAck | null => null);
        if (answer?.ok) break;
        if (answer?.error.code === 'INVALID_STATE' || answer?.error.code === 'FORBIDDEN_ROLE') {
          // Not opened on this socket as the server sees it, or no longer to write (the pad was
          // locked as this went): opening again re-sends it, or keeps it until write is back.
          return 'not-opened';
        }
        if (answer && !answer.error.retryable) {
          this.refused(answer.error);
          return 'done';
        }
        const { backoffMs } = this.timing;
        await sleep(backoffMs[Math.min(attempt, backoffMs.length - 1)] ?? 1000);
      }
    }
    return 'done';
  }

  private refused(error: ApiError): void {
    this.update({ error });
  }

  private sendAwareness(): void {
    const socket = this.socket;
    if (!socket?.connected || this.snapshot.status !== 'synced') return;
    socket.emit('document:awareness', {
      sessionId: this.sessionId,
      documentId: this.documentId,
      update: encodeAwarenessUpdate(this.awareness, [this.doc.clientID]),
    });
  }

  private update(change: Partial<DocumentSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }
}
