// The vocabulary of Signal Room. Every other module of the domain, the protocol, the API and the
// web client speak in these names; content (signals, rounds, prompts) is data typed by them.

export const SIGNAL_IDS = [
  'framing',
  'coding',
  'architecture',
  'production',
  'delivery',
  'leadership',
  'communication',
] as const;
export type SignalId = (typeof SIGNAL_IDS)[number];

export const SCORES = [1, 2, 3, 4, 5] as const;
export type Score = (typeof SCORES)[number];

/** Descriptors exist for the anchor points; 2 and 4 are read as lying between their neighbours. */
export interface RubricDescriptors {
  1: string;
  3: string;
  5: string;
}

export interface Signal {
  id: SignalId;
  name: string;
  /** What the interviewer is really asking. */
  question: string;
  /** Observable behaviours that count as strong evidence (at least four). */
  strong: readonly string[];
  /** Observable behaviours that count as weak evidence (at least four). */
  weak: readonly string[];
  rubric: RubricDescriptors;
}

export const ROUND_TYPE_IDS = [
  'recruiter-screen',
  'hiring-manager',
  'online-assessment',
  'coding-screen',
  'practical-coding',
  'code-review',
  'low-level-design',
  'system-design',
  'project-deep-dive',
  'behavioral',
  'product-cross-functional',
  'executive',
] as const;
export type RoundTypeId = (typeof ROUND_TYPE_IDS)[number];

/** One recognisable moment of a strong answer, and the signals it makes visible. */
export interface Phase {
  id: string;
  name: string;
  signals: readonly SignalId[];
}

export interface RoundType {
  id: RoundTypeId;
  name: string;
  /** One sentence on what the round is for. */
  summary: string;
  primary: readonly SignalId[];
  secondary: readonly SignalId[];
  floor: readonly SignalId[];
  defaultMinutes: number;
  phases: readonly Phase[];
}

export const SIGNAL_LAYERS = ['primary', 'secondary', 'floor', 'unsampled'] as const;
export type SignalLayer = (typeof SIGNAL_LAYERS)[number];

export const MOVE_IDS = [
  'clarify-constraints',
  'narrow-scope',
  'externalize-tradeoffs',
  'stabilize-then-optimize',
  'explicit-uncertainty',
] as const;
export type MoveId = (typeof MOVE_IDS)[number];

/** A communication move: something a candidate does that makes reasoning visible. */
export interface CommunicationMove {
  id: MoveId;
  name: string;
  description: string;
  /** What the interviewer listens for, as short observable cues. */
  cues: readonly string[];
  signals: readonly SignalId[];
}

export const DRILL_IDS = [
  'round-to-signal-map',
  'hidden-signal-audit',
  'signal-balanced-story',
  'primary-signal-restraint',
] as const;
export type DrillId = (typeof DRILL_IDS)[number];

/** The drills with a page of their own that saves a result; the audit lives with its session. */
export const EXERCISE_DRILL_IDS = [
  'round-to-signal-map',
  'signal-balanced-story',
  'primary-signal-restraint',
] as const satisfies readonly DrillId[];
export type ExerciseDrillId = (typeof EXERCISE_DRILL_IDS)[number];

/**
 * The bank prompts of the primary-signal restraint drill, in the order it asks them. Kept here
 * with the other wire-level constants so that the protocol's schemas need no catalogue module.
 */
export const RESTRAINT_PROMPT_IDS = [
  'coding-screen-rate-limiter',
  'system-design-usage-metering',
  'behavioral-disagreeing-up',
] as const;

/**
 * Why a signal is open to the candidate's audit: the interviewer saw nothing of it, or saw it
 * only weakly.
 */
export const AUDIT_REASONS = ['hidden', 'weak'] as const;
export type AuditReason = (typeof AUDIT_REASONS)[number];

/** The candidate's answer, per scored signal, to "does the evidence shown back this score?". */
export const BACKINGS = ['backed', 'unbacked'] as const;
export type Backing = (typeof BACKINGS)[number];

export interface Drill {
  id: DrillId;
  name: string;
  description: string;
  steps: readonly string[];
  /** The signals this drill trains; feedback recommends it when one of them is weak or hidden. */
  signals: readonly SignalId[];
  /** The failure patterns it works against; feedback recommends it when one was flagged. */
  counters: readonly FailureModeId[];
  minutes: number;
  /** How long one timed answer lasts on the drill's page; null where no answer is timed. */
  answerSeconds: number | null;
  /** Bank prompts the drill's page sets, in order; empty where you bring your own material. */
  promptIds: readonly string[];
}

export const FAILURE_MODE_IDS = [
  'solved-before-clarifying',
  'signal-bloat',
  'wrong-altitude',
  'production-as-checklist',
  'leadership-without-substance',
  'talked-without-progress',
  'ignored-hint',
  'defensive-when-challenged',
] as const;
export type FailureModeId = (typeof FAILURE_MODE_IDS)[number];

/** A cross-signal pattern an interviewer can flag with one key during the round. */
export interface FailureMode {
  id: FailureModeId;
  name: string;
  /** What the interviewer sees, as they would spot it during the round. */
  description: string;
  /** What it tells an interviewer about you, said to the candidate in their feedback. */
  meaning: string;
  /** What to do instead, said to the candidate. */
  instead: string;
  signals: readonly SignalId[];
}

export interface GuidePoint {
  /** What a strong answer contains at this point, in observable terms. */
  point: string;
  signal: SignalId;
}

export interface PromptGuide {
  /** What strong answers contain, each point tied to the signal it reveals, in answer order. */
  strongAnswer: readonly GuidePoint[];
  /** Sketches of a weak, a mid-level and a senior response. */
  levels: { weak: string; mid: string; senior: string };
}

export interface Prompt {
  id: string;
  roundType: RoundTypeId;
  title: string;
  /** What the candidate reads once the interviewer reveals the prompt. */
  body: string;
  /** Revealed to the candidate one by one, in order (at least two). */
  hints: readonly string[];
  /** For the interviewer to ask once the main answer is in (at least two). */
  followUps: readonly string[];
  /** The signals this prompt samples best. */
  signals: readonly SignalId[];
  guide: PromptGuide;
}

// What the feedback, the loop and the interviewer profile read out: wire-level too, so kept here
// where the protocol's schemas can take them without loading the rules that produce them.
export const RULE_IDS = [
  'core-one',
  'compounding-twos',
  'floor-below-bar',
  'lone-five',
  'unscored-primary',
  'unsupported-score',
  'score-against-evidence',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const SEVERITIES = ['risk', 'concern', 'note'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const VERDICTS = [
  'senior-ready',
  'promising',
  'mixed',
  'likely-no-hire',
  'serious-risk',
  'not-enough-evidence',
] as const;
export type Verdict = (typeof VERDICTS)[number];

export const RED_FLAG_IDS = [
  'solves-before-clarifying',
  'needs-prompting-on-failure',
  'vague-team-stories',
  'trade-offs-unexplained',
  'defensive-when-challenged',
] as const;
export type RedFlagId = (typeof RED_FLAG_IDS)[number];

export const LEAN_READINGS = ['lenient', 'strict', 'even'] as const;
export type LeanReading = (typeof LEAN_READINGS)[number];
