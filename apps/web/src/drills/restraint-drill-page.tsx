import type { Prompt, SignalId } from '@signal-room/domain';
import {
  drillById,
  promptById,
  roundTypeById,
  signalById,
  splitSentences,
} from '@signal-room/domain';
import { useState } from 'react';
import { ErrorNotice } from '../ui/error-notice';
import { CountdownDisplay, useCountdown } from './countdown';
import { DrillHeader } from './drill-header';
import { SignalSelect } from './signal-select';
import { useSaveDrill } from './use-save-drill';
import styles from './drills.module.css';

const DRILL = drillById('primary-signal-restraint');
const SECONDS = DRILL.answerSeconds ?? 120;
const PROMPTS = DRILL.promptIds.flatMap((id) => promptById(id) ?? []);
const CUT = 'cut';

const namesOf = (ids: readonly SignalId[]): string =>
  ids.map((id) => signalById(id).name).join(', ');

interface Marked {
  promptId: string;
  sentences: { text: string; serves: string | null }[];
  elapsedSeconds: number;
}

/** One prompt: two minutes to answer, then each sentence marked with what it serves, or cut. */
function RestraintStep({
  prompt,
  position,
  onDone,
}: {
  prompt: Prompt;
  position: number;
  onDone: (answer: Marked) => void;
}) {
  const countdown = useCountdown(SECONDS);
  const [text, setText] = useState('');
  const [marks, setMarks] = useState<string[]>([]);
  const round = roundTypeById(prompt.roundType);
  const sentences = splitSentences(text);
  const headingId = `prompt-${position}-heading`;

  return (
    <section className={`card ${styles.form}`} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.sectionTitle}>
        Prompt {position + 1} of {PROMPTS.length}: {prompt.title}
      </h2>
      <p className="muted">
        A {round.name.toLowerCase()}. Primary: {namesOf(round.primary)}. Secondary:{' '}
        {namesOf(round.secondary)}.
      </p>
      <p>{prompt.body}</p>
      <div className={styles.timerBar}>
        <CountdownDisplay countdown={countdown} />
        {!countdown.active && !countdown.over && (
          <button type="button" className="button button--primary" onClick={countdown.start}>
            Start the {SECONDS / 60}-minute answer
          </button>
        )}
        {countdown.active && (
          <button type="button" className="button" onClick={countdown.finish}>
            Done
          </button>
        )}
      </div>
      {(countdown.active || countdown.over) && (
        <div className="field">
          <label htmlFor={`answer-${position}`}>Your answer</label>
          <textarea
            id={`answer-${position}`}
            rows={8}
            readOnly={countdown.over}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
      )}
      {countdown.over && (
        <form
          className={styles.form}
          onSubmit={(event) => {
            event.preventDefault();
            onDone({
              promptId: prompt.id,
              sentences: sentences.map((sentence, index) => ({
                text: sentence,
                serves: marks[index] === CUT ? null : (marks[index] ?? ''),
              })),
              elapsedSeconds: countdown.elapsedSeconds(),
            });
          }}
        >
          <h3 className={styles.subTitle}>The cut</h3>
          <p>
            For each sentence, choose the signal it serves in this round, or cut it if it serves
            none the round samples.
          </p>
          {sentences.length === 0 && <p className="muted">You wrote nothing to mark.</p>}
          <ol className={styles.sentences}>
            {sentences.map((sentence, index) => (
              <li key={`${index}-${sentence}`} className="field">
                <label htmlFor={`mark-${position}-${index}`}>{sentence}</label>
                <SignalSelect
                  id={`mark-${position}-${index}`}
                  round={round}
                  value={marks[index] ?? ''}
                  placeholder="Choose what it serves"
                  extra={[{ value: CUT, label: 'Nothing this round needs: cut it' }]}
                  onChange={(value) =>
                    setMarks((current) => {
                      const next = [...current];
                      next[index] = value;
                      return next;
                    })
                  }
                />
              </li>
            ))}
          </ol>
          <div className={styles.actions}>
            <button
              type="submit"
              className="button button--primary"
              disabled={sentences.length === 0}
            >
              {position + 1 < PROMPTS.length ? 'Next prompt' : 'Finish the cut'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

export default function RestraintDrillPage() {
  const { save, saving, error } = useSaveDrill('primary-signal-restraint');
  const [answers, setAnswers] = useState<Marked[]>([]);
  const current = PROMPTS[answers.length];

  return (
    <div className={styles.page}>
      <DrillHeader drill="primary-signal-restraint">
        <p>
          Three prompts from the bank: a coding one, a design one and a behavioural one. Answer each
          in {SECONDS / 60} minutes, then make the cut: mark what each sentence does for the round,
          and cut what serves neither its primary signals nor a natural secondary one.
        </p>
      </DrillHeader>
      {current ? (
        <RestraintStep
          key={current.id}
          prompt={current}
          position={answers.length}
          onDone={(answer) => setAnswers((done) => [...done, answer])}
        />
      ) : (
        <section className={styles.form} aria-labelledby="save-heading">
          <h2 id="save-heading" className={styles.sectionTitle}>
            All three answered and cut
          </h2>
          {error !== null && <ErrorNotice error={error} />}
          <div className={styles.actions}>
            <button
              type="button"
              className="button button--primary"
              disabled={saving}
              onClick={() => save({ answers })}
            >
              {saving ? 'Saving…' : 'Save and see the summary'}
            </button>
            <button
              type="button"
              className="button"
              disabled={saving}
              onClick={() => setAnswers([])}
            >
              Start again
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
