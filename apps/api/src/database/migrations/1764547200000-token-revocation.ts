import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tokens that can be cut off before they expire, on every node: a signed-out token is listed by
 * its id until it would have expired, and a user's token generation, carried in every token,
 * is raised to revoke all of theirs at once (a password change).
 *
 * A generation rather than a "tokens valid after" time: token times are whole seconds from each
 * node's own clock, so a cut-off time would spare a token issued in the same second or on a node
 * whose clock runs fast, and refuse one issued just after on a node whose clock runs slow. A
 * generation compares exactly, and a sign-in that read the user before the change was committed
 * carries the old generation, so it is refused too.
 */
export class TokenRevocation1764547200000 implements MigrationInterface {
  name = 'TokenRevocation1764547200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN token_generation integer NOT NULL DEFAULT 0`);
    await db.query(`
      CREATE TABLE revoked_tokens (
        jti uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX revoked_tokens_expires_idx ON revoked_tokens (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE revoked_tokens`);
    await db.query(`ALTER TABLE users DROP COLUMN token_generation`);
  }
}
