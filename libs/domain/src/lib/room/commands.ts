import type { FailureModeId, MoveId, Score, SignalId } from '../model';
import type { EvidenceAnchor, Polarity, Scores } from '../scorecard';
import type { RunReport } from './runs';
import type { InterviewerSummary, RoomPrompt, WorkspaceSettings } from './state';

/** What a participant may ask the room to do, by type, with its payload. */
export interface RoomCommandPayloads {
  'prompt.set': { prompt: RoomPrompt };
  'prompt.reveal': Record<string, never>;
  'hint.reveal': Record<string, never>;
  'timer.start': Record<string, never>;
  'timer.pause': Record<string, never>;
  'timer.resume': Record<string, never>;
  'timer.extend': { byMs: number };
  'phase.change': { phaseId: string };
  'evidence.add': {
    signal: SignalId;
    polarity: Polarity;
    note: string;
    offsetMs?: number;
    anchor?: EvidenceAnchor;
  };
  'evidence.edit': {
    evidenceId: string;
    signal?: SignalId;
    polarity?: Polarity;
    note?: string;
    offsetMs?: number;
  };
  'evidence.remove': { evidenceId: string };
  'score.set': { signal: SignalId; score: Score };
  'score.clear': { signal: SignalId };
  'move.mark': { move: MoveId; offsetMs?: number };
  'move.unmark': { markId: string };
  'flag.mark': { flag: FailureModeId; offsetMs?: number };
  'flag.unmark': { markId: string };
  'watch.tick': { itemId: string; offsetMs?: number };
  'watch.untick': { itemId: string };
  'self-assessment.submit': { scores: Scores; note: string };
  'summary.write': InterviewerSummary;
  'session.end': Record<string, never>;
  'feedback.release': Record<string, never>;
  /** The server fills in the id of the linked round it created. */
  'roles.swap': { nextSessionId: string };
  'participant.remove': { userId: string };
  'code.run': RunReport;
  /** At least one setting; what is left out stays as it is. */
  'workspace.set': Partial<WorkspaceSettings>;
  /** An https address of a call held elsewhere, or null to take it away. */
  'meeting.set': { url: string | null };
  /** The interviewer asks to record the room's voices; the request's id names the recording. */
  'recording.request': Record<string, never>;
  /** Each person agrees for themself, and only then is their microphone recorded. */
  'recording.consent': { recordingId: string };
  'recording.decline': { recordingId: string };
  /** Anyone being recorded may end the recording. */
  'recording.stop': { recordingId: string };
}

export type RoomCommandType = keyof RoomCommandPayloads;

export const ROOM_COMMAND_TYPES = [
  'prompt.set',
  'prompt.reveal',
  'hint.reveal',
  'timer.start',
  'timer.pause',
  'timer.resume',
  'timer.extend',
  'phase.change',
  'evidence.add',
  'evidence.edit',
  'evidence.remove',
  'score.set',
  'score.clear',
  'move.mark',
  'move.unmark',
  'flag.mark',
  'flag.unmark',
  'watch.tick',
  'watch.untick',
  'self-assessment.submit',
  'summary.write',
  'session.end',
  'feedback.release',
  'roles.swap',
  'participant.remove',
  'code.run',
  'workspace.set',
  'meeting.set',
  'recording.request',
  'recording.consent',
  'recording.decline',
  'recording.stop',
] as const satisfies readonly RoomCommandType[];

export type RoomCommand = {
  [T in RoomCommandType]: {
    type: T;
    payload: RoomCommandPayloads[T];
    /** Unique per session; doubles as the id of whatever the command creates. */
    clientEventId: string;
  };
}[RoomCommandType];
