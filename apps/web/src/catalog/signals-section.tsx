import type { CatalogResponse } from '@signal-room/protocol';
import { SignalCard } from './signal-card';
import styles from './catalog-page.module.css';

export function SignalsSection({ signals }: { signals: CatalogResponse['signals'] }) {
  return (
    <section id="signals" className={styles.section} aria-labelledby="signals-heading">
      <div className={styles.intro}>
        <h2 id="signals-heading">The seven signals</h2>
        <p>
          Every round looks for evidence of the same seven signals. Each is scored from 1 to 5 on
          what the candidate visibly does; a 2 or a 4 sits between the anchors described here.
        </p>
      </div>
      <div className={styles.cardGrid}>
        {signals.map((signal) => (
          <SignalCard key={signal.id} signal={signal} />
        ))}
      </div>
    </section>
  );
}
