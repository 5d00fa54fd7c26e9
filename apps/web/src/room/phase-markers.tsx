import type { RoomState, RoundType } from '@signal-room/domain';
import { formatOffset, layerOf, signalById } from '@signal-room/domain';
import { useId } from 'react';
import type { Unsent } from '@signal-room/room-client';
import type { RoomActions } from './room-actions';
import styles from './phase-markers.module.css';

interface PhaseMarkersProps {
  state: RoomState;
  roundType: RoundType;
  unsent: Unsent;
  /** Lets the interviewer mark the phase; observers follow along without it. */
  actions?: RoomActions;
}

/** The moments a strong answer passes through, the one the round is in, and what each reveals. */
export function PhaseMarkers({ state, roundType, unsent, actions }: PhaseMarkersProps) {
  const headingId = useId();
  // The shown room already holds a phase still in the outbox, as the last one.
  const current = state.phases.at(-1);
  const currentUnsent = unsent.types.has('phase.change');
  const currentDetails = roundType.phases.find((phase) => phase.id === current?.phaseId);
  const ended = state.status === 'ended';
  const lastMarked = (phaseId: string) =>
    state.phases.filter((mark) => mark.phaseId === phaseId).at(-1)?.offsetMs;

  return (
    <section className={styles.phases} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        Phases
      </h2>
      <p className={styles.now} aria-live="polite">
        {currentDetails ? (
          <>
            Now: <strong>{currentDetails.name}</strong>
            {currentUnsent && ' (not sent yet)'} · listen for{' '}
            {currentDetails.signals.map((signal) => signalById(signal).name).join(', ')}
          </>
        ) : (
          'No phase marked yet.'
        )}
      </p>
      <ol className={styles.list}>
        {roundType.phases.map((phase) => {
          const isCurrent = phase.id === current?.phaseId;
          const at = lastMarked(phase.id);
          const signals = phase.signals.map((signal) => (
            <span
              key={signal}
              className={layerOf(roundType, signal) === 'primary' ? styles.primary : undefined}
            >
              {signalById(signal).name}
            </span>
          ));
          return (
            <li
              key={phase.id}
              className={`${styles.phase} ${isCurrent ? styles.current : ''}`}
              aria-current={isCurrent ? 'step' : undefined}
            >
              {actions ? (
                <button
                  type="button"
                  className={styles.mark}
                  disabled={ended}
                  aria-pressed={isCurrent}
                  onClick={() => actions.send('phase.change', { phaseId: phase.id })}
                >
                  {phase.name}
                </button>
              ) : (
                <span className={styles.name}>{phase.name}</span>
              )}
              <span className={styles.meta}>
                <span className={styles.signals}>{signals}</span>
                {at !== undefined && <span> · marked at {formatOffset(at)}</span>}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
