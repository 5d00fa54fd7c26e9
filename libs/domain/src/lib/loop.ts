import { roundTypeById, signalById } from './catalog';
import type { Reading } from './interpretation';
import { interpret } from './interpretation';
import type { FailureModeId, MoveId, RedFlagId, RoundTypeId, Score, SignalId } from './model';
import { SIGNAL_IDS } from './model';
import type { Evidence, FlagMark, MoveMark, Scores } from './scorecard';

/** One finished round of a loop, as the interviewer scored it. */
export interface LoopRound {
  sessionId: string;
  roundType: RoundTypeId;
  scores: Scores;
  evidence: readonly Evidence[];
  moves: readonly MoveMark[];
  flags: readonly FlagMark[];
}

/** A pattern that counts against a candidate across rounds, and what shows it in one round. */
interface RedFlagRule {
  id: RedFlagId;
  name: string;
  /** Seen when any of these failure modes was flagged. */
  flags: readonly FailureModeId[];
  /** Seen when any of these signals was scored 2 or lower. */
  lowSignals: readonly SignalId[];
  /** Seen when the round samples one of lowSignals and this move was never heard. */
  missedMove?: MoveId;
}

export const RED_FLAG_RULES: readonly RedFlagRule[] = [
  {
    id: 'solves-before-clarifying',
    name: 'Starts solving before the ambiguity is cleared',
    flags: ['solved-before-clarifying'],
    lowSignals: ['framing'],
  },
  {
    id: 'needs-prompting-on-failure',
    name: 'Needs heavy prompting before testing or handling failure',
    flags: ['production-as-checklist'],
    lowSignals: ['production'],
  },
  {
    id: 'vague-team-stories',
    name: 'Team stories with no personal decision in them',
    flags: ['leadership-without-substance'],
    lowSignals: ['leadership'],
  },
  {
    id: 'trade-offs-unexplained',
    name: 'Cannot put trade-offs plainly',
    flags: [],
    lowSignals: ['architecture'],
    missedMove: 'externalize-tradeoffs',
  },
  {
    id: 'defensive-when-challenged',
    name: 'Defensive or unmoved when challenged',
    flags: ['defensive-when-challenged', 'ignored-hint'],
    lowSignals: [],
  },
];

/** A red flag travels once it shows in this many rounds of the same loop. */
export const TRAVELS_AFTER = 2;

export interface LoopSignal {
  signal: SignalId;
  scores: { sessionId: string; roundType: RoundTypeId; score: Score }[];
  mean: number | null;
  min: Score | null;
}

export interface LoopRedFlag {
  id: RedFlagId;
  name: string;
  sessionIds: string[];
  travels: boolean;
}

export interface LoopSummary {
  rounds: number;
  signals: LoopSignal[];
  redFlags: LoopRedFlag[];
  reading: Reading;
}

function showsRedFlag(rule: RedFlagRule, round: LoopRound): boolean {
  if (round.flags.some((mark) => rule.flags.includes(mark.flag))) return true;
  if (rule.lowSignals.some((id) => (round.scores[id] ?? 5) <= 2)) return true;
  if (!rule.missedMove) return false;
  const roundType = roundTypeById(round.roundType);
  const sampled = rule.lowSignals.some(
    (id) => roundType.primary.includes(id) || roundType.secondary.includes(id),
  );
  return sampled && !round.moves.some((mark) => mark.move === rule.missedMove);
}

function loopSignal(signal: SignalId, rounds: readonly LoopRound[]): LoopSignal {
  const scores = rounds.flatMap((round) => {
    const score = round.scores[signal];
    return score === null
      ? []
      : [{ sessionId: round.sessionId, roundType: round.roundType, score }];
  });
  if (scores.length === 0) return { signal, scores, mean: null, min: null };
  const values = scores.map((entry) => entry.score);
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return { signal, scores, mean, min: Math.min(...values) as Score };
}

/** Reads several rounds of one candidate together: per-signal scores and travelling red flags. */
export function aggregateLoop(rounds: readonly LoopRound[]): LoopSummary {
  const signals = SIGNAL_IDS.map((id) => loopSignal(id, rounds));
  const redFlags = RED_FLAG_RULES.map((rule) => {
    const sessionIds = rounds.filter((round) => showsRedFlag(rule, round)).map((r) => r.sessionId);
    return {
      id: rule.id,
      name: rule.name,
      sessionIds,
      travels: sessionIds.length >= TRAVELS_AFTER,
    };
  }).filter((flag) => flag.sessionIds.length > 0);
  return {
    rounds: rounds.length,
    signals,
    redFlags,
    reading: loopReading(rounds, signals, redFlags),
  };
}

function loopReading(
  rounds: readonly LoopRound[],
  signals: readonly LoopSignal[],
  redFlags: readonly LoopRedFlag[],
): Reading {
  const roundReadings = rounds.map(
    (round) => interpret(roundTypeById(round.roundType), round.scores, round.evidence).reading,
  );
  const travelling = redFlags.filter((flag) => flag.travels);
  const weakSignals = signals.filter((entry) => entry.mean !== null && entry.mean < 2.5);
  const unseen = signals.filter((entry) => entry.mean === null);
  const reasons: string[] = [];
  if (travelling.length > 0) {
    reasons.push(
      `Red flags that travel across rounds: ${travelling.map((f) => f.name).join('; ')}.`,
    );
  }
  if (weakSignals.length > 0) {
    const listed = weakSignals.map((entry) => signalById(entry.signal).name).join(', ');
    reasons.push(`Weak across the loop: ${listed}.`);
  }
  const risky = roundReadings.filter((reading) => reading.verdict === 'serious-risk').length;
  if (risky > 0) reasons.push(`${risky} round(s) carry a core 1.`);
  if (unseen.length > 2) {
    reasons.push(`${unseen.length} signals were never scored in this loop.`);
  }
  const verdict =
    rounds.length === 0 || unseen.length > 2
      ? 'not-enough-evidence'
      : risky > 0
        ? 'serious-risk'
        : travelling.length > 0 || weakSignals.length >= 2
          ? 'likely-no-hire'
          : signals.every((entry) => entry.mean === null || entry.mean >= 4)
            ? 'senior-ready'
            : signals.some((entry) => entry.mean !== null && entry.mean < 3)
              ? 'mixed'
              : 'promising';
  if (reasons.length === 0)
    reasons.push('No red flag travels and every signal holds at 3 or more.');
  return { verdict, reasons };
}
