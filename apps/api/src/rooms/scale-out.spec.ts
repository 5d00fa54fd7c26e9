import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { io } from 'socket.io-client';
import type { TestApp } from '../testing/test-app';
import { createStaffedSession, startSecondNode, startTestApp } from '../testing/test-app';
import type { Cast } from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';

const redisUrl = process.env['TEST_REDIS_URL'];
const withRedis = redisUrl
  ? describe.each(TEST_DATABASE_KINDS)
  : describe.skip.each(TEST_DATABASE_KINDS);

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

withRedis('a room spread over two nodes on Redis, on %s PostgreSQL', (kind) => {
  const redisPrefix = `signal-room-test-${randomBytes(4).toString('hex')}:`;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp(kind, { redisUrl: redisUrl ?? null, redisPrefix });
    b = await startSecondNode(a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
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
    const scored = await observer.command(sessionId, 'score.set', { signal: 'framing', score: 3 });
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
