import { Injectable } from '@nestjs/common';
import type { LoopRound, LoopSummary, Score } from '@signal-room/domain';
import {
  SIGNAL_IDS,
  aggregateLoop,
  emptyScorecard,
  seesScores,
  timelineFor,
} from '@signal-room/domain';
import type { TimelineResponse, TrendsResponse } from '@signal-room/protocol';
import { DataSource, In, Not, IsNull } from 'typeorm';
import { AppException } from '../common/app-exception';
import { FeedbackEntity } from '../feedback/feedback.entity';
import { RoomsService } from '../rooms/rooms.service';
import { ParticipantEntity } from '../sessions/participant.entity';
import { SessionEntity } from '../sessions/session.entity';
import { SessionsService } from '../sessions/sessions.service';

@Injectable()
export class HistoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly rooms: RoomsService,
  ) {}

  async timeline(sessionId: string, userId: string): Promise<TimelineResponse> {
    const { role } = await this.sessions.membership(sessionId, userId);
    const { state, events } = await this.rooms.state(sessionId);
    return {
      sessionId,
      startedAt: state.startedAt,
      events: timelineFor(events, state, { userId, role }),
    };
  }

  /** Scores the caller received as a candidate, where they may see them, oldest first. */
  async trends(userId: string): Promise<TrendsResponse> {
    const asCandidate = await this.dataSource.manager.findBy(ParticipantEntity, {
      userId,
      role: 'candidate',
    });
    const ids = asCandidate.map((participant) => participant.sessionId);
    const [sessions, feedback] = ids.length
      ? await Promise.all([
          this.dataSource.manager.findBy(SessionEntity, { id: In(ids), endedAt: Not(IsNull()) }),
          this.dataSource.manager.findBy(FeedbackEntity, {
            sessionId: In(ids),
            releasedAt: Not(IsNull()),
          }),
        ])
      : [[], []];
    const rounds = feedback
      .map((row) => ({ row, session: sessions.find((session) => session.id === row.sessionId) }))
      .filter(
        (entry): entry is { row: FeedbackEntity; session: SessionEntity } =>
          !!entry.session?.endedAt,
      )
      .sort((a, b) => (a.session.endedAt?.getTime() ?? 0) - (b.session.endedAt?.getTime() ?? 0));
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
              endedAt: (session.endedAt ?? session.createdAt).toISOString(),
              score: entry.score as Score,
              selfScore: entry.selfScore,
            },
          ];
        }),
      })),
    };
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
