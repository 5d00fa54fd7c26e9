import type { CatalogResponse } from '@signal-room/protocol';
import type { SignalNames } from './signal-names';
import { SignalTags } from './signal-tags';
import pageStyles from './catalog-page.module.css';
import styles from './practice-list.module.css';

interface MovesSectionProps {
  moves: CatalogResponse['moves'];
  names: SignalNames;
}

export function MovesSection({ moves, names }: MovesSectionProps) {
  return (
    <section id="moves" className={pageStyles.section} aria-labelledby="moves-heading">
      <div className={pageStyles.intro}>
        <h2 id="moves-heading">Communication moves</h2>
        <p>
          Reasoning the interviewer cannot hear scores as reasoning that did not happen. These moves
          put it on the table, and interviewers mark them live.
        </p>
      </div>
      <ol className={styles.list}>
        {moves.map((move) => (
          <li key={move.id} className={styles.item}>
            <h3 className={styles.name}>{move.name}</h3>
            <p className={styles.description}>{move.description}</p>
            <SignalTags ids={move.signals} names={names} label="Signals it shows" />
            <details className={styles.more}>
              <summary>What it sounds like</summary>
              <ul>
                {move.cues.map((cue) => (
                  <li key={cue}>{cue}</li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
