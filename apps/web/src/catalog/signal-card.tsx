import { SCORE_LABELS } from '@signal-room/domain';
import type { CatalogResponse } from '@signal-room/protocol';
import styles from './signal-card.module.css';

type CatalogSignal = CatalogResponse['signals'][number];

const ANCHORS = [1, 3, 5] as const;

export function SignalCard({ signal }: { signal: CatalogSignal }) {
  const headingId = `signal-${signal.id}`;
  return (
    <article className={styles.card} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.name}>
        {signal.name}
      </h3>
      <p className={styles.question}>{signal.question}</p>

      <h4 className={styles.subheading}>Rubric</h4>
      <dl className={styles.rubric}>
        {ANCHORS.map((score) => (
          <div key={score} className={styles.anchor}>
            <dt>
              <span className={styles.score}>{score}</span> {SCORE_LABELS[score]}
            </dt>
            <dd>{signal.rubric[score]}</dd>
          </div>
        ))}
      </dl>

      <details className={styles.behaviours}>
        <summary>Strong and weak behaviours</summary>
        <div className={styles.columns}>
          <div className={styles.strong}>
            <h4 className={styles.subheading}>Strong evidence</h4>
            <ul>
              {signal.strong.map((behaviour) => (
                <li key={behaviour}>{behaviour}</li>
              ))}
            </ul>
          </div>
          <div className={styles.weak}>
            <h4 className={styles.subheading}>Weak evidence</h4>
            <ul>
              {signal.weak.map((behaviour) => (
                <li key={behaviour}>{behaviour}</li>
              ))}
            </ul>
          </div>
        </div>
      </details>
    </article>
  );
}
