import type { FailureModeId, MoveId, Score, SignalId } from './model';
import { SIGNAL_IDS } from './model';

export const POLARITIES = ['strong', 'weak'] as const;
export type Polarity = (typeof POLARITIES)[number];

/** One timestamped observation. */
export interface Evidence {
  id: string;
  signal: SignalId;
  polarity: Polarity;
  note: string;
  /** Round time elapsed when it was seen, in ms: the timer's clock, so pauses do not count. */
  offsetMs: number;
  authorId: string;
}

export type Scores = Record<SignalId, Score | null>;

/** One scorer's scores and evidence: the interviewer's, or an observer's private one. */
export interface Scorecard {
  scorerId: string;
  scores: Scores;
  evidence: Evidence[];
}

/** A communication move heard during the round. */
export interface MoveMark {
  id: string;
  move: MoveId;
  offsetMs: number;
  authorId: string;
}

/** A cross-signal failure mode flagged during the round. */
export interface FlagMark {
  id: string;
  flag: FailureModeId;
  offsetMs: number;
  authorId: string;
}

export const emptyScores = (): Scores =>
  Object.fromEntries(SIGNAL_IDS.map((id) => [id, null])) as Scores;

export const emptyScorecard = (scorerId: string): Scorecard => ({
  scorerId,
  scores: emptyScores(),
  evidence: [],
});

export const evidenceFor = (evidence: readonly Evidence[], signal: SignalId): Evidence[] =>
  evidence.filter((item) => item.signal === signal);
