import type { FeedbackDocument } from '@signal-room/domain';
import styles from './feedback-page.module.css';

/**
 * The interviewer's own words first: how the round went, and the one thing to practise next.
 * Feedback stored before summaries existed has no summary key, read the same as none written.
 */
export function SummarySection({ summary }: { summary: FeedbackDocument['summary'] | undefined }) {
  return (
    <section className={`card ${styles.summary}`} aria-labelledby="summary-heading">
      <h2 id="summary-heading" className={styles.sectionTitle}>
        From your interviewer
      </h2>
      {summary ? (
        <>
          <p className={styles.summaryText}>{summary.text}</p>
          <div className={styles.practiseNext}>
            <h3 className={styles.subheading}>One thing to practise next</h3>
            <p>{summary.practiseNext}</p>
          </div>
        </>
      ) : (
        <p className="muted">Your interviewer wrote no summary for this round.</p>
      )}
    </section>
  );
}
