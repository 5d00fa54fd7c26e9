import type { TimerState } from '@signal-room/domain';
import {
  elapsedAt,
  isExpired,
  isRunning,
  newTimer,
  pauseTimer,
  remainingAt,
  startTimer,
} from '@signal-room/domain';
import { useState } from 'react';
import { formatRemaining, minutesInWords } from '../room/time-format';
import { useNow } from '../room/use-room';
import styles from './drills.module.css';

export interface Countdown {
  timer: TimerState;
  now: number;
  /** Counting down and time left: the drill's timed part is under way. */
  active: boolean;
  /** Started, then finished early or run out. */
  over: boolean;
  /** Run out, rather than finished early. */
  expired: boolean;
  start: () => void;
  /** Ends the timed part early, as a person who has finished would. */
  finish: () => void;
  /** Whole seconds spent so far. */
  elapsedSeconds: () => number;
}

/** A countdown kept in the page: this is practice alone or in a room, not a shared clock. */
export function useCountdown(seconds: number): Countdown {
  const [timer, setTimer] = useState(() => newTimer(seconds * 1000));
  const running = isRunning(timer);
  const now = useNow(running ? 250 : 60_000);
  const expired = isExpired(timer, now);
  return {
    timer,
    now,
    active: running && !expired,
    over: expired || (!running && timer.elapsedMs > 0),
    expired,
    start: () => setTimer((current) => startTimer(current, Date.now())),
    finish: () => setTimer((current) => pauseTimer(current, Date.now())),
    elapsedSeconds: () => Math.round(elapsedAt(timer, Date.now()) / 1000),
  };
}

/** The time left, with a spoken line that changes at most once a minute, never every tick. */
export function CountdownDisplay({ countdown }: { countdown: Countdown }) {
  const remaining = remainingAt(countdown.timer, countdown.now);
  const state = countdown.expired
    ? 'Time is up'
    : countdown.over
      ? 'Finished early'
      : countdown.active
        ? 'Running'
        : 'Not started';
  return (
    <div className={styles.countdown}>
      <span role="timer" className={styles.clock}>
        <span className="visually-hidden">Time left: </span>
        {formatRemaining(remaining)}
      </span>
      <span className={styles.clockState}>{state}</span>
      <span className="visually-hidden" aria-live="polite" aria-atomic="true">
        {countdown.active
          ? `${minutesInWords(remaining)} left.`
          : countdown.over
            ? 'Time is up.'
            : ''}
      </span>
    </div>
  );
}
