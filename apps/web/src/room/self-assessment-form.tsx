import type { RoundType, Score, Scores, SignalId } from '@signal-room/domain';
import { SIGNAL_IDS, emptyScores, layerOf } from '@signal-room/domain';
import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import type { RoomActions } from './room-actions';
import { ScoreControl } from './score-control';
import styles from './self-assessment-form.module.css';

const NOT_SHOWN = {
  label: 'Not shown',
  description: 'I did not make this signal visible in the round.',
};

interface SelfAssessmentFormProps {
  roundType: RoundType;
  actions: RoomActions;
}

/**
 * The candidate's own reading of the round, sent before they see the interviewer's: a 1–5 or
 * "not shown" per signal with the rubric line for each choice, and a note.
 */
export function SelfAssessmentForm({ roundType, actions }: SelfAssessmentFormProps) {
  const id = useId();
  const [answers, setAnswers] = useState<Partial<Record<SignalId, Score | null>>>({});
  const [note, setNote] = useState('');
  const unanswered = SIGNAL_IDS.filter((signal) => answers[signal] === undefined).length;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A signal left unanswered is sent as not shown: the server takes all seven or none.
    const scores: Scores = { ...emptyScores(), ...answers };
    actions.send('self-assessment.submit', { scores, note: note.trim() });
  };

  return (
    <form className={`card ${styles.form}`} aria-labelledby={`${id}-heading`} onSubmit={submit}>
      <h2 id={`${id}-heading`} className={styles.heading}>
        How do you think it went?
      </h2>
      <p className="muted">
        Score each signal by what you think the interviewer could actually see, not what you had in
        mind. Your answers are set beside the interviewer&apos;s in the feedback: the gaps show
        where reasoning stayed in your head.
      </p>
      <div className={styles.signals}>
        {SIGNAL_IDS.map((signal) => (
          <ScoreControl
            key={signal}
            signal={signal}
            layer={layerOf(roundType, signal)}
            value={answers[signal]}
            noneOption={NOT_SHOWN}
            onChange={(score) => setAnswers((previous) => ({ ...previous, [signal]: score }))}
          />
        ))}
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>A note for yourself and the interviewer (optional)</label>
        <textarea
          id={`${id}-note`}
          rows={4}
          maxLength={4000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      {unanswered > 0 && (
        <p className="muted">
          {unanswered === 1 ? '1 signal is' : `${unanswered} signals are`} still unanswered and will
          be sent as not shown.
        </p>
      )}
      <div>
        <button type="submit" className="button button--primary">
          Send my self-assessment
        </button>
      </div>
    </form>
  );
}
