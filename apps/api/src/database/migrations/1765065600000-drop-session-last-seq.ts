import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nothing reads the session's last seq: the log's own (session, seq) key orders appends and
 * the session row is only their lock. Down restores the column from the log.
 */
export class DropSessionLastSeq1765065600000 implements MigrationInterface {
  name = 'DropSessionLastSeq1765065600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sessions DROP COLUMN last_seq`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sessions ADD COLUMN last_seq integer NOT NULL DEFAULT 0`);
    await db.query(
      `UPDATE sessions s SET last_seq = e.seq
       FROM (SELECT session_id, MAX(seq) AS seq FROM session_events GROUP BY session_id) e
       WHERE e.session_id = s.id`,
    );
  }
}
