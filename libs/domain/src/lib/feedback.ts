import type { SheetFeedback } from './sheet';
import type { TalkTime } from './talk-time';
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
import type { RoomEventType } from './room/events';
import type { InterviewerSummary, RoomState } from './room/state';
import type { EvidenceAnchor, Polarity, Scorecard } from './scorecard';
import { emptyScorecard, evidenceFor } from './scorecard';

/** Self-assessment and interviewer differing by this much is where a candidate misjudges. */
export const MISJUDGED_GAP = 2;
/** Feedback recommends at most this many drills. */
export const MAX_DRILLS = 3;

export interface FeedbackEvidence {
  polarity: Polarity;
  note: string;
  offsetMs: number;
  /** The pad's lines the note points at, which its replay opens highlighted. */
  anchor?: EvidenceAnchor;
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
  /**
   * The interviewer's own words, which lead the feedback; null when they wrote none (and in
   * documents stored before there was a summary, where the key is absent).
   */
  summary: InterviewerSummary | null;
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
  /** Each flag with what the pattern tells an interviewer and what to do instead. */
  flags: {
    flag: FailureModeId;
    name: string;
    offsetMs: number;
    meaning: string;
    instead: string;
  }[];
  phases: { phaseId: string; name: string; offsetMs: number }[];
  /** Each with why it was picked for this session: the needs it answers that no drill before it did. */
  drills: { drill: DrillId; name: string; description: string; steps: string[]; reason: string }[];
  /**
   * The round's sheet as it stands, read from its shared document each time the feedback is
   * read (never stored with it): null when the round had none.
   */
  sheet?: SheetFeedback | null;
  /**
   * Who spoke how much, from the call's voice-activity spans, read each time (spans may arrive
   * just after the end): null without a call. Evidence to weigh, never a score.
   */
  communication?: TalkTime | null;
  /**
   * What the candidate's audits of earlier rounds asked the interviewer to watch for, and when
   * each was heard (null: not this time). Absent in documents stored before the audit existed.
   */
  watchFor?: {
    id: string;
    signal: SignalId;
    name: string;
    intent: string;
    fromSessionId: string;
    seenAtMs: number | null;
  }[];
}

/** The interviewer's scorecard: the one feedback is built from. */
export const scorecardOf = (state: RoomState): Scorecard =>
  state.scorecards[state.interviewerId] ?? emptyScorecard(state.interviewerId);

/** Each observer's private scorecard, empty for an observer who scored nothing. */
export const observerScorecards = (state: RoomState): Scorecard[] =>
  Object.values(state.participants)
    .filter((participant) => participant.role === 'observer')
    .map(
      (participant) => state.scorecards[participant.userId] ?? emptyScorecard(participant.userId),
    );

/** Something this session showed needs practice, said to the candidate. */
interface Need {
  why: string;
  signal?: SignalId;
  flag?: FailureModeId;
}

/**
 * What needs practice most, most pressing first: signals scored 2 or less (weakest first), the
 * patterns flagged (in the order they came), then expected signals that stayed hidden.
 */
function needsOf(card: Scorecard, hidden: readonly SignalId[], state: RoomState): Need[] {
  const low = SIGNAL_IDS.flatMap((id) => {
    const score = card.scores[id];
    return score !== null && score <= 2 ? [{ signal: id, score }] : [];
  }).sort((a, b) => a.score - b.score);
  const flagged = [...state.flags]
    .sort((a, b) => a.offsetMs - b.offsetMs)
    .map((mark) => mark.flag)
    .filter((flag, index, all) => all.indexOf(flag) === index);
  return [
    ...low.map(({ signal, score }) => ({
      signal,
      why: `you scored ${score} on ${signalById(signal).name}`,
    })),
    ...flagged.map((flag) => ({
      flag,
      why: `the interviewer flagged “${failureModeById(flag).name}”`,
    })),
    ...hidden
      .filter((signal) => !low.some((entry) => entry.signal === signal))
      .map((signal) => ({
        signal,
        why: `the interviewer saw no evidence of your ${signalById(signal).name.toLowerCase()}`,
      })),
  ];
}

const listed = (parts: readonly string[]): string =>
  parts.length <= 1
    ? parts.join('')
    : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;

/**
 * Picks drills one at a time, each the one that answers most of the needs no drill before it
 * answered, so each is there for a reason of its own and says which.
 */
function recommendDrills(needs: readonly Need[]): FeedbackDocument['drills'] {
  const picked: FeedbackDocument['drills'] = [];
  let open = [...needs];
  let left = DRILL_IDS.map(drillById);
  while (picked.length < MAX_DRILLS) {
    const answers = (drill: (typeof left)[number]) =>
      open.filter(
        (need) =>
          (need.signal !== undefined && drill.signals.includes(need.signal)) ||
          (need.flag !== undefined && drill.counters.includes(need.flag)),
      );
    const [best] = left
      .map((drill) => ({ drill, answered: answers(drill) }))
      .filter((entry) => entry.answered.length > 0)
      .sort((a, b) => b.answered.length - a.answered.length);
    if (!best) break;
    const { drill, answered } = best;
    picked.push({
      drill: drill.id,
      name: drill.name,
      description: drill.description,
      steps: [...drill.steps],
      reason: `Picked for this session because ${listed(answered.map((need) => need.why))}.`,
    });
    open = open.filter((need) => !answered.includes(need));
    left = left.filter((other) => other !== drill);
  }
  return picked;
}

/**
 * The feedback of a finished session: the interviewer's summary first, then which signals the
 * interviewer actually saw, read by the rules, set beside the candidate's self-assessment, with
 * the drills that would help most.
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
        .map(({ polarity, note, offsetMs, anchor }) => ({
          polarity,
          note,
          offsetMs,
          ...(anchor ? { anchor } : {}),
        }))
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
  const { findings, reading } = interpret(
    roundType,
    card.scores,
    card.evidence,
    state.timer.elapsedMs,
  );
  return {
    sessionId: state.sessionId,
    roundType: { id: roundType.id, name: roundType.name },
    promptTitle: state.prompt?.title ?? null,
    generatedAt,
    endedAt: state.endedAt,
    elapsedMs: state.timer.elapsedMs,
    summary: state.summary,
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
      .map((mark) => {
        const { name, meaning, instead } = failureModeById(mark.flag);
        return { flag: mark.flag, name, offsetMs: mark.offsetMs, meaning, instead };
      })
      .sort((a, b) => a.offsetMs - b.offsetMs),
    phases: state.phases.map((mark) => ({
      phaseId: mark.phaseId,
      name: roundType.phases.find((phase) => phase.id === mark.phaseId)?.name ?? mark.phaseId,
      offsetMs: mark.offsetMs,
    })),
    drills: recommendDrills(needsOf(card, hidden, state)),
    watchFor: state.watchFor.map((item) => ({ ...item, name: signalById(item.signal).name })),
  };
}

/**
 * Whether an event changes what buildFeedback reads (or, for the release, who may read it). A
 * record over every type, so a new event is weighed here when it is added.
 */
const SHAPES_FEEDBACK: Record<RoomEventType, boolean> = {
  'participant.joined': false,
  'participant.left': false,
  'prompt.set': true,
  'prompt.revealed': false,
  'hint.revealed': false,
  'timer.started': true,
  'timer.paused': true,
  'timer.resumed': true,
  'timer.extended': true,
  'phase.changed': true,
  'evidence.added': true,
  'evidence.edited': true,
  'evidence.removed': true,
  'score.set': true,
  'score.cleared': true,
  'move.marked': true,
  'move.unmarked': true,
  'flag.marked': true,
  'flag.unmarked': true,
  'watch.listed': true,
  'watch.ticked': true,
  'watch.unticked': true,
  'watch.withdrawn': true,
  'self-assessment.submitted': true,
  'summary.written': true,
  'session.ended': true,
  'feedback.released': true,
  'roles.swapped': false,
  'participant.removed': false,
  'code.ran': false,
  'workspace.changed': false,
  'meeting.linked': false,
  'recording.requested': false,
  'recording.consented': false,
  'recording.declined': false,
  'recording.stopped': false,
};

/**
 * Whether the feedback stored for a room must be written again with a batch of its events, `after`
 * being the room once they are folded in: by the batch that ends the round, and after that only
 * by one that changes what the feedback holds or releases it. Presence never does.
 */
export function rewritesFeedback(
  after: RoomState,
  events: readonly { type: RoomEventType }[],
): boolean {
  return after.status === 'ended' && events.some((event) => SHAPES_FEEDBACK[event.type]);
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
