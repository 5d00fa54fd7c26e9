import { Injectable } from '@nestjs/common';
import type { DocumentId } from '@signal-room/domain';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';

/** An update as the writer stores it. */
export interface NewDocumentUpdate {
  sessionId: string;
  documentId: DocumentId;
  clientUpdateId: string;
  update: Uint8Array;
  authorId: string;
  offsetMs: number | null;
}

/** A document as stored: its snapshot (if any) and the updates after it, oldest first. */
export interface StoredDocument {
  parts: Uint8Array[];
  /** Updates stored after the snapshot. */
  tail: number;
  /** The last update id read; null for a document nobody has written. */
  lastId: string | null;
}

const COLUMNS = 6;
// One advisory lock per document: writers take it shared, a compaction exclusive, so a snapshot
// never covers an id whose row was still uncommitted when it was read (ids are drawn before
// commit, so a later id can be visible before an earlier one).
const documentLock = (session: string, document: string) =>
  `hashtextextended(${session}::text || ':' || ${document}, 0)`;

/** One stored update as the replay plays it. */
export interface ReplayedUpdate {
  at: number;
  authorId: string;
  update: Uint8Array;
}

/** The only SQL on document_updates and document_snapshots. */
@Injectable()
export class DocumentUpdatesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends a batch in one statement; answers, per row, whether it is new (false: a retry of an
   * update already stored under its client id).
   */
  async append(rows: readonly NewDocumentUpdate[]): Promise<boolean[]> {
    const values = rows
      .map((_, row) => {
        const at = (column: number) => `$${row * COLUMNS + column}`;
        return `(${at(1)}::uuid, ${at(2)}::text, ${at(3)}::uuid, ${at(4)}::bytea, ${at(5)}::uuid, ${at(6)}::integer)`;
      })
      .join(', ');
    const parameters = rows.flatMap((row) => [
      row.sessionId,
      row.documentId,
      row.clientUpdateId,
      row.update,
      row.authorId,
      row.offsetMs,
    ]);
    const inserted = await this.dataSource.query<{ client_update_id: string }[]>(
      `WITH batch (session_id, document_id, client_update_id, update, author_id, offset_ms) AS (
         VALUES ${values}
       ), locked AS MATERIALIZED (
         SELECT pg_advisory_xact_lock_shared(${documentLock('d.session_id', 'd.document_id')})
           FROM (SELECT DISTINCT session_id, document_id FROM batch) d
       )
       INSERT INTO document_updates
         (session_id, document_id, client_update_id, update, author_id, offset_ms)
       SELECT * FROM batch WHERE (SELECT count(*) FROM locked) >= 0
       ON CONFLICT (session_id, document_id, client_update_id) DO NOTHING
       RETURNING session_id, document_id, client_update_id`,
      parameters,
    );
    const fresh = new Set(inserted.map((row) => row.client_update_id));
    return rows.map((row) => fresh.delete(row.clientUpdateId));
  }

  /** The document's snapshot and every update after it, in one statement. */
  async read(
    sessionId: string,
    documentId: DocumentId,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StoredDocument> {
    const rows = await manager.query<{ id: string; bytes: Uint8Array; place: number }[]>(
      `WITH snapshot AS (
         SELECT up_to_id, state FROM document_snapshots WHERE session_id = $1 AND document_id = $2
       )
       SELECT up_to_id::text AS id, state AS bytes, 0 AS place, up_to_id AS position FROM snapshot
       UNION ALL
       SELECT id::text, update, 1, id FROM document_updates
        WHERE session_id = $1 AND document_id = $2
          AND id > COALESCE((SELECT up_to_id FROM snapshot), 0)
       -- By the number, not its text: as text, update 100000 would sort before 99999.
       ORDER BY place, position`,
      [sessionId, documentId],
    );
    return {
      parts: rows.map((row) => row.bytes),
      tail: rows.filter((row) => row.place === 1).length,
      lastId: rows.at(-1)?.id ?? null,
    };
  }

  /** Every update of the document, in the order of their ids (the order the log took them). */
  async history(sessionId: string, documentId: DocumentId): Promise<ReplayedUpdate[]> {
    const rows = await this.dataSource.query<
      { at: string | number; author_id: string; update: Uint8Array }[]
    >(
      `SELECT floor(extract(epoch FROM created_at) * 1000)::float8 AS at, author_id, update
         FROM document_updates WHERE session_id = $1 AND document_id = $2 ORDER BY id`,
      [sessionId, documentId],
    );
    return rows.map((row) => ({ at: Number(row.at), authorId: row.author_id, update: row.update }));
  }

  /**
   * Replaces the document's snapshot by `merge` of what is stored, under the document's lock;
   * the update rows stay (the replay plays them back). Nothing happens if the tail is short by
   * now (another node compacted it meanwhile).
   */
  async compact(
    sessionId: string,
    documentId: DocumentId,
    minTail: number,
    merge: (parts: Uint8Array[]) => Uint8Array,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(${documentLock('$1', '$2')})`, [
        sessionId,
        documentId,
      ]);
      const stored = await this.read(sessionId, documentId, manager);
      if (stored.tail < minTail || stored.lastId === null) return;
      await manager.query(
        `INSERT INTO document_snapshots (session_id, document_id, up_to_id, state)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (session_id, document_id)
         DO UPDATE SET up_to_id = EXCLUDED.up_to_id, state = EXCLUDED.state, created_at = now()`,
        [sessionId, documentId, stored.lastId, merge(stored.parts)],
      );
    });
  }
}
