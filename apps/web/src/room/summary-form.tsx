import type { RoomState } from '@signal-room/domain';
import { SUMMARY_LIMITS } from '@signal-room/protocol';
import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import { isQueued } from './pending';
import type { QueuedCommand } from '@signal-room/room-client';
import type { RoomActions } from './room-actions';
import styles from './summary-form.module.css';

interface SummaryFormProps {
  state: RoomState;
  pending: readonly QueuedCommand[];
  actions: RoomActions;
  /** Where other parts of the room point to, so "write your summary" can take you to it. */
  id?: string;
}

/**
 * The interviewer's own words at the top of the feedback: how the round went, and the one thing
 * to practise next. Written any time once the round has started and saved again as often as
 * needed; the candidate reads it only when the feedback is released, so it closes then.
 */
export function SummaryForm({ state, pending, actions, id }: SummaryFormProps) {
  const fieldId = useId();
  const [text, setText] = useState(state.summary?.text ?? '');
  const [practiseNext, setPractiseNext] = useState(state.summary?.practiseNext ?? '');
  const saving = isQueued(pending, 'summary.write');
  const saved = state.summary;
  const draft = { text: text.trim(), practiseNext: practiseNext.trim() };
  const changed =
    draft.text !== (saved?.text ?? '') || draft.practiseNext !== (saved?.practiseNext ?? '');
  const complete = draft.text !== '' && draft.practiseNext !== '';

  if (state.feedbackReleased) {
    return (
      <section className={`card ${styles.form}`} aria-labelledby={`${fieldId}-heading`} id={id}>
        <h2 id={`${fieldId}-heading`} className={styles.heading}>
          Your summary
        </h2>
        {saved ? (
          <>
            <p className={styles.text}>{saved.text}</p>
            <p>
              <strong>One thing to practise next:</strong> {saved.practiseNext}
            </p>
            <p className="muted">The candidate reads this at the top of their feedback.</p>
          </>
        ) : (
          <p className="muted">You released the feedback without a summary.</p>
        )}
      </section>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (complete) actions.send('summary.write', draft);
  };

  const status = saving
    ? 'Saving (not sent yet)…'
    : changed
      ? saved
        ? 'You have changes that are not saved.'
        : 'Not saved yet.'
      : saved
        ? 'Saved.'
        : '';
  const audience =
    state.visibility === 'coaching' && state.status !== 'ended'
      ? 'The candidate reads it when the round ends, with the rest of the feedback.'
      : 'The candidate reads it when you release the feedback; until then you can change it.';

  return (
    <form
      className={`card ${styles.form}`}
      aria-labelledby={`${fieldId}-heading`}
      id={id}
      onSubmit={submit}
    >
      <h2 id={`${fieldId}-heading`} className={styles.heading}>
        Your summary for the candidate
      </h2>
      <p className="muted">
        It leads their feedback: a few lines on how the round went, and the one thing you would have
        them practise before the next one. {audience}
      </p>
      <div className="field">
        <label htmlFor={`${fieldId}-text`}>How the round went</label>
        <textarea
          id={`${fieldId}-text`}
          rows={4}
          maxLength={SUMMARY_LIMITS.text}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${fieldId}-next`}>One thing to practise next</label>
        <input
          id={`${fieldId}-next`}
          type="text"
          maxLength={SUMMARY_LIMITS.practiseNext}
          value={practiseNext}
          onChange={(event) => setPractiseNext(event.target.value)}
        />
      </div>
      <div className={styles.actions}>
        <button
          type="submit"
          className="button button--primary"
          disabled={!complete || !changed || saving}
        >
          Save the summary
        </button>
        <span className="muted" role="status">
          {status}
        </span>
      </div>
      {!complete && changed && (
        <p className="muted">Write both: how it went, and the one thing to practise next.</p>
      )}
    </form>
  );
}
