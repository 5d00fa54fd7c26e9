import type { ExerciseDrillId, SignalId } from '@signal-room/domain';
import { drillById, signalById } from '@signal-room/domain';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { openDrillRoom } from '../api/client';
import { ErrorNotice } from '../ui/error-notice';
import styles from './drills.module.css';

/**
 * The drill as a short room with a partner: whoever opens it hosts and scores the one signal
 * chosen here, and invites the person doing the drill from the room.
 */
export function PartnerRoom({ drill }: { drill: ExerciseDrillId }) {
  const { signals, minutes } = drillById(drill);
  const navigate = useNavigate();
  const [signal, setSignal] = useState<SignalId>(signals[0] ?? 'communication');
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const open = () => {
    setOpening(true);
    setError(null);
    openDrillRoom(drill, { signal }).then(
      (session) => void navigate(`/sessions/${session.id}`),
      (failure: unknown) => {
        setOpening(false);
        setError(failure);
      },
    );
  };

  return (
    <section className={`card ${styles.form}`} aria-labelledby="partner-heading">
      <h2 id="partner-heading" className={styles.sectionTitle}>
        Run it with a partner
      </h2>
      <p className="muted">
        A {minutes}-minute room with this drill as its prompt. You host it and score one signal;
        invite the person doing the drill from the room, and they read your score when it ends.
      </p>
      <div className="field">
        <label htmlFor="partner-signal">The signal you score</label>
        <select
          id="partner-signal"
          value={signal}
          onChange={(event) => setSignal(event.target.value as SignalId)}
        >
          {signals.map((id) => (
            <option key={id} value={id}>
              {signalById(id).name}
            </option>
          ))}
        </select>
      </div>
      {error !== null && <ErrorNotice error={error} />}
      <div className={styles.actions}>
        <button type="button" className="button" disabled={opening} onClick={open}>
          {opening ? 'Opening the room…' : 'Run with a partner'}
        </button>
      </div>
    </section>
  );
}
