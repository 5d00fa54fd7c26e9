import type { Participant, RoomState, Score } from '@signal-room/domain';
import { SIGNAL_IDS, layerOf, roundTypeById } from '@signal-room/domain';
import { useId } from 'react';
import { TableScroll } from '../ui/table-scroll';
import { ScoreLabel } from './score-label';
import { SignalBadge } from './signal-badge';
import styles from './calibration-panel.module.css';

/** Two scores this far apart mean the scorers read the candidate differently. */
const APART = 2;

interface CalibrationPanelProps {
  state: RoomState;
  viewerId: string;
}

const nameOf = (participants: Record<string, Participant>, id: string, viewerId: string) =>
  id === viewerId ? 'You' : (participants[id]?.displayName ?? 'A scorer');

/**
 * Every scorecard side by side once the round has ended: the viewer's own first, then the
 * interviewer's, then the other observers'. Where a score is two or more away from the
 * interviewer's, the row says so: that is what calibration is for.
 */
export function CalibrationPanel({ state, viewerId }: CalibrationPanelProps) {
  const id = useId();
  const roundType = roundTypeById(state.roundType);
  const order = (scorerId: string) =>
    scorerId === viewerId ? 0 : scorerId === state.interviewerId ? 1 : 2;
  const cards = Object.values(state.scorecards).sort(
    (a, b) => order(a.scorerId) - order(b.scorerId),
  );
  if (cards.length < 2) return null;
  const reference = state.scorecards[state.interviewerId];
  const apart = (score: Score | null, signal: (typeof SIGNAL_IDS)[number]) => {
    const theirs = reference?.scores[signal] ?? null;
    return score !== null && theirs !== null && Math.abs(score - theirs) >= APART;
  };

  return (
    <section className={`card ${styles.panel}`} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className={styles.heading}>
        Calibration: every scorecard side by side
      </h2>
      <p className="muted">
        Scores two or more away from the interviewer&apos;s are marked: talk those through.
      </p>
      <TableScroll labelledBy={`${id}-heading`}>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Signal</th>
              {cards.map((card) => (
                <th key={card.scorerId} scope="col">
                  {nameOf(state.participants, card.scorerId, viewerId)}
                  {card.scorerId === state.interviewerId && (
                    <span className={styles.role}> (interviewer)</span>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {SIGNAL_IDS.map((signal) => (
              <tr key={signal}>
                <th scope="row">
                  <SignalBadge signal={signal} layer={layerOf(roundType, signal)} />
                </th>
                {cards.map((card) => {
                  const score = card.scores[signal];
                  const notes = card.evidence.filter((item) => item.signal === signal).length;
                  const far = card.scorerId !== state.interviewerId && apart(score, signal);
                  return (
                    <td key={card.scorerId} className={far ? styles.apart : undefined}>
                      <ScoreLabel score={score} />
                      <span className={styles.notes}>
                        {notes === 1 ? '1 note' : `${notes} notes`}
                      </span>
                      {far && <span className={styles.flag}>2+ apart</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
