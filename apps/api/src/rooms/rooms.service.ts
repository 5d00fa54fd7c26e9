import { Inject, Injectable } from '@nestjs/common';
import type { Decision, RoomEvent, RoomEventBody, RoomState, Role } from '@signal-room/domain';
import {
  SYSTEM_ACTOR_ID,
  accept,
  buildFeedback,
  decide,
  eventBody,
  initialRoomState,
  reduceAll,
  timeUpEvents,
  viewFor,
} from '@signal-room/domain';
import type { CommandAck, JoinAck } from '@signal-room/protocol';
import { commandEnvelopeSchema, commandPayloadSchemas, issuesOf } from '@signal-room/protocol';
import type { EntityManager } from 'typeorm';
import { DataSource, LessThan, MoreThan } from 'typeorm';
import { APP_CONFIG } from '../app.tokens';
import { UserEntity } from '../auth/user.entity';
import { AppException } from '../common/app-exception';
import { isTransient } from '../common/transient';
import type { AppConfig } from '../config';
import { FeedbackEntity } from '../feedback/feedback.entity';
import { ParticipantEntity } from '../sessions/participant.entity';
import { SessionEntity } from '../sessions/session.entity';
import { freshPromptAfter } from '../sessions/sessions.service';
import type { Place } from './room-broadcaster';
import { RoomBroadcaster, messageFor } from './room-broadcaster';
import { SessionEventEntity } from './session-event.entity';

/** A reconnecting client this far behind gets a snapshot rather than the events it missed. */
const MAX_CATCH_UP_EVENTS = 500;
/** Room states kept in memory between commands; a miss only costs a read of the log. */
const CACHED_ROOMS = 2000;

interface Planning {
  state: RoomState;
  session: SessionEntity;
  manager: EntityManager;
  now: number;
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
      async ({ state, manager, now, session }) => {
        const role = await this.roleOf(manager, sessionId, userId);
        const actor = { userId, role };
        const command = { type, payload: payload.data, commandId: clientEventId } as Parameters<
          typeof decide
        >[1];
        if (command.type !== 'roles.swap') return decide(state, command, actor, now);
        // Check the swap is allowed (the role first) before creating the linked round it points to.
        const check = decide(
          state,
          { ...command, payload: { nextSessionId: SYSTEM_ACTOR_ID } },
          actor,
          now,
        );
        if (!check.ok) return check;
        const nextSessionId = await this.createSwappedRound(manager, session, state);
        return decide(state, { ...command, payload: { nextSessionId } }, actor, now);
      },
    );
    return { ok: true, seq: result.seq, duplicate: result.duplicate };
  }

  /**
   * Enters a participant into the room: presence is recorded, and the answer carries what they
   * missed since `lastSeq` (or a snapshot when that is simpler or the gap is large).
   */
  async join(
    sessionId: string,
    userId: string,
    lastSeq: number | undefined,
  ): Promise<Extract<JoinAck, { ok: true }>> {
    const user = await this.dataSource.manager.findOneBy(UserEntity, { id: userId });
    let role = 'observer' as Role;
    const { after } = await this.append(sessionId, userId, null, async ({ state, manager }) => {
      role = await this.roleOf(manager, sessionId, userId);
      if (state.participants[userId]?.online) return accept([]);
      const displayName = user?.displayName ?? 'Someone';
      return accept([eventBody('participant.joined', { userId, displayName, role })]);
    });
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
    return { ...snapshot, snapshot: null, events: message?.events ?? [] };
  }

  /** Presence: the user's last socket in the room has gone. */
  async leave(sessionId: string, userId: string): Promise<void> {
    await this.append(sessionId, userId, null, ({ state }) =>
      Promise.resolve(
        accept(
          state.participants[userId]?.online ? [eventBody('participant.left', { userId })] : [],
        ),
      ),
    );
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
      // Several nodes may race here: the row lock and the domain's own check make it happen once.
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

  private async log(sessionId: string): Promise<{ initial: RoomState; events: RoomEvent[] }> {
    const session = await this.dataSource.manager.findOneBy(SessionEntity, { id: sessionId });
    if (!session)
      throw new AppException('SESSION_NOT_FOUND', 'No session with this id is open to you.');
    const rows = await this.dataSource.manager.find(SessionEventEntity, {
      where: { sessionId },
      order: { seq: 'ASC' },
    });
    return { initial: this.initialStateOf(session), events: rows.map(toRoomEvent) };
  }

  private async roleOf(manager: EntityManager, sessionId: string, userId: string): Promise<Role> {
    const participant = await manager.findOneBy(ParticipantEntity, { sessionId, userId });
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

  /** The state at the locked row's sequence: the cached one brought up to date from the log. */
  private async loadState(manager: EntityManager, session: SessionEntity): Promise<RoomState> {
    const cached = this.cache.get(session.id);
    const base = cached && cached.seq <= session.lastSeq ? cached : this.initialStateOf(session);
    if (base.seq === session.lastSeq) return base;
    const rows = await manager.find(SessionEventEntity, {
      where: { sessionId: session.id, seq: MoreThan(base.seq) },
      order: { seq: 'ASC' },
    });
    return reduceAll(base, rows.map(toRoomEvent));
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
   * The one write path of a room: lock the session row (which orders every writer, on every
   * node), answer a repeated client event id with its first result, plan events on the current
   * state, append them, keep the session row and feedback in step, commit; then publish.
   */
  private async append(
    sessionId: string,
    actorId: string,
    clientEventId: string | null,
    plan: (planning: Planning) => Promise<Decision<RoomEventBody[]>>,
  ): Promise<Appended> {
    let result: Appended;
    // Set inside the transaction; an object, since TypeScript does not follow the callback.
    const line: { place?: Place } = {};
    try {
      result = await this.dataSource.transaction(async (manager) => {
        const session = await manager
          .createQueryBuilder(SessionEntity, 'session')
          .setLock('pessimistic_write')
          .where('session.id = :id', { id: sessionId })
          .getOne();
        if (!session)
          throw new AppException('SESSION_NOT_FOUND', 'No session with this id is open to you.');
        // In line under the lock, so this node sends the session's batches in seq order.
        line.place = this.broadcaster.reserve(sessionId);
        const before = await this.loadState(manager, session);
        if (clientEventId) {
          const first = await manager.findOneBy(SessionEventEntity, { sessionId, clientEventId });
          if (first) {
            const seq = await this.lastSeqOfCommand(manager, first, session.lastSeq);
            return { seq, duplicate: true, before, after: before, events: [] };
          }
        }
        const now = Date.now();
        const decision = await plan({ state: before, session, manager, now });
        if (!decision.ok) throw new AppException(decision.error.code, decision.error.message);
        const events = decision.value.map(
          (body, index) =>
            ({ ...body, seq: before.seq + index + 1, actorId, at: now }) as RoomEvent,
        );
        if (events.length === 0)
          return { seq: before.seq, duplicate: false, before, after: before, events };
        await manager.insert(
          SessionEventEntity,
          events.map((event, index) => ({
            sessionId,
            seq: event.seq,
            type: event.type,
            payload: event.payload,
            actorId,
            clientEventId: index === 0 ? clientEventId : null,
            at: new Date(now),
          })),
        );
        const after = reduceAll(before, events);
        await manager.update(SessionEntity, sessionId, {
          lastSeq: after.seq,
          status: after.status,
          deadlineAt: deadlineOf(after),
          endedAt: after.endedAt === null ? null : new Date(after.endedAt),
        });
        if (after.status === 'ended') await this.storeFeedback(manager, after, now);
        return { seq: after.seq, duplicate: false, before, after, events };
      });
    } catch (error) {
      void line.place?.(null);
      if (error instanceof AppException) throw error;
      if (isTransient(error)) {
        throw new AppException(
          'UNAVAILABLE',
          'The database is unavailable; retry the same command.',
        );
      }
      throw error;
    }
    this.remember(result.after);
    await line.place?.(result);
    return result;
  }

  /**
   * A retried command is answered with the same sequence number as its first ack: that of its
   * last event. A command's events share their actor and time, and only its first carries the
   * client event id, so its last event is the one before the next event that does not.
   */
  private async lastSeqOfCommand(
    manager: EntityManager,
    first: SessionEventEntity,
    lastSeq: number,
  ): Promise<number> {
    const next = await manager
      .createQueryBuilder(SessionEventEntity, 'event')
      .select('MIN(event.seq)', 'seq')
      .where('event.session_id = :sessionId AND event.seq > :seq', first)
      .andWhere(
        '(event.client_event_id IS NOT NULL OR event.at <> :at OR event.actor_id <> :actorId)',
        first,
      )
      .getRawOne<{ seq: number | null }>();
    return next?.seq ? next.seq - 1 : lastSeq;
  }

  /** Feedback follows the finished room: rebuilt on every change after the end, kept released. */
  private async storeFeedback(
    manager: EntityManager,
    state: RoomState,
    now: number,
  ): Promise<void> {
    const existing = await manager.findOneBy(FeedbackEntity, { sessionId: state.sessionId });
    await manager.save(FeedbackEntity, {
      sessionId: state.sessionId,
      document: buildFeedback(state, now),
      generatedAt: new Date(now),
      releasedAt: state.feedbackReleased ? (existing?.releasedAt ?? new Date(now)) : null,
    });
  }

  /** The second round of a peer pair: roles swapped, a fresh prompt for the new candidate. */
  private async createSwappedRound(
    manager: EntityManager,
    session: SessionEntity,
    state: RoomState,
  ): Promise<string> {
    const members = await manager.findBy(ParticipantEntity, { sessionId: session.id });
    const candidate = members.find((member) => member.role === 'candidate');
    if (!candidate)
      throw new AppException('INVALID_STATE', 'There is no candidate to swap roles with.');
    const next = await manager.save(SessionEntity, {
      roundType: session.roundType,
      prompt: freshPromptAfter(state),
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
