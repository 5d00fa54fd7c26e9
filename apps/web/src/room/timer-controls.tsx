import type { RoomState } from '@signal-room/domain';
import { MAX_DURATION_MS, isExpired, isRunning } from '@signal-room/domain';
import { useRef, useState } from 'react';
import { ConfirmStep } from '../ui/confirm-step';
import type { QueuedCommand } from '@signal-room/room-client';
import type { RoomActions } from './room-actions';
import { useNow } from './use-room';
import styles from './timer-controls.module.css';

const EXTEND_MS = 5 * 60_000;

interface TimerControlsProps {
  state: RoomState;
  pending: readonly QueuedCommand[];
  actions: RoomActions;
}

/** Start, pause, resume, add five minutes, and end the session after a confirmation. */
export function TimerControls({ state, pending, actions }: TimerControlsProps) {
  const [confirming, setConfirming] = useState(false);
  const endRef = useRef<HTMLButtonElement>(null);
  // Re-render once a second so "time is up" shows when the clock runs out.
  useNow(1000);
  const { timer, status } = state;
  // One timer change at a time: a second press while the first is unsent would be refused.
  const timerBusy = pending.some((command) =>
    ['timer.start', 'timer.pause', 'timer.resume'].includes(command.type),
  );
  const ending = pending.some((command) => command.type === 'session.end');
  const queuedExtensions = pending.filter((command) => command.type === 'timer.extend').length;
  const canExtend = timer.durationMs + (queuedExtensions + 1) * EXTEND_MS <= MAX_DURATION_MS;
  const timeUp = status === 'live' && isExpired(timer, actions.serverNow());

  if (status === 'ended') return null;

  const cancel = () => {
    setConfirming(false);
    endRef.current?.focus();
  };

  return (
    <div className={styles.controls} role="group" aria-label="Timer and session">
      <div className={styles.row}>
        {status === 'waiting' && (
          <button
            type="button"
            className="button button--primary"
            disabled={timerBusy}
            onClick={() => actions.send('timer.start', {})}
          >
            Start the round
          </button>
        )}
        {status === 'live' && isRunning(timer) && (
          <button
            type="button"
            className="button"
            disabled={timerBusy}
            onClick={() => actions.send('timer.pause', {})}
          >
            Pause
          </button>
        )}
        {status === 'live' && !isRunning(timer) && (
          <button
            type="button"
            className="button button--primary"
            disabled={timerBusy || timeUp}
            onClick={() => actions.send('timer.resume', {})}
          >
            Resume
          </button>
        )}
        <button
          type="button"
          className="button"
          disabled={!canExtend}
          onClick={() => actions.send('timer.extend', { byMs: EXTEND_MS })}
        >
          +5 min
        </button>
        <button
          type="button"
          className="button button--danger"
          ref={endRef}
          disabled={ending}
          aria-expanded={confirming}
          onClick={() => setConfirming(true)}
        >
          {ending ? 'Ending…' : 'End session'}
        </button>
      </div>
      {timerBusy && <p className={styles.note}>Timer change not sent yet.</p>}
      {queuedExtensions > 0 && (
        <p className={styles.note}>{queuedExtensions * 5} extra minutes not sent yet.</p>
      )}
      {!canExtend && <p className={styles.note}>A round runs four hours at most.</p>}
      {timeUp && (
        <p className={styles.note}>
          Time is up. Add time to keep going, or end the session; the room ends the round by itself
          shortly otherwise.
        </p>
      )}
      {confirming && (
        <ConfirmStep
          confirmLabel="End now"
          cancelLabel="Keep going"
          onConfirm={() => {
            actions.send('session.end', {});
            setConfirming(false);
          }}
          onCancel={cancel}
        >
          End the session for everyone now? The timer stops and the round cannot be restarted.
          {/* In coaching mode the end is the release: what is unwritten then stays unwritten. */}
          {state.visibility === 'coaching' &&
            (state.summary
              ? ' The candidate reads the feedback at once, with your summary.'
              : ' The candidate reads the feedback at once, and you have not written your summary yet: it cannot be added after.')}
        </ConfirmStep>
      )}
    </div>
  );
}
