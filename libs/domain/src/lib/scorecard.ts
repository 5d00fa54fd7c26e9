import type { FailureModeId, MoveId, Score, SignalId } from './model';
import { SIGNAL_IDS } from './model';

export const POLARITIES = ['strong', 'weak'] as const;
export type Polarity = (typeof POLARITIES)[number];

/**
 * Where in the workspace a note points, chosen when the note was taken: lines of the code pad
 * (1-based, inclusive), or elements of the board by their ids. Its moment is the note's own
 * offset, so the replay opens the tool as it stood then, with what it points at highlighted.
 */
export type EvidenceAnchor =
  | { documentId: 'pad'; fromLine: number; toLine: number }
  | { documentId: 'board'; elementIds: string[] };

/** At most this many of the board's elements under one note. */
export const MAX_ANCHORED_ELEMENTS = 50;

/** What a note points at, in words: "lines 3–7 of the pad", "2 shapes on the board". */
export function describeAnchor(anchor: EvidenceAnchor): string {
  if (anchor.documentId === 'board') {
    const count = anchor.elementIds.length;
    return `${count} ${count === 1 ? 'shape' : 'shapes'} on the board`;
  }
  const { fromLine, toLine } = anchor;
  return `${fromLine === toLine ? `line ${fromLine}` : `lines ${fromLine}–${toLine}`} of the pad`;
}

/** One timestamped observation. */
export interface Evidence {
  id: string;
  signal: SignalId;
  polarity: Polarity;
  note: string;
  /** Round time elapsed when it was seen, in ms: the timer's clock, so pauses do not count. */
  offsetMs: number;
  authorId: string;
  /** Absent for a note taken with nothing selected in the pad or on the board. */
  anchor?: EvidenceAnchor;
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
