import { jest } from '@jest/globals';
import { EventEmitter } from 'node:events';
import type { RoomState } from '@signal-room/domain';
import { initialRoomState } from '@signal-room/domain';
import { RoomStore } from './room-store';

/** Just enough of a socket.io client socket for the store: events, acks, connect. */
class FakeSocket extends EventEmitter {
  active = true;
  connected = false;
  connects = 0;
  commands: { clientEventId: string; type: string }[] = [];
  constructor(private readonly state: RoomState) {
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
  emitWithAck(event: string, body: { clientEventId: string; type: string }) {
    if (event === 'room:join') {
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
});
