import type { KeyObject } from 'node:crypto';
import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type {
  AuthResponse,
  ChangePasswordBody,
  LoginBody,
  RegisterBody,
  User,
} from '@signal-room/protocol';
import jwt from 'jsonwebtoken';
import { DataSource, In } from 'typeorm';
import { z } from 'zod';
import { APP_CONFIG } from '../app.tokens';
import { AppException } from '../common/app-exception';
import type { AppConfig } from '../config';
import { AppSecretEntity } from './app-secret.entity';
import { AuthThrottle } from './auth-throttle';
import { checkPassword } from './password-policy';
import { UNKNOWN_USER_HASH, hashPassword, verifyPassword } from './passwords';
import { RevokedTokenEntity } from './revoked-token.entity';
import { UserEntity } from './user.entity';

/** Who a verified token speaks for. */
export interface AuthenticatedUser {
  id: string;
  /** Epoch seconds at which the token stops being valid. */
  expiresAt: number;
  /** The token's own id (`jti`), by which it is revoked. */
  tokenId: string;
}

/** A revocation that has committed: one token, or every token of the user when tokenId is null. */
export interface TokenRevocation {
  userId: string;
  tokenId: string | null;
}

// Pinned: a token signed any other way (none, RS256 with our secret as a key, …) is refused.
const ALGORITHM = 'HS256';
const SECRET_NAME = 'jwt-signing-key';

// What a token of ours carries. One issued before tokens had an id and a generation is refused:
// it could not be revoked, and lives at most TOKEN_TTL_HOURS anyway.
const claimsSchema = z.object({
  sub: z.uuid(),
  jti: z.uuid(),
  gen: z.number().int().min(0),
  iat: z.number(),
  exp: z.number(),
});

const toUser = (entity: UserEntity): User => ({
  id: entity.id,
  email: entity.email,
  displayName: entity.displayName,
  createdAt: entity.createdAt.toISOString(),
});

@Injectable()
export class AuthService {
  private readonly logger = new Logger('auth');
  private secret: Promise<KeyObject> | null = null;
  private readonly revocationListeners = new Set<(revocation: TokenRevocation) => void>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly throttle: AuthThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `client` is the caller's address (clientAddress), which the limits count against. */
  async register(body: RegisterBody, client: string): Promise<AuthResponse> {
    await this.throttle.registrationAttempt(client);
    checkPassword(body.password, body.email, 'password');
    const users = this.dataSource.getRepository(UserEntity);
    const passwordHash = await hashPassword(body.password, client);
    const inserted = await users
      .createQueryBuilder()
      .insert()
      .values({ email: body.email, passwordHash, displayName: body.displayName })
      .orIgnore()
      .returning('*')
      .execute();
    const row = (inserted.raw as UserEntity[])[0];
    // This tells whoever asks that the address has an account, knowingly: a neutral answer
    // would need a confirmation mail to finish sign-up, and there is none. The per-address
    // limit on sign-ups bounds how fast addresses can be tested; sign-in stays neutral.
    if (!row) throw new AppException('EMAIL_TAKEN', 'An account with this e-mail already exists.');
    return this.issue(await users.findOneByOrFail({ email: body.email }));
  }

  async login(body: LoginBody, client: string): Promise<AuthResponse> {
    await this.throttle.loginAttempt(body.email, client);
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ email: body.email });
    const valid = await verifyPassword(
      body.password,
      user?.passwordHash ?? UNKNOWN_USER_HASH,
      client,
    );
    // One message whether or not the e-mail exists, so the form cannot be used to find accounts.
    if (!user || !valid) throw new AppException('INVALID_CREDENTIALS', 'Wrong e-mail or password.');
    await this.throttle.loginSucceeded(body.email, client);
    return this.issue(user);
  }

  /** Revokes the token the request came with; the user's other sign-ins go on. */
  async logout(token: AuthenticatedUser): Promise<void> {
    const revoked = this.dataSource.getRepository(RevokedTokenEntity);
    await revoked
      .createQueryBuilder()
      .insert()
      .values({
        tokenId: token.tokenId,
        userId: token.id,
        expiresAt: new Date(token.expiresAt * 1000),
      })
      .orIgnore()
      .execute();
    // An expired token is refused without its revocation, so the list keeps only live ones.
    await revoked.createQueryBuilder().delete().where('expires_at < now()').execute();
    this.announce({ userId: token.id, tokenId: token.tokenId });
  }

  /** Sets a new password and revokes every earlier token; answers with a fresh one. */
  async changePassword(
    userId: string,
    body: ChangePasswordBody,
    client: string,
  ): Promise<AuthResponse> {
    const users = this.dataSource.getRepository(UserEntity);
    const user = await users.findOneBy({ id: userId });
    if (!user) throw new AppException('UNAUTHENTICATED', 'This account no longer exists.');
    checkPassword(body.newPassword, user.email, 'newPassword');
    // A stolen token must not become a way to guess the password: these count as sign-ins.
    await this.throttle.loginAttempt(user.email, client);
    if (!(await verifyPassword(body.currentPassword, user.passwordHash, client))) {
      throw new AppException('INVALID_CREDENTIALS', 'The current password is not right.');
    }
    await this.throttle.loginSucceeded(user.email, client);
    const passwordHash = await hashPassword(body.newPassword, client);
    // Only over the password just checked: a change committed meanwhile is not silently undone.
    const updated = await users
      .createQueryBuilder()
      .update()
      .set({ passwordHash, tokenGeneration: () => 'token_generation + 1' })
      .where({ id: user.id, passwordHash: user.passwordHash })
      .returning('id')
      .execute();
    if ((updated.raw as unknown[]).length === 0) {
      throw new AppException('INVALID_CREDENTIALS', 'The current password is not right.');
    }
    this.announce({ userId: user.id, tokenId: null });
    return this.issue(await users.findOneByOrFail({ id: user.id }));
  }

  async me(userId: string): Promise<User> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) throw new AppException('UNAUTHENTICATED', 'This account no longer exists.');
    return toUser(user);
  }

  /** The names other features show for people, by id; an id with no account is left out. */
  async displayNames(userIds: readonly string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const users = await this.dataSource.getRepository(UserEntity).findBy({
      id: In([...new Set(userIds)]),
    });
    return new Map(users.map((user) => [user.id, user.displayName]));
  }

  /**
   * The token's user, if its signature, expiry and claims hold and it was not revoked. The
   * revocation check is one indexed read per call, never cached: a revocation holds on every
   * node from the moment it commits, with nothing to spread or expire.
   */
  async verify(token: string): Promise<AuthenticatedUser> {
    const secret = await this.signingSecret();
    let claims: z.infer<typeof claimsSchema>;
    try {
      claims = claimsSchema.parse(jwt.verify(token, secret, { algorithms: [ALGORITHM] }));
    } catch (error) {
      const expired = error instanceof jwt.TokenExpiredError;
      throw new AppException(
        'UNAUTHENTICATED',
        expired ? 'Your sign-in has expired; sign in again.' : 'Sign in first.',
      );
    }
    const [standing] = await this.dataSource.query<{ generation: number; revoked: boolean }[]>(
      `SELECT u.token_generation AS generation,
              EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.jti = $2) AS revoked
         FROM users u
        WHERE u.id = $1`,
      [claims.sub, claims.jti],
    );
    if (!standing || standing.revoked || standing.generation !== claims.gen) {
      throw new AppException('UNAUTHENTICATED', 'This sign-in has ended; sign in again.');
    }
    return { id: claims.sub, expiresAt: claims.exp, tokenId: claims.jti };
  }

  /**
   * Calls `listener` on this node after each revocation made here has committed, so whatever
   * holds a revoked token open (a socket) can close it. Revocations made on other nodes are not
   * heard here; their tokens are refused by verify() all the same. Returns the unsubscribe.
   */
  onRevoked(listener: (revocation: TokenRevocation) => void): () => void {
    this.revocationListeners.add(listener);
    return () => this.revocationListeners.delete(listener);
  }

  private announce(revocation: TokenRevocation): void {
    for (const listener of this.revocationListeners) {
      // The revocation stands whatever a listener does; its failure must not fail the request.
      try {
        listener(revocation);
      } catch (error) {
        this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      }
    }
  }

  private async issue(user: UserEntity): Promise<AuthResponse> {
    const expiresAt = Math.floor(Date.now() / 1000) + this.config.tokenTtlSeconds;
    const token = jwt.sign(
      { sub: user.id, jti: randomUUID(), gen: user.tokenGeneration, exp: expiresAt },
      await this.signingSecret(),
      { algorithm: ALGORITHM },
    );
    return { token, expiresAt: new Date(expiresAt * 1000).toISOString(), user: toUser(user) };
  }

  /**
   * The configured secret, or one made by whichever node asks first and shared through the DB.
   * A key object, not a string: given a string, jsonwebtoken first tries it as a PEM key, which
   * made every check ~40× slower (380 µs against 9 µs), paid on each handshake and request.
   */
  private signingSecret(): Promise<KeyObject> {
    this.secret ??= (
      this.config.jwtSecret ? Promise.resolve(this.config.jwtSecret) : this.storedSecret()
    ).then((secret) => createSecretKey(Buffer.from(secret, 'utf8')));
    return this.secret;
  }

  private async storedSecret(): Promise<string> {
    const secrets = this.dataSource.getRepository(AppSecretEntity);
    await secrets
      .createQueryBuilder()
      .insert()
      .values({ name: SECRET_NAME, value: randomBytes(48).toString('base64url') })
      .orIgnore()
      .execute();
    return (await secrets.findOneByOrFail({ name: SECRET_NAME })).value;
  }
}
