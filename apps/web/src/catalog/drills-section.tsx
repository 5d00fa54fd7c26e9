import type { CatalogResponse } from '@signal-room/protocol';
import type { SignalNames } from './signal-names';
import { SignalTags } from './signal-tags';
import pageStyles from './catalog-page.module.css';
import styles from './practice-list.module.css';

interface DrillsSectionProps {
  drills: CatalogResponse['drills'];
  names: SignalNames;
}

export function DrillsSection({ drills, names }: DrillsSectionProps) {
  return (
    <section id="drills" className={pageStyles.section} aria-labelledby="drills-heading">
      <div className={pageStyles.intro}>
        <h2 id="drills-heading">Drills</h2>
        <p>
          Short exercises to do alone or with a partner between rounds. Feedback suggests the ones
          that train the signals you left hidden.
        </p>
      </div>
      <ul className={styles.list}>
        {drills.map((drill) => (
          <li key={drill.id} className={styles.item}>
            <div className={styles.titleRow}>
              <h3 className={styles.name}>{drill.name}</h3>
              <span className={styles.minutes}>{drill.minutes} min</span>
            </div>
            <p className={styles.description}>{drill.description}</p>
            <SignalTags ids={drill.signals} names={names} label="Signals it trains" />
            <details className={styles.more}>
              <summary>Steps</summary>
              <ol>
                {drill.steps.map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ol>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
