import { useCallback, useEffect, useState } from 'react';
import { countAt } from './replay-updates';

export const REPLAY_SPEEDS = [1, 2, 4, 8, 16] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

/** Nothing typed or logged for this long is an idle stretch, which skipping passes over. */
export const IDLE_GAP_MS = 3000;
/** A skip lands this long before the next thing, so the viewer sees it coming. */
export const SKIP_LEAD_MS = 500;
const TICK_MS = 50;

export interface Span {
  start: number;
  end: number;
}

/**
 * Where playback stands `elapsedMs` of replay time after `at`: on through the span, past an idle
 * stretch to just before the next activity (sorted wall times) when skipping, never past the end.
 */
export function advance(
  at: number,
  elapsedMs: number,
  { span, activity, skipIdle }: { span: Span; activity: readonly number[]; skipIdle: boolean },
): number {
  let next = at + elapsedMs;
  if (skipIdle) {
    const upcoming = activity[countAt(activity, at)];
    if (upcoming !== undefined && upcoming - at > IDLE_GAP_MS) {
      next = Math.max(next, upcoming - SKIP_LEAD_MS);
    }
  }
  return Math.min(span.end, next);
}

export interface Playback {
  position: number;
  playing: boolean;
  speed: ReplaySpeed;
  skipIdle: boolean;
  seek: (position: number) => void;
  toggle: () => void;
  setSpeed: (speed: ReplaySpeed) => void;
  setSkipIdle: (skip: boolean) => void;
}

/** A player over wall time: play and pause, 1–16× speed, idle stretches skipped, seek anywhere. */
export function usePlayback(span: Span, activity: readonly number[], initial: number): Playback {
  const [position, setPosition] = useState(initial);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<ReplaySpeed>(1);
  const [skipIdle, setSkipIdle] = useState(true);
  const { start, end } = span;

  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    const timer = window.setInterval(() => {
      const now = performance.now();
      const elapsed = (now - last) * speed;
      last = now;
      setPosition((at) => advance(at, elapsed, { span: { start, end }, activity, skipIdle }));
    }, TICK_MS);
    return () => window.clearInterval(timer);
  }, [playing, speed, skipIdle, start, end, activity]);

  useEffect(() => {
    if (playing && position >= end) setPlaying(false);
  }, [playing, position, end]);

  const seek = useCallback(
    (to: number) => setPosition(Math.max(start, Math.min(end, to))),
    [start, end],
  );
  const toggle = useCallback(() => {
    // Play at the end starts again from the beginning, as media players do.
    if (!playing && position >= end) setPosition(start);
    setPlaying(!playing);
  }, [playing, position, start, end]);
  return { position, playing, speed, skipIdle, seek, toggle, setSpeed, setSkipIdle };
}
