import type { FeedbackDocument } from '@signal-room/domain';
import styles from './feedback-page.module.css';

/** The drills that train the weakest or hidden signals, each with its steps. */
export function DrillsSection({ drills }: { drills: FeedbackDocument['drills'] }) {
  return (
    <section className={styles.section} aria-labelledby="drills-heading">
      <h2 id="drills-heading" className={styles.sectionTitle}>
        Recommended drills
      </h2>
      {drills.length === 0 ? (
        <p className="muted">None this time: no signal scored low and none stayed hidden.</p>
      ) : (
        <div className={styles.drillGrid}>
          {drills.map((drill) => (
            <article
              key={drill.drill}
              className={`card ${styles.drill}`}
              aria-labelledby={`drill-${drill.drill}`}
            >
              <h3 id={`drill-${drill.drill}`} className={styles.cardTitle}>
                {drill.name}
              </h3>
              <p>{drill.description}</p>
              <p className={styles.why}>
                <strong>Why this one:</strong> {drill.reason}
              </p>
              <h4 className={styles.subheading}>Steps</h4>
              <ol className={styles.steps}>
                {drill.steps.map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ol>
            </article>
          ))}
        </div>
      )}
    </section>
  );
}
