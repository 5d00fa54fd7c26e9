import { jest } from '@jest/globals';
import { EventEmitter } from 'node:events';
import type { RoomEvent, RoomState } from '@signal-room/domain';
import { initialRoomState, MAX_HELD_EVENTS, reduceAll } from '@signal-room/domain';
import { RoomStore } from './room-store';

/** Just enough of a socket.io client socket for the store: events, acks, connect. */
class FakeSocket extends EventEmitter {
  active = true;
  connected = false;
  connects = 0;
  commands: { clientEventId: string; type: string }[] = [];
  joins: { sessionId: string; lastSeq?: number }[] = [];
  /** How many joins to refuse first, as a busy server does (retryable). */
  refuseJoins = 0;
  /** The snapshot every join is answered with. */
  constructor(public state: RoomState) {
    super();
  }
  connect() {
    this.connects += 1;
    return this;
  }
  disconnect() {
    return this;
  }
  timeout() {
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

function storeWith(socket: FakeSocket): RoomStore {
  const store = new RoomStore(
    'session-1',
    () => 'token',
    () => socket as never,
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

async function joinedStore(socket: FakeSocket): Promise<RoomStore> {
  const store = storeWith(socket);
  socket.emit('connect');
  await settle();
  expect(store.getSnapshot().status).toBe('online');
  return store;
}

describe('RoomStore', () => {
  beforeEach(() => localStorage.clear());

  it('keeps commands made offline and sends each once, in order, when the room is back', async () => {
    const socket = new FakeSocket(room);
    const store = storeWith(socket);
    const first = store.send('timer.start', {});
    const second = store.send('score.set', { signal: 'coding', score: 3 });
    expect(store.getSnapshot().pending).toHaveLength(2);
    expect(JSON.parse(localStorage.getItem('signal-room.outbox.session-1') ?? '[]')).toHaveLength(
      2,
    );

    socket.emit('connect');
    await settle();
    await settle();
    expect(socket.commands.map((command) => command.clientEventId)).toEqual([first, second]);
    expect(store.getSnapshot().pending).toHaveLength(0);
    expect(localStorage.getItem('signal-room.outbox.session-1')).toBeNull();
    store.stop();
  });

  it('joins again by itself after a retryable refusal, keeping the seq it holds', async () => {
    jest.useFakeTimers();
    try {
      const socket = new FakeSocket(room);
      socket.refuseJoins = 1;
      const store = storeWith(socket);
      socket.emit('connect');
      await Promise.resolve();
      await Promise.resolve();
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
      socket.active = false;
      socket.emit('connect_error', new Error('UNAVAILABLE'));
      expect(store.getSnapshot().status).toBe('offline');
      jest.advanceTimersByTime(2500);
      expect(socket.connects).toBe(1);

      socket.emit('connect_error', new Error('UNAUTHENTICATED'));
      jest.advanceTimersByTime(5000);
      expect(store.getSnapshot().status).toBe('signed-out');
      expect(socket.connects).toBe(1);
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

  describe('in an ended room, whose log no longer records presence', () => {
    const ended: RoomState = {
      ...room,
      status: 'ended',
      participants: {
        ivy: { userId: 'ivy', displayName: 'Ivy', role: 'interviewer', online: true },
        cleo: { userId: 'cleo', displayName: 'Cleo', role: 'candidate', online: true },
      },
    };
    const onlineOf = (store: RoomStore) =>
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
