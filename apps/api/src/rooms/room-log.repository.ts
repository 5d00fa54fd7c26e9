import { Injectable } from '@nestjs/common';
import type { RoomEvent, RoomState } from '@signal-room/domain';
import type { EntityManager } from 'typeorm';
import { DataSource, MoreThan } from 'typeorm';
import { AppException } from '../common/app-exception';
import { initialRoomOf } from '../sessions/initial-room';
import { SessionEntity } from '../sessions/session.entity';
import { SessionEventEntity } from './session-event.entity';

/** One room's events to append together, planned on the room at `seq` one below the first. */
export interface LogBatch {
  sessionId: string;
  actorId: string;
  /** Carried by the first event only: a command's retry finds what it already wrote. */
  clientEventId: string | null;
  at: number;
  events: readonly RoomEvent[];
  /**
   * What the session row mirrors of the room for listing and the overdue sweep, when the batch
   * changes it; null when it does not (the row is then locked, not rewritten).
   */
  mirror: SessionMirror | null;
}

export interface SessionMirror {
  status: RoomState['status'];
  deadlineAt: number | null;
  endedAt: number | null;
}

/**
 * What became of a batch: appended; a repeat of a command already in the log (answered with the
 * seq its first ack carried); or stale, planned on a room behind the log.
 */
export type AppendOutcome =
  { kind: 'appended' } | { kind: 'duplicate'; seq: number } | { kind: 'stale' };

/**
 * The seq a command's first ack carried, for its retries: that of its last event. A command's
 * events share their actor and time and only the first carries the client event id, so its last
 * is the one before the next event that differs; `first` is the command's first row.
 */
const LAST_SEQ_OF_COMMAND = `COALESCE(
  (SELECT MIN(later.seq) - 1 FROM session_events later
   WHERE later.session_id = first.session_id AND later.seq > first.seq
     AND (later.client_event_id IS NOT NULL OR later.at <> first.at
          OR later.actor_id <> first.actor_id)),
  (SELECT MAX(seq) FROM session_events WHERE session_id = first.session_id)
)::int`;

/**
 * Appends batches of many rooms in one statement. Every room's session row is locked first, in
 * id order (so two nodes' statements cannot deadlock), and held to the commit: a writer that
 * took the lock itself to plan (RoomWriter's locked try) cannot be overtaken. A room's first
 * event goes in only if its seq and client event id are free (ON CONFLICT DO NOTHING), and the
 * rest of its batch only after it: the log has no gaps, so a free first seq means the rest are
 * free too, and a collision in one room leaves the others' rows in. The parts a group does not
 * need are left out (planning the statement is much of its cost on the embedded database).
 */
function appendStatement(tails: boolean, mirrors: boolean): string {
  const insert = `INSERT INTO session_events
    (session_id, seq, type, payload, actor_id, client_event_id, at)`;
  const columns = 'b.session_id, b.seq, b.type, b.payload, b.actor_id, b.client_event_id, b.at';
  return `
WITH batch AS MATERIALIZED (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS b(
    session_id uuid, seq integer, type text, payload jsonb, actor_id uuid,
    client_event_id uuid, at timestamptz, head boolean)
), locked AS MATERIALIZED (
  SELECT id FROM sessions WHERE id IN (SELECT session_id FROM batch WHERE head)
  ORDER BY id FOR NO KEY UPDATE
), heads AS (
  ${insert}
  SELECT ${columns} FROM locked JOIN batch b ON b.session_id = locked.id AND b.head
  ON CONFLICT DO NOTHING
  RETURNING session_id
)${
    tails
      ? `, tails AS (
  ${insert}
  SELECT ${columns} FROM batch b
  WHERE NOT b.head AND b.session_id IN (SELECT session_id FROM heads)
)`
      : ''
  }${
    mirrors
      ? `, mirrored AS (
  UPDATE sessions s
  SET status = m.status, deadline_at = m.deadline_at, ended_at = m.ended_at
  FROM jsonb_to_recordset($2::jsonb)
    AS m(session_id uuid, status text, deadline_at timestamptz, ended_at timestamptz)
  WHERE s.id = m.session_id AND m.session_id IN (SELECT session_id FROM heads)
)`
      : ''
  }
SELECT session_id AS "sessionId" FROM heads`;
}

/**
 * Of the batches that did not go in, the commands already in the log, with their first acks'
 * seqs. Asked in a statement of its own, after the append: a repeat committed while the append
 * waited for its locks is not visible to the append's own snapshot.
 */
const REPEATS = `
SELECT first.session_id AS "sessionId", ${LAST_SEQ_OF_COMMAND} AS seq
FROM jsonb_to_recordset($1::jsonb) AS r(session_id uuid, client_event_id uuid)
JOIN session_events first
  ON first.session_id = r.session_id AND first.client_event_id = r.client_event_id`;

const toRoomEvent = (row: SessionEventEntity): RoomEvent =>
  ({
    seq: row.seq,
    type: row.type,
    payload: row.payload,
    actorId: row.actorId,
    at: row.at.getTime(),
  }) as RoomEvent;

const isoOrNull = (ms: number | null): string | null =>
  ms === null ? null : new Date(ms).toISOString();

/** The room log, `session_events`: the one place that reads and writes it. */
@Injectable()
export class RoomLog {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends each batch, at most one per room, in one statement: one round trip and one commit
   * for all of them (or, given a transaction's manager, within it). Answers per session; only
   * when some batch did not go in does a second statement tell its repeats from stale plans.
   */
  async append(
    batches: readonly LogBatch[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, AppendOutcome>> {
    // Two batches of one room would both be planned on the same seq.
    if (new Set(batches.map((batch) => batch.sessionId)).size !== batches.length) {
      throw new Error('one statement may append one batch per room');
    }
    const rows = batches.flatMap((batch) =>
      batch.events.map((event, index) => ({
        session_id: batch.sessionId,
        seq: event.seq,
        type: event.type,
        payload: event.payload,
        actor_id: batch.actorId,
        client_event_id: index === 0 ? batch.clientEventId : null,
        at: new Date(batch.at).toISOString(),
        head: index === 0,
      })),
    );
    const mirrors = batches.flatMap(({ sessionId, mirror }) =>
      mirror
        ? [
            {
              session_id: sessionId,
              status: mirror.status,
              deadline_at: isoOrNull(mirror.deadlineAt),
              ended_at: isoOrNull(mirror.endedAt),
            },
          ]
        : [],
    );
    const params: unknown[] = [JSON.stringify(rows)];
    if (mirrors.length > 0) params.push(JSON.stringify(mirrors));
    const statement = appendStatement(
      batches.some((batch) => batch.events.length > 1),
      mirrors.length > 0,
    );
    const appended = new Set(
      (await manager.query<{ sessionId: string }[]>(statement, params)).map((row) => row.sessionId),
    );
    const outcomes = new Map<string, AppendOutcome>(
      batches.map((batch) => [
        batch.sessionId,
        appended.has(batch.sessionId) ? { kind: 'appended' } : { kind: 'stale' },
      ]),
    );
    const collided = batches.filter(
      (batch) => !appended.has(batch.sessionId) && batch.clientEventId !== null,
    );
    if (collided.length === 0) return outcomes;
    const repeats = await manager.query<{ sessionId: string; seq: number }[]>(REPEATS, [
      JSON.stringify(
        collided.map((batch) => ({
          session_id: batch.sessionId,
          client_event_id: batch.clientEventId,
        })),
      ),
    ]);
    for (const { sessionId, seq } of repeats) outcomes.set(sessionId, { kind: 'duplicate', seq });
    return outcomes;
  }

  /** Takes the session row's lock for the rest of the transaction: no other append gets in. */
  async lock(manager: EntityManager, sessionId: string): Promise<void> {
    await manager.query('SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE', [sessionId]);
  }

  /** The room's first state, from its session, with every event of its log in seq order. */
  async read(
    sessionId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ initial: RoomState; events: RoomEvent[] }> {
    const session = await manager.findOneBy(SessionEntity, { id: sessionId });
    if (!session)
      throw new AppException('SESSION_NOT_FOUND', 'No session with this id is open to you.');
    return { initial: initialRoomOf(session), events: await this.since(manager, sessionId, 0) };
  }

  /** The events after `seq`, in order. */
  async since(manager: EntityManager, sessionId: string, seq: number): Promise<RoomEvent[]> {
    const rows = await manager.find(SessionEventEntity, {
      where: { sessionId, seq: MoreThan(seq) },
      order: { seq: 'ASC' },
    });
    return rows.map(toRoomEvent);
  }

  /** When the round's timer was first started (epoch ms), or null if it has not been. */
  async startedAt(sessionId: string): Promise<number | null> {
    const [row] = await this.dataSource.query<{ at: Date }[]>(
      `SELECT at FROM session_events WHERE session_id = $1 AND type = 'timer.started'
        ORDER BY seq LIMIT 1`,
      [sessionId],
    );
    return row ? row.at.getTime() : null;
  }

  async latestSeq(manager: EntityManager, sessionId: string): Promise<number> {
    const [row] = await manager.query<{ seq: number }[]>(
      'SELECT COALESCE(MAX(seq), 0)::int AS seq FROM session_events WHERE session_id = $1',
      [sessionId],
    );
    return row?.seq ?? 0;
  }

  /** The seq a command's first ack carried, or null if it never wrote. */
  async seqOfCommand(
    manager: EntityManager,
    sessionId: string,
    clientEventId: string | null,
  ): Promise<number | null> {
    if (clientEventId === null) return null;
    const [row] = await manager.query<{ seq: number }[]>(
      `SELECT ${LAST_SEQ_OF_COMMAND} AS seq FROM session_events first
       WHERE first.session_id = $1 AND first.client_event_id = $2`,
      [sessionId, clientEventId],
    );
    return row?.seq ?? null;
  }
}
