import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hidden-signal audit: after release, the candidate writes what they decided and never said,
 * per hidden or weak signal; their next rounds watch for it until an interviewer hears it said.
 * The partial index serves that one question: a candidate's entries still open.
 */
export class AuditEntries1764806400000 implements MigrationInterface {
  name = 'AuditEntries1764806400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        signal text NOT NULL,
        sentence text NOT NULL,
        offset_ms integer CHECK (offset_ms >= 0),
        visible_in_session_id uuid REFERENCES sessions (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX audit_entries_session_idx ON audit_entries (session_id, user_id)`);
    await db.query(
      `CREATE INDEX audit_entries_open_idx ON audit_entries (user_id, created_at)
       WHERE visible_in_session_id IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_entries`);
  }
}
