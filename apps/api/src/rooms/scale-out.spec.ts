import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { Socket } from 'node:net';
import { connect, createServer } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import type { RoomState } from '@signal-room/domain';
import { Redis } from 'ioredis';
import { io } from 'socket.io-client';
import type { RedisAdapterKind } from '../config';
import { REDIS_ADAPTERS } from '../config';
import { STREAM_MAX_LEN } from './rooms-io.adapter';
import type { TestApp } from '../testing/test-app';
import {
  createStaffedSession,
  roomViewOf,
  startSecondNode,
  startTestApp,
} from '../testing/test-app';
import type { Cast } from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';

const redisUrl = process.env['TEST_REDIS_URL'];
const cases = REDIS_ADAPTERS.flatMap((adapter) =>
  TEST_DATABASE_KINDS.map((kind) => [adapter, kind] as const),
);
const withRedis = redisUrl ? describe.each(cases) : describe.skip.each(cases);

/** Removes whatever this test's prefix left in Redis; nothing else is touched. */
async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(redisUrl ?? '');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 100);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * A TCP hop between one node and Redis that the test can cut, as a network outage would: the
 * node loses its connections and cannot make new ones until the hop is mended. The Redis server
 * itself is shared with other tests, so it is never stopped.
 */
async function redisHop(target: string) {
  const upstream = new URL(target);
  const pipes = new Set<Socket>();
  let open = true;
  const server = createServer((inbound) => {
    if (!open) return inbound.destroy();
    const outbound = connect(Number(upstream.port || 6379), upstream.hostname);
    for (const [from, to] of [
      [inbound, outbound],
      [outbound, inbound],
    ] as const) {
      pipes.add(from);
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        pipes.delete(from);
        to.destroy();
      });
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as { port: number }).port);
  return {
    url: url.toString(),
    async cut(): Promise<void> {
      open = false;
      const closed = [...pipes].map((pipe) => once(pipe, 'close'));
      for (const pipe of pipes) pipe.destroy();
      await Promise.all(closed);
    },
    mend(): void {
      open = true;
    },
    /**
     * Waits for the node's connections to end: cut, a stream adapter's reader would reconnect
     * for ever, as it stops only once its blocking read returns.
     */
    close(): Promise<void> {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const REJOIN = 'sends its sockets off to rejoin';
const DELIVER = 'delivers what it missed';
/** What a node cut off from Redis does for its sockets once it is back (rooms-io.adapter.ts). */
const AFTER_OUTAGE: Record<RedisAdapterKind, string> = {
  // Pub/sub keeps nothing for a subscriber that is away.
  classic: REJOIN,
  sharded: REJOIN,
  // The node reads the stream on from where it was.
  streams: DELIVER,
};

withRedis('a room spread over nodes on the %s Redis adapter, on %s PostgreSQL', (adapter, kind) => {
  const redisPrefix = `signal-room-test-${adapter}-${randomBytes(4).toString('hex')}:`;
  let a: TestApp;
  let b: TestApp;
  let hop: Awaited<ReturnType<typeof redisHop>>;
  /** A node that reaches the same Redis through the hop, so it alone can be cut off. */
  let c: TestApp;

  beforeAll(async () => {
    a = await startTestApp(kind, {
      redisUrl: redisUrl ?? null,
      redisPrefix,
      redisAdapter: adapter,
    });
    b = await startSecondNode(a);
    hop = await redisHop(redisUrl ?? '');
    c = await startSecondNode(a, { redisUrl: hop.url });
  });
  afterAll(async () => {
    await c?.close();
    await b?.close();
    await a?.close();
    await hop?.close();
    await dropPrefix(redisPrefix);
  });

  it('delivers every event to members whichever node they are on', async () => {
    const cast: Cast = {
      interviewer: await a.register('Iris'),
      candidate: await a.register('Carl'),
      observer: await b.register('Omar'),
    };
    const { id: sessionId } = await createStaffedSession(a, cast);
    const interviewer = await a.connect(cast.interviewer.token);
    const candidate = await b.connect(cast.candidate.token);
    const observer = await b.connect(cast.observer.token);
    for (const client of [interviewer, candidate, observer]) {
      expect(await client.join(sessionId)).toMatchObject({ ok: true });
    }
    await interviewer.command(sessionId, 'prompt.reveal', {});
    await interviewer.command(sessionId, 'timer.start', {});
    // A command that comes in on the second node is committed once and seen by its sender...
    const scored = await observer.command(sessionId, 'score.set', {
      signal: 'framing',
      score: 3,
    });
    expect(scored).toMatchObject({ ok: true });
    const ownView = await observer.settle(scored.ok ? scored.seq : 0);
    expect(ownView.scorecards[cast.observer.user.id]?.scores.framing).toBe(3);
    // ...and the first node's interviewer then moves the room for everyone, on both nodes.
    const paused = await interviewer.command(sessionId, 'timer.pause', {});
    const seq = paused.ok ? paused.seq : 0;
    const [onA, onB] = await Promise.all([interviewer.settle(seq), candidate.settle(seq)]);
    expect(onA.promptRevealed && onB.promptRevealed).toBe(true);
    expect(onB.timer).toEqual(onA.timer);
    expect(onB.scorecards).toEqual({});
    expect(onB.participants[cast.interviewer.user.id]?.online).toBe(true);
  });

  it('leaves every member with the room as stored when people on both nodes write at once', async () => {
    const cast: Cast = {
      interviewer: await a.register('Ivo'),
      candidate: await a.register('Cora'),
      observer: await b.register('Oona'),
    };
    const { id: sessionId } = await createStaffedSession(a, cast);
    // Everyone has a socket on each node: each node sends its own events at once and relays the
    // other's, so frames reach a client out of seq order.
    const members = await Promise.all(
      (['interviewer', 'candidate', 'observer'] as const).flatMap((seat) =>
        [a, b].map(async (node) => {
          const client = await node.connect(cast[seat].token);
          expect(await client.join(sessionId)).toMatchObject({ ok: true });
          return { seat, client };
        }),
      ),
    );
    const writer = (seat: 'interviewer' | 'observer', node: 0 | 1) =>
      members.filter((member) => member.seat === seat)[node]?.client;
    await writer('interviewer', 0)?.command(sessionId, 'prompt.reveal', {});
    const mark = (node: 0 | 1, i: number) =>
      writer('interviewer', node)?.command(sessionId, 'move.mark', {
        move: i % 2 ? 'narrow-scope' : 'clarify-constraints',
      });
    const note = (i: number) =>
      writer('observer', 1)?.command(sessionId, 'evidence.add', {
        signal: 'framing',
        polarity: 'strong',
        note: `asked about scale, ${i}`,
      });
    const writes = Array.from({ length: 15 }, (_, i) => [mark(0, i), mark(1, i), note(i)]).flat();
    for (const ack of await Promise.all(writes))
      expect(ack).toEqual({ ok: true, seq: expect.any(Number), duplicate: false });

    // A member's seq is that of the last frame they were sent, which hidden events pass over.
    const withoutSeq = (state: RoomState | null) => state && { ...state, seq: 0 };
    for (const { seat, client } of members) {
      const stored = withoutSeq(await roomViewOf(a, sessionId, cast[seat].token));
      const deadline = Date.now() + 5000;
      while (!isDeepStrictEqual(withoutSeq(client.state), stored) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(withoutSeq(client.state)).toEqual(stored);
    }
  });

  /**
   * A room with its interviewer on the first node and its candidate on the node behind the hop,
   * which is cut while the interviewer moves the room on (and `meanwhile` runs), then mended.
   * Checks that the room carries on for both, and says how the candidate caught up.
   */
  async function acrossOutage(meanwhile = (): Promise<void> => Promise.resolve()) {
    const cast: Cast = {
      interviewer: await a.register('Ines'),
      candidate: await c.register('Cleo'),
      observer: await c.register('Otto'),
    };
    const { id: sessionId } = await createStaffedSession(a, cast);
    const interviewer = await a.connect(cast.interviewer.token);
    const candidate = await c.connect(cast.candidate.token);
    for (const client of [interviewer, candidate]) {
      expect(await client.join(sessionId)).toMatchObject({ ok: true });
    }
    const before = await interviewer.command(sessionId, 'prompt.reveal', {});
    await candidate.settle(before.ok ? before.seq : 0);

    const closed = new Promise<string>((resolve) =>
      candidate.socket.once('disconnect', () => resolve(REJOIN)),
    );
    await hop.cut();
    // The database is up, so commands still commit on the first node while the other is away.
    await interviewer.command(sessionId, 'timer.start', {});
    const missed = await interviewer.command(sessionId, 'timer.pause', {});
    expect(missed).toMatchObject({ ok: true });
    const missedSeq = missed.ok ? missed.seq : 0;
    await meanwhile();
    hop.mend();

    const delivered = candidate.settle(missedSeq, 15_000).then(() => DELIVER);
    const outcome = await Promise.race([delivered, closed]);
    // The first node never lost Redis: its sockets stay.
    expect(interviewer.socket.connected).toBe(true);

    // A client sent off comes back as the web client does, and finds what it missed.
    const view = outcome === REJOIN ? await c.connect(cast.candidate.token) : candidate;
    if (view !== candidate) await view.join(sessionId);
    expect((await view.settle(missedSeq)).timer).toEqual(
      (await interviewer.settle(missedSeq)).timer,
    );
    const next = await interviewer.command(sessionId, 'timer.start', {});
    await view.settle(next.ok ? next.seq : 0);
    return outcome;
  }

  it(`${AFTER_OUTAGE[adapter]} once Redis is back, and the room carries on`, async () => {
    expect(await acrossOutage()).toBe(AFTER_OUTAGE[adapter]);
  });

  if (adapter === 'streams') {
    it('sends its sockets off to rejoin if the stream was trimmed past what it missed', async () => {
      // Other nodes' traffic, more than the stream keeps; readers skip entries of no namespace.
      const flood = async () => {
        const redis = new Redis(redisUrl ?? '');
        const pipeline = redis.pipeline();
        for (let i = 0; i < STREAM_MAX_LEN + 500; i += 1) {
          pipeline.xadd(`${redisPrefix}socket.io`, 'MAXLEN', '~', STREAM_MAX_LEN, '*', 'n', i);
        }
        await pipeline.exec().finally(() => redis.disconnect());
      };
      expect(await acrossOutage(flood)).toBe(REJOIN);
    });
  }
});

describe('the socket server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('embedded', { allowedOrigins: ['https://app.signal-room.test'] });
  });
  afterAll(() => t?.close());

  const connectFrom = async (origin: string, token: string) => {
    const socket = io(t.url, {
      transports: ['websocket'],
      auth: { token },
      extraHeaders: { origin },
      reconnection: false,
      forceNew: true,
    });
    try {
      return await new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (error) => resolve(`refused: ${error.message}`));
      });
    } finally {
      socket.disconnect();
    }
  };

  it('refuses a browser origin that is not ours, and admits ours', async () => {
    const { token } = await t.register('Origin');
    expect(await connectFrom('https://evil.example', token)).toMatch(/^refused/);
    expect(await connectFrom('https://app.signal-room.test', token)).toBe('connected');
  });
});
