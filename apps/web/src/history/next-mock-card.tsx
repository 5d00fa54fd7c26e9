import type { SignalId } from '@signal-room/domain';
import { SIGNAL_IDS, promptById, roundTypeById, signalById } from '@signal-room/domain';
import type { NextMockResponse } from '@signal-room/protocol';
import { Link } from 'react-router';
import { getNextMock } from '../api/client';
import { SignalTags } from '../catalog/signal-tags';
import { ErrorNotice } from '../ui/error-notice';
import { useLoad } from './use-load';
import styles from './next-mock-card.module.css';

const SIGNAL_NAMES = Object.fromEntries(
  SIGNAL_IDS.map((id) => [id, signalById(id).name]),
) as Record<SignalId, string>;

/** The next round aimed at the signed-in person's weakest signals, and the way to start it. */
export function NextMockCard() {
  const { loaded, retry } = useLoad('next-mock', getNextMock);
  return (
    <section className={`card ${styles.card}`} aria-labelledby="next-mock-heading">
      <h2 id="next-mock-heading" className={styles.title}>
        Your next mock
      </h2>
      {loaded.status === 'loading' && (
        <p className="muted" role="status">
          Working out your next round…
        </p>
      )}
      {loaded.status === 'failed' && <ErrorNotice error={loaded.error} onRetry={retry} />}
      {loaded.status === 'done' && <Proposal {...loaded.data} />}
    </section>
  );
}

function Proposal({ roundType, promptId, targets, reason }: NextMockResponse) {
  const prompt = promptId ? promptById(promptId) : undefined;
  const start = new URLSearchParams({ round: roundType, prompt: promptId ?? 'custom' });
  return (
    <>
      <div className={styles.choice}>
        <p className={styles.round}>{roundTypeById(roundType).name}</p>
        <p>{prompt?.title ?? 'A prompt of your own'}</p>
      </div>
      {targets.length > 0 && <SignalTags ids={targets} names={SIGNAL_NAMES} label="Aimed at" />}
      <p className={styles.reason}>{reason}</p>
      <Link to={`/sessions/new?${start.toString()}`} className="button button--primary">
        Start this round
      </Link>
      <p className={styles.hint}>
        Whoever creates the session interviews in it: to answer this round yourself, send the link
        to the person who will interview you.
      </p>
    </>
  );
}
