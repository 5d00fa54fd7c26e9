import { Injectable } from '@nestjs/common';
import type { Calibration, FeedbackDocument } from '@signal-room/domain';
import { calibrate, isStaff, observerScorecards, scorecardOf } from '@signal-room/domain';
import { AppException } from '../common/app-exception';
import { RoomsService } from '../rooms/rooms.service';
import { SessionsService } from '../sessions/sessions.service';
import { FeedbackRepository } from './feedback.repository';

@Injectable()
export class FeedbackService {
  constructor(
    private readonly feedback: FeedbackRepository,
    private readonly sessions: SessionsService,
    private readonly rooms: RoomsService,
  ) {}

  /**
   * The stored feedback of an ended session. Staff may read it as soon as the round ends; the
   * candidate once it is released (at the end itself in coaching mode).
   */
  async forViewer(sessionId: string, userId: string): Promise<FeedbackDocument> {
    const { role } = await this.sessions.membership(sessionId, userId);
    const row = await this.feedback.ofSession(sessionId);
    if (!row)
      throw new AppException('FEEDBACK_NOT_READY', 'Feedback is written when the round ends.');
    if (!isStaff(role) && !row.releasedAt) {
      throw new AppException(
        'FEEDBACK_NOT_READY',
        'The interviewer has not released the feedback yet.',
      );
    }
    // The watch list is the candidate's writing for the interviewer: an observer never saw it.
    return role === 'observer' ? { ...row.document, watchFor: [] } : row.document;
  }

  /**
   * How observers' private scores compare with the interviewer's, once the round has ended: the
   * interviewer sees every observer, an observer only themselves.
   */
  async calibration(sessionId: string, userId: string): Promise<Calibration[]> {
    const { role } = await this.sessions.membership(sessionId, userId);
    if (!isStaff(role))
      throw new AppException('FORBIDDEN_ROLE', 'Calibration is for the interviewer and observers.');
    const { state } = await this.rooms.state(sessionId);
    if (state.status !== 'ended')
      throw new AppException('INVALID_STATE', 'Calibration opens when the round ends.');
    const interviewerCard = scorecardOf(state);
    return observerScorecards(state)
      .filter((observer) => role === 'interviewer' || observer.scorerId === userId)
      .map((observer) => calibrate(interviewerCard, observer));
  }
}
