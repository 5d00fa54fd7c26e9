import { Injectable } from '@nestjs/common';
import type { AuditEntry, FeedbackDocument, OpenAuditEntry, SignalId } from '@signal-room/domain';
import { auditableSignals } from '@signal-room/domain';
import type {
  AuditHistoryResponse,
  CreateAuditEntryBody,
  SessionAuditResponse,
} from '@signal-room/protocol';
import { AUDIT_ENTRIES_PER_SIGNAL } from '@signal-room/protocol';
import type { EntityManager } from 'typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AppException } from '../common/app-exception';
import { FeedbackRepository } from '../feedback/feedback.repository';
import { SessionsService } from '../sessions/sessions.service';
import { AuditEntryEntity } from './audit-entry.entity';

const toAuditEntry = (row: AuditEntryEntity): AuditEntry => ({
  id: row.id,
  sessionId: row.sessionId,
  signal: row.signal,
  sentence: row.sentence,
  offsetMs: row.offsetMs,
  createdAt: row.createdAt.toISOString(),
  visibleInSessionId: row.visibleInSessionId,
});

/**
 * The open audit entries of a session's candidate, written after their earlier rounds, oldest
 * first: what the room's interviewer is to watch for. None when the session has no candidate.
 */
export function openAuditEntries(
  manager: EntityManager,
  sessionId: string,
): Promise<OpenAuditEntry[]> {
  return manager.query<OpenAuditEntry[]>(
    `SELECT a.id, a.session_id AS "sessionId", a.signal, a.sentence
     FROM participants p
     JOIN audit_entries a ON a.user_id = p.user_id AND a.visible_in_session_id IS NULL
     WHERE p.session_id = $1 AND p.role = 'candidate' AND a.session_id <> $1
     ORDER BY a.created_at, a.id`,
    [sessionId],
  );
}

/**
 * Marks audit entries as heard in a session, once its feedback is released: until then the
 * interviewer's ticks may be taken back. An entry keeps the first session it was heard in.
 */
export async function markHeard(
  manager: EntityManager,
  sessionId: string,
  entryIds: readonly string[],
): Promise<void> {
  if (entryIds.length === 0) return;
  await manager.query(
    `UPDATE audit_entries SET visible_in_session_id = $1
     WHERE visible_in_session_id IS NULL AND id = ANY($2::uuid[])`,
    [sessionId, entryIds],
  );
}

/**
 * Which of these audit entries still exist, each locked against deletion until the caller's
 * transaction ends: stored feedback copies only the sentences of entries that are still kept,
 * and a deletion waiting on the lock then finds the copy it must remove.
 */
export async function keptEntries(
  manager: EntityManager,
  entryIds: readonly string[],
): Promise<Set<string>> {
  if (entryIds.length === 0) return new Set();
  const rows = await manager.query<{ id: string }[]>(
    'SELECT id FROM audit_entries WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE',
    [entryIds],
  );
  return new Set(rows.map((row) => row.id));
}

@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly feedbackRows: FeedbackRepository,
  ) {}

  /**
   * The released feedback of a round the caller was the candidate of. The audit is the
   * candidate's own: the interviewer and observers of the round are refused like anyone else
   * (strangers learn nothing about whether the session exists).
   */
  private async releasedTo(
    sessionId: string,
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<FeedbackDocument> {
    const { role } = await this.sessions.membership(sessionId, userId, manager);
    if (role !== 'candidate') {
      throw new AppException('FORBIDDEN_ROLE', 'Only the candidate of a round audits it.');
    }
    const feedback = await this.feedbackRows.ofSession(sessionId, manager);
    if (!feedback?.releasedAt) {
      throw new AppException('FEEDBACK_NOT_READY', 'The audit opens once feedback is released.');
    }
    return feedback.document;
  }

  private entriesOf(manager: EntityManager, sessionId: string, userId: string) {
    return manager.find(AuditEntryEntity, {
      where: { sessionId, userId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  async forSession(sessionId: string, userId: string): Promise<SessionAuditResponse> {
    const document = await this.releasedTo(sessionId, userId);
    const entries = await this.entriesOf(this.dataSource.manager, sessionId, userId);
    return { sessionId, signals: auditableSignals(document), entries: entries.map(toAuditEntry) };
  }

  async add(sessionId: string, userId: string, body: CreateAuditEntryBody): Promise<AuditEntry> {
    return this.dataSource.transaction(async (manager) => {
      // One candidate's adds to one session queue here, so the per-signal cap holds.
      await manager.query(
        'SELECT 1 FROM participants WHERE session_id = $1 AND user_id = $2 FOR UPDATE',
        [sessionId, userId],
      );
      const document = await this.releasedTo(sessionId, userId, manager);
      if (!auditableSignals(document).some((open) => open.signal === body.signal)) {
        throw new AppException(
          'INVALID_PAYLOAD',
          'Only a signal this round hid or saw weakly can be audited.',
        );
      }
      if (body.offsetMs !== undefined && body.offsetMs > document.elapsedMs) {
        throw new AppException('INVALID_PAYLOAD', 'That moment is past the end of the round.');
      }
      const written = await this.entriesOf(manager, sessionId, userId);
      if (
        written.filter((entry) => entry.signal === body.signal).length >= AUDIT_ENTRIES_PER_SIGNAL
      ) {
        throw new AppException(
          'INVALID_STATE',
          `A signal keeps ${AUDIT_ENTRIES_PER_SIGNAL} entries at most; remove one first.`,
        );
      }
      const saved = await manager.save(AuditEntryEntity, {
        sessionId,
        userId,
        signal: body.signal,
        sentence: body.sentence,
        offsetMs: body.offsetMs ?? null,
        visibleInSessionId: null,
      });
      return toAuditEntry(saved);
    });
  }

  /**
   * Deletes the entry and, in the same transaction, every copy of its sentence that later rounds
   * keep: on their stored feedback's watch list and in the `watch.listed` events of their logs,
   * so taking an entry back takes its words back from every replay too. Answers the entry and
   * the rooms that had listed it, whose live state the caller then withdraws it from.
   */
  async remove(
    sessionId: string,
    entryId: string,
    userId: string,
  ): Promise<{ entry: AuditEntry; listedIn: string[] }> {
    return this.dataSource.transaction(async (manager) => {
      await this.releasedTo(sessionId, userId, manager);
      const entry = await manager.findOne(AuditEntryEntity, {
        where: { id: entryId, sessionId, userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!entry) throw new AppException('NOT_FOUND', 'No audit entry with this id is yours.');
      await manager.delete(AuditEntryEntity, { id: entry.id });
      await this.feedbackRows.dropWatchItem(entry.id, manager);
      // Only the rounds this person was the candidate of can have listed their entries.
      // A SELECT over the UPDATE: TypeORM answers a bare UPDATE … RETURNING with its row count.
      const rows = await manager.query<{ session_id: string }[]>(
        `WITH redacted AS (
           UPDATE session_events
           SET payload = jsonb_set(payload, '{items}', COALESCE(
             (SELECT jsonb_agg(item) FROM jsonb_array_elements(payload->'items') AS item
              WHERE item->>'id' <> $1), '[]'::jsonb))
           WHERE type = 'watch.listed'
             AND payload->'items' @> jsonb_build_array(jsonb_build_object('id', $1::text))
             AND session_id IN (
               SELECT session_id FROM participants WHERE user_id = $2 AND role = 'candidate')
           RETURNING session_id)
         SELECT DISTINCT session_id FROM redacted`,
        [entry.id, userId],
      );
      const listedIn = rows.map((row) => row.session_id);
      return { entry: toAuditEntry(entry), listedIn };
    });
  }

  /** The signal of each of the person's entries that no later round has heard yet. */
  async openSignals(userId: string): Promise<SignalId[]> {
    const rows = await this.dataSource.manager.find(AuditEntryEntity, {
      select: { signal: true },
      where: { userId, visibleInSessionId: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map((row) => row.signal);
  }

  /** How many of the person's entries each later round heard, by that round's session id. */
  async heardBySession(userId: string): Promise<Map<string, number>> {
    const rows: { sessionId: string; heard: string }[] = await this.dataSource.manager
      .createQueryBuilder(AuditEntryEntity, 'entry')
      .select('entry.visible_in_session_id', 'sessionId')
      .addSelect('COUNT(*)', 'heard')
      .where('entry.user_id = :userId', { userId })
      .andWhere('entry.visible_in_session_id IS NOT NULL')
      .groupBy('entry.visible_in_session_id')
      .getRawMany();
    return new Map(rows.map((row) => [row.sessionId, Number(row.heard)]));
  }

  /** Everything the caller wrote, newest round first; nobody's entries but their own. */
  async history(userId: string): Promise<AuditHistoryResponse> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(AuditEntryEntity, 'entry')
      .innerJoin('sessions', 'session', 'session.id = entry.session_id')
      .where('entry.user_id = :userId', { userId })
      .orderBy('session.created_at', 'DESC')
      .addOrderBy('entry.created_at', 'ASC')
      .addOrderBy('entry.id', 'ASC')
      .getMany();
    return { entries: rows.map(toAuditEntry) };
  }
}
