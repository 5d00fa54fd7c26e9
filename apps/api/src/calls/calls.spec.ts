import { createHmac, randomUUID } from 'node:crypto';
import type { CallAck, CallPeer, CallSignalMessage, Signal } from '@signal-room/protocol';
import { feedbackDocumentSchema, iceServersSchema } from '@signal-room/protocol';
import { CallChannel } from '@signal-room/room-client';
import type { Cast, TestApp, TestClient } from '../testing/test-app';
import {
  createStaffedSession,
  registerCast,
  seatedRoom,
  startTestApp,
  twoNodesOverRedis,
} from '../testing/test-app';
import { TEST_DATABASE_KINDS, withTestRedis } from '../testing/test-databases';
import { accepted, bearer } from '../testing/test-http';

/** Sends anything at all on the call channel, for what the server refuses. */
const raw = (client: TestClient, event: string, body: unknown): Promise<CallAck> =>
  (client.socket.emitWithAck as (e: string, b: unknown) => Promise<CallAck>)(event, body);

async function until(what: string, holds: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!holds()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const OFFER: Signal = {
  description: { type: 'offer', sdp: 'v=0\r\no=- 4611 2 IN IP4 127.0.0.1\r\ns=-\r\n' },
};
const CANDIDATE: Signal = {
  candidate: {
    candidate: 'candidate:1 1 udp 2122260223 192.168.1.20 54321 typ host',
    sdpMid: '0',
    sdpMLineIndex: 0,
  },
};

/** Every call:signal a socket receives. */
function inbox(client: TestClient): CallSignalMessage[] {
  const received: CallSignalMessage[] = [];
  client.socket.on('call:signal', (message) => received.push(message));
  return received;
}

describe.each(TEST_DATABASE_KINDS)('the call channel, on %s PostgreSQL', (kind) => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp(kind);
    cast = await registerCast(t);
  });
  afterAll(() => t?.close());

  const channels: CallChannel[] = [];
  afterEach(() => {
    for (const channel of channels.splice(0)) channel.close();
  });

  /** A call channel on the client's socket, with what it was told. */
  function inCall(client: TestClient, sessionId: string) {
    const told = { joined: [] as CallPeer[], left: [] as CallPeer[] };
    const channel = new CallChannel(
      sessionId,
      { joined: (peer) => told.joined.push(peer), left: (peer) => told.left.push(peer) },
      { speechFlushMs: 1 },
    );
    channels.push(channel);
    channel.attach(client.socket);
    return { channel, told };
  }

  it('tells the call who joins and passes a signal only to the place it is addressed to', async () => {
    const room = await seatedRoom(t, cast);
    const stranger = await t.connect((await t.register('Sam')).token);
    const boxes = {
      candidate: inbox(room.candidate),
      observer: inbox(room.observer),
      stranger: inbox(stranger),
    };
    const ivo = inCall(room.interviewer, room.id);
    const cleo = inCall(room.candidate, room.id);
    const otto = inCall(room.observer, room.id);
    expect(await ivo.channel.join()).toEqual({ ok: true });
    expect(await cleo.channel.join()).toEqual({ ok: true });
    expect(await otto.channel.join()).toEqual({ ok: true });
    await until('the interviewer to hear of both', () => ivo.told.joined.length === 2);
    const cleoPeer = { userId: cast.candidate.user.id, peerId: cleo.channel.peerId };
    expect(ivo.told.joined).toContainEqual(cleoPeer);

    expect(await ivo.channel.signal(cleoPeer, OFFER)).toEqual({ ok: true });
    expect(await ivo.channel.signal(cleoPeer, CANDIDATE)).toEqual({ ok: true });
    await until('the candidate to get both', () => boxes.candidate.length === 2);
    expect(boxes.candidate[0]).toEqual({
      sessionId: room.id,
      from: { userId: cast.interviewer.user.id, peerId: ivo.channel.peerId },
      signal: OFFER,
    });
    await room.observer.flush();
    await stranger.flush();
    expect(boxes.observer).toEqual([]);
    expect(boxes.stranger).toEqual([]);

    await cleo.channel.leave();
    await until('the interviewer to hear the candidate left', () => ivo.told.left.length === 1);
    expect(ivo.told.left).toEqual([cleoPeer]);
  });

  it('refuses a stranger every way into the call, and their signals reach nobody', async () => {
    const room = await seatedRoom(t, cast);
    const stranger = await t.connect((await t.register('Sid')).token);
    const candidateBox = inbox(room.candidate);
    const cleo = inCall(room.candidate, room.id);
    await cleo.channel.join();
    const cleoPeer = { userId: cast.candidate.user.id, peerId: cleo.channel.peerId };

    expect(await raw(stranger, 'call:join', { sessionId: room.id, peerId: randomUUID() })).toEqual(
      expect.objectContaining({
        ok: false,
        error: expect.objectContaining({ code: 'NOT_A_PARTICIPANT' }),
      }),
    );
    expect(
      await raw(stranger, 'call:signal', { sessionId: room.id, to: cleoPeer, signal: OFFER }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    // Nor can a participant address a stranger: signals go to the session's people only.
    const ivo = inCall(room.interviewer, room.id);
    await ivo.channel.join();
    const strangerPeer = { userId: randomUUID(), peerId: randomUUID() };
    expect(await ivo.channel.signal(strangerPeer, OFFER)).toMatchObject({
      ok: false,
      error: { code: 'NOT_A_PARTICIPANT' },
    });
    await room.candidate.flush();
    expect(candidateBox).toEqual([]);
  });

  it('wants the room joined first, and a valid signal', async () => {
    const { id } = await createStaffedSession(t, cast);
    const unjoined = await t.connect(cast.candidate.token);
    expect(await raw(unjoined, 'call:join', { sessionId: id, peerId: randomUUID() })).toMatchObject(
      { ok: false, error: { code: 'INVALID_STATE' } },
    );
    const room = await seatedRoom(t, cast);
    const ivo = inCall(room.interviewer, room.id);
    await ivo.channel.join();
    const to = { userId: cast.candidate.user.id, peerId: randomUUID() };
    for (const signal of [
      { description: { type: 'offer', sdp: 'x'.repeat(40_000) } },
      { description: { type: 'pranswer', sdp: 'v=0' } },
      { candidate: { candidate: 'c', sdpMid: '0', extra: true } },
      { description: OFFER.description, candidate: CANDIDATE.candidate },
    ]) {
      expect(
        await raw(room.interviewer, 'call:signal', { sessionId: room.id, to, signal }),
      ).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    }
  });

  it('stops signals to a removed person and takes them out of the call', async () => {
    const room = await seatedRoom(t, cast);
    const ivo = inCall(room.interviewer, room.id);
    const cleo = inCall(room.candidate, room.id);
    await ivo.channel.join();
    await cleo.channel.join();
    const cleoPeer = { userId: cast.candidate.user.id, peerId: cleo.channel.peerId };
    await accepted(
      room.interviewer.command(room.id, 'participant.remove', { userId: cast.candidate.user.id }),
    );
    expect(await ivo.channel.signal(cleoPeer, OFFER)).toMatchObject({
      ok: false,
      error: { code: 'NOT_A_PARTICIPANT' },
    });
    expect(
      await raw(room.candidate, 'call:signal', {
        sessionId: room.id,
        to: { userId: cast.interviewer.user.id, peerId: ivo.channel.peerId },
        signal: OFFER,
      }),
    ).toMatchObject({ ok: false });
  });

  it('stores speaking spans once however often a batch is re-sent, and feeds the feedback', async () => {
    const room = await seatedRoom(t, cast);
    await accepted(room.interviewer.command(room.id, 'timer.start', {}));
    const ivo = inCall(room.interviewer, room.id);
    const cleo = inCall(room.candidate, room.id);
    await ivo.channel.join();
    await cleo.channel.join();
    // Talk before the round's first start is not the round's: let a little of it run first.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const now = Date.now();
    cleo.channel.speak({ startAt: now - 1000, endAt: now - 400 });
    ivo.channel.speak({ startAt: now - 350, endAt: now - 150 });
    await until('both to be stored', () =>
      [ivo, cleo].every(({ channel }) => channel.getSnapshot().unsentSpans === 0),
    );
    const batch = {
      sessionId: room.id,
      batchId: randomUUID(),
      spans: [{ startAt: now - 100, endAt: now - 50 }],
    };
    expect(await raw(room.candidate, 'call:speech', batch)).toEqual({ ok: true });
    expect(await raw(room.candidate, 'call:speech', batch)).toEqual({ ok: true });
    const rows = await t.dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM speech_spans WHERE session_id = $1',
      [room.id],
    );
    expect(rows[0]?.count).toBe(3);

    await accepted(room.interviewer.command(room.id, 'session.end', {}));
    const feedback = await t
      .http()
      .get(`/api/sessions/${room.id}/feedback`)
      .set(bearer(cast.interviewer.token))
      .expect(200);
    const { communication } = feedbackDocumentSchema.parse(feedback.body);
    const spoke = Object.fromEntries(
      (communication?.people ?? []).map((person) => [person.role, person.spokeMs]),
    );
    expect(spoke).toEqual({ candidate: 650, interviewer: 200 });
    expect(communication?.people.map((person) => person.share)).toEqual([650 / 850, 200 / 850]);
  });

  it('refuses spans from the future, after the end, or from outside the call', async () => {
    const room = await seatedRoom(t, cast);
    const now = Date.now();
    const spans = (startAt: number, endAt: number) => ({
      sessionId: room.id,
      batchId: randomUUID(),
      spans: [{ startAt, endAt }],
    });
    expect(await raw(room.candidate, 'call:speech', spans(now - 2000, now))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    const cleo = inCall(room.candidate, room.id);
    await cleo.channel.join();
    expect(await raw(room.candidate, 'call:speech', spans(now, now + 60_000))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD' },
    });
    expect(await raw(room.candidate, 'call:speech', spans(now, now - 10))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD' },
    });
    await accepted(room.interviewer.command(room.id, 'session.end', {}));
    expect(
      await raw(room.candidate, 'call:speech', spans(Date.now() + 1000, Date.now() + 2000)),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  });

  it('hands out no ICE servers unconfigured, and coturn credentials when configured', async () => {
    const none = await t.http().get('/api/calls/ice-servers').set(bearer(cast.candidate.token));
    expect(none.status).toBe(200);
    expect(iceServersSchema.parse(none.body)).toEqual({ iceServers: [], expiresAt: null });
    await t.http().get('/api/calls/ice-servers').expect(401);

    const secret = 'a-turn-secret-of-some-length';
    const turned = await startTestApp(kind, {
      ice: {
        servers: ['stun:stun.example.com:3478'],
        turnUrls: ['turn:turn.example.com:3478'],
        turnSecret: secret,
        turnTtlSeconds: 600,
      },
    });
    try {
      const me = await turned.register('Tia');
      const before = Date.now();
      const answer = await turned
        .http()
        .get('/api/calls/ice-servers')
        .set(bearer(me.token))
        .expect(200);
      const { iceServers, expiresAt } = iceServersSchema.parse(answer.body);
      expect(iceServers[0]).toEqual({ urls: ['stun:stun.example.com:3478'] });
      const turn = iceServers[1];
      expect(turn?.urls).toEqual(['turn:turn.example.com:3478']);
      const [expiry, user] = (turn?.username ?? '').split(':');
      expect(user).toBe(me.user.id);
      expect(Number(expiry) * 1000).toBe(expiresAt);
      expect(Number(expiry) * 1000).toBeGreaterThanOrEqual(before + 599_000);
      // What coturn computes from its static-auth-secret to check the password.
      expect(turn?.credential).toBe(
        createHmac('sha1', secret)
          .update(turn?.username ?? '')
          .digest('base64'),
      );
    } finally {
      await turned.close();
    }
  });
});

withTestRedis('the call over two nodes and Redis, on %s PostgreSQL', (kind) => {
  const nodes = twoNodesOverRedis(kind, 'calls');

  it('passes a signal to a peer on the other node', async () => {
    const { a, b } = nodes;
    const people = await registerCast(a);
    const { id } = await createStaffedSession(a, people);
    const ivoClient = await a.connect(people.interviewer.token);
    const cleoClient = await b.connect(people.candidate.token);
    for (const client of [ivoClient, cleoClient]) {
      expect(await client.join(id)).toMatchObject({ ok: true });
    }
    const box = inbox(cleoClient);
    const heard: CallPeer[] = [];
    const ivo = new CallChannel(id, { joined: (peer) => heard.push(peer) });
    const cleo = new CallChannel(id, {});
    ivo.attach(ivoClient.socket);
    cleo.attach(cleoClient.socket);
    try {
      await ivo.join();
      await cleo.join();
      await until('node a to hear of the candidate', () => heard.length === 1);
      expect(await ivo.signal(heard[0] as CallPeer, OFFER)).toEqual({ ok: true });
      await until('the offer to cross', () => box.length === 1);
      expect(box[0]?.from).toEqual({ userId: people.interviewer.user.id, peerId: ivo.peerId });
    } finally {
      ivo.close();
      cleo.close();
    }
  });
});
