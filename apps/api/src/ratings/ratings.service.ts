import { Injectable } from '@nestjs/common';
import type { InterviewerProfile, ProfileRound } from '@signal-room/domain';
import { interviewerProfile, profileRoundOf } from '@signal-room/domain';
import type { Rating, RatingBody, RatingResponse } from '@signal-room/protocol';
import { DataSource, In } from 'typeorm';
import { AppException } from '../common/app-exception';
import type { StoredFeedback } from '../feedback/feedback.repository';
import { FeedbackRepository } from '../feedback/feedback.repository';
import { RoomsService } from '../rooms/rooms.service';
import { SessionDirectoryService } from '../sessions/session-directory.service';
import { SessionsService } from '../sessions/sessions.service';
import { RatingEntity } from './rating.entity';

const toRating = (row: RatingEntity): Rating => ({
  sessionId: row.sessionId,
  verdicts: row.verdicts,
  comment: row.comment,
  updatedAt: row.updatedAt.toISOString(),
});

@Injectable()
export class RatingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly rooms: RoomsService,
    private readonly directory: SessionDirectoryService,
    private readonly feedback: FeedbackRepository,
  ) {}

  /** The feedback a candidate may judge: only what has been released to them. */
  private async released(sessionId: string): Promise<StoredFeedback> {
    const row = await this.feedback.ofSession(sessionId);
    if (!row?.releasedAt) {
      throw new AppException(
        'FEEDBACK_NOT_READY',
        'The feedback can be rated once the interviewer has released it.',
      );
    }
    return row;
  }

  /** The candidate reads their own rating; the session's interviewer reads it; no one else. */
  async read(sessionId: string, userId: string): Promise<RatingResponse> {
    const { role } = await this.sessions.membership(sessionId, userId);
    if (role === 'observer') {
      throw new AppException(
        'FORBIDDEN_ROLE',
        'A rating is between the candidate and the interviewer.',
      );
    }
    if (role === 'candidate') await this.released(sessionId);
    const row = await this.dataSource.manager.findOneBy(RatingEntity, { sessionId });
    return { rating: row ? toRating(row) : null };
  }

  /** Saves the candidate's rating, replacing any earlier one; only scored signals can be judged. */
  async write(sessionId: string, userId: string, body: RatingBody): Promise<Rating> {
    const { role } = await this.sessions.membership(sessionId, userId);
    if (role !== 'candidate') {
      throw new AppException('FORBIDDEN_ROLE', 'Only the candidate rates the feedback.');
    }
    const feedback = await this.released(sessionId);
    const unscored = Object.keys(body.verdicts).filter(
      (signal) =>
        (feedback.document.signals.find((entry) => entry.signal === signal)?.score ?? null) ===
        null,
    );
    if (unscored.length > 0) {
      throw new AppException(
        'INVALID_PAYLOAD',
        'Only a signal the interviewer scored can be judged.',
        unscored.map((signal) => ({
          path: `verdicts.${signal}`,
          message: 'The interviewer gave this signal no score.',
        })),
      );
    }
    const row = await this.dataSource.manager.save(RatingEntity, {
      sessionId,
      candidateId: userId,
      verdicts: body.verdicts,
      comment: body.comment,
      updatedAt: new Date(),
    });
    return toRating(row);
  }

  /**
   * The profile of everyone's rounds `userId` ran as interviewer and that have ended: what the
   * profile route shows them, and what peer matching would read of a partner.
   */
  async profileOf(userId: string): Promise<InterviewerProfile> {
    const ended = await this.directory.endedAs(userId, 'interviewer');
    const ids = ended.map((session) => session.id);
    const ratings = ids.length
      ? await this.dataSource.manager.findBy(RatingEntity, { sessionId: In(ids) })
      : [];
    const rounds: ProfileRound[] = [];
    for (const sessionId of ids) {
      const state = await this.rooms.current(sessionId);
      const verdicts = ratings.find((rating) => rating.sessionId === sessionId)?.verdicts;
      rounds.push(profileRoundOf(state, verdicts ?? null));
    }
    return interviewerProfile(rounds);
  }
}
