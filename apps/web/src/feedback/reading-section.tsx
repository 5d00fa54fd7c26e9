import type { Reading } from '@signal-room/domain';
import { VERDICT_LABELS } from '@signal-room/domain';
import { VERDICT_TONES } from './feedback-labels';
import styles from './feedback-page.module.css';

/** The overall reading first: the verdict in words, then the rules that led to it. */
export function ReadingSection({ reading }: { reading: Reading }) {
  const tone = VERDICT_TONES[reading.verdict];
  return (
    <section className={`card ${styles.reading} ${styles[tone]}`} aria-labelledby="reading-heading">
      <h2 id="reading-heading" className={styles.sectionTitle}>
        Overall reading
      </h2>
      <p className={styles.verdict}>{VERDICT_LABELS[reading.verdict]}</p>
      <h3 className={styles.subheading}>Why</h3>
      <ul className={styles.reasons}>
        {reading.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </section>
  );
}
