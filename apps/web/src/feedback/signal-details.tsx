import type { SignalFeedback } from '@signal-room/domain';
import { LayerMark } from '../catalog/layer-mark';
import { POLARITY_LABELS, POLARITY_SYMBOLS } from './feedback-labels';
import { ReplayMoment } from '../history/replay-moment';
import styles from './feedback-page.module.css';

/** One card per signal: the score, what the rubric says it means, and the evidence behind it. */
export function SignalDetails({
  sessionId,
  signals,
}: {
  sessionId: string;
  signals: readonly SignalFeedback[];
}) {
  return (
    <section className={styles.section} aria-labelledby="signals-heading">
      <h2 id="signals-heading" className={styles.sectionTitle}>
        Signal by signal
      </h2>
      <p className={styles.intro}>
        Each score with the rubric text it stands for, and the timestamped evidence the interviewer
        wrote down while you spoke.
      </p>
      <div className={styles.signalGrid}>
        {signals.map((signal) => (
          <SignalCard key={signal.signal} sessionId={sessionId} signal={signal} />
        ))}
      </div>
    </section>
  );
}

function SignalCard({ sessionId, signal }: { sessionId: string; signal: SignalFeedback }) {
  const headingId = `signal-${signal.signal}`;
  return (
    <article className={`card ${styles.signalCard}`} aria-labelledby={headingId}>
      <div className={styles.signalHeader}>
        <h3 id={headingId} className={styles.cardTitle}>
          {signal.name}
        </h3>
        <LayerMark layer={signal.layer} />
      </div>
      <dl className={styles.scoreFacts}>
        <div>
          <dt>Interviewer</dt>
          <dd>
            {signal.score === null ? (
              'Not scored'
            ) : (
              <>
                <span className={styles.scoreValue}>{signal.score}</span> of 5 · {signal.scoreLabel}
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>Your score</dt>
          <dd>
            {signal.selfScore === null ? (
              'Not given'
            ) : (
              <>
                <span className={styles.scoreValue}>{signal.selfScore}</span> of 5
              </>
            )}
          </dd>
        </div>
      </dl>
      {signal.descriptor !== null && (
        <div className={styles.descriptor}>
          <h4 className={styles.subheading}>What this score means</h4>
          <p>{signal.descriptor}</p>
        </div>
      )}
      <h4 className={styles.subheading}>Evidence</h4>
      {signal.evidence.length === 0 ? (
        <p className="muted">No evidence was recorded for this signal.</p>
      ) : (
        <ol className={styles.evidence}>
          {signal.evidence.map((item, index) => (
            <li key={`${item.offsetMs}-${index}`} className={styles[item.polarity]}>
              <ReplayMoment
                sessionId={sessionId}
                ms={item.offsetMs}
                anchor={item.anchor}
                className={styles.offset}
              />
              <span className={styles.polarity}>
                <span aria-hidden="true">{POLARITY_SYMBOLS[item.polarity]}</span>{' '}
                {POLARITY_LABELS[item.polarity]}
              </span>
              <span className={styles.note}>{item.note}</span>
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}
