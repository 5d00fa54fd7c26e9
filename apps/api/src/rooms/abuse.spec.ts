import { randomBytes, randomUUID } from 'node:crypto';
import type { AuthResponse, CommandAck, JoinAck } from '@signal-room/protocol';
import { Redis } from 'ioredis';
import type { Cast, TestClient, TestApp } from '../testing/test-app';
import {
  TEST_PASSWORD,
  createStaffedSession,
  startSecondNode,
  startTestApp,
} from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';
import { JOINS_IN_FLIGHT_PER_USER, MAX_TABS_PER_PERSON } from './rooms.gateway';

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

const untyped = (client: TestClient) =>
  client.socket as unknown as {
    emitWithAck(event: string, ...args: unknown[]): Promise<unknown>;
    timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
  };

async function castOf(t: TestApp): Promise<Cast> {
  return {
    interviewer: await t.register('Ivo'),
    candidate: await t.register('Cleo'),
    observer: await t.register('Otto'),
  };
}

describe.each(TEST_DATABASE_KINDS)('a room under abuse, on %s PostgreSQL', (kind) => {
  describe('places in a room', () => {
    let t: TestApp;
    let cast: Cast;
    beforeAll(async () => {
      t = await startTestApp(kind, { socketsPerUser: 100 });
    });
    beforeEach(async () => {
      cast = await castOf(t);
    });
    afterAll(() => t?.close());

    it("cannot be taken by a member's many tabs: the extra tab is refused, everyone else gets in", async () => {
      const { id } = await createStaffedSession(t, cast);
      const tabs = await Promise.all(
        Array.from({ length: MAX_TABS_PER_PERSON + 4 }, () => t.connect(cast.candidate.token)),
      );
      const answers: JoinAck[] = [];
      // One after another, as tabs opened by hand: the cap is on the person's tabs, not a race.
      for (const tab of tabs) answers.push(await tab.join(id));
      expect(answers.filter((answer) => answer.ok)).toHaveLength(MAX_TABS_PER_PERSON);
      for (const refused of answers.filter((answer) => !answer.ok)) {
        expect(refused).toMatchObject({ ok: false, error: { code: 'ROOM_FULL' } });
      }
      for (const seat of ['interviewer', 'observer'] as const) {
        const client = await t.connect(cast[seat].token);
        expect(await client.join(id)).toMatchObject({ ok: true, role: seat });
      }
      // The interviewer may open as many tabs as they like.
      for (let i = 0; i < MAX_TABS_PER_PERSON + 2; i += 1) {
        const client = await t.connect(cast.interviewer.token);
        expect(await client.join(id)).toMatchObject({ ok: true });
      }
      for (const tab of tabs) tab.close();
    });

    it('cannot be taken by strangers racing joins: they never take a place, the interviewer gets in', async () => {
      const { id } = await createStaffedSession(t, cast);
      const strangers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => t.register(`Stranger${i}`)),
      );
      const sockets = await Promise.all(
        strangers.flatMap((stranger) => [1, 2, 3].map(() => t.connect(stranger.token))),
      );
      const racing = sockets.map((socket) => socket.join(id));
      const interviewer = await t.connect(cast.interviewer.token);
      const candidate = await t.connect(cast.candidate.token);
      const [mine, theirs] = await Promise.all([interviewer.join(id), candidate.join(id)]);
      expect(mine).toMatchObject({ ok: true, role: 'interviewer' });
      expect(theirs).toMatchObject({ ok: true, role: 'candidate' });
      for (const answer of await Promise.all(racing)) {
        expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_A_PARTICIPANT' } });
      }
      // Nobody but members is in the room.
      await interviewer.flush();
      expect(Object.keys(interviewer.state?.participants ?? {}).sort()).toEqual(
        [cast.interviewer.user.id, cast.candidate.user.id].sort(),
      );
      for (const socket of sockets) socket.close();
    });
  });

  describe('messages with no body', () => {
    let t: TestApp;
    let cast: Cast;
    let client: TestClient;
    let sessionId: string;
    beforeAll(async () => {
      t = await startTestApp(kind);
      cast = await castOf(t);
      sessionId = (await createStaffedSession(t, cast)).id;
      client = await t.connect(cast.interviewer.token);
      expect(await client.join(sessionId)).toMatchObject({ ok: true });
    });
    afterAll(() => t?.close());

    it.each(['room:command', 'room:join'])(
      'answers %s with no argument, or an extra one, with INVALID_PAYLOAD',
      async (event) => {
        const socket = untyped(client).timeout(2000);
        await expect(socket.emitWithAck(event)).resolves.toMatchObject({
          ok: false,
          error: { code: 'INVALID_PAYLOAD' },
        });
        const valid =
          event === 'room:join'
            ? { sessionId }
            : { sessionId, clientEventId: randomUUID(), type: 'timer.start', payload: {} };
        await expect(socket.emitWithAck(event, valid, 'extra')).resolves.toMatchObject({
          ok: false,
          error: { code: 'INVALID_PAYLOAD' },
        });
        // Nothing was applied: the timer never started.
        expect(client.state?.timer.runningSince).toBeNull();
      },
    );

    it('answers a ping with no argument, or an extra one, as a malformed ping', async () => {
      const socket = untyped(client).timeout(2000);
      for (const args of [[], [{ clientTime: 5 }, 'extra']]) {
        const pong = (await socket.emitWithAck('clock:ping', ...args)) as {
          clientTime: number;
          serverTime: number;
        };
        expect(pong.clientTime).toBe(0);
        expect(Math.abs(pong.serverTime - Date.now())).toBeLessThan(5000);
      }
    });
  });

  describe('per-person limits', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(kind, {
        socketsPerUser: 5,
        commandQueueLimit: 20,
        userJoinsPer10Seconds: 6,
      });
    });
    afterAll(() => t?.close());

    it('caps the sockets one person holds on a node, and frees a place when one closes', async () => {
      const person = await t.register('Many');
      const open = await Promise.all(Array.from({ length: 5 }, () => t.connect(person.token)));
      await expect(t.connect(person.token)).rejects.toThrow('RATE_LIMITED');
      // Someone else is not affected.
      const other = await t.register('Other');
      (await t.connect(other.token)).close();
      open[0]?.close();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const again = await t.connect(person.token);
      expect(again.socket.connected).toBe(true);
      for (const socket of [...open, again]) socket.close();
    });

    it("counts one person's joins from all their sockets in a window, and no one else's", async () => {
      const person = await castOf(t);
      const other = await castOf(t);
      const { id } = await createStaffedSession(t, person);
      const tabs = await Promise.all(
        Array.from({ length: 2 }, () => t.connect(person.candidate.token)),
      );
      const answers: JoinAck[] = [];
      for (let i = 0; i < 4; i += 1) for (const tab of tabs) answers.push(await tab.join(id));
      expect(answers.slice(0, 6).every((answer) => answer.ok)).toBe(true);
      for (const answer of answers.slice(6)) {
        expect(answer).toMatchObject({
          ok: false,
          error: { code: 'RATE_LIMITED', retryable: true },
        });
      }
      const otherSession = await createStaffedSession(t, other);
      const bystander = await t.connect(other.candidate.token);
      expect(await bystander.join(otherSession.id)).toMatchObject({ ok: true, role: 'candidate' });
      for (const socket of [...tabs, bystander]) socket.close();
    });

    it("keeps one person's flood from many sockets from shedding another session's commands", async () => {
      const flooder = await castOf(t);
      const quiet = await castOf(t);
      const floodedRoom = (await createStaffedSession(t, flooder)).id;
      const quietRoom = (await createStaffedSession(t, quiet)).id;
      const sockets = await Promise.all(
        Array.from({ length: 5 }, () => t.connect(flooder.interviewer.token)),
      );
      for (const socket of sockets)
        expect(await socket.join(floodedRoom)).toMatchObject({ ok: true });
      const interviewer = await t.connect(quiet.interviewer.token);
      expect(await interviewer.join(quietRoom)).toMatchObject({ ok: true });

      const timeQuiet = async (count: number): Promise<number[]> => {
        const times: number[] = [];
        for (let i = 0; i < count; i += 1) {
          const started = performance.now();
          const ack = await interviewer.command(quietRoom, 'move.mark', { move: 'narrow-scope' });
          expect(ack.ok ? 'ok' : ack.error.code).toBe('ok');
          times.push(performance.now() - started);
          // A person's pace, well inside the per-socket rate.
          await new Promise((resolve) => setTimeout(resolve, 60));
        }
        return times;
      };
      const calm = await timeQuiet(30);
      let flooding = true;
      const floods = sockets.map(async (socket) => {
        const acks: CommandAck[] = [];
        while (flooding) {
          // A socket cut off for flooding stops there; its last burst gets no answers.
          if (!socket.socket.connected) break;
          const burst = Array.from({ length: 40 }, () =>
            socket.command(floodedRoom, 'move.mark', { move: 'narrow-scope' }).catch(() => null),
          );
          for (const ack of await Promise.all(burst)) if (ack) acks.push(ack);
        }
        return acks;
      });
      const underFlood = await timeQuiet(30);
      flooding = false;
      const flood = (await Promise.all(floods)).flat();
      const refused = flood.filter((ack) => !ack.ok);
      expect(refused.length).toBeGreaterThan(0);
      for (const ack of refused) {
        expect(['RATE_LIMITED', 'UNAVAILABLE']).toContain(ack.ok ? null : ack.error.code);
      }
      console.log(
        `quiet session's ack p50/p99: calm ${percentile(calm, 50).toFixed(1)}/${percentile(calm, 99).toFixed(1)} ms, ` +
          `beside a flood of ${flood.length} commands (${refused.length} refused) ${percentile(underFlood, 50).toFixed(1)}/${percentile(underFlood, 99).toFixed(1)} ms`,
      );
      for (const socket of [...sockets, interviewer]) socket.close();
    });

    it("bounds one person's joins in flight, so a join burst cannot stall the room", async () => {
      const cast = await castOf(t);
      const { id } = await createStaffedSession(t, cast);
      const tabs = await Promise.all(
        Array.from({ length: 4 }, () => t.connect(cast.candidate.token)),
      );
      // Each tab fires three joins at once (12 in flight), as a misbehaving client could.
      const burst = tabs.flatMap((tab) =>
        [1, 2, 3].map(
          () =>
            untyped(tab).emitWithAck('room:join', {
              sessionId: id,
              lastSeq: 0,
            }) as Promise<JoinAck>,
        ),
      );
      const answers = await Promise.all(burst);
      const refused = answers.filter((answer) => !answer.ok);
      expect(answers.filter((answer) => answer.ok).length).toBeGreaterThanOrEqual(
        JOINS_IN_FLIGHT_PER_USER,
      );
      expect(refused.length).toBeGreaterThan(0);
      for (const answer of refused) {
        expect(answer).toMatchObject({
          ok: false,
          error: { code: 'RATE_LIMITED', retryable: true },
        });
      }
      for (const tab of tabs) tab.close();
    });
  });

  describe('a sign-in cut off', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(kind);
    });
    afterAll(() => t?.close());

    const closed = (client: TestClient) =>
      new Promise<string>((resolve) => client.socket.once('disconnect', (why) => resolve(why)));

    it("closes the sockets of a token signed out, and only that token's", async () => {
      const person = await t.register('Leaving');
      const other = (
        await t
          .http()
          .post('/api/auth/login')
          .send({ email: person.user.email, password: TEST_PASSWORD })
          .expect(200)
      ).body as AuthResponse;
      const [first, second, elsewhere] = await Promise.all([
        t.connect(person.token),
        t.connect(person.token),
        t.connect(other.token),
      ]);
      const bothClosed = Promise.all([closed(first), closed(second)]);
      await t
        .http()
        .post('/api/auth/logout')
        .set({ Authorization: `Bearer ${person.token}` })
        .expect((response) => expect(response.status).toBeLessThan(300));
      expect(await bothClosed).toEqual(['io server disconnect', 'io server disconnect']);
      await elsewhere.flush();
      expect(elsewhere.socket.connected).toBe(true);
      await expect(t.connect(person.token)).rejects.toThrow('UNAUTHENTICATED');
      elsewhere.close();
    });

    it('closes every socket of a person who changes their password', async () => {
      const person = await t.register('Changing');
      const again = (
        await t
          .http()
          .post('/api/auth/login')
          .send({ email: person.user.email, password: TEST_PASSWORD })
          .expect(200)
      ).body as AuthResponse;
      const sockets = await Promise.all([t.connect(person.token), t.connect(again.token)]);
      const allClosed = Promise.all(sockets.map(closed));
      const changed = await t
        .http()
        .post('/api/auth/password')
        .set({ Authorization: `Bearer ${person.token}` })
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new long passphrase' })
        .expect(200);
      expect(await allClosed).toEqual(['io server disconnect', 'io server disconnect']);
      const fresh = await t.connect((changed.body as AuthResponse).token);
      expect(fresh.socket.connected).toBe(true);
      fresh.close();
    });
  });

  describe('a token that outlives a Node.js timer', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(kind, { tokenTtlSeconds: 700 * 3600 });
    });
    afterAll(() => t?.close());

    it('keeps its socket open (a 700-hour timer would have fired at once)', async () => {
      const person = await t.register('Long');
      const client = await t.connect(person.token);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(client.socket.connected).toBe(true);
      client.close();
    });
  });

  describe('a token that expires', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(kind, { tokenTtlSeconds: 2 });
    });
    afterAll(() => t?.close());

    it('still closes its socket when it does', async () => {
      const client = await t.connect((await t.register('Short')).token);
      const reason = await new Promise<string>((resolve) =>
        client.socket.once('disconnect', (why) => resolve(why)),
      );
      expect(reason).toBe('io server disconnect');
    });
  });
});

const redisUrl = process.env['TEST_REDIS_URL'];
(redisUrl ? describe : describe.skip)('per-person limits across nodes, through Redis', () => {
  const prefix = `signal-room-test-${randomBytes(4).toString('hex')}:`;
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    const options = {
      redisUrl: redisUrl ?? null,
      redisPrefix: prefix,
      redisAdapter: 'classic' as const,
      commandRatePerSecond: 100,
      userCommandRatePerSecond: 10,
    };
    first = await startTestApp('embedded', options);
    second = await startSecondNode(first, options);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    const redis = new Redis(redisUrl ?? '');
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it("counts one person's commands on both nodes together", async () => {
    const cast = await castOf(first);
    const { id } = await createStaffedSession(first, cast);
    const here = await first.connect(cast.interviewer.token);
    const there = await second.connect(cast.interviewer.token);
    for (const client of [here, there]) expect(await client.join(id)).toMatchObject({ ok: true });
    const sends = [here, there].flatMap((client) =>
      Array.from({ length: 30 }, () => client.command(id, 'move.mark', { move: 'narrow-scope' })),
    );
    const acks = await Promise.all(sends);
    // 10 a second with bursts to twice that: 20 in all, not 20 on each node.
    expect(acks.filter((ack) => ack.ok).length).toBeLessThanOrEqual(20);
    expect(acks.filter((ack) => ack.ok).length).toBeGreaterThan(0);
    here.close();
    there.close();
  });
});
