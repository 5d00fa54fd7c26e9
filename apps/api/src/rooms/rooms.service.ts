import { Inject, Injectable } from '@nestjs/common';
import type { Decision, RoomEvent, RoomEventBody, RoomState, Role } from '@signal-room/domain';
import {
  SYSTEM_ACTOR_ID,
  accept,
  arrival,
  buildFeedback,
  decide,
  departure,
  initialRoomState,
  isStaff,
  itemsSeen,
  PROMPTS,
  promptForSwap,
  recordsPresence,
  reduceAll,
  revisableForCandidate,
  roomPromptFrom,
  timeUpEvents,
  viewFor,
  watchListEvents,
} from '@signal-room/domain';
import type { CommandAck, JoinAck } from '@signal-room/protocol';
import { commandEnvelopeSchema, commandPayloadSchemas, issuesOf } from '@signal-room/protocol';
import type { EntityManager } from 'typeorm';
import { DataSource, LessThan, MoreThan } from 'typeorm';
import { APP_CONFIG } from '../app.tokens';
import { UserEntity } from '../auth/user.entity';
import { openAuditEntries } from '../audit/audit.service';
import { AppException } from '../common/app-exception';
import { isTransient } from '../common/transient';
import type { AppConfig } from '../config';
import { ParticipantEntity } from '../sessions/participant.entity';
import { SessionEntity } from '../sessions/session.entity';
import { promptsAnswered } from '../sessions/sessions.service';
import { RoomBroadcaster, messageFor } from './room-broadcaster';
import { SessionEventEntity } from './session-event.entity';

/** A reconnecting client this far behind gets a snapshot rather than the events it missed. */
const MAX_CATCH_UP_EVENTS = 500;
/** Room states kept in memory between commands; a miss only costs a read of the log. */
const CACHED_ROOMS = 2000;

interface Planning {
  state: RoomState;
  manager: EntityManager;
  now: number;
}

const EVENT_SEQ_KEY = 'session_events_pkey';
const CLIENT_EVENT_KEY = 'session_events_client_event_uq';

/** Why a batch was not stored: planned on a state behind the log, or already stored once. */
type Collision = 'stale' | 'duplicate';

/** The outcome of a try, with a collision on the log's unique keys told apart from a fault. */
async function collisionOf<T>(attempt: Promise<T>): Promise<T | Collision> {
  try {
    return await attempt;
  } catch (error) {
    const violated = constraintOf(error);
    if (violated === EVENT_SEQ_KEY) return 'stale';
    if (violated === CLIENT_EVENT_KEY) return 'duplicate';
    throw error;
  }
}

/** The unique constraint a failed write ran into, if that is why it failed. */
function constraintOf(error: unknown): string | null {
  const { code, constraint, driverError } = (error ?? {}) as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  if ((driverError?.code ?? code) !== '23505') return null;
  return driverError?.constraint ?? constraint ?? null;
}

interface Appended {
  seq: number;
  duplicate: boolean;
  before: RoomState;
  after: RoomState;
  events: RoomEvent[];
}

const toRoomEvent = (row: SessionEventEntity): RoomEvent =>
  ({
    seq: row.seq,
    type: row.type,
    payload: row.payload,
    actorId: row.actorId,
    at: row.at.getTime(),
  }) as RoomEvent;

/** When the running timer of a room runs out, as the deadline column stores it. */
function deadlineOf(state: RoomState): Date | null {
  const { timer } = state;
  if (state.status !== 'live' || timer.runningSince === null) return null;
  return new Date(timer.runningSince + timer.durationMs - timer.elapsedMs);
}

/** Database failures a client should retry (connection lost, server restarting, …). */
@Injectable()
export class RoomsService {
  private readonly cache = new Map<string, RoomState>();
  /** Per room, the tail of this node's line of writes. */
  private readonly lines = new Map<string, Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly broadcaster: RoomBroadcaster,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A command from a participant, acknowledged only once its events are committed. */
  async command(userId: string, raw: unknown): Promise<CommandAck> {
    const envelope = commandEnvelopeSchema.safeParse(raw);
    if (!envelope.success) {
      throw new AppException(
        'INVALID_PAYLOAD',
        'The command is not valid.',
        issuesOf(envelope.error),
      );
    }
    const { sessionId, clientEventId, type } = envelope.data;
    const payload = commandPayloadSchemas[type].safeParse(envelope.data.payload);
    if (!payload.success) {
      throw new AppException(
        'INVALID_PAYLOAD',
        `The ${type} payload is not valid.`,
        issuesOf(payload.error),
      );
    }
    const result = await this.append(
      sessionId,
      userId,
      clientEventId,
      async ({ state, manager, now }) => {
        const role = await this.roleIn(manager, state, userId);
        const actor = { userId, role };
        const command = { type, payload: payload.data, clientEventId } as Parameters<
          typeof decide
        >[1];
        if (command.type === 'participant.remove') {
          const decision = decide(state, command, actor, now);
          if (decision.ok)
            await this.removeMember(manager, state.sessionId, command.payload.userId);
          return decision;
        }
        if (command.type !== 'roles.swap') return decide(state, command, actor, now);
        // Check the swap is allowed (the role first) before creating the linked round it points to.
        const check = decide(
          state,
          { ...command, payload: { nextSessionId: SYSTEM_ACTOR_ID } },
          actor,
          now,
        );
        if (!check.ok) return check;
        const nextSessionId = await this.createSwappedRound(manager, state);
        return decide(state, { ...command, payload: { nextSessionId } }, actor, now);
      },
      // The linked round is created, or the member removed, with the event that says so or not
      // at all.
      { transaction: type === 'roles.swap' || type === 'participant.remove' },
    );
    return { ok: true, seq: result.seq, duplicate: result.duplicate };
  }

  /**
   * Enters a participant into the room: presence is recorded (or, once the round has ended,
   * announced to the room's sockets), and the answer carries what they missed since `lastSeq` (or
   * a snapshot when that is simpler or the gap is large).
   */
  async join(
    sessionId: string,
    userId: string,
    lastSeq: number | undefined,
  ): Promise<Extract<JoinAck, { ok: true }>> {
    const user = await this.dataSource.manager.findOneBy(UserEntity, { id: userId });
    let role = 'observer' as Role;
    const arrived = await this.append(sessionId, userId, null, async ({ state, manager }) => {
      role = await this.roleIn(manager, state, userId);
      const displayName = user?.displayName ?? 'Someone';
      return accept(arrival(state, { userId, displayName, role }));
    });
    const after = await this.listWatchFor(arrived.after);
    // Not awaited: the answer must not wait on other nodes for what only the online dots show.
    if (!recordsPresence(after)) void this.broadcaster.announcePresence(sessionId);
    const serverTime = Date.now();
    const snapshot = {
      ok: true as const,
      role,
      serverTime,
      snapshot: viewFor(after, { userId, role }),
      events: [],
    };
    if (lastSeq === undefined || lastSeq > after.seq || after.seq - lastSeq > MAX_CATCH_UP_EVENTS)
      return snapshot;
    const log = await this.log(sessionId);
    const events = log.events.filter((event) => event.seq <= after.seq);
    const held = reduceAll(
      log.initial,
      events.filter((event) => event.seq <= lastSeq),
    );
    const missed = events.filter((event) => event.seq > lastSeq);
    const message = messageFor(held, missed, userId, role);
    if (message?.kind === 'snapshot') return snapshot;
    // Replayed, a note's earlier versions or a note since removed would reach the candidate: the
    // snapshot holds only what stands.
    if (!isStaff(role) && message?.events.some(revisableForCandidate)) return snapshot;
    return { ...snapshot, snapshot: null, events: message?.events ?? [] };
  }

  /**
   * Puts the candidate's open audit entries on the room's watch list, by the system actor: the
   * log records where the list came from and when, and a join by anyone finds entries written
   * since the room was built. Checked on join because that is when a room is opened to be used.
   */
  private async listWatchFor(state: RoomState): Promise<RoomState> {
    if (state.status === 'ended') return state;
    const entries = await openAuditEntries(this.dataSource.manager, state.sessionId);
    if (watchListEvents(state, entries).length === 0) return state;
    const { after } = await this.append(state.sessionId, SYSTEM_ACTOR_ID, null, ({ state: now }) =>
      Promise.resolve(accept(watchListEvents(now, entries))),
    );
    return after;
  }

  /** Presence: the user's last socket in the room has gone. */
  async leave(sessionId: string, userId: string): Promise<void> {
    const { after } = await this.append(sessionId, userId, null, ({ state }) =>
      Promise.resolve(accept(departure(state, userId))),
    );
    if (!recordsPresence(after)) void this.broadcaster.announcePresence(sessionId);
  }

  /** Ends every running round whose time ran out more than the grace period ago. */
  async endOverdue(): Promise<number> {
    const overdue = await this.dataSource.manager.find(SessionEntity, {
      select: { id: true },
      where: {
        status: 'live',
        deadlineAt: LessThan(new Date(Date.now() - this.config.endGraceMs)),
      },
      take: 100,
    });
    let ended = 0;
    for (const { id } of overdue) {
      // Several nodes may race here: the seq key and the domain's own check make it happen once.
      const result = await this.append(id, SYSTEM_ACTOR_ID, null, ({ state, now }) =>
        Promise.resolve(accept(timeUpEvents(state, now, this.config.endGraceMs))),
      );
      if (result.events.length > 0) ended += 1;
    }
    return ended;
  }

  /** The room as it stands, with the log it was folded from. */
  async state(sessionId: string): Promise<{ state: RoomState; events: RoomEvent[] }> {
    const { initial, events } = await this.log(sessionId);
    return { state: reduceAll(initial, events), events };
  }

  private async log(
    sessionId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ initial: RoomState; events: RoomEvent[] }> {
    const session = await manager.findOneBy(SessionEntity, { id: sessionId });
    if (!session)
      throw new AppException('SESSION_NOT_FOUND', 'No session with this id is open to you.');
    const rows = await manager.find(SessionEventEntity, {
      where: { sessionId },
      order: { seq: 'ASC' },
    });
    return { initial: this.initialStateOf(session), events: rows.map(toRoomEvent) };
  }

  /**
   * The user's role in a session, checked before anything of theirs enters its room; refused
   * for anyone who is not a participant.
   */
  async roleOf(sessionId: string, userId: string): Promise<Role> {
    const known = this.cache.get(sessionId)?.participants[userId]?.role;
    if (known) return known;
    const participant = await this.dataSource.manager.findOneBy(ParticipantEntity, {
      sessionId,
      userId,
    });
    if (participant) return participant.role;
    const session = await this.dataSource.manager.existsBy(SessionEntity, { id: sessionId });
    if (!session) {
      throw new AppException('SESSION_NOT_FOUND', 'No session with this id is open to you.');
    }
    throw new AppException('NOT_A_PARTICIPANT', 'You are not a participant of this session.');
  }

  /** Roles never change within a session: one the room already knows needs no query. */
  private async roleIn(manager: EntityManager, state: RoomState, userId: string): Promise<Role> {
    const known = state.participants[userId]?.role;
    if (known) return known;
    const participant = await manager.findOneBy(ParticipantEntity, {
      sessionId: state.sessionId,
      userId,
    });
    if (!participant) {
      throw new AppException('NOT_A_PARTICIPANT', 'You are not a participant of this session.');
    }
    return participant.role;
  }

  private initialStateOf(session: SessionEntity): RoomState {
    return initialRoomState({
      sessionId: session.id,
      roundType: session.roundType,
      visibility: session.visibility,
      peerMode: session.peerMode,
      // The session's creator is its interviewer (peer rounds are created for the new one).
      interviewerId: session.createdBy,
      durationMs: session.durationMinutes * 60_000,
      prompt: session.prompt,
    });
  }

  private remember(state: RoomState): void {
    this.cache.delete(state.sessionId);
    this.cache.set(state.sessionId, state);
    if (this.cache.size > CACHED_ROOMS) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }

  /**
   * The one write path of a room. This node writes a room's batches one at a time (and sends
   * each before the next is planned, so its members get them in seq order). The first try is
   * planned on the cached state and stored in one statement, one round trip. If another node
   * wrote first, it collides on the log's (session, seq) key; it is then tried again with the
   * session row locked and the state read under the lock. Every write takes that lock before
   * it appends, so that second try cannot lose again, however busy the room.
   */
  private append(
    sessionId: string,
    actorId: string,
    clientEventId: string | null,
    plan: (planning: Planning) => Promise<Decision<RoomEventBody[]>>,
    options: { transaction?: boolean } = {},
  ): Promise<Appended> {
    const attempt = (before: RoomState, current: boolean, manager: EntityManager) =>
      this.attempt(before, current, manager, actorId, clientEventId, plan);
    return this.inLine(sessionId, async () => {
      try {
        const cached = this.cache.get(sessionId);
        let outcome: Appended | Collision = 'stale';
        if (cached && !options.transaction) {
          outcome = await collisionOf(attempt(cached, false, this.dataSource.manager));
        }
        if (outcome === 'stale') {
          outcome = await collisionOf(
            this.dataSource.transaction(async (manager) => {
              await manager.query('SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE', [sessionId]);
              const before = cached
                ? await this.catchUp(manager, cached)
                : await this.stateIn(manager, sessionId);
              return attempt(before, true, manager);
            }),
          );
        }
        if (outcome === 'stale') throw new Error('a write under the session lock collided');
        if (outcome === 'duplicate') {
          // Only a command carries a client event id, and only a repeated one collides on it.
          const seq = await this.seqOfCommand(this.dataSource.manager, sessionId, clientEventId);
          const state =
            this.cache.get(sessionId) ?? (await this.stateIn(this.dataSource.manager, sessionId));
          return {
            seq: seq ?? state.seq,
            duplicate: true,
            before: state,
            after: state,
            events: [],
          };
        }
        this.remember(outcome.after);
        this.broadcaster.publish(outcome.before, outcome.after, outcome.events);
        return outcome;
      } catch (error) {
        if (error instanceof AppException) throw error;
        if (isTransient(error)) {
          throw new AppException(
            'UNAVAILABLE',
            'The database is unavailable; retry the same command.',
          );
        }
        throw error;
      }
    });
  }

  /** Runs a room's writes on this node one after another, in the order they came. */
  private inLine<T>(sessionId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.lines.get(sessionId) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.lines.set(sessionId, tail);
    void tail.then(() => {
      if (this.lines.get(sessionId) === tail) this.lines.delete(sessionId);
    });
    return result;
  }

  /**
   * One try at a batch, planned on `before`: `current` when it was read under the session lock,
   * else it may be behind other nodes. Answers 'stale' when it turns out to be behind; throws
   * the database's error when the batch collides on a unique key (see collisionOf).
   */
  private async attempt(
    before: RoomState,
    current: boolean,
    manager: EntityManager,
    actorId: string,
    clientEventId: string | null,
    plan: (planning: Planning) => Promise<Decision<RoomEventBody[]>>,
  ): Promise<Appended | 'stale'> {
    const { sessionId } = before;
    const now = Date.now();
    const decision = await plan({ state: before, manager, now });
    if (!decision.ok || decision.value.length === 0) {
      // Nothing to write, so no collision tells whether the state was current: ask.
      if (!current && (await this.latestSeq(manager, sessionId)) !== before.seq) return 'stale';
      if (decision.ok)
        return { seq: before.seq, duplicate: false, before, after: before, events: [] };
      // A retry of a command that changed the room may now be refused by it (a second start).
      const seq = await this.seqOfCommand(manager, sessionId, clientEventId);
      if (seq !== null) return { seq, duplicate: true, before, after: before, events: [] };
      throw new AppException(decision.error.code, decision.error.message);
    }
    const events = decision.value.map(
      (body, index) => ({ ...body, seq: before.seq + index + 1, actorId, at: now }) as RoomEvent,
    );
    const after = reduceAll(before, events);
    await this.store(manager, after, events, clientEventId, now);
    return { seq: after.seq, duplicate: false, before, after, events };
  }

  /** The room brought up to date with what other nodes wrote since this node last saw it. */
  private async catchUp(manager: EntityManager, state: RoomState): Promise<RoomState> {
    const rows = await manager.find(SessionEventEntity, {
      where: { sessionId: state.sessionId, seq: MoreThan(state.seq) },
      order: { seq: 'ASC' },
    });
    return reduceAll(state, rows.map(toRoomEvent));
  }

  private async stateIn(manager: EntityManager, sessionId: string): Promise<RoomState> {
    const { initial, events } = await this.log(sessionId, manager);
    return reduceAll(initial, events);
  }

  private async latestSeq(manager: EntityManager, sessionId: string): Promise<number> {
    const [row] = await manager.query<{ seq: number }[]>(
      'SELECT COALESCE(MAX(seq), 0)::int AS seq FROM session_events WHERE session_id = $1',
      [sessionId],
    );
    return row?.seq ?? 0;
  }

  /**
   * Appends a batch with the session row, once the round is over its feedback, and once that is
   * released the audit entries its interviewer heard said, in one statement. Two writers of the same seq collide on the primary key; a repeated client event
   * id on its unique key.
   */
  private async store(
    manager: EntityManager,
    after: RoomState,
    events: RoomEvent[],
    clientEventId: string | null,
    now: number,
  ): Promise<void> {
    const ended = after.status === 'ended';
    const at = new Date(now).toISOString();
    const deadline = deadlineOf(after);
    const [stored] = await manager.query<{ appended: number }[]>(
      // The session row is updated first and the events appended from its result: the update
      // takes the row lock (waiting for a writer that holds it) before anything is appended.
      `WITH updated AS (
         UPDATE sessions
         SET last_seq = $5::integer, status = $6::text, deadline_at = $7::timestamptz,
             ended_at = $8::timestamptz
         WHERE id = $1::uuid
         RETURNING id
       ), appended AS (
         INSERT INTO session_events (session_id, seq, type, payload, actor_id, client_event_id, at)
         SELECT updated.id, e.seq, e.type, e.payload, $2::uuid, e.client_event_id, $3::timestamptz
         FROM updated, jsonb_to_recordset($4::jsonb)
           AS e(seq integer, type text, payload jsonb, client_event_id uuid)
         RETURNING seq
       ), feedback_kept AS (
         INSERT INTO feedback (session_id, document, generated_at, released_at)
         SELECT $1::uuid, $9::jsonb, $3::timestamptz,
                CASE WHEN $10::boolean THEN $3::timestamptz END
         WHERE $9::jsonb IS NOT NULL
         ON CONFLICT (session_id) DO UPDATE SET
           document = EXCLUDED.document,
           generated_at = EXCLUDED.generated_at,
           released_at = CASE WHEN $10::boolean
                              THEN COALESCE(feedback.released_at, EXCLUDED.generated_at) END
       ), audit_seen AS (
         UPDATE audit_entries SET visible_in_session_id = $1::uuid
         WHERE visible_in_session_id IS NULL
           AND id IN (SELECT value::uuid FROM jsonb_array_elements_text($11::jsonb))
       )
       SELECT count(*)::int AS appended FROM appended`,
      [
        after.sessionId,
        events[0]?.actorId,
        at,
        JSON.stringify(
          events.map((event, index) => ({
            seq: event.seq,
            type: event.type,
            payload: event.payload,
            client_event_id: index === 0 ? clientEventId : null,
          })),
        ),
        after.seq,
        after.status,
        deadline === null ? null : deadline.toISOString(),
        after.endedAt === null ? null : new Date(after.endedAt).toISOString(),
        ended ? JSON.stringify(buildFeedback(after, now)) : null,
        after.feedbackReleased,
        // Ticks stay revisable until release; only then do they count as heard.
        JSON.stringify(after.feedbackReleased ? itemsSeen(after).map((item) => item.id) : []),
      ],
    );
    // Sessions are never deleted, so a room that was loaded has its row.
    if (stored?.appended !== events.length) throw new Error(`session ${after.sessionId} is gone`);
  }

  /**
   * The seq a command's first ack carried, for its retries: that of its last event, or null if
   * it never wrote. A command's events share their actor and time and only the first carries the
   * client event id, so its last is the one before the next event that differs.
   */
  private async seqOfCommand(
    manager: EntityManager,
    sessionId: string,
    clientEventId: string | null,
  ): Promise<number | null> {
    if (clientEventId === null) return null;
    const [row] = await manager.query<{ seq: number }[]>(
      `SELECT COALESCE(
         (SELECT MIN(later.seq) - 1 FROM session_events later
          WHERE later.session_id = first.session_id AND later.seq > first.seq
            AND (later.client_event_id IS NOT NULL OR later.at <> first.at
                 OR later.actor_id <> first.actor_id)),
         (SELECT MAX(seq) FROM session_events WHERE session_id = first.session_id)
       )::int AS seq
       FROM session_events first
       WHERE first.session_id = $1 AND first.client_event_id = $2`,
      [sessionId, clientEventId],
    );
    return row?.seq ?? null;
  }

  /** Takes a participant out of the session; refused for anyone who is not in it. */
  private async removeMember(
    manager: EntityManager,
    sessionId: string,
    userId: string,
  ): Promise<void> {
    const removed = await manager.delete(ParticipantEntity, { sessionId, userId });
    if (!removed.affected) {
      throw new AppException('NOT_FOUND', 'That person is not a participant of this session.');
    }
  }

  /** The second round of a peer pair: roles swapped, a fresh prompt for the new candidate. */
  private async createSwappedRound(manager: EntityManager, state: RoomState): Promise<string> {
    const session = await manager.findOneByOrFail(SessionEntity, { id: state.sessionId });
    const members = await manager.findBy(ParticipantEntity, { sessionId: session.id });
    const candidate = members.find((member) => member.role === 'candidate');
    if (!candidate)
      throw new AppException('INVALID_STATE', 'There is no candidate to swap roles with.');
    // The interviewer answers next, the candidate asks: both histories rule prompts out.
    const answeredBy = async (userId: string) =>
      (await promptsAnswered(manager, userId)).map((entry) => entry.promptId);
    const { prompt, note } = promptForSwap(
      PROMPTS,
      session.roundType,
      await answeredBy(session.createdBy),
      await answeredBy(candidate.userId),
    );
    const next = await manager.save(SessionEntity, {
      roundType: session.roundType,
      prompt: prompt && roomPromptFrom(prompt),
      promptNote: note,
      visibility: session.visibility,
      peerMode: true,
      durationMinutes: session.durationMinutes,
      createdBy: candidate.userId,
      previousSessionId: session.id,
    });
    const swappedRole: Record<Role, Role> = {
      interviewer: 'candidate',
      candidate: 'interviewer',
      observer: 'observer',
    };
    const swapped = members.map((member) => ({
      sessionId: next.id,
      userId: member.userId,
      inviteId: null,
      role: swappedRole[member.role],
    }));
    await manager.insert(ParticipantEntity, swapped);
    return next.id;
  }
}
