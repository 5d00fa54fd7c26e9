// The timer is computed, never ticked: state holds the duration, what has elapsed up to the last
// start, and the server time of that start. Every reader passes its own notion of "now".

export interface TimerState {
  durationMs: number;
  /** Elapsed time accumulated before the current run (or in total, when paused). */
  elapsedMs: number;
  /** Server epoch ms at which the current run started; null while not running. */
  runningSince: number | null;
}

export const newTimer = (durationMs: number): TimerState => ({
  durationMs,
  elapsedMs: 0,
  runningSince: null,
});

/** Elapsed time at `now`, never negative and never past the duration. */
export function elapsedAt(timer: TimerState, now: number): number {
  const running = timer.runningSince === null ? 0 : Math.max(0, now - timer.runningSince);
  return Math.min(timer.durationMs, Math.max(0, timer.elapsedMs + running));
}

export const remainingAt = (timer: TimerState, now: number): number =>
  timer.durationMs - elapsedAt(timer, now);

export const isRunning = (timer: TimerState): boolean => timer.runningSince !== null;

export const isExpired = (timer: TimerState, now: number): boolean =>
  elapsedAt(timer, now) >= timer.durationMs;

export const startTimer = (timer: TimerState, now: number): TimerState =>
  isRunning(timer) ? timer : { ...timer, runningSince: now };

export const pauseTimer = (timer: TimerState, now: number): TimerState =>
  isRunning(timer) ? { ...timer, elapsedMs: elapsedAt(timer, now), runningSince: null } : timer;

/** Extending a run that already hit its end keeps the time already spent, so it resumes at once. */
export function extendTimer(timer: TimerState, byMs: number, now: number): TimerState {
  if (!isRunning(timer)) return { ...timer, durationMs: timer.durationMs + byMs };
  return {
    durationMs: timer.durationMs + byMs,
    elapsedMs: elapsedAt(timer, now),
    runningSince: now,
  };
}
