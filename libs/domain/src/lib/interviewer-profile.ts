import { calibrate, observerScorecards, scorecardOf } from './feedback';
import type { Backing, LeanReading, SignalId } from './model';
import { SIGNAL_IDS } from './model';
import type { RoomState } from './room/state';
import type { Scorecard, Scores } from './scorecard';

export type BackingVerdicts = Partial<Record<SignalId, Backing>>;

/**
 * A lean is read only from this many comparisons on one signal or more: one round says little
 * about a habit.
 */
export const MIN_LEAN_COMPARISONS = 2;
/**
 * How far, on average, the interviewer's scores must sit above (lenient) or below (strict) the
 * other scorer's on one signal. A whole point: calibration already counts a one-point gap in a
 * single round as agreeing, so only a gap that holds on average reads as a habit.
 */
export const LEAN_GAP = 1;

/** One ended round the interviewer ran, with everyone else's view of the same candidate. */
export interface ProfileRound {
  interviewer: Scorecard;
  /** Observers' private scorecards. */
  observers: readonly Scorecard[];
  /** The candidate's self-assessment scores; null when they did not submit one. */
  self: Scores | null;
  /** The candidate's verdicts on the released feedback; null when they gave none. */
  verdicts: BackingVerdicts | null;
}

/** An ended room read for the profile, with the candidate's verdicts on its feedback. */
export const profileRoundOf = (
  state: RoomState,
  verdicts: BackingVerdicts | null,
): ProfileRound => ({
  interviewer: scorecardOf(state),
  observers: observerScorecards(state),
  self: state.selfAssessment?.scores ?? null,
  verdicts,
});

export interface Lean {
  /** Signal scores compared: one per round and other scorer who both scored it. */
  compared: number;
  /** The interviewer's score minus the other's, on average; null when nothing compared. */
  meanDifference: number | null;
  /** Null while fewer than MIN_LEAN_COMPARISONS were compared. */
  reading: LeanReading | null;
}

export interface SignalProfile {
  signal: SignalId;
  /** Scores the candidate judged, and how many of them they found unbacked. */
  judged: number;
  unbacked: number;
  vsObservers: Lean;
  vsSelf: Lean;
}

export interface InterviewerProfile {
  rounds: number;
  backing: {
    judged: number;
    unbacked: number;
    /** Share of judged scores the candidate found unbacked; null when none was judged. */
    unbackedShare: number | null;
  };
  calibration: {
    /** Round-and-observer pairs that scored at least one signal in common. */
    pairs: number;
    /** Share of shared signal scores within one point, over every pair; null with no pair. */
    agreement: number | null;
  };
  signals: SignalProfile[];
}

/** The interviewer's score minus the other scorer's, for each signal they both scored. */
function differencesAgainst(interviewer: Scorecard, other: Scorecard): Map<SignalId, number> {
  // calibrate reads the other scorer's score minus the interviewer's; a lean reads it the other way.
  return new Map(
    calibrate(interviewer, other).rows.flatMap((row) =>
      row.difference === null ? [] : [[row.signal, -row.difference] as const],
    ),
  );
}

function leanOf(differences: readonly number[]): Lean {
  const compared = differences.length;
  if (compared === 0) return { compared, meanDifference: null, reading: null };
  const meanDifference = differences.reduce((sum, value) => sum + value, 0) / compared;
  const reading =
    compared < MIN_LEAN_COMPARISONS
      ? null
      : meanDifference >= LEAN_GAP
        ? 'lenient'
        : meanDifference <= -LEAN_GAP
          ? 'strict'
          : 'even';
  return { compared, meanDifference, reading };
}

/**
 * How one interviewer scores, read over the rounds they ran: how often candidates found a score
 * unbacked by the evidence shown, how closely observers agree with them, and, per signal, whether
 * they score above (lenient) or below (strict) observers and candidates' own self-assessments.
 *
 * A lean against self-assessments is read apart from the one against observers: candidates tend
 * to rate themselves high, so "strict against self" alone is weaker than "strict against
 * observers". Peer matching reads the same profile.
 */
export function interviewerProfile(rounds: readonly ProfileRound[]): InterviewerProfile {
  const calibrations = rounds.flatMap((round) =>
    round.observers.map((observer) => calibrate(round.interviewer, observer)),
  );
  let pairs = 0;
  let compared = 0;
  let agreeing = 0;
  for (const calibration of calibrations) {
    if (calibration.agreement === null) continue;
    const both = calibration.rows.filter((row) => row.difference !== null).length;
    pairs += 1;
    compared += both;
    agreeing += calibration.agreement * both;
  }

  const signals = SIGNAL_IDS.map((signal): SignalProfile => {
    // Only a score can be backed or not: a verdict on a signal left unscored is no judgement.
    const verdicts = rounds.flatMap((round) => {
      const verdict = round.verdicts?.[signal];
      return verdict === undefined || round.interviewer.scores[signal] === null ? [] : [verdict];
    });
    const vsObservers = rounds.flatMap((round) =>
      round.observers.flatMap((observer) => {
        const difference = differencesAgainst(round.interviewer, observer).get(signal);
        return difference === undefined ? [] : [difference];
      }),
    );
    const vsSelf = rounds.flatMap((round) => {
      if (round.self === null) return [];
      const self: Scorecard = { scorerId: 'self', scores: round.self, evidence: [] };
      const difference = differencesAgainst(round.interviewer, self).get(signal);
      return difference === undefined ? [] : [difference];
    });
    return {
      signal,
      judged: verdicts.length,
      unbacked: verdicts.filter((verdict) => verdict === 'unbacked').length,
      vsObservers: leanOf(vsObservers),
      vsSelf: leanOf(vsSelf),
    };
  });

  const judged = signals.reduce((sum, entry) => sum + entry.judged, 0);
  const unbacked = signals.reduce((sum, entry) => sum + entry.unbacked, 0);
  return {
    rounds: rounds.length,
    backing: { judged, unbacked, unbackedShare: judged === 0 ? null : unbacked / judged },
    calibration: { pairs, agreement: compared === 0 ? null : agreeing / compared },
    signals,
  };
}
