import type { FeedbackDocument } from '@signal-room/domain';
import { formatOffset } from '@signal-room/domain';
import { ReplayMoment } from '../history/replay-moment';
import styles from './feedback-page.module.css';

/**
 * The communication moves on a strip as long as the round, so it shows when each one came (or
 * how late); the times are also written out, and the strip is decoration for sighted readers.
 */
export function MovesSection({
  sessionId,
  moves,
  elapsedMs,
}: {
  sessionId: string;
  moves: FeedbackDocument['moves'];
  elapsedMs: number;
}) {
  const latest = Math.max(0, ...moves.seen.flatMap((move) => move.offsetsMs));
  const span = Math.max(elapsedMs, latest, 1);
  return (
    <section className={styles.section} aria-labelledby="moves-heading">
      <h2 id="moves-heading" className={styles.sectionTitle}>
        Communication moves
      </h2>
      <p className={styles.intro}>
        The moves that make reasoning visible, as the interviewer heard them during the round.
      </p>
      <div className={styles.movesColumns}>
        <div>
          <h3 className={styles.groupTitle}>Seen</h3>
          {moves.seen.length === 0 ? (
            <p className="muted">None of the moves was marked.</p>
          ) : (
            <>
              <p className={styles.scale}>
                Each strip runs from 0:00 to {formatOffset(span)}, the length of the round.
              </p>
              <ul className={styles.moveList}>
                {moves.seen.map((move) => (
                  <li key={move.move} className={styles.move}>
                    <span className={styles.moveName}>{move.name}</span>
                    <span className={styles.moveTimes}>
                      at{' '}
                      {move.offsetsMs.map((offset, index) => (
                        <span key={`${offset}-${index}`}>
                          {index > 0 && ', '}
                          <ReplayMoment sessionId={sessionId} ms={offset} />
                        </span>
                      ))}
                    </span>
                    <span className={styles.track} aria-hidden="true">
                      {move.offsetsMs.map((offset, index) => (
                        <span
                          key={`${offset}-${index}`}
                          className={styles.marker}
                          style={{ left: `${(offset / span) * 100}%` }}
                        />
                      ))}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        <div>
          <h3 className={styles.groupTitle}>Missed</h3>
          {moves.missed.length === 0 ? (
            <p className="muted">None: every move was heard at least once.</p>
          ) : (
            <ul className={styles.missedList}>
              {moves.missed.map((move) => (
                <li key={move.move}>
                  <strong>{move.name}</strong>
                  <p>{move.description}</p>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
