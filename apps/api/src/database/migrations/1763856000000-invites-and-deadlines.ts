import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invite links, the server's signing secret, and the deadline by which a running session must
 * end (so any node can find overrun sessions with one indexed query).
 */
export class InvitesAndDeadlines1763856000000 implements MigrationInterface {
  name = 'InvitesAndDeadlines1763856000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE invites (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('candidate', 'observer')),
        token_hash text NOT NULL UNIQUE,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await db.query(`CREATE INDEX invites_session_idx ON invites (session_id)`);
    await db.query(`ALTER TABLE participants ADD COLUMN invite_id uuid REFERENCES invites (id)`);
    await db.query(`ALTER TABLE sessions ADD COLUMN deadline_at timestamptz`);
    await db.query(
      `CREATE INDEX sessions_deadline_idx ON sessions (deadline_at) WHERE deadline_at IS NOT NULL`,
    );
    await db.query(`
      CREATE TABLE app_secrets (
        name text PRIMARY KEY,
        value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE app_secrets`);
    await db.query(`DROP INDEX sessions_deadline_idx`);
    await db.query(`ALTER TABLE sessions DROP COLUMN deadline_at`);
    await db.query(`ALTER TABLE participants DROP COLUMN invite_id`);
    await db.query(`DROP TABLE invites`);
  }
}
