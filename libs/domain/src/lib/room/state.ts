import type { PromptGuide, RoundTypeId, SignalId } from '../model';
import type { FlagMark, MoveMark, Scorecard, Scores } from '../scorecard';
import type { TimerState } from '../timer';
import type { Recording } from './recordings';
import type { CodeRun } from './runs';
import { newTimer } from '../timer';

export const ROLES = ['interviewer', 'candidate', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** Each role as people read it, in every view that names one. */
export const ROLE_LABELS: Record<Role, string> = {
  interviewer: 'Interviewer',
  candidate: 'Candidate',
  observer: 'Observer',
};

/** The staff see scores and evidence; the candidate sees them only once allowed. */
export const isStaff = (role: Role): boolean => role !== 'candidate';

export const VISIBILITIES = ['private', 'coaching'] as const;
/** private: scores hidden from the candidate until feedback is released; coaching: shown live. */
export type Visibility = (typeof VISIBILITIES)[number];

export const ROOM_STATUSES = ['waiting', 'live', 'ended'] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];

export const END_REASONS = ['interviewer', 'time-up'] as const;
export type EndReason = (typeof END_REASONS)[number];

/** The prompt as used in one session: from the bank (promptId set) or written by the interviewer. */
export interface RoomPrompt {
  promptId: string | null;
  title: string;
  body: string;
  hints: string[];
  followUps: string[];
  signals: SignalId[];
  guide: PromptGuide | null;
}

export interface Participant {
  userId: string;
  displayName: string;
  role: Role;
  online: boolean;
}

export interface PhaseMark {
  phaseId: string;
  offsetMs: number;
}

export interface SelfAssessment {
  scores: Scores;
  note: string;
}

/**
 * What the interviewer writes to lead the feedback: how the round went, in a few lines, and the
 * one thing to practise before the next round.
 */
export interface InterviewerSummary {
  text: string;
  practiseNext: string;
}

/**
 * One thing the interviewer watches for: a decision the candidate, auditing an earlier round,
 * wrote they had in mind but never said. Its id is that audit entry's.
 */
export interface WatchItem {
  id: string;
  signal: SignalId;
  /** The candidate's own sentence: what to listen for, not a line to read out. */
  intent: string;
  /** The session whose audit the entry came from. */
  fromSessionId: string;
  /** Round time at which the interviewer heard it said; null while it stays unsaid. */
  seenAtMs: number | null;
}

/** How the interviewer has set the room's workspace; everyone in the room sees it. */
export interface WorkspaceSettings {
  /** Nobody types in the pad: the code stays as it is, to be read and discussed. */
  padLocked: boolean;
  /** Whether the interviewer draws on the board, or leaves the drawing to the candidate. */
  interviewerDraws: boolean;
}

export const DEFAULT_WORKSPACE_SETTINGS: WorkspaceSettings = {
  padLocked: false,
  interviewerDraws: true,
};

export interface RoomState {
  sessionId: string;
  roundType: RoundTypeId;
  visibility: Visibility;
  /** Peers practising on each other: they may swap roles for a linked second round. */
  peerMode: boolean;
  interviewerId: string;
  status: RoomStatus;
  prompt: RoomPrompt | null;
  promptRevealed: boolean;
  hintsRevealed: number;
  timer: TimerState;
  /** Server epoch ms of the first timer start (offsets are timer time, pauses excluded). */
  startedAt: number | null;
  endedAt: number | null;
  endReason: EndReason | null;
  phases: PhaseMark[];
  participants: Record<string, Participant>;
  /** Keyed by scorer id: the interviewer's and each observer's own. */
  scorecards: Record<string, Scorecard>;
  moves: MoveMark[];
  flags: FlagMark[];
  /** The candidate's open audit entries from earlier rounds; the interviewer's alone to see. */
  watchFor: WatchItem[];
  /** Code run from the pad, in the order it ran; everyone in the room sees them. */
  runs: CodeRun[];
  workspace: WorkspaceSettings;
  /** A call held elsewhere (Zoom, Meet…) that everyone in the room can open; null: none. */
  meetingLink: string | null;
  /** Recordings asked for, in order; at most one is asked for or live at a time. */
  recordings: Recording[];
  selfAssessment: SelfAssessment | null;
  /** The interviewer's; the candidate reads it only once feedback is released. */
  summary: InterviewerSummary | null;
  feedbackReleased: boolean;
  /** Peer mode: the linked round in which the two peers swapped roles. */
  nextSessionId: string | null;
  /** The sequence number of the last event folded in; 0 for a fresh room. */
  seq: number;
}

export interface SessionConfig {
  sessionId: string;
  roundType: RoundTypeId;
  visibility: Visibility;
  peerMode?: boolean;
  interviewerId: string;
  durationMs: number;
  prompt: RoomPrompt | null;
}

export const initialRoomState = (config: SessionConfig): RoomState => ({
  sessionId: config.sessionId,
  roundType: config.roundType,
  visibility: config.visibility,
  peerMode: config.peerMode ?? false,
  interviewerId: config.interviewerId,
  status: 'waiting',
  prompt: config.prompt,
  promptRevealed: false,
  hintsRevealed: 0,
  timer: newTimer(config.durationMs),
  startedAt: null,
  endedAt: null,
  endReason: null,
  phases: [],
  participants: {},
  scorecards: {},
  moves: [],
  flags: [],
  watchFor: [],
  runs: [],
  workspace: { ...DEFAULT_WORKSPACE_SETTINGS },
  meetingLink: null,
  recordings: [],
  selfAssessment: null,
  summary: null,
  feedbackReleased: false,
  nextSessionId: null,
  seq: 0,
});

/** The actor of events no person caused, such as a round ending when its time ran out. */
export const SYSTEM_ACTOR_ID = '00000000-0000-0000-0000-000000000000';
