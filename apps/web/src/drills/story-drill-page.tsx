import type { SignalId } from '@signal-room/domain';
import { SIGNAL_IDS, drillById, signalById } from '@signal-room/domain';
import { useState } from 'react';
import { ErrorNotice } from '../ui/error-notice';
import { CountdownDisplay, useCountdown } from './countdown';
import { DrillHeader } from './drill-header';
import { useSaveDrill } from './use-save-drill';
import styles from './drills.module.css';

type Mode = 'typed' | 'spoken';

const noSentences = (): Record<SignalId, string> =>
  Object.fromEntries(SIGNAL_IDS.map((id) => [id, ''])) as Record<SignalId, string>;

export default function StoryDrillPage() {
  const seconds = drillById('signal-balanced-story').answerSeconds ?? 180;
  const countdown = useCountdown(seconds);
  const { save, saving, error } = useSaveDrill('signal-balanced-story');
  const [project, setProject] = useState('');
  const [sentences, setSentences] = useState(noSentences);
  const [mode, setMode] = useState<Mode>('typed');
  const [answer, setAnswer] = useState('');
  const [said, setSaid] = useState<SignalId[]>([]);
  const writing = !countdown.active && !countdown.over;

  const submit = () =>
    save({
      project,
      sentences,
      answer: mode === 'typed' ? { mode, text: answer } : { mode, said },
      elapsedSeconds: countdown.elapsedSeconds(),
    });

  return (
    <div className={styles.page}>
      <DrillHeader drill="signal-balanced-story">
        <p>
          Pick one project you shaped yourself. Write one sentence for each signal, each naming
          something you decided, built, tested or learned. Then tell the story in {seconds / 60}{' '}
          minutes without looking at the sentences: typed here, or aloud to a peer beside you.
          Saving shows which sentences did not make it into the answer.
        </p>
      </DrillHeader>

      {writing ? (
        <form
          className={styles.form}
          onSubmit={(event) => {
            event.preventDefault();
            countdown.start();
          }}
        >
          <div className="field">
            <label htmlFor="project">Project</label>
            <input
              id="project"
              required
              value={project}
              onChange={(event) => setProject(event.target.value)}
            />
          </div>
          {SIGNAL_IDS.map((signal) => (
            <div key={signal} className="field">
              <label htmlFor={`sentence-${signal}`}>{signalById(signal).name}</label>
              <span className="hint" id={`sentence-${signal}-hint`}>
                {signalById(signal).question}
              </span>
              <textarea
                id={`sentence-${signal}`}
                aria-describedby={`sentence-${signal}-hint`}
                required
                rows={2}
                value={sentences[signal]}
                onChange={(event) =>
                  setSentences((current) => ({ ...current, [signal]: event.target.value }))
                }
              />
            </div>
          ))}
          <fieldset className={styles.choice}>
            <legend className={styles.legend}>How you will answer</legend>
            {(
              [
                ['typed', 'Type the answer here'],
                ['spoken', 'Say it aloud to a peer, then tick what you said'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className={styles.option}>
                <input
                  type="radio"
                  name="mode"
                  value={value}
                  checked={mode === value}
                  onChange={() => setMode(value)}
                />
                {label}
              </label>
            ))}
          </fieldset>
          <div className={styles.actions}>
            <button type="submit" className="button button--primary">
              Start the {seconds / 60}-minute answer
            </button>
          </div>
        </form>
      ) : (
        <section className={styles.form} aria-labelledby="answer-heading">
          <h2 id="answer-heading" className={styles.sectionTitle}>
            {project}: your answer
          </h2>
          <div className={styles.timerBar}>
            <CountdownDisplay countdown={countdown} />
            {countdown.active && (
              <button type="button" className="button" onClick={countdown.finish}>
                Done
              </button>
            )}
          </div>
          {mode === 'typed' ? (
            <div className="field">
              <label htmlFor="answer">Your answer</label>
              <textarea
                id="answer"
                rows={10}
                readOnly={countdown.over}
                value={answer}
                onChange={(event) => setAnswer(event.target.value)}
              />
            </div>
          ) : countdown.active ? (
            <p>Tell your peer the story now. Your sentences stay hidden until the time is up.</p>
          ) : (
            <fieldset className={styles.choice}>
              <legend className={styles.legend}>Tick each sentence you said</legend>
              {SIGNAL_IDS.map((signal) => (
                <label key={signal} className={styles.option}>
                  <input
                    type="checkbox"
                    checked={said.includes(signal)}
                    onChange={(event) =>
                      setSaid((current) =>
                        event.target.checked
                          ? [...current, signal]
                          : current.filter((id) => id !== signal),
                      )
                    }
                  />
                  <span>
                    <strong>{signalById(signal).name}:</strong> {sentences[signal]}
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          {countdown.over && (
            <>
              {error !== null && <ErrorNotice error={error} />}
              <div className={styles.actions}>
                <button
                  type="button"
                  className="button button--primary"
                  disabled={saving}
                  onClick={submit}
                >
                  {saving ? 'Saving…' : 'Save and see what was left out'}
                </button>
              </div>
            </>
          )}
        </section>
      )}
    </div>
  );
}
