import { EventEmitter } from 'node:events';
import type { CallPeer, Signal } from '@signal-room/protocol';
import { CallChannel } from './call-channel';
import type { RoomSocket } from './room-channel';

const SESSION = '4b1a0f4e-7c1d-4d8e-9a51-2f6f0d6c9a10';

/** A socket whose server answers call messages, or drops them as a lost connection would. */
class FakeSocket extends EventEmitter {
  connected = true;
  sent: { event: string; body: Record<string, unknown> }[] = [];
  /** Messages left unanswered (a timeout) before the server answers again. */
  drop = 0;
  timeout() {
    return this;
  }
  emitWithAck(event: string, body: Record<string, unknown>) {
    this.sent.push({ event, body });
    if (this.drop > 0) {
      this.drop -= 1;
      return Promise.reject(new Error('operation has timed out'));
    }
    return Promise.resolve({ ok: true });
  }
  /** A frame from the server. */
  receive(event: string, message: unknown) {
    super.emit(event, message);
  }
  of(event: string) {
    return this.sent.filter((message) => message.event === event).map(({ body }) => body);
  }
}

const asSocket = (socket: FakeSocket) => socket as unknown as RoomSocket;

async function until(holds: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !holds(); i += 1) await new Promise((r) => setTimeout(r, 5));
  if (!holds()) throw new Error('timed out');
}

describe('the call channel', () => {
  it('takes the same place again on every socket it moves to', async () => {
    const channel = new CallChannel(SESSION, {});
    const first = new FakeSocket();
    channel.attach(asSocket(first));
    expect(await channel.join()).toEqual({ ok: true });
    expect(channel.getSnapshot().status).toBe('in');
    const second = new FakeSocket();
    channel.attach(asSocket(second));
    await until(() => second.of('call:join').length === 1);
    expect(second.of('call:join')).toEqual([{ sessionId: SESSION, peerId: channel.peerId }]);
    expect(first.of('call:join')).toEqual(second.of('call:join'));
    channel.close();
  });

  it("tells its listener of this session's peers and signals, checked, and no other's", () => {
    const joined: CallPeer[] = [];
    const signals: Signal[] = [];
    const channel = new CallChannel(SESSION, {
      joined: (peer) => joined.push(peer),
      signal: (_from, signal) => signals.push(signal),
    });
    const socket = new FakeSocket();
    channel.attach(asSocket(socket));
    const peer = { userId: '9d0e8a3c-1f2b-4c5d-8e6f-7a8b9c0d1e2f', peerId: channel.peerId };
    socket.receive('call:joined', { sessionId: SESSION, peer });
    socket.receive('call:joined', { sessionId: 'another', peer });
    socket.receive('call:signal', { sessionId: SESSION, from: peer, signal: { bogus: true } });
    const offer = { description: { type: 'offer' as const, sdp: 'v=0' } };
    socket.receive('call:signal', { sessionId: SESSION, from: peer, signal: offer });
    expect(joined).toEqual([peer]);
    expect(signals).toEqual([offer]);
    channel.close();
  });

  it('re-sends a batch of spans with its one id until it is stored, after a drop too', async () => {
    const channel = new CallChannel(SESSION, {}, { speechFlushMs: 1, backoffMs: [1] });
    const first = new FakeSocket();
    // This connection never answers: the batch is stored only once the next one carries it.
    first.drop = Number.POSITIVE_INFINITY;
    channel.attach(asSocket(first));
    channel.speak({ startAt: 1000, endAt: 2000 });
    channel.speak({ startAt: 2500, endAt: 3000 });
    await until(() => first.of('call:speech').length >= 1);
    // The connection is lost with the batch unanswered; the next socket carries it.
    first.connected = false;
    const second = new FakeSocket();
    channel.attach(asSocket(second));
    await until(() => channel.getSnapshot().unsentSpans === 0);
    const sent = [...first.of('call:speech'), ...second.of('call:speech')];
    expect(new Set(sent.map((body) => body['batchId'])).size).toBe(1);
    expect(second.of('call:speech').at(-1)?.['spans']).toEqual([
      { startAt: 1000, endAt: 2000 },
      { startAt: 2500, endAt: 3000 },
    ]);
    channel.close();
  });

  it('starts a new batch for spans measured while one is in flight', async () => {
    const channel = new CallChannel(SESSION, {}, { speechFlushMs: 1, backoffMs: [20] });
    const socket = new FakeSocket();
    socket.drop = 1;
    channel.attach(asSocket(socket));
    channel.speak({ startAt: 1000, endAt: 2000 });
    await until(() => socket.of('call:speech').length === 1);
    channel.speak({ startAt: 3000, endAt: 4000 });
    await until(() => channel.getSnapshot().unsentSpans === 0);
    const batches = socket.of('call:speech');
    expect(batches.map((body) => body['spans'])).toEqual([
      [{ startAt: 1000, endAt: 2000 }],
      [{ startAt: 1000, endAt: 2000 }],
      [{ startAt: 3000, endAt: 4000 }],
    ]);
    expect(batches[0]?.['batchId']).toBe(batches[1]?.['batchId']);
    expect(batches[2]?.['batchId']).not.toBe(batches[0]?.['batchId']);
    channel.close();
  });
});
