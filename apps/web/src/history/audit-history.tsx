import type { AuditEntry } from '@signal-room/domain';
import type { SessionSummary } from '@signal-room/protocol';
import { signalById } from '@signal-room/domain';
import { Link } from 'react-router';
import { getAuditHistory } from '../api/client';
import { OffsetTime } from '../feedback/offset-time';
import { ErrorNotice } from '../ui/error-notice';
import { dayFormat } from './labels';
import { sessionDate } from './session-filters';
import { useLoad } from './use-load';
import styles from '../feedback/audit-section.module.css';

/** Every audit entry the person wrote, by the round it audits, and whether it has been heard. */
export function AuditHistory({ sessions }: { sessions: readonly SessionSummary[] }) {
  const audit = useLoad('audit-history', getAuditHistory);
  if (audit.loaded.status === 'loading') {
    return (
      <p className="muted" role="status">
        Loading your audit…
      </p>
    );
  }
  if (audit.loaded.status === 'failed') {
    return <ErrorNotice error={audit.loaded.error} onRetry={audit.retry} />;
  }
  const { entries } = audit.loaded.data;
  if (entries.length === 0) {
    return (
      <p className="muted">
        No audit entries yet. After a round&apos;s feedback is out, its page asks what you decided
        and never said.
      </p>
    );
  }
  const rounds = [...new Set(entries.map((entry) => entry.sessionId))];
  return (
    <ul className={styles.list} aria-label="Your audits">
      {rounds.map((sessionId) => (
        <AuditedRound
          key={sessionId}
          session={sessions.find((session) => session.id === sessionId)}
          sessionId={sessionId}
          entries={entries.filter((entry) => entry.sessionId === sessionId)}
        />
      ))}
    </ul>
  );
}

function AuditedRound({
  session,
  sessionId,
  entries,
}: {
  session: SessionSummary | undefined;
  sessionId: string;
  entries: AuditEntry[];
}) {
  const title = session?.promptTitle ?? 'A past round';
  return (
    <li className={`card ${styles.card}`}>
      <div className={styles.header}>
        <h3>{title}</h3>
        {session && (
          <time className={styles.meta} dateTime={sessionDate(session)}>
            {dayFormat.format(new Date(sessionDate(session)))}
          </time>
        )}
      </div>
      <ul className={styles.entries}>
        {entries.map((entry) => (
          <li key={entry.id} className={styles.entry}>
            <span className="badge">{signalById(entry.signal).name}</span>
            <p className={styles.sentence}>{entry.sentence}</p>
            {entry.offsetMs !== null && (
              <span className={styles.meta}>
                at <OffsetTime ms={entry.offsetMs} />
              </span>
            )}
            {entry.visibleInSessionId ? (
              <Link className={styles.heard} to={`/sessions/${entry.visibleInSessionId}/feedback`}>
                Heard in a later round
              </Link>
            ) : (
              <span className={styles.meta}>Still unsaid</span>
            )}
          </li>
        ))}
      </ul>
      <Link to={`/sessions/${sessionId}/feedback`}>
        Edit this audit<span className="visually-hidden">{` for ${title}`}</span>
      </Link>
    </li>
  );
}
