import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The person who creates a session is its interviewer, and the room, the wire and the UI call
 * them that; the column says so too.
 */
export class SessionInterviewer1796220000000 implements MigrationInterface {
  name = 'SessionInterviewer1796220000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sessions RENAME COLUMN created_by TO interviewer_id`);
    await db.query(
      `ALTER TABLE sessions RENAME CONSTRAINT sessions_created_by_fkey TO sessions_interviewer_id_fkey`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE sessions RENAME CONSTRAINT sessions_interviewer_id_fkey TO sessions_created_by_fkey`,
    );
    await db.query(`ALTER TABLE sessions RENAME COLUMN interviewer_id TO created_by`);
  }
}
