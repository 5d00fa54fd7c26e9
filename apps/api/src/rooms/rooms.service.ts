import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OpenAuditEntry, RoomEvent, RoomState, Role } from '@signal-room/domain';
import {
  SYSTEM_ACTOR_ID,
  accept,
  arrival,
  decide,
  departure,
  isStaff,
  recordsArrival,
  recordsPresence,
  reduceAll,
  revisableForCandidate,
  timeUpEvents,
  viewFor,
  watchListEvents,
  watchWithdrawnEvents,
} from '@signal-room/domain';
import type { CommandAck, JoinAck } from '@signal-room/protocol';
import { commandEnvelopeSchema, commandPayloadSchemas, issuesOf } from '@signal-room/protocol';
import type { EntityManager } from 'typeorm';
import { DataSource, LessThan } from 'typeorm';
import { APP_CONFIG } from '../app.tokens';
import { UserEntity } from '../auth/user.entity';
import { openAuditEntries } from '../audit/audit.service';
import { AppException } from '../common/app-exception';
import type { AppConfig } from '../config';
import { ParticipantEntity } from '../sessions/participant.entity';
import { SessionEntity } from '../sessions/session.entity';
import { SessionsService } from '../sessions/sessions.service';
import { RoomBroadcaster, messageFor } from './room-broadcaster';
import { RoomLog } from './room-log.repository';
import type { Planning } from './room-writer';
import { RoomWriter } from './room-writer';

/** A reconnecting client this far behind gets a snapshot rather than the events it missed. */
const MAX_CATCH_UP_EVENTS = 500;

/**
 * What happens in a room: commands, people coming and going, and rounds that overran, each
 * turned into events by the domain and handed to the room writer, which orders and stores them.
 */
@Injectable()
export class RoomsService {
  private readonly logger = new Logger('rooms');

  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: RoomWriter,
    private readonly log: RoomLog,
    private readonly sessions: SessionsService,
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
    const command = { type, payload: payload.data, clientEventId } as Parameters<typeof decide>[1];
    const result = await this.writer.write({
      sessionId,
      actorId: userId,
      clientEventId,
      plan: async ({ state, manager, now }: Planning) => {
        const actor = { userId, role: await this.roleIn(manager, state, userId) };
        if (command.type === 'participant.remove') {
          const decision = decide(state, command, actor, now);
          if (decision.ok) {
            await this.sessions.removeParticipant(manager, sessionId, command.payload.userId);
          }
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
        const nextSessionId = await this.sessions.createSwappedRound(manager, sessionId);
        return decide(state, { ...command, payload: { nextSessionId } }, actor, now);
      },
      // The linked round is created, or the member removed, with the event that says so or not
      // at all.
      writesInPlan: type === 'roles.swap' || type === 'participant.remove',
    });
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
    let role = 'observer' as Role;
    // The watch list's entries are read beside the arrival: on PostgreSQL on a connection of their
    // own, not after it.
    const [arrived, entries] = await Promise.all([
      this.writer.write({
        sessionId,
        actorId: userId,
        clientEventId: null,
        plan: async ({ state, manager }) => {
          role = await this.roleIn(manager, state, userId);
          // Another tab of someone already in the room records nothing: no name to read.
          if (!recordsArrival(state, userId)) return accept([]);
          const user = await manager.findOneBy(UserEntity, { id: userId });
          const displayName = user?.displayName ?? 'Someone';
          return accept(arrival(state, { userId, displayName, role }));
        },
      }),
      openAuditEntries(this.dataSource.manager, sessionId),
    ]);
    const after = await this.listWatchFor(arrived.after, entries);
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
    const log = await this.log.read(sessionId);
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
  private async listWatchFor(state: RoomState, entries: OpenAuditEntry[]): Promise<RoomState> {
    if (state.status === 'ended' || watchListEvents(state, entries).length === 0) return state;
    const { after } = await this.writer.write({
      sessionId: state.sessionId,
      actorId: SYSTEM_ACTOR_ID,
      clientEventId: null,
      plan: ({ state: now }) => Promise.resolve(accept(watchListEvents(now, entries))),
    });
    return after;
  }

  /**
   * Takes a deleted audit entry's item off each room's watch list, live on every screen, by the
   * system actor. Each room is its own write: one that fails is logged, and its log (redacted
   * with the deletion) no longer lists the item for anyone who reads it afresh.
   */
  async withdrawWatchItem(sessionIds: readonly string[], entryId: string): Promise<void> {
    for (const sessionId of sessionIds) {
      await this.writer
        .write({
          sessionId,
          actorId: SYSTEM_ACTOR_ID,
          clientEventId: null,
          plan: ({ state }) => Promise.resolve(accept(watchWithdrawnEvents(state, entryId))),
        })
        .catch((error: unknown) => {
          this.logger.warn(`watch item ${entryId} not withdrawn in ${sessionId}: ${String(error)}`);
        });
    }
  }

  /** Presence: the user's last socket in the room has gone. */
  async leave(sessionId: string, userId: string): Promise<void> {
    const { after } = await this.writer.write({
      sessionId,
      actorId: userId,
      clientEventId: null,
      plan: ({ state }) => Promise.resolve(accept(departure(state, userId))),
    });
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
      const result = await this.writer.write({
        sessionId: id,
        actorId: SYSTEM_ACTOR_ID,
        clientEventId: null,
        plan: ({ state, now }) =>
          Promise.resolve(accept(timeUpEvents(state, now, this.config.endGraceMs))),
      });
      if (result.events.length > 0) ended += 1;
    }
    return ended;
  }

  /** The room as it stands, folded from the log's tail past what this node holds. */
  current(sessionId: string): Promise<RoomState> {
    return this.writer.current(sessionId);
  }

  /** The room as it stands, with the log it was folded from. */
  async state(sessionId: string): Promise<{ state: RoomState; events: RoomEvent[] }> {
    const { initial, events } = await this.log.read(sessionId);
    return { state: reduceAll(initial, events), events };
  }

  /**
   * The user's role in a session, checked before anything of theirs enters its room; refused
   * for anyone who is not a participant.
   */
  async roleOf(sessionId: string, userId: string): Promise<Role> {
    const known = this.writer.cached(sessionId)?.participants[userId]?.role;
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

  /**
   * When the round's timer was first started, or null before: the clock the workspace's
   * records are placed on. A start this node has seen needs no query (it never changes).
   */
  async roundStartedAt(sessionId: string): Promise<number | null> {
    return this.writer.cached(sessionId)?.startedAt ?? this.log.startedAt(sessionId);
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
}
