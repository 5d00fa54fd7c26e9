import type { Score } from '@signal-room/domain';
import { signalById } from '@signal-room/domain';
import type { SessionSummary } from '@signal-room/protocol';
import { getCalibration } from '../api/client';
import { useLoad } from '../history/use-load';
import { TableScroll } from '../ui/table-scroll';
import { calibrationOpen } from './feedback-access';
import { describeDifference } from './feedback-labels';
import styles from './feedback-page.module.css';

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });

const scoreCell = (score: Score | null): string => (score === null ? '—' : String(score));

/** Within one point counts as agreeing, as in the agreement figure. */
function differenceCell(difference: number | null): string {
  if (difference === null) return '—';
  if (difference === 0) return 'Agrees';
  const words = describeDifference(difference);
  return Math.abs(difference) > 1 ? `Apart: ${words}` : words;
}

/**
 * For the staff: how each observer's private scores compare with the interviewer's. The
 * candidate may not read it, so is never asked for it; an interviewer without observers has
 * nothing to compare, so then (or on any failure) the section simply does not appear.
 */
export function CalibrationSection({ session }: { session: SessionSummary }) {
  const { loaded } = useLoad(calibrationOpen(session) ? session.id : null, (signal) =>
    getCalibration(session.id, signal),
  );
  if (loaded.status !== 'done' || loaded.data.length === 0) return null;
  const calibrations = loaded.data;
  const nameOf = (observerId: string, index: number) =>
    session.participants.find((participant) => participant.userId === observerId)?.displayName ??
    `Observer ${index + 1}`;

  return (
    <section className={styles.section} aria-labelledby="calibration-heading">
      <h2 id="calibration-heading" className={styles.sectionTitle}>
        Calibration
      </h2>
      <p className={styles.intro}>
        Observers scored privately. Agreement counts the signals both scored where the two are
        within one point; a dash means not scored.
      </p>
      <div className={styles.calibrationGrid}>
        {calibrations.map((calibration, index) => {
          const name = nameOf(calibration.observerId, index);
          return (
            <div key={calibration.observerId} className={`card ${styles.calibration}`}>
              <h3 className={styles.cardTitle}>{name}</h3>
              <p className={styles.agreement}>
                {calibration.agreement === null
                  ? 'No signal was scored by both, so agreement cannot be read.'
                  : `Agreement: ${percent.format(calibration.agreement)}`}
              </p>
              <TableScroll labelledBy={`calibration-${calibration.observerId}`}>
                <table className={styles.table}>
                  <caption id={`calibration-${calibration.observerId}`} className="visually-hidden">
                    {name}’s scores against the interviewer’s
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Signal</th>
                      <th scope="col">Interviewer</th>
                      <th scope="col">{name}</th>
                      <th scope="col">Difference</th>
                    </tr>
                  </thead>
                  <tbody>
                    {calibration.rows.map((row) => (
                      <tr key={row.signal}>
                        <th scope="row">{signalById(row.signal).name}</th>
                        <td>{scoreCell(row.interviewer)}</td>
                        <td>{scoreCell(row.observer)}</td>
                        <td>{differenceCell(row.difference)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </div>
          );
        })}
      </div>
    </section>
  );
}
