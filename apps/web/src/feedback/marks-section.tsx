import type { FeedbackDocument } from '@signal-room/domain';
import { ReplayMoment } from '../history/replay-moment';
import { OffsetTime } from './offset-time';
import styles from './feedback-page.module.css';

/**
 * The patterns the interviewer flagged, each at its time with what it tells an interviewer and
 * what to do instead, and the phases they marked.
 */
export function MarksSection({
  sessionId,
  flags,
  phases,
}: {
  sessionId: string;
  flags: FeedbackDocument['flags'];
  phases: FeedbackDocument['phases'];
}) {
  return (
    <div className={styles.marksColumns}>
      <section className={styles.section} aria-labelledby="flags-heading">
        <h2 id="flags-heading" className={styles.sectionTitle}>
          Flagged patterns
        </h2>
        {flags.length === 0 ? (
          <p className="muted">No failure pattern was flagged.</p>
        ) : (
          <ol className={styles.timedList}>
            {flags.map((flag, index) => (
              <li key={`${flag.flag}-${index}`}>
                <ReplayMoment sessionId={sessionId} ms={flag.offsetMs} className={styles.offset} />
                <div className={styles.flagDetail}>
                  <strong>{flag.name}</strong>
                  <p>{flag.meaning}</p>
                  <p>
                    <strong>Instead:</strong> {flag.instead}
                  </p>
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className={styles.section} aria-labelledby="phases-heading">
        <h2 id="phases-heading" className={styles.sectionTitle}>
          Phases
        </h2>
        {phases.length === 0 ? (
          <p className="muted">No phases were marked.</p>
        ) : (
          <ol className={styles.timedList}>
            {phases.map((phase, index) => (
              <li key={`${phase.phaseId}-${index}`}>
                <OffsetTime ms={phase.offsetMs} className={styles.offset} />
                <span>{phase.name}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
