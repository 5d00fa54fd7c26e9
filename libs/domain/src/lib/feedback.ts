import {
  describeScore,
  drillById,
  expectedSignals,
  failureModeById,
  layerOf,
  moveById,
  roundTypeById,
  SCORE_LABELS,
  signalById,
} from './catalog';
import type { Finding, Reading } from './interpretation';
import { interpret } from './interpretation';
import type {
  DrillId,
  FailureModeId,
  MoveId,
  RoundTypeId,
  Score,
  SignalId,
  SignalLayer,
} from './model';
import { DRILL_IDS, MOVE_IDS, SIGNAL_IDS } from './model';
import type { RoomState } from './room/state';
import type { Polarity, Scorecard } from './scorecard';
import { emptyScorecard, evidenceFor } from './scorecard';

/** Self-assessment and interviewer differing by this much is where a candidate misjudges. */
export const MISJUDGED_GAP = 2;
/** Feedback recommends at most this many drills. */
export const MAX_DRILLS = 3;

export interface FeedbackEvidence {
  polarity: Polarity;
  note: string;
  offsetMs: number;
}

export interface SignalFeedback {
  signal: SignalId;
  name: string;
  layer: SignalLayer;
  score: Score | null;
  scoreLabel: string | null;
  descriptor: string | null;
  selfScore: Score | null;
  evidence: FeedbackEvidence[];
}

export interface SelfGap {
  signal: SignalId;
  interviewer: Score;
  self: Score;
  /** Self minus interviewer: positive where the candidate thought they showed more. */
  difference: number;
}

export interface FeedbackDocument {
  sessionId: string;
  roundType: { id: RoundTypeId; name: string };
  promptTitle: string | null;
  generatedAt: number;
  endedAt: number | null;
  elapsedMs: number;
  reading: Reading;
  findings: Finding[];
  signals: SignalFeedback[];
  /** Expected by the round (primary, secondary or floor) with no evidence recorded. */
  hiddenSignals: { signal: SignalId; name: string; layer: SignalLayer }[];
  selfAssessment: { submitted: boolean; note: string; gaps: SelfGap[] };
  moves: {
    seen: { move: MoveId; name: string; offsetsMs: number[] }[];
    missed: { move: MoveId; name: string; description: string }[];
  };
  flags: { flag: FailureModeId; name: string; offsetMs: number }[];
  phases: { phaseId: string; name: string; offsetMs: number }[];
  drills: { drill: DrillId; name: string; description: string; steps: string[]; reason: string }[];
}

const scorecardOf = (state: RoomState): Scorecard =>
  state.scorecards[state.interviewerId] ?? emptyScorecard(state.interviewerId);

/** Signals that need work most: scored 2 or less, then hidden ones, weakest first. */
function weakestSignals(
  card: Scorecard,
  hidden: readonly SignalId[],
): { signal: SignalId; why: string }[] {
  const low = SIGNAL_IDS.flatMap((id) => {
    const score = card.scores[id];
    return score !== null && score <= 2 ? [{ signal: id, score }] : [];
  }).sort((a, b) => a.score - b.score);
  return [
    ...low.map(({ signal, score }) => ({
      signal,
      why: `${signalById(signal).name} scored ${score}`,
    })),
    ...hidden
      .filter((signal) => !low.some((entry) => entry.signal === signal))
      .map((signal) => ({ signal, why: `${signalById(signal).name} stayed hidden` })),
  ];
}

function recommendDrills(
  weak: readonly { signal: SignalId; why: string }[],
): FeedbackDocument['drills'] {
  const ranked = DRILL_IDS.map((id) => {
    const drill = drillById(id);
    const reasons = weak.filter((entry) => drill.signals.includes(entry.signal));
    return { drill, reasons };
  })
    .filter((entry) => entry.reasons.length > 0)
    .sort((a, b) => b.reasons.length - a.reasons.length);
  return ranked.slice(0, MAX_DRILLS).map(({ drill, reasons }) => ({
    drill: drill.id,
    name: drill.name,
    description: drill.description,
    steps: [...drill.steps],
    reason: `Trains what needs it most: ${reasons.map((entry) => entry.why).join('; ')}.`,
  }));
}

/**
 * The feedback of a finished session: which signals the interviewer actually saw, read by the
 * rules, set beside the candidate's self-assessment, with the drills that would help most.
 */
export function buildFeedback(state: RoomState, generatedAt: number): FeedbackDocument {
  const roundType = roundTypeById(state.roundType);
  const card = scorecardOf(state);
  const self = state.selfAssessment;
  const hidden = expectedSignals(roundType).filter(
    (id) => evidenceFor(card.evidence, id).length === 0,
  );
  const signals = SIGNAL_IDS.map((id): SignalFeedback => {
    const score = card.scores[id];
    return {
      signal: id,
      name: signalById(id).name,
      layer: layerOf(roundType, id),
      score,
      scoreLabel: score === null ? null : SCORE_LABELS[score],
      descriptor: score === null ? null : describeScore(id, score),
      selfScore: self?.scores[id] ?? null,
      evidence: evidenceFor(card.evidence, id)
        .map(({ polarity, note, offsetMs }) => ({ polarity, note, offsetMs }))
        .sort((a, b) => a.offsetMs - b.offsetMs),
    };
  });
  const gaps = SIGNAL_IDS.flatMap((id): SelfGap[] => {
    const interviewer = card.scores[id];
    const selfScore = self?.scores[id] ?? null;
    if (interviewer === null || selfScore === null) return [];
    const difference = selfScore - interviewer;
    return Math.abs(difference) >= MISJUDGED_GAP
      ? [{ signal: id, interviewer, self: selfScore, difference }]
      : [];
  });
  const moveOffsets = (move: MoveId) =>
    state.moves
      .filter((mark) => mark.move === move)
      .map((mark) => mark.offsetMs)
      .sort((a, b) => a - b);
  const { findings, reading } = interpret(roundType, card.scores, card.evidence);
  return {
    sessionId: state.sessionId,
    roundType: { id: roundType.id, name: roundType.name },
    promptTitle: state.prompt?.title ?? null,
    generatedAt,
    endedAt: state.endedAt,
    elapsedMs: state.timer.elapsedMs,
    reading,
    findings,
    signals,
    hiddenSignals: hidden.map((id) => ({
      signal: id,
      name: signalById(id).name,
      layer: layerOf(roundType, id),
    })),
    selfAssessment: { submitted: self !== null, note: self?.note ?? '', gaps },
    moves: {
      seen: MOVE_IDS.filter((id) => moveOffsets(id).length > 0).map((id) => ({
        move: id,
        name: moveById(id).name,
        offsetsMs: moveOffsets(id),
      })),
      missed: MOVE_IDS.filter((id) => moveOffsets(id).length === 0).map((id) => ({
        move: id,
        name: moveById(id).name,
        description: moveById(id).description,
      })),
    },
    flags: state.flags
      .map((mark) => ({
        flag: mark.flag,
        name: failureModeById(mark.flag).name,
        offsetMs: mark.offsetMs,
      }))
      .sort((a, b) => a.offsetMs - b.offsetMs),
    phases: state.phases.map((mark) => ({
      phaseId: mark.phaseId,
      name: roundType.phases.find((phase) => phase.id === mark.phaseId)?.name ?? mark.phaseId,
      offsetMs: mark.offsetMs,
    })),
    drills: recommendDrills(weakestSignals(card, hidden)),
  };
}

export interface CalibrationRow {
  signal: SignalId;
  interviewer: Score | null;
  observer: Score | null;
  difference: number | null;
}

export interface Calibration {
  observerId: string;
  rows: CalibrationRow[];
  /** Share of signals both scored where they agree within one point; null if none in common. */
  agreement: number | null;
}

/** How an observer's private scores compare with the interviewer's, signal by signal. */
export function calibrate(interviewer: Scorecard, observer: Scorecard): Calibration {
  const rows = SIGNAL_IDS.map((id): CalibrationRow => {
    const a = interviewer.scores[id];
    const b = observer.scores[id];
    return {
      signal: id,
      interviewer: a,
      observer: b,
      difference: a === null || b === null ? null : b - a,
    };
  });
  const both = rows.filter((row) => row.difference !== null);
  const close = both.filter((row) => Math.abs(row.difference ?? 0) <= 1).length;
  return {
    observerId: observer.scorerId,
    rows,
    agreement: both.length === 0 ? null : close / both.length,
  };
}
