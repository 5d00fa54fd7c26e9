import { getTrends, listSessions } from '../api/client';
import { ErrorNotice } from '../ui/error-notice';
import { AuditHistory } from './audit-history';
import { LoopSection } from './loop-section';
import { pastSessions } from './session-filters';
import { SessionHistory } from './session-history';
import { SignalTrends } from './signal-trends';
import { useLoad } from './use-load';
import styles from './history-page.module.css';

export default function HistoryPage() {
  const sessions = useLoad('sessions', async (signal) =>
    pastSessions((await listSessions(signal)).sessions),
  );
  const trends = useLoad('trends', getTrends);

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <h1 className={styles.title}>History</h1>
        <p className={styles.lede}>
          Every round you have finished, how each signal has moved across them, and several rounds
          read together the way a hiring panel reads a loop.
        </p>
      </header>

      <section className={styles.section} aria-labelledby="past-heading">
        <h2 id="past-heading" className={styles.sectionTitle}>
          Past sessions
        </h2>
        {sessions.loaded.status === 'loading' && (
          <p className="muted" role="status">
            Loading your sessions…
          </p>
        )}
        {sessions.loaded.status === 'failed' && (
          <ErrorNotice error={sessions.loaded.error} onRetry={sessions.retry} />
        )}
        {sessions.loaded.status === 'done' && <SessionHistory sessions={sessions.loaded.data} />}
      </section>

      <section className={styles.section} aria-labelledby="audit-heading">
        <h2 id="audit-heading" className={styles.sectionTitle}>
          Your hidden-signal audits
        </h2>
        <p className={styles.intro}>
          What you wrote, after each round, that you had decided and never said. Each stays on your
          next interviewer&apos;s watch list until one hears you say it.
        </p>
        {sessions.loaded.status === 'done' ? (
          <AuditHistory sessions={sessions.loaded.data} />
        ) : (
          <p className="muted">Your audits appear here once the list of sessions has loaded.</p>
        )}
      </section>

      <section className={styles.section} aria-labelledby="trends-heading">
        <h2 id="trends-heading" className={styles.sectionTitle}>
          Signal trends
        </h2>
        <p className={styles.intro}>
          Your scores as a candidate in rounds whose feedback is out, oldest first, each signal on
          its own 1–5 scale.
        </p>
        {trends.loaded.status === 'loading' && (
          <p className="muted" role="status">
            Loading your trends…
          </p>
        )}
        {trends.loaded.status === 'failed' && (
          <ErrorNotice error={trends.loaded.error} onRetry={trends.retry} />
        )}
        {trends.loaded.status === 'done' && <SignalTrends trends={trends.loaded.data} />}
      </section>

      <section className={styles.section} aria-labelledby="loop-heading">
        <h2 id="loop-heading" className={styles.sectionTitle}>
          Read rounds as one loop
        </h2>
        {sessions.loaded.status === 'done' ? (
          <LoopSection sessions={sessions.loaded.data} />
        ) : (
          <p className="muted">Your rounds appear here once the list of sessions has loaded.</p>
        )}
      </section>
    </div>
  );
}
