import type { FeedbackDocument } from '@signal-room/domain';
import { MISJUDGED_GAP } from '@signal-room/domain';
import { describeDifference } from './feedback-labels';
import styles from './feedback-page.module.css';

/** Where the candidate's own scores part from the interviewer's by enough to matter. */
export function SelfAssessmentSection({ doc }: { doc: FeedbackDocument }) {
  const { submitted, note, gaps } = doc.selfAssessment;
  const nameOf = (signal: string) =>
    doc.signals.find((entry) => entry.signal === signal)?.name ?? signal;
  return (
    <section className={styles.section} aria-labelledby="self-heading">
      <h2 id="self-heading" className={styles.sectionTitle}>
        Your self-assessment
      </h2>
      {!submitted ? (
        <p className="muted">
          You did not submit a self-assessment for this round, so there is nothing to compare.
          Scoring yourself before reading feedback is the quickest way to learn what you show.
        </p>
      ) : (
        <>
          {note.trim() !== '' && (
            <figure className={styles.selfNote}>
              <blockquote>
                <p>{note}</p>
              </blockquote>
              <figcaption className="muted">Your note after the round</figcaption>
            </figure>
          )}
          <h3 className={styles.groupTitle}>Where you misjudged what you showed</h3>
          {gaps.length === 0 ? (
            <p className="muted">
              Wherever you and the interviewer both scored, you were within {MISJUDGED_GAP - 1}{' '}
              point of each other.
            </p>
          ) : (
            <>
              <p className={styles.intro}>
                A gap of {MISJUDGED_GAP} points or more means you read your own answer differently
                from the person scoring it: worth knowing before the real loop.
              </p>
              <ul className={styles.gaps}>
                {gaps.map((gap) => (
                  <li key={gap.signal} className={styles.gap}>
                    <strong>{nameOf(gap.signal)}</strong>: you gave {gap.self}, the interviewer{' '}
                    {gap.interviewer}.{' '}
                    <span className={styles.gapWords}>
                      You rated yourself {describeDifference(gap.difference)}
                      {gap.difference > 0
                        ? ': more was in your head than reached the interviewer.'
                        : ': you showed more than you thought.'}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
