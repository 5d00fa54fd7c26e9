import { coreSignals, signalById } from './catalog';
import type { RoundType, RuleId, Severity, SignalId, Verdict } from './model';
import { SIGNAL_IDS } from './model';
import type { Evidence, Scores } from './scorecard';
import { evidenceFor } from './scorecard';

export interface Finding {
  rule: RuleId;
  severity: Severity;
  signals: SignalId[];
  message: string;
}

export interface Reading {
  verdict: Verdict;
  reasons: string[];
}

export interface Interpretation {
  findings: Finding[];
  reading: Reading;
}

/** Several 2s compound: from this many on, they read as a likely no-hire. */
export const COMPOUNDING_TWOS = 2;
/** Fewer notes than this are too few to read a round by, whatever was scored. */
export const MIN_EVIDENCE_NOTES = 3;
/** A round shorter than this on the clock is too short to read, whatever was scored. */
export const MIN_READABLE_MS = 5 * 60_000;

const names = (signals: readonly SignalId[]): string =>
  signals.map((id) => signalById(id).name).join(', ');

const scored = (scores: Scores, value: number): SignalId[] =>
  SIGNAL_IDS.filter((id) => scores[id] === value);

const unscoredPrimaries = (roundType: RoundType, scores: Scores): SignalId[] =>
  roundType.primary.filter((id) => scores[id] === null);

/** Each rule of the brief, applied to one scorecard of one round. */
export function findings(
  roundType: RoundType,
  scores: Scores,
  evidence: readonly Evidence[],
): Finding[] {
  const result: Finding[] = [];
  const core = coreSignals(roundType);
  const ones = scored(scores, 1).filter((id) => core.includes(id));
  if (ones.length > 0) {
    result.push({
      rule: 'core-one',
      severity: 'risk',
      signals: ones,
      message: `A 1 in a core signal of this round (${names(ones)}) is a serious risk for the whole loop.`,
    });
  }
  const twos = scored(scores, 2);
  if (twos.length >= COMPOUNDING_TWOS) {
    result.push({
      rule: 'compounding-twos',
      severity: 'risk',
      signals: twos,
      message: `${twos.length} signals at 2 (${names(twos)}) compound into a likely no-hire, whatever else is strong.`,
    });
  }
  const lowFloors = roundType.floor.filter((id) => scores[id] === 2);
  if (lowFloors.length > 0) {
    result.push({
      rule: 'floor-below-bar',
      severity: 'risk',
      signals: lowFloors,
      message: `${names(lowFloors)} is a floor in every round and sits below the bar of 3.`,
    });
  }
  const fives = scored(scores, 5);
  const weak = SIGNAL_IDS.filter((id) => (scores[id] ?? 5) <= 2);
  if (fives.length > 0 && weak.length > 0) {
    result.push({
      rule: 'lone-five',
      severity: 'concern',
      signals: [...fives, ...weak],
      message: `The 5 in ${names(fives)} is evidence, not a pass: it does not offset the weakness in ${names(weak)}.`,
    });
  }
  const unscored = unscoredPrimaries(roundType, scores);
  if (unscored.length > 0) {
    result.push({
      rule: 'unscored-primary',
      severity: 'note',
      signals: unscored,
      message: `This round exists to measure ${names(unscored)}, and it was left unscored.`,
    });
  }
  const unsupported = SIGNAL_IDS.filter(
    (id) => scores[id] !== null && evidenceFor(evidence, id).length === 0,
  );
  if (unsupported.length > 0) {
    result.push({
      rule: 'unsupported-score',
      severity: 'concern',
      signals: unsupported,
      message: `Scores for ${names(unsupported)} have no recorded evidence: senior evidence must be observable.`,
    });
  }
  const contradicted = SIGNAL_IDS.filter((id) => {
    const score = scores[id];
    const items = evidenceFor(evidence, id);
    if (score === null || items.length === 0) return false;
    const polarity = score >= 4 ? 'weak' : score <= 2 ? 'strong' : null;
    return polarity !== null && items.every((item) => item.polarity === polarity);
  });
  if (contradicted.length > 0) {
    result.push({
      rule: 'score-against-evidence',
      severity: 'note',
      signals: contradicted,
      message: `The scores for ${names(contradicted)} point the other way from all of their evidence.`,
    });
  }
  return result;
}

const spoken = (ms: number): string => {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
};

/**
 * Why what was recorded is too little to read, if it is: a verdict from a couple of notes, or
 * from seconds on the clock, would be a guess dressed as a reading.
 */
function thinEvidence(evidence: readonly Evidence[], elapsedMs: number | undefined): string[] {
  const reasons: string[] = [];
  if (elapsedMs !== undefined && elapsedMs < MIN_READABLE_MS) {
    reasons.push(
      `The round ran for ${spoken(elapsedMs)} on the clock; it takes at least ${spoken(MIN_READABLE_MS)} to see enough of you to read.`,
    );
  }
  if (evidence.length < MIN_EVIDENCE_NOTES) {
    const notes = evidence.length === 1 ? '1 note' : `${evidence.length} notes`;
    reasons.push(
      `The interviewer recorded ${notes} of evidence; a reading needs at least ${MIN_EVIDENCE_NOTES}.`,
    );
  }
  return reasons;
}

/** The reasons the round cannot be read at all, if it cannot: first among the reasons given. */
function unreadable(
  roundType: RoundType,
  scores: Scores,
  evidence: readonly Evidence[],
  elapsedMs: number | undefined,
): string[] {
  const reasons: string[] = [];
  if (SIGNAL_IDS.every((id) => scores[id] === null)) {
    reasons.push('Nothing was scored, so there is nothing to read yet.');
  }
  const unscored = unscoredPrimaries(roundType, scores);
  if (unscored.length > 0) {
    reasons.push(
      `Not scored: ${names(unscored)}. This round exists to measure ${unscored.length === 1 ? 'it' : 'them'}, so it cannot be read without ${unscored.length === 1 ? 'it' : 'them'}.`,
    );
  }
  return [...reasons, ...thinEvidence(evidence, elapsedMs)];
}

function verdictOf(roundType: RoundType, scores: Scores, found: readonly Finding[]): Verdict {
  const has = (rule: RuleId) => found.some((finding) => finding.rule === rule);
  const values = SIGNAL_IDS.map((id) => scores[id]).filter((score) => score !== null);
  if (has('core-one')) return 'serious-risk';
  if (has('compounding-twos') || has('floor-below-bar')) return 'likely-no-hire';
  if (values.some((score) => score <= 2)) return 'mixed';
  const primaries = roundType.primary.map((id) => scores[id]).filter((score) => score !== null);
  const primaryMean = primaries.reduce((sum, score) => sum + score, 0) / primaries.length;
  return primaryMean >= 4 && primaries.every((score) => score >= 4) ? 'senior-ready' : 'promising';
}

export const VERDICT_LABELS: Record<Verdict, string> = {
  'senior-ready': 'Senior-ready on what this round measures',
  promising: 'Competent, with room to show more',
  mixed: 'Mixed: strengths next to a real weakness',
  'likely-no-hire': 'Likely no-hire as things stand',
  'serious-risk': 'Serious risk for the loop',
  'not-enough-evidence': 'Not enough evidence to read',
};

/**
 * The findings of every rule and the overall reading, with the reasons that led to it. A round
 * with a primary signal unscored, or with thin evidence (too few notes, or too little time on
 * the clock when `elapsedMs` is given), is not read at all: a verdict from it would be a guess.
 */
export function interpret(
  roundType: RoundType,
  scores: Scores,
  evidence: readonly Evidence[],
  elapsedMs?: number,
): Interpretation {
  const found = findings(roundType, scores, evidence);
  const weighed = found.filter((finding) => finding.severity !== 'note').map((f) => f.message);
  const blockers = unreadable(roundType, scores, evidence, elapsedMs);
  if (blockers.length > 0) {
    return {
      findings: found,
      reading: { verdict: 'not-enough-evidence', reasons: [...blockers, ...weighed] },
    };
  }
  const verdict = verdictOf(roundType, scores, found);
  const reasons =
    weighed.length > 0
      ? weighed
      : ['No rule raised a risk: every scored signal is at or above the bar.'];
  return { findings: found, reading: { verdict, reasons } };
}
