import { randomUUID } from 'node:crypto';
import type { AuthResponse, ErrorResponse, User } from '@signal-room/protocol';
import { authResponseSchema, errorResponseSchema, userSchema } from '@signal-room/protocol';
import jwt from 'jsonwebtoken';
import type { TestApp } from '../testing/test-app';
import { startTestApp } from '../testing/test-app';
import { TEST_DATABASE_KINDS } from '../testing/test-databases';

const SECRET = 'a-test-signing-secret-of-at-least-32-characters';
const PASSWORD = 'correct horse battery';

const base64url = (value: unknown): string =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

describe.each(TEST_DATABASE_KINDS)('accounts on %s PostgreSQL', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind, { jwtSecret: SECRET });
  });
  afterAll(() => t?.close());

  const freshEmail = (name: string) => `${name}-${randomUUID()}@example.test`;

  const register = (body: Record<string, unknown>) =>
    t.http().post('/api/auth/register').send(body);

  const me = (authorization?: string) => {
    const request = t.http().get('/api/me');
    return authorization === undefined ? request : request.set('Authorization', authorization);
  };

  /** The one error shape, parsed: tests compare codes, not prose. */
  const errorOf = (body: unknown): ErrorResponse['error'] => errorResponseSchema.parse(body).error;

  describe('registration', () => {
    it('creates the account and signs in: the token opens GET /api/me', async () => {
      const email = freshEmail('ada');
      const response = await register({ email, password: PASSWORD, displayName: ' Ada ' }).expect(
        201,
      );
      const auth = authResponseSchema.parse(response.body);
      expect(auth.user).toMatchObject({ email, displayName: 'Ada' });
      expect(Date.parse(auth.expiresAt)).toBeGreaterThan(Date.now());

      const mine = await me(`Bearer ${auth.token}`).expect(200);
      expect(userSchema.parse(mine.body)).toEqual(auth.user);
    });

    it('keeps one account per address whatever its case: a second gets 409 EMAIL_TAKEN', async () => {
      const email = freshEmail('grace');
      const first = await register({ email, password: PASSWORD, displayName: 'Grace' }).expect(201);
      const again = await register({
        email: email.toUpperCase(),
        password: 'another long password',
        displayName: 'Impostor',
      }).expect(409);
      expect(errorOf(again.body)).toMatchObject({ code: 'EMAIL_TAKEN', retryable: false });

      // The first account is untouched, and signs in by its address in any case.
      const login = await t
        .http()
        .post('/api/auth/login')
        .send({ email: email.toUpperCase(), password: PASSWORD })
        .expect(200);
      expect((login.body as AuthResponse).user).toEqual((first.body as AuthResponse).user);
    });

    it.each([
      ['a short password', { password: 'short' }, 'password'],
      ['a malformed e-mail', { email: 'not-an-address' }, 'email'],
      ['an extra field', { isAdmin: true }, '(root)'],
      ['an empty display name', { displayName: '   ' }, 'displayName'],
    ])('refuses %s with 400 INVALID_PAYLOAD naming the field', async (_, change, path) => {
      const body = {
        email: freshEmail('weak'),
        password: PASSWORD,
        displayName: 'Weak',
        ...change,
      };
      const response = await register(body).expect(400);
      const error = errorOf(response.body);
      expect(error.code).toBe('INVALID_PAYLOAD');
      expect(error.issues?.map((issue) => issue.path)).toContain(path);
      // Nothing was created for a refused body.
      const rows = await t.dataSource.query<{ count: string }[]>(
        'SELECT count(*)::text AS count FROM users WHERE email = $1',
        [String(body.email).toLowerCase()],
      );
      expect(rows[0]?.count).toBe('0');
    });

    it('stores a salted hash, never the password itself', async () => {
      const email = freshEmail('hash');
      await register({ email, password: PASSWORD, displayName: 'Hash' }).expect(201);
      const twin = freshEmail('twin');
      await register({ email: twin, password: PASSWORD, displayName: 'Twin' }).expect(201);
      const rows = await t.dataSource.query<{ email: string; password_hash: string }[]>(
        'SELECT email, password_hash FROM users WHERE email IN ($1, $2) ORDER BY email',
        [email, twin],
      );
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row.password_hash).not.toContain(PASSWORD);
        expect(row.password_hash).toMatch(/^scrypt\$/);
      }
      // The same password hashes differently for each account: the salt is per user.
      expect(rows[0]?.password_hash).not.toBe(rows[1]?.password_hash);
    });
  });

  describe('sign-in', () => {
    let account: AuthResponse;

    beforeAll(async () => {
      account = await t.register('Linus');
    });

    it('signs in with the right password, with a token that works', async () => {
      const response = await t
        .http()
        .post('/api/auth/login')
        .send({ email: account.user.email, password: PASSWORD })
        .expect(200);
      const auth = authResponseSchema.parse(response.body);
      expect(auth.user).toEqual(account.user);
      const mine = await me(`Bearer ${auth.token}`).expect(200);
      expect((mine.body as User).id).toBe(account.user.id);
    });

    it('answers a wrong password and an unknown e-mail alike, so accounts cannot be found', async () => {
      const wrongPassword = await t
        .http()
        .post('/api/auth/login')
        .send({ email: account.user.email, password: 'not the password at all' });
      const unknownEmail = await t
        .http()
        .post('/api/auth/login')
        .send({ email: freshEmail('nobody'), password: PASSWORD });
      expect(wrongPassword.status).toBe(401);
      expect(unknownEmail.status).toBe(wrongPassword.status);
      expect(errorOf(wrongPassword.body).code).toBe('INVALID_CREDENTIALS');
      expect(unknownEmail.body).toEqual(wrongPassword.body);
    });

    it('refuses a malformed login body with 400, not as wrong credentials', async () => {
      const response = await t
        .http()
        .post('/api/auth/login')
        .send({ email: account.user.email })
        .expect(400);
      expect(errorOf(response.body)).toMatchObject({ code: 'INVALID_PAYLOAD' });
    });
  });

  describe('tokens', () => {
    let account: AuthResponse;

    beforeAll(async () => {
      account = await t.register('Barbara');
    });

    const expectUnauthenticated = async (authorization?: string): Promise<string> => {
      const response = await me(authorization).expect(401);
      const error = errorOf(response.body);
      expect(error.code).toBe('UNAUTHENTICATED');
      return error.message;
    };

    it('refuses a request without a token', async () => {
      await expectUnauthenticated();
      await expectUnauthenticated('Bearer');
      await expectUnauthenticated(`Basic ${Buffer.from('a:b').toString('base64')}`);
    });

    it('refuses garbage where the token should be', async () => {
      await expectUnauthenticated('Bearer not-a-jwt');
      await expectUnauthenticated('Bearer a.b.c');
      // A real token with its signature tampered with.
      const [header, payload] = account.token.split('.');
      await expectUnauthenticated(`Bearer ${header}.${payload}.${'A'.repeat(43)}`);
    });

    it('refuses a token signed with another secret', async () => {
      const forged = jwt.sign(
        { sub: account.user.id },
        'another-secret-of-the-same-length-as-ours!!',
        { algorithm: 'HS256', expiresIn: 600 },
      );
      await expectUnauthenticated(`Bearer ${forged}`);
    });

    it('refuses an unsigned token (alg none)', async () => {
      const exp = Math.floor(Date.now() / 1000) + 600;
      const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: account.user.id, exp })}.`;
      await expectUnauthenticated(`Bearer ${unsigned}`);
    });

    it('refuses an expired token signed with our own secret, saying it expired', async () => {
      const now = Math.floor(Date.now() / 1000);
      const expired = jwt.sign({ sub: account.user.id, iat: now - 7200, exp: now - 60 }, SECRET, {
        algorithm: 'HS256',
      });
      const message = await expectUnauthenticated(`Bearer ${expired}`);
      expect(message).toMatch(/expired/i);

      // The same claims, still valid, are accepted: the secret is right, only the time is not.
      const fresh = jwt.sign({ sub: account.user.id, exp: now + 600 }, SECRET, {
        algorithm: 'HS256',
      });
      const mine = await me(`Bearer ${fresh}`).expect(200);
      expect((mine.body as User).id).toBe(account.user.id);
    });

    it('refuses a validly signed token without a subject or an expiry', async () => {
      const now = Math.floor(Date.now() / 1000);
      await expectUnauthenticated(
        `Bearer ${jwt.sign({ exp: now + 600 }, SECRET, { algorithm: 'HS256' })}`,
      );
      await expectUnauthenticated(
        `Bearer ${jwt.sign({ sub: account.user.id }, SECRET, { algorithm: 'HS256' })}`,
      );
    });

    it('refuses a valid token for an account that no longer exists', async () => {
      const now = Math.floor(Date.now() / 1000);
      const ghost = jwt.sign({ sub: randomUUID(), exp: now + 600 }, SECRET, {
        algorithm: 'HS256',
      });
      await expectUnauthenticated(`Bearer ${ghost}`);
    });
  });
});
