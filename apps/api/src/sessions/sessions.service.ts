import { Injectable } from '@nestjs/common';
import type { Role, RoomPrompt, RoundTypeId, Scores, Visibility } from '@signal-room/domain';
import {
  isStaff,
  promptById,
  PROMPTS,
  promptForSwap,
  promptsFor,
  roomPromptFrom,
  roundTypeById,
} from '@signal-room/domain';
import type { CreateSessionBody, SessionSummary } from '@signal-room/protocol';
import type { EntityManager } from 'typeorm';
import { DataSource, In } from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { AppException } from '../common/app-exception';
import { FeedbackEntity } from '../feedback/feedback.entity';
import { ParticipantEntity } from './participant.entity';
import { SessionEntity } from './session.entity';

/** How many people one room holds, staff and candidate together. */
export const MAX_PARTICIPANTS = 12;

export interface Membership {
  session: SessionEntity;
  role: Role;
}

/** The prompt a new session starts with: the one asked for, or the bank's first for the round. */
function choosePrompt(body: CreateSessionBody): RoomPrompt {
  if (body.customPrompt) {
    return { promptId: null, ...body.customPrompt, followUps: [], signals: [], guide: null };
  }
  const prompt = body.promptId ? promptById(body.promptId) : promptsFor(body.roundType)[0];
  if (!prompt) throw new AppException('INVALID_PAYLOAD', `There is no prompt ${body.promptId}.`);
  if (prompt.roundType !== body.roundType) {
    throw new AppException(
      'INVALID_PAYLOAD',
      `The prompt ${prompt.id} belongs to another round type.`,
    );
  }
  return roomPromptFrom(prompt);
}

/**
 * The bank prompts a person has been the candidate for, oldest session first, booked rounds
 * included. A room's prompt is the one it last set, not the one it was created with.
 */
export async function promptsAnswered(
  manager: EntityManager,
  userId: string,
): Promise<{ sessionId: string; promptId: string }[]> {
  return manager.query<{ sessionId: string; promptId: string }[]>(
    `SELECT s.id AS "sessionId", COALESCE(last_set.prompt, s.prompt) ->> 'promptId' AS "promptId"
     FROM participants p
     JOIN sessions s ON s.id = p.session_id
     LEFT JOIN LATERAL (
       SELECT e.payload -> 'prompt' AS prompt FROM session_events e
       WHERE e.session_id = s.id AND e.type = 'prompt.set'
       ORDER BY e.seq DESC LIMIT 1
     ) last_set ON true
     WHERE p.user_id = $1 AND p.role = 'candidate'
       AND COALESCE(last_set.prompt, s.prompt) ->> 'promptId' IS NOT NULL
     ORDER BY s.created_at, s.id`,
    [userId],
  );
}

/** What a new session starts with, however it was chosen. */
export interface NewSession {
  roundType: RoundTypeId;
  prompt: RoomPrompt;
  durationMinutes: number;
  visibility: Visibility;
  peerMode: boolean;
}

@Injectable()
export class SessionsService {
  constructor(private readonly dataSource: DataSource) {}

  async create(userId: string, body: CreateSessionBody): Promise<SessionSummary> {
    return this.open(userId, {
      roundType: body.roundType,
      prompt: choosePrompt(body),
      visibility: body.visibility,
      peerMode: body.peerMode,
      durationMinutes: body.durationMinutes ?? roundTypeById(body.roundType).defaultMinutes,
    });
  }

  /**
   * A new session with its caller as interviewer, on a round, prompt and length already chosen:
   * from a creation body, or by another feature (a drill run as a room).
   */
  async open(userId: string, start: NewSession): Promise<SessionSummary> {
    const session = await this.dataSource.transaction(async (manager) => {
      const created = await manager.save(SessionEntity, {
        roundType: start.roundType,
        prompt: start.prompt,
        promptNote: null,
        visibility: start.visibility,
        peerMode: start.peerMode,
        durationMinutes: start.durationMinutes,
        interviewerId: userId,
        previousSessionId: null,
      });
      await manager.insert(ParticipantEntity, {
        sessionId: created.id,
        userId,
        role: 'interviewer',
        inviteId: null,
      });
      return created;
    });
    return this.summary(session.id, userId);
  }

  /** The caller's membership of a session; strangers learn nothing about whether it exists. */
  async membership(
    sessionId: string,
    userId: string,
    manager?: EntityManager,
  ): Promise<Membership> {
    const db = manager ?? this.dataSource.manager;
    const session = await db.findOneBy(SessionEntity, { id: sessionId });
    const participant = session
      ? await db.findOneBy(ParticipantEntity, { sessionId, userId })
      : null;
    if (!session || !participant) {
      throw new AppException('SESSION_NOT_FOUND', 'No session with this id is open to you.');
    }
    return { session, role: participant.role };
  }

  /**
   * The second round of a peer pair, created in the transaction of the room's swap: roles
   * swapped, a prompt neither has answered as candidate where the bank has one. Its id is what
   * the swap event points to.
   */
  async createSwappedRound(manager: EntityManager, sessionId: string): Promise<string> {
    const session = await manager.findOneByOrFail(SessionEntity, { id: sessionId });
    const members = await manager.findBy(ParticipantEntity, { sessionId });
    const candidate = members.find((member) => member.role === 'candidate');
    if (!candidate)
      throw new AppException('INVALID_STATE', 'There is no candidate to swap roles with.');
    // The interviewer answers next, the candidate asks: both histories rule prompts out.
    const answeredBy = async (userId: string) =>
      (await promptsAnswered(manager, userId)).map((entry) => entry.promptId);
    const { prompt, note } = promptForSwap(
      PROMPTS,
      session.roundType,
      await answeredBy(session.interviewerId),
      await answeredBy(candidate.userId),
    );
    const next = await manager.save(SessionEntity, {
      roundType: session.roundType,
      prompt: prompt && roomPromptFrom(prompt),
      promptNote: note,
      visibility: session.visibility,
      peerMode: true,
      durationMinutes: session.durationMinutes,
      interviewerId: candidate.userId,
      previousSessionId: session.id,
    });
    const swappedRole: Record<Role, Role> = {
      interviewer: 'candidate',
      candidate: 'interviewer',
      observer: 'observer',
    };
    await manager.insert(
      ParticipantEntity,
      members.map((member) => ({
        sessionId: next.id,
        userId: member.userId,
        inviteId: null,
        role: swappedRole[member.role],
      })),
    );
    return next.id;
  }

  /** Takes a participant out of a session, in the transaction of the room's removal event. */
  async removeParticipant(
    manager: EntityManager,
    sessionId: string,
    userId: string,
  ): Promise<void> {
    const removed = await manager.delete(ParticipantEntity, { sessionId, userId });
    if (!removed.affected) {
      throw new AppException('NOT_FOUND', 'That person is not a participant of this session.');
    }
  }

  async list(userId: string): Promise<SessionSummary[]> {
    const mine = await this.dataSource.manager.find(ParticipantEntity, { where: { userId } });
    const summaries = await this.summaries(
      mine.map((participant) => participant.sessionId),
      userId,
    );
    return summaries.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async summary(sessionId: string, userId: string): Promise<SessionSummary> {
    await this.membership(sessionId, userId);
    const [summary] = await this.summaries([sessionId], userId);
    if (!summary)
      throw new AppException('SESSION_NOT_FOUND', 'No session with this id is open to you.');
    return summary;
  }

  /** Summaries of many sessions in a fixed number of queries, each as `userId` may see it. */
  private async summaries(sessionIds: string[], userId: string): Promise<SessionSummary[]> {
    if (sessionIds.length === 0) return [];
    const manager = this.dataSource.manager;
    const [sessions, participants, feedback, next] = await Promise.all([
      manager.findBy(SessionEntity, { id: In(sessionIds) }),
      manager.findBy(ParticipantEntity, { sessionId: In(sessionIds) }),
      manager.findBy(FeedbackEntity, { sessionId: In(sessionIds) }),
      manager.findBy(SessionEntity, { previousSessionId: In(sessionIds) }),
    ]);
    const users = await manager.findBy(UserEntity, {
      id: In([...new Set(participants.map((participant) => participant.userId))]),
    });
    const nameOf = new Map(users.map((user) => [user.id, user.displayName]));
    return sessions.map((session): SessionSummary => {
      const members = participants.filter((participant) => participant.sessionId === session.id);
      const myRole = members.find((member) => member.userId === userId)?.role ?? 'observer';
      const document = feedback.find((row) => row.sessionId === session.id);
      const released = Boolean(document?.releasedAt);
      const seesScores = isStaff(myRole) || released || session.visibility === 'coaching';
      const scores =
        document && seesScores
          ? (Object.fromEntries(
              document.document.signals.map((signal) => [signal.signal, signal.score]),
            ) as Scores)
          : null;
      return {
        id: session.id,
        roundType: session.roundType,
        promptTitle: session.prompt?.title ?? null,
        promptNote: session.promptNote,
        visibility: session.visibility,
        peerMode: session.peerMode,
        durationMinutes: session.durationMinutes,
        status: session.status,
        myRole,
        participants: members.map((member) => ({
          userId: member.userId,
          displayName: nameOf.get(member.userId) ?? 'Unknown',
          role: member.role,
        })),
        createdAt: session.createdAt.toISOString(),
        endedAt: session.endedAt?.toISOString() ?? null,
        feedbackReleased: released,
        scores,
        previousSessionId: session.previousSessionId,
        nextSessionId: next.find((row) => row.previousSessionId === session.id)?.id ?? null,
      };
    });
  }
}
