import type { Backing, BackingVerdicts, FeedbackDocument, SignalId } from '@signal-room/domain';
import type { Rating, SessionSummary } from '@signal-room/protocol';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { getRating, saveRating } from '../api/client';
import { useLoad } from '../history/use-load';
import { ErrorNotice } from '../ui/error-notice';
import styles from './feedback-page.module.css';

const BACKING_LABELS: Record<Backing, string> = {
  backed: 'The evidence backs it',
  unbacked: 'The evidence does not back it',
};

const scoredSignals = (doc: FeedbackDocument) =>
  doc.signals.filter((entry) => entry.score !== null);

/**
 * Feedback on the feedback, between the candidate and the interviewer only: the candidate
 * judges, once the feedback is theirs, whether the evidence shown backs each score; the
 * interviewer reads what they said. An observer is never asked for it.
 */
export function RatingSection({
  session,
  doc,
}: {
  session: SessionSummary;
  doc: FeedbackDocument;
}) {
  const candidate = session.myRole === 'candidate';
  const { loaded, retry } = useLoad(session.myRole === 'observer' ? null : session.id, (signal) =>
    getRating(session.id, signal),
  );
  if (session.myRole === 'observer' || scoredSignals(doc).length === 0) return null;
  return (
    <section className={styles.section} aria-labelledby="rating-heading">
      <h2 id="rating-heading" className={styles.sectionTitle}>
        {candidate ? 'Was each score backed?' : 'How the candidate judged your scores'}
      </h2>
      <p className={styles.intro}>
        {candidate
          ? 'For each score, say whether the evidence above is enough to justify it. Only your interviewer reads this; it builds their profile as an interviewer.'
          : 'The candidate’s verdict on whether the evidence you showed backs each score. It counts towards your interviewer profile.'}
      </p>
      {loaded.status === 'loading' && (
        <p className="muted" role="status">
          Loading the rating…
        </p>
      )}
      {loaded.status === 'failed' && <ErrorNotice error={loaded.error} onRetry={retry} />}
      {loaded.status === 'done' &&
        (candidate ? (
          <RatingForm sessionId={session.id} doc={doc} saved={loaded.data.rating} />
        ) : (
          <RatingReadout doc={doc} rating={loaded.data.rating} />
        ))}
    </section>
  );
}

function RatingReadout({ doc, rating }: { doc: FeedbackDocument; rating: Rating | null }) {
  if (rating === null) {
    return <p className="muted">The candidate has not rated this feedback yet.</p>;
  }
  return (
    <div className={`card ${styles.rating}`}>
      <ul className={styles.verdictList}>
        {scoredSignals(doc).map((entry) => {
          const verdict = rating.verdicts[entry.signal];
          return (
            <li key={entry.signal}>
              <strong>
                {entry.name} ({entry.score})
              </strong>
              : {verdict === undefined ? 'not judged' : BACKING_LABELS[verdict].toLowerCase()}
            </li>
          );
        })}
      </ul>
      {rating.comment && <p className={styles.ratingComment}>“{rating.comment}”</p>}
    </div>
  );
}

function RatingForm({
  sessionId,
  doc,
  saved,
}: {
  sessionId: string;
  doc: FeedbackDocument;
  saved: Rating | null;
}) {
  const [verdicts, setVerdicts] = useState<BackingVerdicts>(saved?.verdicts ?? {});
  const [comment, setComment] = useState(saved?.comment ?? '');
  const [state, setState] = useState<
    { status: 'idle' | 'saving' | 'saved' } | { status: 'failed'; error: unknown }
  >({ status: saved ? 'saved' : 'idle' });

  const choose = (signal: SignalId, verdict: Backing) => {
    setVerdicts((current) => ({ ...current, [signal]: verdict }));
    setState({ status: 'idle' });
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState({ status: 'saving' });
    try {
      await saveRating(sessionId, { verdicts, comment });
      setState({ status: 'saved' });
    } catch (error) {
      setState({ status: 'failed', error });
    }
  };
  const empty = Object.keys(verdicts).length === 0 && comment.trim() === '';

  return (
    <form className={`card ${styles.rating}`} onSubmit={(event) => void submit(event)}>
      {scoredSignals(doc).map((entry) => (
        <fieldset key={entry.signal} className={styles.verdict}>
          <legend>
            {entry.name}: {entry.score}
            {entry.scoreLabel ? ` (${entry.scoreLabel})` : ''}
          </legend>
          {(['backed', 'unbacked'] as const).map((verdict) => (
            <label key={verdict} className={styles.verdictChoice}>
              <input
                type="radio"
                name={`verdict-${entry.signal}`}
                checked={verdicts[entry.signal] === verdict}
                onChange={() => choose(entry.signal, verdict)}
              />
              {BACKING_LABELS[verdict]}
            </label>
          ))}
        </fieldset>
      ))}
      <div className="field">
        <label htmlFor="rating-comment">A comment for your interviewer (optional)</label>
        <textarea
          id="rating-comment"
          rows={3}
          maxLength={2000}
          value={comment}
          onChange={(event) => {
            setComment(event.target.value);
            setState({ status: 'idle' });
          }}
        />
      </div>
      <div className={styles.actions}>
        <button
          type="submit"
          className="button button--primary"
          disabled={empty || state.status === 'saving'}
        >
          {state.status === 'saving'
            ? 'Saving…'
            : saved
              ? 'Save changes'
              : 'Send to the interviewer'}
        </button>
        {state.status === 'saved' && (
          <p className="muted" role="status">
            Saved. You can change it at any time.
          </p>
        )}
      </div>
      {state.status === 'failed' && <ErrorNotice error={state.error} />}
    </form>
  );
}
