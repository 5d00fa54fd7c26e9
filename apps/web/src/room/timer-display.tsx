import type { RoomStatus, TimerState } from '@signal-room/domain';
import { elapsedAt, formatOffset, isRunning, remainingAt } from '@signal-room/domain';
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
  if (status === 'waiting') return 'Not started';
  if (remaining <= 0) return 'Time is up';
  return isRunning(timer) ? 'Running' : 'Paused';
}

/**
 * The time left, re-rendered locally several times a second while it runs. Screen readers hear it
 * through a separate polite region whose text changes at most once a minute (or when the timer
 * is paused, resumed or ends), never on every tick. Once the round has ended there is no time
 * left to count: it says so, and how long the round's clock ran.
 */
export function TimerDisplay({ timer, status, serverNow }: TimerDisplayProps) {
  const running = isRunning(timer) && status !== 'ended';
  useNow(running ? 250 : 5000);
  const remaining = remainingAt(timer, serverNow());
  const phase = phaseOf(timer, status, remaining);
  const ended = status === 'ended';
  const low = status === 'live' && remaining < LOW_MS;
  const announcement = ended
    ? 'The round has ended.'
    : status === 'waiting'
      ? ''
      : `${minutesInWords(remaining)} left${phase === 'Paused' ? ', timer paused' : ''}.`;

  return (
    <div className={`${styles.timer} ${low ? styles.low : ''}`}>
      {ended && <span className={styles.phase}>Ended after</span>}
      {/* Stopped, it is still a timer: one of elapsed time. */}
      <span role="timer" className={styles.clock}>
        {ended ? (
          formatOffset(elapsedAt(timer, serverNow()))
        ) : (
          <>
            <span className="visually-hidden">Time left: </span>
            {formatRemaining(remaining)}
          </>
        )}
      </span>
      {!ended && <span className={styles.phase}>{phase}</span>}
      <span className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </span>
    </div>
  );
}
