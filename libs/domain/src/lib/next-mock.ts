import { signalById } from './catalog';
import type { Prompt, RoundType, RoundTypeId, Score, SignalId } from './model';
import { SIGNAL_IDS } from './model';
import { ROUND_TYPES } from './round-types';
import type { Scores } from './scorecard';

/** One round the person answered as candidate, as its released feedback tells it. */
export interface AnsweredRound {
  sessionId: string;
  roundType: RoundTypeId;
  /** The bank prompt the round used; null for one the interviewer wrote. */
  promptId: string | null;
  scores: Scores;
  /** Signals the round expected and never saw evidence of. */
  hiddenSignals: readonly SignalId[];
}

/** What the next mock is aimed from. Each field is one source of what is known about the person. */
export interface CandidateHistory {
  /** Rounds whose feedback was released to the person, oldest first. */
  released: readonly AnsweredRound[];
  /** Every bank prompt the person has been the candidate for, feedback released or not. */
  answeredPromptIds: readonly string[];
  /**
   * The signal of each hidden-signal audit entry not yet heard in a later round: what the person
   * meant to say and has still to show, so the next round keeps the pressure on it.
   */
  openAuditSignals?: readonly SignalId[];
}

export interface NextMockProposal {
  roundType: RoundTypeId;
  /** Null only when the person has answered every prompt in the bank. */
  promptId: string | null;
  /** The weakest signals the round makes primary, weakest first. */
  targets: SignalId[];
  /** Why, in plain words to the person. */
  reason: string;
}

/** A signal scored below this on average (hidden rounds included) needs work. */
const COMPETENT = 3;
/**
 * What a hidden, unscored signal counts as in a signal's average: reasoning kept out of sight
 * reads as absent, but nobody saw it fail, so it weighs as "below competent", not "weak".
 */
const HIDDEN_COUNTS_AS = 2;

type Tier = 'weak' | 'unseen' | 'holding';
const TIER_ORDER: readonly Tier[] = ['weak', 'unseen', 'holding'];

/** What one round says about one signal: its score, and whether it stayed hidden. */
interface Observation {
  signal: SignalId;
  score: Score | null;
  hidden: boolean;
}

interface Standing {
  signal: SignalId;
  tier: Tier;
  scores: Score[];
  hidden: number;
  /** The person's audit entries on it that no later round has heard yet. */
  audit: number;
  /** Mean over the rounds that scored it or hid it; null when the signal was never seen. */
  mean: number | null;
  lowest: number | null;
}

function observationsOf(history: CandidateHistory): Observation[] {
  return history.released.flatMap((round) =>
    SIGNAL_IDS.map((signal) => ({
      signal,
      score: round.scores[signal],
      hidden: round.hiddenSignals.includes(signal),
    })).filter((entry) => entry.score !== null || entry.hidden),
  );
}

function standingOf(
  signal: SignalId,
  observations: readonly Observation[],
  openAudit: readonly SignalId[],
): Standing {
  const mine = observations.filter((entry) => entry.signal === signal);
  const scores = mine.flatMap((entry) => (entry.score === null ? [] : [entry.score]));
  // A round that scored the signal without evidence for it counts once, by its score.
  const values = mine.map((entry) => entry.score ?? HIDDEN_COUNTS_AS);
  const mean = values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null;
  return {
    signal,
    tier: mean === null ? 'unseen' : mean < COMPETENT ? 'weak' : 'holding',
    scores,
    hidden: mine.filter((entry) => entry.hidden).length,
    audit: openAudit.filter((entry) => entry === signal).length,
    mean,
    lowest: values.length ? Math.min(...values) : null,
  };
}

/**
 * Weakest first: the tier, then the open audit entries (what the person has already set out to
 * show comes first), the mean, the lowest value, how often hidden, catalogue order.
 */
function weakestFirst(a: Standing, b: Standing): number {
  return (
    TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier) ||
    b.audit - a.audit ||
    (a.mean ?? 0) - (b.mean ?? 0) ||
    (a.lowest ?? 0) - (b.lowest ?? 0) ||
    b.hidden - a.hidden ||
    SIGNAL_IDS.indexOf(a.signal) - SIGNAL_IDS.indexOf(b.signal)
  );
}

/** The signals to aim at: every weak one, else every unseen one, else the lowest that holds. */
function focusOf(ranked: readonly Standing[]): Standing[] {
  const first = ranked[0];
  if (!first) return [];
  if (first.tier === 'holding') return [first];
  return ranked.filter((standing) => standing.tier === first.tier);
}

/** Compares two candidates position by position; the first difference decides. */
function lexicographic(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const difference = a[index] - b[index];
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/**
 * Best first: the round sampling the weakest signal as primary (secondary counts for less), then
 * the next weakest, and so on; then the round with the fewest primaries outside the focus, so
 * the time goes where it is needed; then catalogue order.
 */
function rankRounds(rounds: readonly RoundType[], focus: readonly SignalId[]): RoundType[] {
  const weight = (round: RoundType, signal: SignalId) =>
    round.primary.includes(signal) ? 2 : round.secondary.includes(signal) ? 1 : 0;
  const offFocus = (round: RoundType) =>
    round.primary.filter((signal) => !focus.includes(signal)).length;
  return [...rounds].sort(
    (a, b) =>
      lexicographic(
        focus.map((signal) => weight(b, signal)),
        focus.map((signal) => weight(a, signal)),
      ) ||
      offFocus(a) - offFocus(b) ||
      ROUND_TYPES.indexOf(a) - ROUND_TYPES.indexOf(b),
  );
}

/** Of a round's prompts, the one listing the focus earliest among the signals it samples. */
function bestPrompt(prompts: readonly Prompt[], focus: readonly SignalId[]): Prompt | undefined {
  const positions = (prompt: Prompt) =>
    focus.map((signal) => {
      const index = prompt.signals.indexOf(signal);
      return index === -1 ? SIGNAL_IDS.length : index;
    });
  return [...prompts].sort(
    (a, b) => lexicographic(positions(a), positions(b)) || prompts.indexOf(a) - prompts.indexOf(b),
  )[0];
}

const names = (signals: readonly SignalId[]): string =>
  new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(
    signals.map((signal) => signalById(signal).name),
  );

const decimal = (value: number): string => String(Math.round(value * 10) / 10);

/** What the history says about one signal, e.g. "scored 2 and stayed hidden once". */
function whyOf(standing: Standing): string {
  const { scores, hidden } = standing;
  const parts: string[] = [];
  if (scores.length === 1) parts.push(`scored ${scores[0]}`);
  if (scores.length > 1) {
    const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;
    parts.push(`averaged ${decimal(mean)} over ${scores.length} scored rounds`);
  }
  if (hidden === 1) parts.push('stayed hidden once');
  if (hidden > 1) parts.push(`stayed hidden in ${hidden} rounds`);
  if (standing.audit === 1) parts.push('has an audit entry of yours not yet heard');
  if (standing.audit > 1) parts.push(`has ${standing.audit} audit entries of yours not yet heard`);
  return parts.join(' and ');
}

function whySentence(history: CandidateHistory, focus: readonly Standing[]): string {
  const tier = focus[0]?.tier;
  if (history.released.length === 0) {
    return 'No feedback has been released to you yet, so there is no weak signal to aim at: start with a round that shows where you stand.';
  }
  const listed = focus.map((standing) => `${signalById(standing.signal).name} ${whyOf(standing)}`);
  if (tier === 'weak') {
    return `${focus.length === 1 ? 'Your weakest signal' : 'Your weakest signals'}: ${listed.join('; ')}.`;
  }
  if (tier === 'unseen') {
    const signals = focus.map((standing) => standing.signal);
    return `Every signal you have been scored on holds at ${COMPETENT} or more, but ${names(signals)} ${signals.length === 1 ? 'has' : 'have'} not been seen in your rounds yet.`;
  }
  return `Every signal holds at ${COMPETENT} or more; your lowest is ${listed.join('; ')}.`;
}

function roundSentence(round: RoundType, targets: readonly SignalId[], prompt?: Prompt): string {
  const samples = targets.length
    ? `${round.name} makes ${names(targets)} primary`
    : `${round.name} comes closest to them among the prompts you have left`;
  return prompt
    ? `${samples}, and you have not answered “${prompt.title}” before.`
    : `${samples}. You have answered every prompt in the bank, so write one of your own.`;
}

/**
 * The next mock aimed at the person's weakest signals: the round that makes them primary and a
 * prompt of it the person has never answered, with the reason in words to them. Only what the
 * history holds is read, so a round whose feedback is not released cannot weigh in.
 */
export function proposeNextMock(
  history: CandidateHistory,
  bank: readonly Prompt[],
): NextMockProposal {
  const observations = observationsOf(history);
  const openAudit = history.openAuditSignals ?? [];
  const ranked = SIGNAL_IDS.map((signal) => standingOf(signal, observations, openAudit)).sort(
    weakestFirst,
  );
  const focus = focusOf(ranked);
  const focusIds = focus.map((standing) => standing.signal);
  const answered = new Set([
    ...history.answeredPromptIds,
    ...history.released.flatMap((round) => (round.promptId ? [round.promptId] : [])),
  ]);
  const fresh = bank.filter((prompt) => !answered.has(prompt.id));
  const open = ROUND_TYPES.filter((round) => fresh.some((prompt) => prompt.roundType === round.id));
  const [chosen] = rankRounds(open.length ? open : ROUND_TYPES, focusIds);
  const targets = focusIds.filter((signal) => chosen.primary.includes(signal));
  const prompt = bestPrompt(
    fresh.filter((candidate) => candidate.roundType === chosen.id),
    focusIds,
  );
  return {
    roundType: chosen.id,
    promptId: prompt?.id ?? null,
    targets,
    reason: `${whySentence(history, focus)} ${roundSentence(chosen, targets, prompt)}`,
  };
}

export interface SwapPrompt {
  prompt: Prompt | null;
  /** Set when no prompt was new to both peers, saying what was chosen instead. */
  note: string | null;
}

/**
 * The prompt of a peer pair's next round: one neither peer has answered as candidate. When the
 * round's bank is used up between them, one new to the candidate; failing that, the one the
 * candidate answered longest ago. Answered lists run oldest first.
 */
export function promptForSwap(
  bank: readonly Prompt[],
  roundType: RoundTypeId,
  candidateAnswered: readonly string[],
  interviewerAnswered: readonly string[],
): SwapPrompt {
  const prompts = bank.filter((prompt) => prompt.roundType === roundType);
  const fresh = prompts.find(
    (prompt) => !candidateAnswered.includes(prompt.id) && !interviewerAnswered.includes(prompt.id),
  );
  if (fresh) return { prompt: fresh, note: null };
  const newToCandidate = prompts.find((prompt) => !candidateAnswered.includes(prompt.id));
  if (newToCandidate) {
    return {
      prompt: newToCandidate,
      note: 'Between you, every prompt of this round has been answered as candidate: this one is new to the candidate, and the interviewer has answered it before.',
    };
  }
  const longestAgo = [...prompts].sort(
    (a, b) => candidateAnswered.lastIndexOf(a.id) - candidateAnswered.lastIndexOf(b.id),
  )[0];
  return {
    prompt: longestAgo ?? null,
    note: longestAgo
      ? 'The candidate has answered every prompt of this round before: this is the one answered longest ago. Set a prompt of your own if you would rather.'
      : null,
  };
}
