import { Link, useParams } from 'react-router';
import { ApiRequestError, getSharedProgress } from '../api/client';
import { ErrorNotice } from '../ui/error-notice';
import { DrillsDone } from './drills-done';
import { HiddenByRound } from './hidden-by-round';
import { SignalTrends } from './signal-trends';
import { useLoad } from './use-load';
import styles from './history-page.module.css';

/** Why a link shows nothing, when the answer says: revoked, or never a link at all. */
function deadLink(error: unknown): string | null {
  if (!(error instanceof ApiRequestError)) return null;
  if (error.code === 'SHARE_REVOKED') {
    return 'Whoever shared this progress page has revoked the link, so it no longer shows anything. Ask them for a new one if you still need it.';
  }
  if (error.code === 'NOT_FOUND') {
    return 'No progress page has this address. Check that the link was copied whole.';
  }
  return null;
}

/** A candidate's progress as whoever holds the link sees it: read-only, no sign-in. */
export default function SharedProgressPage() {
  const { token = '' } = useParams<{ token: string }>();
  const { loaded, retry } = useLoad(token, (signal) => getSharedProgress(token, signal));

  if (loaded.status === 'loading') {
    return (
      <p className="muted" role="status">
        Loading the shared progress…
      </p>
    );
  }
  if (loaded.status === 'failed') {
    const dead = deadLink(loaded.error);
    return (
      <div className={styles.page}>
        <h1 className={styles.title}>
          {dead ? 'This progress page is not available' : 'Shared progress'}
        </h1>
        {dead ? (
          <div className="notice">
            <p>{dead}</p>
          </div>
        ) : (
          <ErrorNotice error={loaded.error} onRetry={retry} />
        )}
        <p>
          <Link to="/">What is Signal Room?</Link>
        </p>
      </div>
    );
  }
  const progress = loaded.data;
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <h1 className={styles.title}>{progress.displayName}’s progress</h1>
        <p className={styles.lede}>
          Shared read-only from Signal Room: the interviewer’s scores in each mock interview whose
          feedback is out, oldest first, and the signals each round left without evidence.
        </p>
      </header>
      <section className={styles.section} aria-labelledby="shared-scores-heading">
        <h2 id="shared-scores-heading" className={styles.sectionTitle}>
          Scores, signal by signal
        </h2>
        <SignalTrends trends={progress} shared />
      </section>
      <section className={styles.section} aria-labelledby="shared-hidden-heading">
        <h2 id="shared-hidden-heading" className={styles.sectionTitle}>
          Hidden signals, round by round
        </h2>
        <HiddenByRound rounds={progress.rounds} />
      </section>
      <section className={styles.section} aria-labelledby="shared-drills-heading">
        <h2 id="shared-drills-heading" className={styles.sectionTitle}>
          Drills done
        </h2>
        <DrillsDone drills={progress.drillsDone} />
      </section>
    </div>
  );
}
