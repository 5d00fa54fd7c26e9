// Talk-time: when each person spoke, as their own browser's voice-activity meter measured it
// (never what they said), read against the round. It is evidence for the interviewer to weigh
// for the communication signal, never a score: long stretches are right for some answers.
import type { MoveId } from './model';
import type { Role } from './room/state';

/** When one person spoke: epoch ms on the server's clock. */
export interface SpokenSpan {
  startAt: number;
  endAt: number;
}

export interface Talker {
  userId: string;
  displayName: string;
  role: Role;
  spans: readonly SpokenSpan[];
}

/** A quiet gap this long inside the candidate's talk still leaves the interviewer no way in. */
export const PAUSE_MS = 3000;
/** Nobody speaking for this long is a silence worth looking at. */
export const LONG_SILENCE_MS = 60_000;
/** How far before a marked move the talk is read. */
export const BEFORE_MOVE_MS = 60_000;

/** A stretch of the round, in ms since its first timer start (the workspace replay's clock). */
export interface RoundSpan {
  startMs: number;
  endMs: number;
}

export interface TalkTime {
  /** Everyone who spoke, most talk first; share is of all the talk in the round. */
  people: { userId: string; displayName: string; role: Role; spokeMs: number; share: number }[];
  /** The candidate's longest run of talk that gave the interviewer no pause to come in. */
  longestStretch: RoundSpan | null;
  /** Gaps of at least LONG_SILENCE_MS in which nobody spoke. */
  silences: RoundSpan[];
  /** Each marked move with who talked in the minute before it. */
  moves: {
    move: MoveId;
    name: string;
    offsetMs: number;
    candidateMs: number;
    interviewerMs: number;
  }[];
}

/** Spans on the round's clock, cut to it, overlapping ones merged, in order. */
function onRound(spans: readonly SpokenSpan[], startedAt: number, lengthMs: number): RoundSpan[] {
  const cut = spans
    .map((span) => ({
      startMs: Math.max(0, span.startAt - startedAt),
      endMs: Math.min(lengthMs, span.endAt - startedAt),
    }))
    .filter((span) => span.endMs > span.startMs)
    .sort((a, b) => a.startMs - b.startMs);
  return merged(cut, 0);
}

/** Joins spans whose gap is at most `gapMs` (0: only touching or overlapping ones). */
function merged(spans: readonly RoundSpan[], gapMs: number): RoundSpan[] {
  const out: RoundSpan[] = [];
  for (const span of spans) {
    const last = out.at(-1);
    if (last && span.startMs - last.endMs <= gapMs) last.endMs = Math.max(last.endMs, span.endMs);
    else out.push({ ...span });
  }
  return out;
}

const total = (spans: readonly RoundSpan[]): number =>
  spans.reduce((sum, span) => sum + span.endMs - span.startMs, 0);

/** How much of `spans` falls within [from, to). */
function within(spans: readonly RoundSpan[], from: number, to: number): number {
  return spans.reduce(
    (sum, span) => sum + Math.max(0, Math.min(to, span.endMs) - Math.max(from, span.startMs)),
    0,
  );
}

/**
 * The candidate's runs of talk: spans joined across pauses shorter than PAUSE_MS, and broken
 * wherever the interviewer spoke, since then they did get a way in.
 */
function stretches(candidate: readonly RoundSpan[], interviewer: readonly RoundSpan[]) {
  const runs: RoundSpan[] = [];
  for (const span of candidate) {
    const last = runs.at(-1);
    const interrupted = last !== undefined && within(interviewer, last.endMs, span.startMs + 1) > 0;
    if (last && !interrupted && span.startMs - last.endMs < PAUSE_MS) last.endMs = span.endMs;
    else runs.push({ ...span });
  }
  return runs;
}

/**
 * The round's talk-time from everyone's spans, or null when nobody's microphone measured any
 * (no call, or a round that never started). `lengthMs` is how long the round ran on the wall
 * clock; moves are placed by their own offsets on the same clock.
 */
export function talkTime(
  talkers: readonly Talker[],
  round: { startedAt: number | null; lengthMs: number },
  moves: readonly { move: MoveId; name: string; offsetsMs: readonly number[] }[],
): TalkTime | null {
  const { startedAt, lengthMs } = round;
  if (startedAt === null) return null;
  const spoken = talkers
    .map((talker) => ({ talker, spans: onRound(talker.spans, startedAt, lengthMs) }))
    .filter(({ spans }) => spans.length > 0);
  if (spoken.length === 0) return null;
  const all = spoken.reduce((sum, { spans }) => sum + total(spans), 0);
  const byRole = (role: Role) =>
    merged(
      spoken
        .filter(({ talker }) => talker.role === role)
        .flatMap(({ spans }) => spans)
        .sort((a, b) => a.startMs - b.startMs),
      0,
    );
  const candidate = byRole('candidate');
  const interviewer = byRole('interviewer');
  const anyone = merged(
    spoken.flatMap(({ spans }) => spans).sort((a, b) => a.startMs - b.startMs),
    0,
  );
  const silences: RoundSpan[] = [];
  let quietFrom = 0;
  for (const span of [...anyone, { startMs: lengthMs, endMs: lengthMs }]) {
    if (span.startMs - quietFrom >= LONG_SILENCE_MS) {
      silences.push({ startMs: quietFrom, endMs: span.startMs });
    }
    quietFrom = Math.max(quietFrom, span.endMs);
  }
  const longestStretch = stretches(candidate, interviewer).reduce<RoundSpan | null>(
    (longest, run) =>
      !longest || run.endMs - run.startMs > longest.endMs - longest.startMs ? run : longest,
    null,
  );
  return {
    people: spoken
      .map(({ talker, spans }) => ({
        userId: talker.userId,
        displayName: talker.displayName,
        role: talker.role,
        spokeMs: total(spans),
        share: total(spans) / all,
      }))
      .sort((a, b) => b.spokeMs - a.spokeMs),
    longestStretch,
    silences,
    moves: moves
      .flatMap(({ move, name, offsetsMs }) =>
        offsetsMs.map((offsetMs) => ({
          move,
          name,
          offsetMs,
          candidateMs: within(candidate, offsetMs - BEFORE_MOVE_MS, offsetMs),
          interviewerMs: within(interviewer, offsetMs - BEFORE_MOVE_MS, offsetMs),
        })),
      )
      .sort((a, b) => a.offsetMs - b.offsetMs),
  };
}
