import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consented recordings: each person's microphone, chunk by chunk as it was uploaded, kept with
 * its session (and gone with it). The size is kept beside the bytes so the per-session and
 * per-person limits are sums over small integers, not over the audio itself.
 */
export class RecordingChunks1796500000000 implements MigrationInterface {
  name = 'RecordingChunks1796500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE recording_chunks (
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        recording_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        chunk_index integer NOT NULL,
        started_at bigint NOT NULL,
        duration_ms integer NOT NULL,
        size integer NOT NULL,
        bytes bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, recording_id, user_id, chunk_index)
      )`);
    await db.query(`CREATE INDEX recording_chunks_user_idx ON recording_chunks (user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE recording_chunks`);
  }
}
