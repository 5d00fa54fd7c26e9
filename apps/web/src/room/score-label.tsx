import type { Score } from '@signal-room/domain';
import { SCORE_LABELS } from '@signal-room/domain';
import styles from './score-label.module.css';

/** A score as number and word ("3 · Competent"), or a plain "Not scored". */
export function ScoreLabel({ score }: { score: Score | null }) {
  if (score === null) return <span className={styles.none}>Not scored</span>;
  return (
    <span className={styles.score}>
      {score} · {SCORE_LABELS[score]}
    </span>
  );
}
