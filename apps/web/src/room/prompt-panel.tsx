import type { RoomState, RoundType } from '@signal-room/domain';
import { layerOf } from '@signal-room/domain';
import { useId } from 'react';
import type { QueuedCommand } from '@signal-room/room-client';
import type { RoomActions } from './room-actions';
import { isQueued } from './pending';
import { SignalBadge } from './signal-badge';
import styles from './prompt-panel.module.css';

interface PromptPanelProps {
  state: RoomState;
  roundType: RoundType;
  pending: readonly QueuedCommand[];
  /** Controls for revealing the prompt and hints; left out for observers. */
  actions?: RoomActions;
}

/** The prompt as staff see it: text, hints and what the candidate can see, follow-ups, guide. */
export function PromptPanel({ state, roundType, pending, actions }: PromptPanelProps) {
  const headingId = useId();
  const { prompt } = state;
  if (!prompt) {
    return (
      <section className={`card ${styles.panel}`} aria-labelledby={headingId}>
        <h2 id={headingId} className={styles.heading}>
          Prompt
        </h2>
        <p className="muted">This session has no prompt. Run the round from your own material.</p>
      </section>
    );
  }

  const revealing = isQueued(pending, 'prompt.reveal');
  const revealed = state.promptRevealed || revealing;
  const queuedHints = pending.filter((command) => command.type === 'hint.reveal').length;
  const hintsShown = Math.min(prompt.hints.length, state.hintsRevealed + queuedHints);
  const ended = state.status === 'ended';

  return (
    <section className={`card ${styles.panel}`} aria-labelledby={headingId}>
      <div className={styles.top}>
        <h2 id={headingId} className={styles.heading}>
          {prompt.title}
        </h2>
        <p className={styles.visibility}>
          {state.promptRevealed
            ? 'The candidate can see this prompt.'
            : revealing
              ? 'Revealing to the candidate (not sent yet)…'
              : 'Hidden from the candidate.'}
        </p>
        {actions && !state.promptRevealed && (
          <button
            type="button"
            className="button button--primary"
            disabled={revealing}
            onClick={() => actions.send('prompt.reveal', {})}
          >
            Reveal prompt
          </button>
        )}
      </div>
      <p className={styles.body}>{prompt.body}</p>

      {prompt.hints.length > 0 && (
        <div className={styles.block}>
          <div className={styles.blockTop}>
            <h3 className={styles.subheading}>
              Hints · {hintsShown} of {prompt.hints.length} revealed
            </h3>
            {actions && (
              <button
                type="button"
                className="button"
                disabled={!revealed || hintsShown >= prompt.hints.length}
                onClick={() => actions.send('hint.reveal', {})}
              >
                {hintsShown >= prompt.hints.length
                  ? 'Every hint is revealed'
                  : `Reveal next hint (${hintsShown + 1} of ${prompt.hints.length})`}
              </button>
            )}
          </div>
          <ol className={styles.hints}>
            {prompt.hints.map((hint, index) => {
              const shown = index < state.hintsRevealed;
              const sending = !shown && index < hintsShown;
              return (
                <li key={index} className={shown ? styles.hintShown : undefined}>
                  <span>{hint}</span>{' '}
                  <span className={styles.hintState}>
                    {shown ? 'Revealed' : sending ? 'Revealing, not sent yet' : 'Not revealed'}
                  </span>
                </li>
              );
            })}
          </ol>
          {actions && !revealed && <p className="muted">Reveal the prompt before any hint.</p>}
        </div>
      )}

      {prompt.followUps.length > 0 && (
        <div className={styles.block}>
          <h3 className={styles.subheading}>Follow-ups, once the main answer is in</h3>
          <ul>
            {prompt.followUps.map((followUp, index) => (
              <li key={index}>{followUp}</li>
            ))}
          </ul>
        </div>
      )}

      {prompt.guide && (
        <div className={styles.block}>
          <h3 className={styles.subheading}>What a strong answer contains</h3>
          <ol className={styles.points}>
            {prompt.guide.strongAnswer.map((point, index) => (
              <li key={index}>
                <span>{point.point}</span>
                <span className={styles.pointSignal}>
                  <SignalBadge signal={point.signal} layer={layerOf(roundType, point.signal)} />
                </span>
              </li>
            ))}
          </ol>
          <h3 className={styles.subheading}>Three levels of answer</h3>
          <dl className={styles.levels}>
            <dt>Weak</dt>
            <dd>{prompt.guide.levels.weak}</dd>
            <dt>Mid-level</dt>
            <dd>{prompt.guide.levels.mid}</dd>
            <dt>Senior</dt>
            <dd>{prompt.guide.levels.senior}</dd>
          </dl>
        </div>
      )}
      {ended && !state.promptRevealed && (
        <p className="muted">The round ended before the prompt was revealed.</p>
      )}
    </section>
  );
}
