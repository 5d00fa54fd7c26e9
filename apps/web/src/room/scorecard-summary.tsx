import type { RoundType, Scorecard } from '@signal-room/domain';
import { SIGNAL_IDS, describeScore, layerOf, signalById } from '@signal-room/domain';
import { useId } from 'react';
import { EvidenceList } from './evidence-list';
import { ScoreLabel } from './score-label';
import { SignalBadge } from './signal-badge';
import styles from './scorecard-summary.module.css';

interface ScorecardSummaryProps {
  roundType: RoundType;
  card: Scorecard;
  title: string;
  /** Once the round has ended: the session whose replay each note's time opens. */
  replayOf?: string;
}

/** A scorecard to read, not change: each signal's score with its rubric line and evidence. */
export function ScorecardSummary({ roundType, card, title, replayOf }: ScorecardSummaryProps) {
  const id = useId();
  return (
    <section className={styles.summary} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className={styles.heading}>
        {title}
      </h2>
      <dl className={styles.signals}>
        {SIGNAL_IDS.map((signal) => {
          const score = card.scores[signal];
          const evidence = card.evidence
            .filter((item) => item.signal === signal)
            .sort((a, b) => a.offsetMs - b.offsetMs);
          return (
            <div key={signal} className={styles.signal}>
              <dt>
                <SignalBadge signal={signal} layer={layerOf(roundType, signal)} />
              </dt>
              <dd className={styles.score}>
                <ScoreLabel score={score} />
                {score !== null && (
                  <p className={styles.descriptor}>{describeScore(signal, score)}</p>
                )}
              </dd>
              <dd>
                <EvidenceList
                  items={evidence}
                  label={`Evidence for ${signalById(signal).name}`}
                  emptyText="No evidence noted."
                  replayOf={replayOf}
                />
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
