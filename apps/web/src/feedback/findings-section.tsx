import type { Finding, Severity } from '@signal-room/domain';
import { SEVERITY_LABELS } from './feedback-labels';
import styles from './feedback-page.module.css';

const SEVERITY_ORDER: Record<Severity, number> = { risk: 0, concern: 1, note: 2 };

/** Every interpretation rule that fired, most serious first, its severity said in words. */
export function FindingsSection({ findings }: { findings: readonly Finding[] }) {
  const ordered = [...findings].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
  return (
    <section className={styles.section} aria-labelledby="findings-heading">
      <h2 id="findings-heading" className={styles.sectionTitle}>
        How the rules read the scores
      </h2>
      <p className={styles.intro}>
        The same rules a hiring panel applies: a 1 in a core signal, several 2s together, and a
        floor below the bar all weigh more than any single strong score.
      </p>
      {ordered.length === 0 ? (
        <p className="muted">No rule raised a finding.</p>
      ) : (
        <ul className={styles.findings}>
          {ordered.map((finding) => (
            <li key={finding.rule} className={styles.finding}>
              <span className={`${styles.severity} ${styles[finding.severity]}`}>
                {SEVERITY_LABELS[finding.severity]}
              </span>
              <span>{finding.message}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
