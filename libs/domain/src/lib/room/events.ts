import type { FailureModeId, MoveId, Score, SignalId } from '../model';
import type { Evidence, Polarity, Scores } from '../scorecard';
import type { RunReport } from './runs';
import type {
  EndReason,
  InterviewerSummary,
  RoomPrompt,
  Role,
  WatchItem,
  WorkspaceSettings,
} from './state';

/** Every event the room's state is folded from, by type, with its payload. */
export interface RoomEventPayloads {
  'participant.joined': { userId: string; displayName: string; role: Role };
  'participant.left': { userId: string };
  'prompt.set': { prompt: RoomPrompt };
  'prompt.revealed': Record<string, never>;
  'hint.revealed': { index: number };
  'timer.started': Record<string, never>;
  'timer.paused': Record<string, never>;
  'timer.resumed': Record<string, never>;
  'timer.extended': { byMs: number };
  'phase.changed': { phaseId: string; offsetMs: number };
  'evidence.added': { evidence: Evidence };
  'evidence.edited': {
    evidenceId: string;
    signal?: SignalId;
    polarity?: Polarity;
    note?: string;
    offsetMs?: number;
  };
  'evidence.removed': { evidenceId: string };
  'score.set': { signal: SignalId; score: Score };
  'score.cleared': { signal: SignalId };
  'move.marked': { markId: string; move: MoveId; offsetMs: number };
  'move.unmarked': { markId: string };
  'flag.marked': { markId: string; flag: FailureModeId; offsetMs: number };
  'flag.unmarked': { markId: string };
  'watch.listed': { items: Omit<WatchItem, 'seenAtMs'>[] };
  'watch.ticked': { itemId: string; offsetMs: number };
  'watch.unticked': { itemId: string };
  /** The candidate deleted the audit entry the item came from: its words leave the room. */
  'watch.withdrawn': { itemId: string };
  'self-assessment.submitted': { scores: Scores; note: string };
  'summary.written': InterviewerSummary;
  'session.ended': { reason: EndReason };
  'feedback.released': Record<string, never>;
  'roles.swapped': { nextSessionId: string };
  'participant.removed': { userId: string };
  'code.ran': RunReport & { runId: string; offsetMs: number };
  /** The settings that changed, with their new values. */
  'workspace.changed': Partial<WorkspaceSettings>;
  'meeting.linked': { url: string | null };
  /** Who it waits for: the people in the room when it was asked for, the asker among them. */
  'recording.requested': { recordingId: string; awaiting: string[] };
  'recording.consented': { recordingId: string };
  'recording.declined': { recordingId: string };
  'recording.stopped': { recordingId: string };
}

export type RoomEventType = keyof RoomEventPayloads;

export const ROOM_EVENT_TYPES = [
  'participant.joined',
  'participant.left',
  'prompt.set',
  'prompt.revealed',
  'hint.revealed',
  'timer.started',
  'timer.paused',
  'timer.resumed',
  'timer.extended',
  'phase.changed',
  'evidence.added',
  'evidence.edited',
  'evidence.removed',
  'score.set',
  'score.cleared',
  'move.marked',
  'move.unmarked',
  'flag.marked',
  'flag.unmarked',
  'watch.listed',
  'watch.ticked',
  'watch.unticked',
  'watch.withdrawn',
  'self-assessment.submitted',
  'summary.written',
  'session.ended',
  'feedback.released',
  'roles.swapped',
  'participant.removed',
  'code.ran',
  'workspace.changed',
  'meeting.linked',
  'recording.requested',
  'recording.consented',
  'recording.declined',
  'recording.stopped',
] as const satisfies readonly RoomEventType[];

/** What a decision produces: an event before the server has numbered and stamped it. */
export type RoomEventBody = {
  [T in RoomEventType]: { type: T; payload: RoomEventPayloads[T] };
}[RoomEventType];

/** A committed event: numbered within its session, stamped with the server time and its actor. */
export type RoomEvent = RoomEventBody & { seq: number; actorId: string; at: number };

/** Builds an event body with its payload checked against its type. */
export const eventBody = <T extends RoomEventType>(
  type: T,
  payload: RoomEventPayloads[T],
): RoomEventBody => ({ type, payload }) as RoomEventBody;
