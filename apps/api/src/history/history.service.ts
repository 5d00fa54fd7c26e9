import { Injectable } from '@nestjs/common';
import type { AnsweredRound, LoopRound, LoopSummary, Score, Scores } from '@signal-room/domain';
import {
  PROMPTS,
  SIGNAL_IDS,
  aggregateLoop,
  emptyScorecard,
  proposeNextMock,
  seesScores,
  timelineFor,
  viewFor,
} from '@signal-room/domain';
import type {
  NextMockResponse,
  ProgressResponse,
  TimelineResponse,
  TrendsResponse,
} from '@signal-room/protocol';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DrillsService } from '../drills/drills.service';
import { AppException } from '../common/app-exception';
import type { StoredFeedback } from '../feedback/feedback.repository';
import { FeedbackRepository } from '../feedback/feedback.repository';
import { RoomsService } from '../rooms/rooms.service';
import { initialRoomOf } from '../sessions/initial-room';
import type { EndedSession } from '../sessions/session-directory.service';
import { SessionDirectoryService } from '../sessions/session-directory.service';
import { SessionsService, promptsAnswered } from '../sessions/sessions.service';

interface ReleasedRound {
  row: StoredFeedback;
  session: EndedSession;
}

const endedAtOf = (session: EndedSession): string => session.endedAt.toISOString();

function trendsOf(rounds: readonly ReleasedRound[]): TrendsResponse {
  return {
    signals: SIGNAL_IDS.map((signal) => ({
      signal,
      points: rounds.flatMap(({ row, session }) => {
        const entry = row.document.signals.find((item) => item.signal === signal);
        if (!entry || entry.score === null) return [];
        return [
          {
            sessionId: session.id,
            roundType: session.roundType,
            endedAt: endedAtOf(session),
            score: entry.score as Score,
            selfScore: entry.selfScore,
          },
        ];
      }),
    })),
  };
}

@Injectable()
export class HistoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly rooms: RoomsService,
    private readonly audit: AuditService,
    private readonly drills: DrillsService,
    private readonly directory: SessionDirectoryService,
    private readonly feedback: FeedbackRepository,
  ) {}

  async timeline(sessionId: string, userId: string): Promise<TimelineResponse> {
    const { session, role } = await this.sessions.membership(sessionId, userId);
    const { state, events } = await this.rooms.state(sessionId);
    const viewer = { userId, role };
    return {
      sessionId,
      initial: viewFor(initialRoomOf(session), viewer),
      events: timelineFor(events, state, viewer),
    };
  }

  /** Rounds the caller answered as candidate whose feedback is released to them, oldest first. */
  private async releasedAsCandidate(userId: string): Promise<ReleasedRound[]> {
    const sessions = await this.directory.endedAs(userId, 'candidate');
    const feedback = await this.feedback.released(sessions.map((session) => session.id));
    return feedback
      .map((row) => ({ row, session: sessions.find((session) => session.id === row.sessionId) }))
      .filter((entry): entry is ReleasedRound => entry.session !== undefined)
      .sort((a, b) => a.session.endedAt.getTime() - b.session.endedAt.getTime());
  }

  /** Scores the caller received as a candidate, where they may see them, oldest first. */
  async trends(userId: string): Promise<TrendsResponse> {
    return trendsOf(await this.releasedAsCandidate(userId));
  }

  /** The trends, and what each released round left hidden, oldest first. */
  async progress(userId: string): Promise<ProgressResponse> {
    const [rounds, heard, drillsDone] = await Promise.all([
      this.releasedAsCandidate(userId),
      this.audit.heardBySession(userId),
      this.drills.doneBy(userId),
    ]);
    return {
      ...trendsOf(rounds),
      rounds: rounds.map(({ row, session }) => ({
        sessionId: session.id,
        roundType: session.roundType,
        endedAt: endedAtOf(session),
        hiddenSignals: row.document.hiddenSignals.map((entry) => entry.signal),
        auditHeard: heard.get(session.id) ?? 0,
      })),
      drillsDone,
    };
  }

  /**
   * The caller's next round, aimed from the feedback released to them: a round whose feedback is
   * held back weighs in only by its prompt, which they have answered either way.
   */
  async nextMock(userId: string): Promise<NextMockResponse> {
    const [rounds, answered, openAuditSignals] = await Promise.all([
      this.releasedAsCandidate(userId),
      promptsAnswered(this.dataSource.manager, userId),
      this.audit.openSignals(userId),
    ]);
    const promptOf = new Map(answered.map((entry) => [entry.sessionId, entry.promptId]));
    const released = rounds.map(({ row, session }): AnsweredRound => ({
      sessionId: session.id,
      roundType: session.roundType,
      promptId: promptOf.get(session.id) ?? null,
      scores: Object.fromEntries(
        row.document.signals.map((entry) => [entry.signal, entry.score]),
      ) as Scores,
      hiddenSignals: row.document.hiddenSignals.map((entry) => entry.signal),
    }));
    return proposeNextMock(
      { released, answeredPromptIds: answered.map((entry) => entry.promptId), openAuditSignals },
      PROMPTS,
    );
  }

  /** Several rounds read as one loop; each must be one whose scores the caller may see. */
  async loop(sessionIds: string[], userId: string): Promise<LoopSummary> {
    const rounds: LoopRound[] = [];
    for (const sessionId of sessionIds) {
      const { role } = await this.sessions.membership(sessionId, userId);
      const { state } = await this.rooms.state(sessionId);
      if (state.status !== 'ended' || !seesScores(state, { userId, role })) {
        throw new AppException(
          'FEEDBACK_NOT_READY',
          `The scores of session ${sessionId} are not open to you yet.`,
        );
      }
      const card = state.scorecards[state.interviewerId] ?? emptyScorecard(state.interviewerId);
      rounds.push({
        sessionId,
        roundType: state.roundType,
        scores: card.scores,
        evidence: card.evidence,
        moves: state.moves,
        flags: state.flags,
      });
    }
    return aggregateLoop(rounds);
  }
}
