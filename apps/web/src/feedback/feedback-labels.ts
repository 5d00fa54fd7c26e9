import type { Polarity, Severity, SignalId, Verdict } from '@signal-room/domain';

export const POLARITY_LABELS: Record<Polarity, string> = { strong: 'Strong', weak: 'Weak' };

/** A shape that travels with the word, so polarity never rests on colour alone. */
export const POLARITY_SYMBOLS: Record<Polarity, string> = { strong: '+', weak: '−' };

export const SEVERITY_LABELS: Record<Severity, string> = {
  risk: 'Risk',
  concern: 'Concern',
  note: 'Note',
};

export type Tone = 'good' | 'neutral' | 'risk';

/** How a reading should feel at a glance; the verdict's words always carry the meaning too. */
export const VERDICT_TONES: Record<Verdict, Tone> = {
  'senior-ready': 'good',
  promising: 'good',
  mixed: 'neutral',
  'not-enough-evidence': 'neutral',
  'likely-no-hire': 'risk',
  'serious-risk': 'risk',
};

/** Signal names short enough to label the spokes of a chart. */
export const SHORT_SIGNAL_NAMES: Record<SignalId, string> = {
  framing: 'Framing',
  coding: 'Coding',
  architecture: 'Architecture',
  production: 'Production',
  delivery: 'Delivery',
  leadership: 'Leadership',
  communication: 'Communication',
};

/** How far a self-score sits from the interviewer's, in words. */
export function describeDifference(difference: number): string {
  if (difference === 0) return 'Same as the interviewer';
  const points = Math.abs(difference) === 1 ? 'point' : 'points';
  return `${Math.abs(difference)} ${points} ${difference > 0 ? 'higher' : 'lower'}`;
}
