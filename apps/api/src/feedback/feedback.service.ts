import { Injectable } from '@nestjs/common';
import type {
  Calibration,
  ExportedBoardElement,
  FeedbackDocument,
  FeedbackExport,
  RoundTypeId,
  SheetFeedback,
  TalkTime,
  WorkspaceExport,
} from '@signal-room/domain';
import {
  DOCUMENT_CONTENT,
  calibrate,
  isStaff,
  observerScorecards,
  scorecardOf,
  sheetFeedback,
  sheetTemplate,
  talkTime,
  workspacePreset,
} from '@signal-room/domain';
import { AuditService } from '../audit/audit.service';
import { CallsService } from '../calls/calls.service';
import { AppException } from '../common/app-exception';
import { DocumentsService } from '../documents/documents.service';
import { RoomsService } from '../rooms/rooms.service';
import { SessionsService } from '../sessions/sessions.service';
import { FeedbackRepository } from './feedback.repository';

@Injectable()
export class FeedbackService {
  constructor(
    private readonly feedback: FeedbackRepository,
    private readonly sessions: SessionsService,
    private readonly rooms: RoomsService,
    private readonly audit: AuditService,
    private readonly documents: DocumentsService,
    private readonly calls: CallsService,
  ) {}

  /**
   * The stored feedback of an ended session. Staff may read it as soon as the round ends; the
   * candidate once it is released (at the end itself in coaching mode).
   */
  async forViewer(sessionId: string, userId: string): Promise<FeedbackDocument> {
    return (await this.readable(sessionId, userId)).document;
  }

  /** The round's sheet as its shared document holds it now; null for a round that had none. */
  private async sheetOf(sessionId: string, roundType: RoundTypeId): Promise<SheetFeedback | null> {
    const doc = await this.documents.current(sessionId, 'sheet');
    const opensWithSheet = workspacePreset(roundType).includes('sheet');
    return sheetFeedback(sheetTemplate(roundType), opensWithSheet, (id) =>
      doc.getText(id).toString(),
    );
  }

  /** The call's talk-time, from the spans stored now (the last may land after the end). */
  private async communicationOf(
    sessionId: string,
    userId: string,
    document: FeedbackDocument,
  ): Promise<TalkTime | null> {
    const speech = await this.calls.speechOf(sessionId);
    if (speech.length === 0) return null;
    const [startedAt, { participants }] = await Promise.all([
      this.rooms.roundStartedAt(sessionId),
      this.sessions.summary(sessionId, userId),
    ]);
    const people = new Map(participants.map((person) => [person.userId, person]));
    // Someone removed from the session is no longer one of its people, nor is their talk.
    const talkers = speech.flatMap(({ userId: speaker, spans }) => {
      const person = people.get(speaker);
      return person ? [{ ...person, spans }] : [];
    });
    const lengthMs = startedAt === null ? 0 : (document.endedAt ?? Date.now()) - startedAt;
    return talkTime(talkers, { startedAt, lengthMs }, document.moves.seen);
  }

  /** The pad's code and the board's live elements as stored now. */
  private async workspaceOf(sessionId: string): Promise<WorkspaceExport> {
    const [pad, board] = await Promise.all([
      this.documents.current(sessionId, 'pad'),
      this.documents.current(sessionId, 'board'),
    ]);
    const elements = [...board.getMap<unknown>(DOCUMENT_CONTENT.board).values()].filter(
      (element): element is ExportedBoardElement =>
        typeof element === 'object' &&
        element !== null &&
        typeof (element as ExportedBoardElement).id === 'string' &&
        typeof (element as ExportedBoardElement).type === 'string' &&
        (element as { isDeleted?: unknown }).isDeleted !== true,
    );
    return { pad: pad.getText(DOCUMENT_CONTENT.pad).toString(), board: elements };
  }

  /**
   * The feedback as a file to keep: what forViewer gives and, for the candidate, their audit of
   * the round, read through the audit's own rule so no export shows an entry GET …/audit would
   * refuse (staff never get it).
   */
  async exportFor(sessionId: string, userId: string): Promise<FeedbackExport> {
    const { role, document } = await this.readable(sessionId, userId);
    const withWorkspace = { ...document, workspace: await this.workspaceOf(sessionId) };
    if (role !== 'candidate') return withWorkspace;
    const { entries } = await this.audit.forSession(sessionId, userId);
    return { ...withWorkspace, audit: entries };
  }

  /** The caller's role in the session and the stored document as that role may read it. */
  private async readable(sessionId: string, userId: string) {
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
    const stored = role === 'observer' ? { ...row.document, watchFor: [] } : row.document;
    const [sheet, communication] = await Promise.all([
      this.sheetOf(sessionId, stored.roundType.id),
      this.communicationOf(sessionId, userId, stored),
    ]);
    return { role, document: { ...stored, sheet, communication } };
  }

  /**
   * How observers' private scores compare with the interviewer's, once the round has ended: the
   * interviewer sees every observer, an observer only themselves.
   */
  async calibration(sessionId: string, userId: string): Promise<Calibration[]> {
    const { role } = await this.sessions.membership(sessionId, userId);
    if (!isStaff(role))
      throw new AppException('FORBIDDEN_ROLE', 'Calibration is for the interviewer and observers.');
    const state = await this.rooms.current(sessionId);
    if (state.status !== 'ended')
      throw new AppException('INVALID_STATE', 'Calibration opens when the round ends.');
    const interviewerCard = scorecardOf(state);
    return observerScorecards(state)
      .filter((observer) => role === 'interviewer' || observer.scorerId === userId)
      .map((observer) => calibrate(interviewerCard, observer));
  }
}
