import type { ProgressShare } from '@signal-room/protocol';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  createProgressShare,
  getProgress,
  listProgressShares,
  revokeProgressShare,
} from '../api/client';
import { ErrorNotice } from '../ui/error-notice';
import { DrillsDone } from './drills-done';
import { HiddenByRound } from './hidden-by-round';
import { SignalTrends } from './signal-trends';
import { useLoad } from './use-load';
import styles from './history-page.module.css';

const madeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export default function ProgressPage() {
  const progress = useLoad('progress', getProgress);
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <h1 className={styles.title}>Your progress</h1>
        <p className={styles.lede}>
          Rounds where you were the candidate and the feedback is out, oldest first: how each signal
          was scored, and how many signals stayed hidden each time.
        </p>
        <p>
          <Link to="/history">All past sessions</Link>
        </p>
      </header>

      {progress.loaded.status === 'loading' && (
        <p className="muted" role="status">
          Loading your progress…
        </p>
      )}
      {progress.loaded.status === 'failed' && (
        <ErrorNotice error={progress.loaded.error} onRetry={progress.retry} />
      )}
      {progress.loaded.status === 'done' && (
        <>
          <section className={styles.section} aria-labelledby="progress-scores-heading">
            <h2 id="progress-scores-heading" className={styles.sectionTitle}>
              Scores, signal by signal
            </h2>
            <SignalTrends trends={progress.loaded.data} />
          </section>
          <section className={styles.section} aria-labelledby="progress-hidden-heading">
            <h2 id="progress-hidden-heading" className={styles.sectionTitle}>
              Hidden signals, round by round
            </h2>
            <p className={styles.intro}>
              Signals the round expected where the interviewer wrote down no evidence: reasoning you
              may have had but did not say aloud. Fewer over time is the aim.
            </p>
            <HiddenByRound rounds={progress.loaded.data.rounds} />
          </section>
          <section className={styles.section} aria-labelledby="progress-drills-heading">
            <h2 id="progress-drills-heading" className={styles.sectionTitle}>
              Drills done
            </h2>
            <DrillsDone drills={progress.loaded.data.drillsDone} />
          </section>
        </>
      )}

      <ShareLinks />
    </div>
  );
}

/**
 * Links anyone can open without an account, to show a coach or a peer how the rounds went. Each
 * can be revoked; a new link's address is shown once, since only its hash is kept.
 */
function ShareLinks() {
  const shares = useLoad('progress-shares', listProgressShares);
  const [made, setMade] = useState<ProgressShare | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      shares.retry();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };
  const live =
    shares.loaded.status === 'done'
      ? shares.loaded.data.filter((share) => share.revokedAt === null)
      : [];

  return (
    <section className={styles.section} aria-labelledby="share-heading">
      <h2 id="share-heading" className={styles.sectionTitle}>
        Share a read-only view
      </h2>
      <p className={styles.intro}>
        Whoever has the link sees your released scores and hidden signals, and your display name.
        Never your self-assessment, a note, or a round whose feedback is not out.
      </p>
      <div className={styles.actions}>
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => void act(async () => setMade(await createProgressShare()))}
        >
          Make a share link
        </button>
      </div>
      {made?.url && (
        <div className="notice" role="status">
          <p>
            Your new link (copy it now: it is shown only once):{' '}
            <a className={styles.shareUrl} href={made.url}>
              {made.url}
            </a>
          </p>
        </div>
      )}
      {error !== null && <ErrorNotice error={error} />}
      {shares.loaded.status === 'failed' && (
        <ErrorNotice error={shares.loaded.error} onRetry={shares.retry} />
      )}
      {shares.loaded.status === 'done' &&
        (live.length === 0 ? (
          <p className="muted">No link is open.</p>
        ) : (
          <ul className={styles.shareList} aria-label="Open share links">
            {live.map((share) => (
              <li key={share.id} className={`card ${styles.share}`}>
                <span>Made {madeFormat.format(new Date(share.createdAt))}</span>
                <button
                  type="button"
                  className="button button--danger"
                  disabled={busy}
                  onClick={() =>
                    void act(async () => {
                      await revokeProgressShare(share.id);
                      if (made?.id === share.id) setMade(null);
                    })
                  }
                >
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
