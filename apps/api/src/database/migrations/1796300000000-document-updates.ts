import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The shared documents of a session: every Yjs update as it was committed, kept for the
 * keystroke replay, and per document one snapshot of the merged state up to an update id, so a
 * late joiner reads the snapshot and the rows after it instead of the whole history.
 */
export class DocumentUpdates1796300000000 implements MigrationInterface {
  name = 'DocumentUpdates1796300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE document_updates (
        id bigserial PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        document_id text NOT NULL,
        client_update_id uuid NOT NULL,
        update bytea NOT NULL,
        author_id uuid NOT NULL,
        offset_ms integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT document_updates_client_update_uq
          UNIQUE (session_id, document_id, client_update_id)
      )`);
    await db.query(
      `CREATE INDEX document_updates_document_idx ON document_updates (session_id, document_id, id)`,
    );
    await db.query(`
      CREATE TABLE document_snapshots (
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        document_id text NOT NULL,
        up_to_id bigint NOT NULL,
        state bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, document_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE document_snapshots`);
    await db.query(`DROP TABLE document_updates`);
  }
}
