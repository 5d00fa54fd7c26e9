import type { RoundType, Scorecard as ScorecardData } from '@signal-room/domain';
import { SIGNAL_IDS, emptyScores, layerOf, signalById } from '@signal-room/domain';
import { useId } from 'react';
import { EvidenceList } from './evidence-list';
import type { Unsent } from '@signal-room/room-client';
import { marked } from './pending';
import type { RoomActions } from './room-actions';
import { ScoreControl } from './score-control';
import styles from './scorecard.module.css';

interface ScorecardProps {
  roundType: RoundType;
  /** The viewer's own card as the server has it; undefined until their first score or note. */
  card: ScorecardData | undefined;
  viewerId: string;
  /** What of the card is still in the outbox: shown, marked as not sent. */
  unsent: Unsent;
  actions: RoomActions;
  /** Closed once feedback is released. */
  disabled?: boolean;
  title?: string;
  /** Once the round has ended: the session whose replay each note's time opens. */
  replayOf?: string;
}

/**
 * The viewer's own scorecard: for each of the seven signals, its layer in this round, a 1–5 score
 * with the rubric shown while choosing, and the evidence behind it. What is still in the outbox
 * shows at once, marked as not sent.
 */
export function Scorecard({
  roundType,
  card,
  viewerId,
  unsent,
  actions,
  disabled = false,
  title = 'Your scorecard',
  replayOf,
}: ScorecardProps) {
  const id = useId();
  const scores = card?.scores ?? emptyScores();
  const evidence = marked(card?.evidence ?? [], unsent);

  return (
    <section className={styles.scorecard} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className={styles.heading}>
        {title}
      </h2>
      {disabled ? (
        <p className="muted">Feedback is released, so this scorecard can no longer change.</p>
      ) : (
        <p className="muted">
          <kbd>Tab</kbd> moves from signal to signal and the arrow keys choose the score; in the
          note field, <kbd>Alt+Shift+1</kbd> to <kbd>Alt+Shift+5</kbd> score the signal chosen
          there.
        </p>
      )}
      <ol className={styles.signals}>
        {SIGNAL_IDS.map((signal) => {
          const layer = layerOf(roundType, signal);
          return (
            <li key={signal} className={styles.signal}>
              <ScoreControl
                signal={signal}
                layer={layer}
                value={scores[signal]}
                pending={unsent.scores.has(signal)}
                disabled={disabled}
                onChange={(score) => {
                  if (score !== null) actions.send('score.set', { signal, score });
                }}
                onClear={() => actions.send('score.clear', { signal })}
              />
              <EvidenceList
                items={evidence.filter((item) => item.signal === signal)}
                label={`Evidence for ${signalById(signal).name}`}
                editing={{ actions, viewerId, disabled }}
                emptyText="No evidence noted for this signal."
                replayOf={replayOf}
              />
            </li>
          );
        })}
      </ol>
    </section>
  );
}
