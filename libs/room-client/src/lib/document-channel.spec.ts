import { EventEmitter } from 'node:events';
import { initialRoomState } from '@signal-room/domain';
import { MAX_DOCUMENT_PART_BYTES } from '@signal-room/protocol';
import * as Y from 'yjs';
import { DocumentChannel, partsOf } from './document-channel';
import type { RoomSocket } from './room-channel';
import { RoomClient } from './room-client';

interface Sent {
  clientUpdateId: string;
  update: Uint8Array;
  part?: { index: number; count: number };
}

/** Just enough of a socket.io client socket for a document: acks, frames from the server. */
class FakeSocket extends EventEmitter {
  connected = true;
  updates: Sent[] = [];
  opens: Uint8Array[] = [];
  /** How many updates go unanswered (as a timeout) before the server answers again. */
  dropUpdates = 0;
  /** What an open grants. */
  openAccess: 'write' | 'read' = 'write';
  /** The next update is refused with this, and not stored. */
  refuseNext: { code: string; message: string; retryable: boolean } | null = null;
  constructor(private readonly server: Y.Doc) {
    super();
  }
  timeout() {
    return this;
  }
  /** What the channel sends without an ack (awareness) is kept, not echoed back. */
  override emit(): boolean {
    return true;
  }
  close() {
    return this;
  }
  disconnect() {
    return this;
  }
  /** A frame from the server. */
  receive(event: string, message: unknown) {
    super.emit(event, message);
  }
  emitWithAck(event: string, body: Sent & { stateVector: Uint8Array }) {
    if (event === 'room:join') {
      return Promise.resolve({
        ok: true,
        role: 'candidate',
        serverTime: 0,
        snapshot: initialRoomState({
          sessionId: SESSION,
          roundType: 'coding-screen',
          visibility: 'private',
          interviewerId: 'ivy',
          durationMs: 60_000,
          prompt: null,
        }),
        events: [],
      });
    }
    if (event === 'clock:ping') return Promise.resolve({ clientTime: 0, serverTime: 0 });
    if (event === 'document:open') {
      this.opens.push(body.stateVector);
      return Promise.resolve({
        ok: true,
        access: this.openAccess,
        update: Y.encodeStateAsUpdate(this.server, body.stateVector),
        stateVector: Y.encodeStateVector(this.server),
      });
    }
    this.updates.push(body);
    if (this.refuseNext) {
      const error = this.refuseNext;
      this.refuseNext = null;
      return Promise.resolve({ ok: false, error });
    }
    if (this.dropUpdates > 0) {
      this.dropUpdates -= 1;
      return Promise.reject(new Error('operation has timed out'));
    }
    if (!body.part) Y.applyUpdate(this.server, body.update);
    return Promise.resolve({ ok: true });
  }
}

const SESSION = '5b8e2f1a-9c3d-4e7f-8a6b-1c2d3e4f5a6b';
const TIMING = { coalesceMs: 1, backoffMs: [1], awarenessMs: 1 };
const settle = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for what timers bring about, on a machine that may be slow. */
async function until(holds: () => boolean): Promise<void> {
  for (let waited = 0; !holds(); waited += 5) {
    if (waited > 5000) throw new Error('timed out');
    await settle(5);
  }
}
const text = (doc: Y.Doc) => doc.getText('code').toString();

function serverWith(content: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('code').insert(0, content);
  return doc;
}

async function opened(server: Y.Doc, channel = new DocumentChannel(SESSION, 'pad', TIMING)) {
  const socket = new FakeSocket(server);
  await channel.attach(socket as unknown as RoomSocket);
  return { channel, socket };
}

describe('DocumentChannel', () => {
  it('opens with its state vector and takes what the server holds', async () => {
    const { channel, socket } = await opened(serverWith('def allow():'));
    expect(text(channel.doc)).toBe('def allow():');
    expect(channel.getSnapshot()).toEqual({
      status: 'synced',
      access: 'write',
      error: null,
      unsaved: false,
    });
    expect(socket.opens).toHaveLength(1);
    expect(socket.updates).toHaveLength(0);
    channel.close();
  });

  it('sends what is typed within a few ms as one update, retried with its id until answered', async () => {
    const server = new Y.Doc();
    const { channel, socket } = await opened(server);
    socket.dropUpdates = 1;
    channel.doc.getText('code').insert(0, 'a');
    channel.doc.getText('code').insert(1, 'b');
    expect(channel.getSnapshot().unsaved).toBe(true);
    await until(() => socket.updates.length === 2);
    await until(() => !channel.getSnapshot().unsaved);
    expect(socket.updates).toHaveLength(2);
    expect(socket.updates[0]?.clientUpdateId).toBe(socket.updates[1]?.clientUpdateId);
    expect(text(server)).toBe('ab');
    channel.close();
  });

  it('applies what others wrote without sending it back', async () => {
    const server = new Y.Doc();
    const { channel, socket } = await opened(server);
    const other = serverWith('from a peer');
    socket.receive('document:update', {
      sessionId: SESSION,
      documentId: 'pad',
      update: Y.encodeStateAsUpdate(other),
    });
    socket.receive('document:update', {
      sessionId: SESSION,
      documentId: 'scratch',
      update: Y.encodeStateAsUpdate(serverWith('another document')),
    });
    await settle();
    expect(text(channel.doc)).toBe('from a peer');
    expect(socket.updates).toHaveLength(0);
    channel.close();
  });

  it('re-sends on a new connection what the server it reaches lacks', async () => {
    const lost = new Y.Doc();
    const { channel, socket } = await opened(lost);
    // The node dies before answering: the update never reached the store.
    socket.dropUpdates = Number.POSITIVE_INFINITY;
    channel.doc.getText('code').insert(0, 'typed while the node died');
    await settle();
    socket.connected = false;
    socket.receive('disconnect', 'transport close');
    expect(channel.getSnapshot().status).toBe('offline');

    const elsewhere = new Y.Doc();
    const next = new FakeSocket(elsewhere);
    await channel.attach(next as unknown as RoomSocket);
    await until(() => text(elsewhere) !== '');
    expect(text(elsewhere)).toBe('typed while the node died');
    expect(channel.getSnapshot().status).toBe('synced');
    channel.close();
  });

  it('opens again when told the store holds what it lacks, and not when it holds it all', async () => {
    const server = serverWith('typed before');
    const { channel, socket } = await opened(server);
    const stored = () =>
      socket.receive('document:stored', {
        sessionId: SESSION,
        documentId: 'pad',
        stateVector: Y.encodeStateVector(server),
      });
    stored();
    await settle();
    expect(socket.opens).toHaveLength(1);

    // Stored by a node that died before fanning it out: it never came as an update.
    server.getText('code').insert(0, 'never fanned out; ');
    stored();
    await until(() => text(channel.doc) === 'never fanned out; typed before');
    expect(socket.opens).toHaveLength(2);
    expect(channel.getSnapshot()).toMatchObject({ status: 'synced', error: null });
    channel.close();
  });

  it('opens again and re-sends when an update is refused as not opened on this socket', async () => {
    const server = new Y.Doc();
    const { channel, socket } = await opened(server);
    socket.refuseNext = {
      code: 'INVALID_STATE',
      message: 'Open the pad before writing to it.',
      retryable: false,
    };
    channel.doc.getText('code').insert(0, 'typed as the server forgot the open');
    await until(() => text(server) === 'typed as the server forgot the open');
    await until(() => !channel.getSnapshot().unsaved);
    expect(socket.opens).toHaveLength(2);
    expect(channel.getSnapshot()).toMatchObject({ status: 'synced', error: null });
    channel.close();
  });

  it('sends an update over the part size in numbered parts of one id', async () => {
    const server = new Y.Doc();
    const { channel, socket } = await opened(server);
    channel.doc.getText('code').insert(0, 'x'.repeat(3 * MAX_DOCUMENT_PART_BYTES));
    await until(() => socket.updates.length === 4);
    const parts = socket.updates;
    expect(parts.length).toBe(4);
    expect(new Set(parts.map((part) => part.clientUpdateId)).size).toBe(1);
    expect(parts.map((part) => part.part)).toEqual(
      [0, 1, 2, 3].map((index) => ({ index, count: 4 })),
    );
    expect(parts.every((part) => part.update.byteLength <= MAX_DOCUMENT_PART_BYTES)).toBe(true);
    const whole = Buffer.concat(parts.map((part) => part.update));
    Y.applyUpdate(server, whole);
    expect(text(server)).toBe(text(channel.doc));
    channel.close();
  });

  it("follows a room client's connection: opened once joined, again on the next socket", async () => {
    const server = new Y.Doc();
    const sockets: FakeSocket[] = [];
    const client = new RoomClient({
      sessionId: SESSION,
      token: () => 'token',
      timing: { backoffMs: [1], refusedRetryMs: 1 },
      openSocket: () => {
        const socket = new FakeSocket(server);
        sockets.push(socket);
        return socket as unknown as RoomSocket;
      },
    });
    client.start();
    const channel = DocumentChannel.follow(client, 'pad', TIMING);
    expect(channel.getSnapshot().status).toBe('connecting');
    sockets[0]?.receive('connect', undefined);
    await until(() => channel.getSnapshot().status === 'synced');
    expect(sockets[0]?.opens).toHaveLength(1);

    channel.doc.getText('code').insert(0, 'x');
    await until(() => text(server) === 'x');
    const first = sockets[0];
    if (first) first.connected = false;
    first?.receive('disconnect', 'transport close');
    await until(() => sockets.length === 2);
    expect(channel.getSnapshot().status).toBe('offline');
    sockets[1]?.receive('connect', undefined);
    await until(() => channel.getSnapshot().status === 'synced');
    expect(sockets[1]?.opens).toHaveLength(1);
    channel.close();
    client.stop();
  });

  it('opens again when the room locks the pad, and sends what was typed once it unlocks', async () => {
    const server = new Y.Doc();
    let socket: FakeSocket | undefined;
    const client = new RoomClient({
      sessionId: SESSION,
      token: () => 'token',
      timing: { backoffMs: [1], refusedRetryMs: 1 },
      openSocket: () => {
        socket = new FakeSocket(server);
        return socket as unknown as RoomSocket;
      },
    });
    client.start();
    const channel = DocumentChannel.follow(client, 'pad', TIMING);
    socket?.receive('connect', undefined);
    await until(() => channel.getSnapshot().status === 'synced');
    const locked = (padLocked: boolean, seq: number) =>
      socket?.receive('room:event', {
        sessionId: SESSION,
        event: { type: 'workspace.changed', payload: { padLocked }, seq, actorId: 'ivy', at: seq },
      });

    if (socket) socket.openAccess = 'read';
    locked(true, 1);
    await until(() => channel.getSnapshot().access === 'read');
    expect(socket?.opens).toHaveLength(2);
    // Typed as the lock landed: the server refuses it, and it is kept, unsaved, not dropped.
    if (socket) {
      socket.refuseNext = { code: 'FORBIDDEN_ROLE', message: 'Locked.', retryable: false };
    }
    channel.doc.getText('code').insert(0, 'late');
    await until(() => socket?.opens.length === 3);
    expect(channel.getSnapshot()).toMatchObject({ unsaved: true, error: null });
    expect(text(server)).toBe('');

    if (socket) socket.openAccess = 'write';
    locked(false, 2);
    await until(() => text(server) === 'late');
    expect(channel.getSnapshot()).toMatchObject({ access: 'write', unsaved: false });
    channel.close();
    client.stop();
  });

  it('cuts an update into parts that join back into it', () => {
    const update = new Uint8Array(2 * MAX_DOCUMENT_PART_BYTES + 1).fill(7);
    const parts = partsOf(update);
    expect(parts.map((part) => part.byteLength)).toEqual([
      MAX_DOCUMENT_PART_BYTES,
      MAX_DOCUMENT_PART_BYTES,
      1,
    ]);
    expect(Buffer.concat(parts).equals(Buffer.from(update))).toBe(true);
  });
});
