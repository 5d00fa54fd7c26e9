import type { FeedbackDocument } from '@signal-room/domain';
import { signalById } from '@signal-room/domain';
import { LayerMark } from '../catalog/layer-mark';
import styles from './feedback-page.module.css';

/** How many of a signal's strong behaviours to suggest as a way to make it visible. */
const SUGGESTIONS = 2;

/**
 * Signals the round expected but never saw: the reasoning may have been there, but nothing
 * observable was written down, and an interviewer can only score what they observe.
 */
export function HiddenSignalsSection({ hidden }: { hidden: FeedbackDocument['hiddenSignals'] }) {
  return (
    <section className={styles.section} aria-labelledby="hidden-heading">
      <h2 id="hidden-heading" className={styles.sectionTitle}>
        Hidden signals
      </h2>
      {hidden.length === 0 ? (
        <p className="muted">
          None: every signal this round expects showed at least one piece of evidence.
        </p>
      ) : (
        <>
          <p className={styles.intro}>
            Expected by this round, but never made visible: the interviewer recorded no evidence of
            them. You may well have had the reasoning; it stayed in your head, and reasoning nobody
            hears scores as absent.
          </p>
          <ul className={styles.hiddenList}>
            {hidden.map((entry) => (
              <li key={entry.signal} className={`card ${styles.hiddenCard}`}>
                <div className={styles.signalHeader}>
                  <h3 className={styles.cardTitle}>{entry.name}</h3>
                  <LayerMark layer={entry.layer} />
                </div>
                <p className={styles.todo}>Next time, say or do something like:</p>
                <ul>
                  {signalById(entry.signal)
                    .strong.slice(0, SUGGESTIONS)
                    .map((behaviour) => (
                      <li key={behaviour}>{behaviour}</li>
                    ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
