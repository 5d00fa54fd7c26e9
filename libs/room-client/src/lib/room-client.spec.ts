import { jest } from '@jest/globals';
import { EventEmitter } from 'node:events';
import type { RoomEvent, RoomState } from '@signal-room/domain';
import { initialRoomState, MAX_HELD_EVENTS, reduceAll } from '@signal-room/domain';
import { memoryStorage } from './outbox';
import type { RoomSocket } from './room-channel';
import { RoomClient } from './room-client';

/** Just enough of a socket.io client socket for the client: events, acks, connect. */
class FakeSocket extends EventEmitter {
  connected = false;
  closed = false;
  commands: { clientEventId: string; type: string }[] = [];
  joins: { sessionId: string; lastSeq?: number }[] = [];
  /** How many joins to refuse first, as a busy server does (retryable). */
  refuseJoins = 0;
  /** The snapshot every join is answered with. */
  constructor(public state: RoomState) {
    super();
  }
  close() {
    this.closed = true;
    return this;
  }
  disconnect() {
    return this;
  }
  /** Whether commands are answered; unanswered, they time out as the real socket's would. */
  ackCommands = true;
  private timeoutMs: number | null = null;
  timeout(ms: number) {
    this.timeoutMs = ms;
    return this;
  }
  emitWithAck(event: string, body: { clientEventId: string; type: string; lastSeq?: number }) {
    if (event === 'room:join') {
      this.joins.push({ sessionId: 'session-1', lastSeq: body.lastSeq });
      if (this.refuseJoins > 0) {
        this.refuseJoins -= 1;
        return Promise.resolve({
          ok: false,
          error: { code: 'RATE_LIMITED', message: 'Too many joins', retryable: true },
        });
      }
      return Promise.resolve({
        ok: true,
        role: 'interviewer',
        serverTime: 0,
        snapshot: this.state,
        events: [],
      });
    }
    if (event === 'room:command') {
      this.commands.push(body);
      if (!this.ackCommands) {
        const ms = this.timeoutMs ?? 10_000;
        return new Promise((_, reject) =>
          setTimeout(() => reject(new Error('operation has timed out')), ms),
        );
      }
      return Promise.resolve({ ok: true, seq: 1, duplicate: false });
    }
    return Promise.resolve({ clientTime: 0, serverTime: 0 });
  }
}

const room = initialRoomState({
  sessionId: 'session-1',
  roundType: 'coding-screen',
  visibility: 'private',
  interviewerId: 'ivy',
  durationMs: 60_000,
  prompt: null,
});

/** A client whose every connect opens `socket` again, and counts how often it did. */
function storeWith(socket: FakeSocket, storage = memoryStorage()): RoomClient & { opens: number } {
  const store = Object.assign(
    new RoomClient({
      sessionId: 'session-1',
      token: () => 'token',
      storage,
      openSocket: () => {
        store.opens += 1;
        socket.removeAllListeners();
        return socket as unknown as RoomSocket;
      },
    }),
    { opens: 0 },
  );
  store.start();
  return store;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

// Phases are appended in the order they are folded, so a fold out of seq order shows.
const phase = (seq: number): RoomEvent => ({
  seq,
  type: 'phase.changed',
  payload: { phaseId: `phase-${seq}`, offsetMs: seq },
  actorId: 'ivy',
  at: seq,
});
const phases = (...seqs: number[]): RoomEvent[] => seqs.map(phase);

const deliver = (socket: FakeSocket, ...events: RoomEvent[]) => {
  for (const event of events) socket.emit('room:event', { sessionId: 'session-1', event });
};
const deliverSnapshot = (socket: FakeSocket, state: RoomState) =>
  socket.emit('room:snapshot', { sessionId: 'session-1', serverTime: 0, state });

async function joinedStore(socket: FakeSocket): Promise<RoomClient> {
  const store = storeWith(socket);
  socket.emit('connect');
  await settle();
  expect(store.getSnapshot().status).toBe('online');
  return store;
}

describe('the room client', () => {
  it('keeps commands made offline and sends each once, in order, when the room is back', async () => {
    const socket = new FakeSocket(room);
    const storage = memoryStorage();
    const store = storeWith(socket, storage);
    const first = store.send('timer.start', {});
    const second = store.send('score.set', { signal: 'coding', score: 3 });
    expect(store.getSnapshot().pending).toHaveLength(2);
    expect(JSON.parse(storage.load() ?? '[]')).toHaveLength(2);

    socket.emit('connect');
    await settle();
    await settle();
    expect(socket.commands.map((command) => command.clientEventId)).toEqual([first, second]);
    expect(store.getSnapshot().pending).toHaveLength(0);
    expect(storage.load()).toBeNull();
    store.stop();
  });

  it('joins again by itself after a retryable refusal, keeping the seq it holds', async () => {
    jest.useFakeTimers();
    try {
      const socket = new FakeSocket(room);
      socket.refuseJoins = 1;
      const store = storeWith(socket);
      socket.emit('connect');
      await jest.advanceTimersByTimeAsync(0);
      expect(store.getSnapshot().status).toBe('offline');
      expect(store.getSnapshot().joinError).toBeNull();
      await jest.advanceTimersByTimeAsync(2500);
      expect(socket.joins).toHaveLength(2);
      expect(store.getSnapshot().status).toBe('online');
      store.stop();
    } finally {
      jest.useRealTimers();
    }
  });

  it('tries again by itself when a server refuses the socket, but not after a sign-in refusal', () => {
    jest.useFakeTimers();
    try {
      const socket = new FakeSocket(room);
      const store = storeWith(socket);
      socket.emit('connect_error', new Error('UNAVAILABLE'));
      expect(store.getSnapshot().status).toBe('offline');
      expect(socket.closed).toBe(true);
      jest.advanceTimersByTime(2500);
      expect(store.opens).toBe(2);

      socket.emit('connect_error', new Error('UNAUTHENTICATED'));
      jest.advanceTimersByTime(5000);
      expect(store.getSnapshot().status).toBe('signed-out');
      expect(store.opens).toBe(2);
      store.stop();
    } finally {
      jest.useRealTimers();
    }
  });

  describe('folds the room in seq order', () => {
    const inOrder = reduceAll(room, phases(1, 2, 3, 4, 5));

    it('when a later event arrives before an earlier one', async () => {
      const socket = new FakeSocket(room);
      const store = await joinedStore(socket);
      deliver(socket, ...phases(1, 2, 3, 5));
      expect(store.getSnapshot().state).toEqual(reduceAll(room, phases(1, 2, 3, 5)));
      deliver(socket, phase(4));
      expect(store.getSnapshot().state).toEqual(inOrder);
      deliver(socket, phase(4), phase(5));
      expect(store.getSnapshot().state).toEqual(inOrder);
      store.stop();
    });

    it('with a snapshot arriving between out-of-order events', async () => {
      const socket = new FakeSocket(room);
      const store = await joinedStore(socket);
      deliver(socket, phase(1), phase(3));
      deliverSnapshot(socket, reduceAll(room, phases(1, 2)));
      expect(store.getSnapshot().state).toEqual(reduceAll(room, phases(1, 2, 3)));
      deliver(socket, phase(5), phase(2), phase(4));
      deliverSnapshot(socket, reduceAll(room, phases(1)));
      expect(store.getSnapshot().state).toEqual(inOrder);
      store.stop();
    });

    it('when events that came before the join answer are out of order', async () => {
      const socket = new FakeSocket(room);
      const store = storeWith(socket);
      socket.emit('connect');
      deliver(socket, phase(5), phase(4), ...phases(1, 2, 3));
      await settle();
      expect(store.getSnapshot().state).toEqual(inOrder);
      store.stop();
    });

    it('and asks for a snapshot when an event is too late to place', async () => {
      const socket = new FakeSocket(room);
      const store = await joinedStore(socket);
      const seqs = Array.from({ length: MAX_HELD_EVENTS + 100 }, (_, i) => i + 1);
      deliver(socket, ...phases(...seqs.filter((seq) => seq !== 10)));
      expect(socket.joins).toEqual([{ sessionId: 'session-1', lastSeq: undefined }]);

      socket.state = reduceAll(room, phases(...seqs));
      deliver(socket, phase(10));
      expect(socket.joins).toHaveLength(2);
      expect(socket.joins[1]).toEqual({ sessionId: 'session-1', lastSeq: undefined });
      await settle();
      expect(store.getSnapshot()).toMatchObject({ status: 'online', state: socket.state });
      store.stop();
    });
  });

  it('after a drop, joins again with the seq it holds and resends with the same id', async () => {
    jest.useFakeTimers();
    try {
      const socket = new FakeSocket(room);
      const store = storeWith(socket);
      socket.emit('connect');
      await jest.advanceTimersByTimeAsync(0);
      deliver(socket, ...phases(1, 2));
      socket.ackCommands = false;
      const delivered = store.deliver('score.set', { signal: 'coding', score: 3 });
      await jest.advanceTimersByTimeAsync(0);
      socket.emit('disconnect', 'transport close');
      expect(store.getSnapshot().status).toBe('offline');
      socket.ackCommands = true;
      await jest.advanceTimersByTimeAsync(20_000);
      socket.emit('connect');
      await jest.advanceTimersByTimeAsync(5000);
      expect(socket.joins.at(-1)).toEqual({ sessionId: 'session-1', lastSeq: 2 });
      const { ack, failures } = await delivered;
      expect(ack).toEqual({ ok: true, seq: 1, duplicate: false });
      expect(failures).toEqual(['timeout']);
      const ids = new Set(socket.commands.map((command) => command.clientEventId));
      expect([socket.commands.length, ids.size]).toEqual([2, 1]);
      store.stop();
    } finally {
      jest.useRealTimers();
    }
  });

  describe('in an ended room, whose log no longer records presence', () => {
    const ended: RoomState = {
      ...room,
      status: 'ended',
      participants: {
        ivy: { userId: 'ivy', displayName: 'Ivy', role: 'interviewer', online: true },
        cleo: { userId: 'cleo', displayName: 'Cleo', role: 'candidate', online: true },
      },
    };
    const onlineOf = (store: RoomClient) =>
      Object.values(store.getSnapshot().state?.participants ?? {})
        .filter((person) => person.online)
        .map((person) => person.userId);

    it('shows who has the room open as the server tells it, even before the join answer', async () => {
      const socket = new FakeSocket(ended);
      const store = storeWith(socket);
      socket.emit('room:presence', { sessionId: 'session-1', online: ['ivy'] });
      socket.emit('connect');
      await settle();
      expect(onlineOf(store)).toEqual(['ivy']);

      socket.emit('room:presence', { sessionId: 'session-1', online: ['ivy', 'cleo'] });
      expect(onlineOf(store)).toEqual(['ivy', 'cleo']);
      socket.emit('room:presence', { sessionId: 'session-2', online: [] });
      expect(onlineOf(store)).toEqual(['ivy', 'cleo']);
      store.stop();
    });
  });
});
