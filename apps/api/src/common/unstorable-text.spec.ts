import { randomUUID } from 'node:crypto';
import type { CommandAck } from '@signal-room/protocol';
import { errorResponseSchema } from '@signal-room/protocol';
import type { Cast, TestApp } from '../testing/test-app';
import { createStaffedSession, registerCast, startTestApp } from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';

// PostgreSQL stores neither: before the shared text schema refused them, each was a 500.
const UNSTORABLE = [
  ['a NUL byte', 'asked\u0000twice'],
  ['a lone surrogate', 'asked \ud83d twice'],
] as const;

describe.each(TEST_DATABASE_KINDS)('text that is not text, on %s PostgreSQL', (kind) => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp(kind);
    cast = await registerCast(t);
  });
  afterAll(() => t?.close());

  const codeOf = (body: unknown) => errorResponseSchema.parse(body).error.code;

  it.each(UNSTORABLE)('refuses %s in a display name with 400 INVALID_PAYLOAD', async (_, text) => {
    const email = `odd-${randomUUID()}@example.test`;
    const response = await t
      .http()
      .post('/api/auth/register')
      .send({ email, password: 'a long enough passphrase', displayName: text });
    expect(response.status).toBe(400);
    expect(codeOf(response.body)).toBe('INVALID_PAYLOAD');
    const rows = await t.dataSource.query<unknown[]>('SELECT 1 FROM users WHERE email = $1', [
      email,
    ]);
    expect(rows).toEqual([]);
  });

  it.each(UNSTORABLE)('refuses %s in a custom prompt with 400 INVALID_PAYLOAD', async (_, text) => {
    const before = await t.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM sessions',
    );
    const response = await t
      .http()
      .post('/api/sessions')
      .set({ Authorization: `Bearer ${cast.interviewer.token}` })
      .send({ roundType: 'coding-screen', customPrompt: { title: 'Limiter', body: text } });
    expect(response.status).toBe(400);
    expect(codeOf(response.body)).toBe('INVALID_PAYLOAD');
    const after = await t.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM sessions',
    );
    expect(after).toEqual(before);
  });

  it.each(UNSTORABLE)(
    'refuses %s in a note with INVALID_PAYLOAD, and the room is unchanged',
    async (_, text) => {
      const session = await createStaffedSession(t, cast);
      const interviewer = await t.connect(cast.interviewer.token);
      const joined = await interviewer.join(session.id);
      expect(joined.ok).toBe(true);
      const seq = interviewer.state?.seq;
      const ack: CommandAck = await interviewer.command(session.id, 'evidence.add', {
        signal: 'framing',
        polarity: 'strong',
        note: text,
      });
      expect(ack).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
      // The next command is numbered right after the join: nothing was stored in between.
      const next = await interviewer.command(session.id, 'evidence.add', {
        signal: 'framing',
        polarity: 'strong',
        note: 'asked twice',
      });
      expect(next).toMatchObject({ ok: true, seq: (seq ?? 0) + 1 });
      interviewer.close();
    },
  );
});
