import { Injectable } from '@nestjs/common';
import type { FeedbackDocument } from '@signal-room/domain';
import type { EntityManager } from 'typeorm';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { FeedbackEntity } from './feedback.entity';

export interface StoredFeedback {
  sessionId: string;
  document: FeedbackDocument;
  /** Null until the interviewer releases it (at the end itself in coaching mode). */
  releasedAt: Date | null;
}

const toStored = ({ sessionId, document, releasedAt }: FeedbackEntity): StoredFeedback => ({
  sessionId,
  document,
  releasedAt,
});

/**
 * The feedback table as the features beside feedback read it (audit, ratings, history). It
 * depends on nothing but the database, so any module may import it without a cycle.
 */
@Injectable()
export class FeedbackRepository {
  constructor(private readonly dataSource: DataSource) {}

  async ofSession(
    sessionId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StoredFeedback | null> {
    const row = await manager.findOneBy(FeedbackEntity, { sessionId });
    return row ? toStored(row) : null;
  }

  /**
   * Drops the watch item of a deleted audit entry from every stored feedback that lists it,
   * heard or not. The item goes whole rather than as a blank: the "heard" count then matches the
   * entries history still counts, and nobody reads that the candidate took something back.
   */
  async dropWatchItem(entryId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE feedback SET document = jsonb_set(document, '{watchFor}', (
         SELECT COALESCE(jsonb_agg(item ORDER BY position), '[]'::jsonb)
         FROM jsonb_array_elements(document->'watchFor') WITH ORDINALITY AS listed(item, position)
         WHERE item->>'id' <> $1))
       WHERE document->'watchFor' @> jsonb_build_array(jsonb_build_object('id', $1::text))`,
      [entryId],
    );
  }

  /** The released feedback among these sessions. */
  async released(sessionIds: readonly string[]): Promise<StoredFeedback[]> {
    if (sessionIds.length === 0) return [];
    const rows = await this.dataSource.manager.findBy(FeedbackEntity, {
      sessionId: In([...sessionIds]),
      releasedAt: Not(IsNull()),
    });
    return rows.map(toStored);
  }
}
