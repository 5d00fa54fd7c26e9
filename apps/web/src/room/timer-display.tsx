import type { RoomStatus, TimerState } from '@signal-room/domain';
import { isRunning, remainingAt } from '@signal-room/domain';
import { formatRemaining, minutesInWords } from './time-format';
import { useNow } from './use-room';
import styles from './timer-display.module.css';

const LOW_MS = 5 * 60_000;

interface TimerDisplayProps {
  timer: TimerState;
  status: RoomStatus;
  /** Server time now; the clock is computed from the timer state, never ticked by the server. */
  serverNow: () => number;
}

function phaseOf(timer: TimerState, status: RoomStatus, remaining: number): string {
  if (status === 'ended') return 'Ended';
  if (status === 'waiting') return 'Not started';
  if (remaining <= 0) return 'Time is up';
  return isRunning(timer) ? 'Running' : 'Paused';
}

/**
 * The time left, re-rendered locally several times a second while it runs. Screen readers hear it
 * through a separate polite region whose text changes at most once a minute (or when the timer
 * is paused, resumed or ends), never on every tick.
 */
export function TimerDisplay({ timer, status, serverNow }: TimerDisplayProps) {
  const running = isRunning(timer) && status !== 'ended';
  useNow(running ? 250 : 5000);
  const remaining = remainingAt(timer, serverNow());
  const phase = phaseOf(timer, status, remaining);
  const low = status === 'live' && remaining < LOW_MS;
  const announcement =
    status === 'ended'
      ? 'The round has ended.'
      : status === 'waiting'
        ? ''
        : `${minutesInWords(remaining)} left${phase === 'Paused' ? ', timer paused' : ''}.`;

  return (
    <div className={`${styles.timer} ${low ? styles.low : ''}`}>
      <span role="timer" className={styles.clock}>
        <span className="visually-hidden">Time left: </span>
        {formatRemaining(remaining)}
      </span>
      <span className={styles.phase}>{phase}</span>
      <span className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </span>
    </div>
  );
}
