import type { FeedbackDocument } from '@signal-room/domain';
import { Link } from 'react-router';
import { OffsetTime } from './offset-time';
import page from './feedback-page.module.css';
import styles from './audit-section.module.css';

/**
 * What the candidate's audits of earlier rounds asked this interviewer to listen for, and which
 * of it became visible evidence this time.
 */
export function WatchForSection({ items }: { items: NonNullable<FeedbackDocument['watchFor']> }) {
  if (items.length === 0) return null;
  const heard = items.filter((item) => item.seenAtMs !== null).length;
  return (
    <section className={page.section} aria-labelledby="watch-heading">
      <h2 id="watch-heading" className={page.sectionTitle}>
        From your audits: what became visible
      </h2>
      <p className={page.intro}>
        {heard} of {items.length} decisions you audited after earlier rounds were heard this time.
        The ones still unsaid stay on the list for your next mock.
      </p>
      <ul className={styles.entries} aria-label="Audit items watched for in this round">
        {items.map((item) => (
          <li key={item.id} className={styles.entry}>
            <span className="badge">{item.name}</span>
            <p className={styles.sentence}>{item.intent}</p>
            {item.seenAtMs === null ? (
              <span className={styles.meta}>Not heard this time</span>
            ) : (
              <span className={styles.heard}>
                Visible at <OffsetTime ms={item.seenAtMs} />
              </span>
            )}
            <Link className={styles.meta} to={`/sessions/${item.fromSessionId}/feedback`}>
              The round you audited
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
