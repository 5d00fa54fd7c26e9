import { randomBytes, randomUUID } from 'node:crypto';
import type {
  AuthResponse,
  CommandAck,
  Invite,
  ProgressShare,
  SessionSummary,
} from '@signal-room/protocol';
import { io } from 'socket.io-client';
import request from 'supertest';
import { createApp } from '../app';
import { openDataSource } from '../database/data-source';
import type { TestApp } from '../testing/test-app';
import { createStaffedSession, startTestApp, testConfig } from '../testing/test-app';
import type { Cast } from '../testing/test-app';
import { TEST_DATABASE_KINDS, createTestDatabase } from '../testing/test-databases';
import { bearer, errorOf } from '../testing/test-http';

const metricValue = (text: string, line: RegExp): number => {
  const found = text.split('\n').find((row) => line.test(row));
  return found ? Number(found.split(' ').at(-1)) : Number.NaN;
};

describe.each(TEST_DATABASE_KINDS)('observability on %s PostgreSQL', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.close());

  const cast = async (): Promise<Cast> => ({
    interviewer: await t.register('Ivy'),
    candidate: await t.register('Cem'),
    observer: await t.register('Oda'),
  });

  it('counts sockets, rooms, commands by outcome and errors by code', async () => {
    const people = await cast();
    const session = await createStaffedSession(t, people);
    const interviewer = await t.connect(people.interviewer.token);
    await interviewer.join(session.id);
    await interviewer.command(session.id, 'timer.start', {});
    await interviewer.command(session.id, 'timer.resume', {}); // refused: already running
    await t
      .http()
      .get('/api/sessions/not-a-uuid')
      .set({ Authorization: `Bearer ${people.interviewer.token}` });
    const text = (await t.http().get('/api/metrics').expect(200)).text;
    expect(metricValue(text, /^signal_room_socket_connections /)).toBeGreaterThanOrEqual(1);
    expect(metricValue(text, /^signal_room_rooms_active /)).toBeGreaterThanOrEqual(1);
    expect(
      metricValue(
        text,
        /^signal_room_command_duration_seconds_count\{type="timer.start",outcome="ok"\}/,
      ),
    ).toBe(1);
    expect(
      metricValue(
        text,
        /^signal_room_command_duration_seconds_count\{type="timer.resume",outcome="error"\}/,
      ),
    ).toBe(1);
    expect(
      metricValue(text, /^signal_room_errors_total\{code="INVALID_STATE",channel="socket"\}/),
    ).toBe(1);
    expect(
      metricValue(text, /^signal_room_errors_total\{code="INVALID_PAYLOAD",channel="http"\}/),
    ).toBe(1);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds /m);
  });

  it('answers liveness and readiness, and hands every request an id', async () => {
    await t.http().get('/api/health/live').expect(200, { status: 'ok' });
    await t.http().get('/api/health/ready').expect(200, { ready: true });
    const given = randomUUID();
    const echoed = await t.http().get('/api/catalog').set('X-Request-Id', given);
    expect(echoed.headers['x-request-id']).toBe(given);
    const fresh = await t.http().get('/api/catalog');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('metrics behind METRICS_TOKEN', () => {
  const token = randomBytes(24).toString('base64url');
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('embedded', { metricsToken: token });
  });
  afterAll(() => t?.close());

  it('answers 401 in the one error shape without the token, and the metrics with it', async () => {
    for (const headers of [
      {},
      bearer(`${token}x`),
      bearer(token.slice(1)),
      { Authorization: token },
    ]) {
      const refused = await t.http().get('/api/metrics').set(headers).expect(401);
      expect(errorOf(refused.body).code).toBe('UNAUTHENTICATED');
      expect(refused.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(refused.text).not.toContain('signal_room_');
    }
    const scraped = await t.http().get('/api/metrics').set(bearer(token)).expect(200);
    expect(scraped.text).toMatch(/^signal_room_socket_connections /m);
  });
});

describe('request logs', () => {
  it('show an invite or share token as [token] and never a bearer token or a referrer', async () => {
    const lines: string[] = [];
    const database = await createTestDatabase('embedded');
    const app = await createApp(
      testConfig(database.config),
      await openDataSource(database.config),
      {
        level: 'info',
        stream: { write: (line: string) => lines.push(line) },
      },
    );
    await app.init();
    const http = () => request(app.getHttpServer());
    const register = async (name: string) =>
      (
        await http()
          .post('/api/auth/register')
          .send({
            email: `${name}-${randomUUID()}@example.test`,
            password: 'correct horse battery',
            displayName: name,
          })
          .expect(201)
      ).body as AuthResponse;
    const owner = await register('owner');
    const guest = await register('guest');
    const session = (
      await http()
        .post('/api/sessions')
        .set(bearer(owner.token))
        .send({ roundType: 'coding-screen' })
        .expect(201)
    ).body as SessionSummary;
    const invite = (
      await http()
        .post(`/api/sessions/${session.id}/invites`)
        .set(bearer(owner.token))
        .send({ role: 'candidate' })
        .expect(201)
    ).body as Invite & { token: string };
    const joinPage = `http://localhost:3000/join/${invite.token}`;
    await http().get(`/api/invites/${invite.token}`).set('Referer', joinPage).expect(200);
    await http().get(`/api/Invites/${invite.token}?from=link`).expect(200);
    await http()
      .post(`/api/invites/${invite.token}/accept`)
      .set(bearer(guest.token))
      .set('Referer', joinPage)
      .expect(201);
    const share = (
      await http().post('/api/history/progress/shares').set(bearer(guest.token)).expect(201)
    ).body as ProgressShare & { token: string };
    await http().get(`/api/progress/${share.token}`).expect(200);
    await app.close();

    const text = lines.join('');
    for (const secret of [invite.token, share.token, owner.token, guest.token])
      expect(text).not.toContain(secret);
    const requests = lines
      .map((line) => JSON.parse(line) as { req?: { url: string; headers: Record<string, string> } })
      .flatMap((line) => (line.req ? [line.req] : []));
    expect(requests.map((logged) => logged.url)).toEqual(
      expect.arrayContaining([
        '/api/invites/[token]',
        '/api/Invites/[token]?from=link',
        '/api/invites/[token]/accept',
        '/api/progress/[token]',
      ]),
    );
    const accepted = requests.find((logged) => logged.url === '/api/invites/[token]/accept');
    expect(accepted?.headers).toMatchObject({
      authorization: '[Redacted]',
      referer: '[Redacted]',
    });
    await database.drop();
  });
});

const onPostgres = TEST_DATABASE_KINDS.includes('postgres') ? describe : describe.skip;

onPostgres('graceful shutdown', () => {
  it('loses no acknowledged command, answers the rest with a retryable refusal, and closes', async () => {
    const database = await createTestDatabase('postgres');
    const app = await createApp(testConfig(database.config), await openDataSource(database.config));
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    const url = `http://127.0.0.1:${port}`;
    const http = () => request(app.getHttpServer());
    const register = async (name: string) =>
      (
        await http()
          .post('/api/auth/register')
          .send({
            email: `${name}-${randomUUID()}@example.test`,
            password: 'correct horse battery',
            displayName: name,
          })
          .expect(201)
      ).body as AuthResponse;
    const owner = await register('owner');
    const created = await http()
      .post('/api/sessions')
      .set({ Authorization: `Bearer ${owner.token}` })
      .send({ roundType: 'coding-screen' })
      .expect(201);
    const sessionId = (created.body as { id: string }).id;
    const socket = io(url, {
      transports: ['websocket'],
      auth: { token: owner.token },
      reconnection: false,
    });
    await new Promise((resolve) => socket.once('connect', () => resolve(undefined)));
    await socket.emitWithAck('room:join', { sessionId });
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    const notes = Array.from({ length: 30 }, (_, index) => `note ${index}`);
    const outcomes = notes.map((note) =>
      socket
        .emitWithAck('room:command', {
          sessionId,
          clientEventId: randomUUID(),
          type: 'evidence.add',
          payload: { signal: 'coding', polarity: 'strong', note },
        })
        .then(
          (ack: CommandAck) => (ack.ok ? 'acked' : ack.error.code),
          () => 'disconnected',
        ),
    );
    await Promise.race(outcomes); // at least one command is in the server's hands
    const stopped = app.close(); // as on SIGTERM
    const results = await Promise.all(outcomes);
    expect(await disconnected).toBe('transport close');
    await stopped;

    // Every command either committed and was acknowledged, was refused as retryable, or never
    // reached a stopping server; none was half-done.
    expect(results.every((r) => ['acked', 'UNAVAILABLE', 'disconnected'].includes(r))).toBe(true);
    const check = await openDataSource(database.config);
    const stored: { note: string }[] = await check.query(
      `SELECT payload->'evidence'->>'note' AS note FROM session_events WHERE session_id = $1 AND type = 'evidence.added'`,
      [sessionId],
    );
    const storedNotes = stored.map((row) => row.note);
    const acked = notes.filter((_, index) => results[index] === 'acked');
    expect(acked.length).toBeGreaterThan(0);
    for (const note of acked) expect(storedNotes.filter((n) => n === note)).toHaveLength(1);
    process.stdout.write(
      `graceful shutdown: ${JSON.stringify(countBy(results))}, stored ${storedNotes.length}\n`,
    );
    await check.destroy();
    await database.drop();
  });
});

const countBy = (values: string[]): Record<string, number> =>
  values.reduce<Record<string, number>>(
    (counts, value) => ({ ...counts, [value]: (counts[value] ?? 0) + 1 }),
    {},
  );
