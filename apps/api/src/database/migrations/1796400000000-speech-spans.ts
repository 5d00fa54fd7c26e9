import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each person in a session's call spoke, measured by their own browser: the talk-time of
 * the feedback's communication section. Deleted with the session.
 */
export class SpeechSpans1796400000000 implements MigrationInterface {
  name = 'SpeechSpans1796400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE speech_spans (
        id bigserial PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        batch_id uuid NOT NULL,
        start_at bigint NOT NULL,
        end_at bigint NOT NULL,
        CONSTRAINT speech_spans_batch_uq UNIQUE (session_id, user_id, batch_id, start_at)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE speech_spans`);
  }
}
