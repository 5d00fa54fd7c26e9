import type { TimerState } from './timer';
import {
  elapsedAt,
  extendTimer,
  isExpired,
  isRunning,
  newTimer,
  pauseTimer,
  remainingAt,
  startTimer,
} from './timer';

const T0 = 1_700_000_000_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('newTimer', () => {
  it('starts paused at zero with the whole duration remaining', () => {
    const timer = newTimer(HOUR);
    expect(isRunning(timer)).toBe(false);
    expect(elapsedAt(timer, T0)).toBe(0);
    expect(remainingAt(timer, T0)).toBe(HOUR);
    expect(isExpired(timer, T0)).toBe(false);
  });
});

describe('elapsedAt and remainingAt', () => {
  it('ignores the clock while paused', () => {
    const timer: TimerState = { durationMs: HOUR, elapsedMs: 5 * MINUTE, runningSince: null };
    expect(elapsedAt(timer, T0)).toBe(5 * MINUTE);
    expect(elapsedAt(timer, T0 + HOUR)).toBe(5 * MINUTE);
    expect(remainingAt(timer, T0 + HOUR)).toBe(55 * MINUTE);
  });

  it('adds the current run to what was accumulated before it', () => {
    const timer: TimerState = { durationMs: HOUR, elapsedMs: 5 * MINUTE, runningSince: T0 };
    expect(elapsedAt(timer, T0 + 10 * MINUTE)).toBe(15 * MINUTE);
    expect(remainingAt(timer, T0 + 10 * MINUTE)).toBe(45 * MINUTE);
  });

  it('stops at the duration: never past it, never a negative remainder', () => {
    const timer = startTimer(newTimer(HOUR), T0);
    expect(elapsedAt(timer, T0 + HOUR)).toBe(HOUR);
    expect(isExpired(timer, T0 + HOUR)).toBe(true);
    expect(isExpired(timer, T0 + HOUR - 1)).toBe(false);
    expect(elapsedAt(timer, T0 + 5 * HOUR)).toBe(HOUR);
    expect(remainingAt(timer, T0 + 5 * HOUR)).toBe(0);
  });

  it('does not count backwards when the clock reads earlier than the run started', () => {
    const timer: TimerState = { durationMs: HOUR, elapsedMs: 5 * MINUTE, runningSince: T0 };
    expect(elapsedAt(timer, T0 - 3 * MINUTE)).toBe(5 * MINUTE);
    expect(remainingAt(timer, T0 - 3 * MINUTE)).toBe(55 * MINUTE);
  });

  it('reads a fresh run with an earlier clock as zero', () => {
    const timer = startTimer(newTimer(HOUR), T0);
    expect(elapsedAt(timer, T0 - MINUTE)).toBe(0);
    expect(remainingAt(timer, T0 - MINUTE)).toBe(HOUR);
  });
});

describe('startTimer', () => {
  it('runs from now', () => {
    const timer = startTimer(newTimer(HOUR), T0);
    expect(timer.runningSince).toBe(T0);
    expect(isRunning(timer)).toBe(true);
    expect(elapsedAt(timer, T0 + MINUTE)).toBe(MINUTE);
  });

  it('leaves a running timer alone', () => {
    const timer = startTimer(newTimer(HOUR), T0);
    expect(startTimer(timer, T0 + MINUTE)).toBe(timer);
  });

  it('resumes a paused timer from what it had accumulated', () => {
    const paused = pauseTimer(startTimer(newTimer(HOUR), T0), T0 + 10 * MINUTE);
    const resumed = startTimer(paused, T0 + 30 * MINUTE);
    expect(elapsedAt(resumed, T0 + 30 * MINUTE)).toBe(10 * MINUTE);
    expect(elapsedAt(resumed, T0 + 35 * MINUTE)).toBe(15 * MINUTE);
  });
});

describe('pauseTimer', () => {
  it('folds the current run into the elapsed time and stops', () => {
    const paused = pauseTimer(startTimer(newTimer(HOUR), T0), T0 + 10 * MINUTE);
    expect(paused).toEqual({ durationMs: HOUR, elapsedMs: 10 * MINUTE, runningSince: null });
  });

  it('leaves a paused timer alone', () => {
    const timer = newTimer(HOUR);
    expect(pauseTimer(timer, T0)).toBe(timer);
  });

  it('keeps what was accumulated when the clock reads earlier than the run started', () => {
    const timer: TimerState = { durationMs: HOUR, elapsedMs: 5 * MINUTE, runningSince: T0 };
    expect(pauseTimer(timer, T0 - MINUTE).elapsedMs).toBe(5 * MINUTE);
  });

  it('keeps no more than the duration when paused after expiry', () => {
    const paused = pauseTimer(startTimer(newTimer(HOUR), T0), T0 + 2 * HOUR);
    expect(paused.elapsedMs).toBe(HOUR);
    expect(isExpired(paused, T0 + 3 * HOUR)).toBe(true);
  });
});

describe('extendTimer', () => {
  it('lengthens a paused timer without starting it', () => {
    const paused = pauseTimer(startTimer(newTimer(HOUR), T0), T0 + 10 * MINUTE);
    const extended = extendTimer(paused, 15 * MINUTE, T0 + 20 * MINUTE);
    expect(extended).toEqual({
      durationMs: HOUR + 15 * MINUTE,
      elapsedMs: 10 * MINUTE,
      runningSince: null,
    });
    expect(remainingAt(extended, T0 + 2 * HOUR)).toBe(65 * MINUTE);
  });

  it('lengthens a running timer and keeps it running from now', () => {
    const running = startTimer(newTimer(HOUR), T0);
    const extended = extendTimer(running, 15 * MINUTE, T0 + 20 * MINUTE);
    expect(extended).toEqual({
      durationMs: HOUR + 15 * MINUTE,
      elapsedMs: 20 * MINUTE,
      runningSince: T0 + 20 * MINUTE,
    });
    expect(elapsedAt(extended, T0 + 30 * MINUTE)).toBe(30 * MINUTE);
    expect(remainingAt(extended, T0 + 30 * MINUTE)).toBe(45 * MINUTE);
  });

  it('resumes at once after expiry, counting only the time the round actually had', () => {
    const running = startTimer(newTimer(HOUR), T0);
    // Ten minutes past the end: the overrun is not charged against the extension.
    const extended = extendTimer(running, 15 * MINUTE, T0 + 70 * MINUTE);
    expect(extended.elapsedMs).toBe(HOUR);
    expect(remainingAt(extended, T0 + 70 * MINUTE)).toBe(15 * MINUTE);
    expect(isExpired(extended, T0 + 70 * MINUTE)).toBe(false);
    expect(remainingAt(extended, T0 + 80 * MINUTE)).toBe(5 * MINUTE);
    expect(isExpired(extended, T0 + 85 * MINUTE)).toBe(true);
  });

  it('reopens a timer that was paused after expiry, still paused', () => {
    const paused = pauseTimer(startTimer(newTimer(HOUR), T0), T0 + 2 * HOUR);
    const extended = extendTimer(paused, 10 * MINUTE, T0 + 3 * HOUR);
    expect(isRunning(extended)).toBe(false);
    expect(remainingAt(extended, T0 + 4 * HOUR)).toBe(10 * MINUTE);
  });

  it('does not count backwards when extended with a clock earlier than the run started', () => {
    const timer: TimerState = { durationMs: HOUR, elapsedMs: 5 * MINUTE, runningSince: T0 };
    const extended = extendTimer(timer, MINUTE, T0 - MINUTE);
    expect(extended.elapsedMs).toBe(5 * MINUTE);
    expect(extended.durationMs).toBe(HOUR + MINUTE);
  });
});
