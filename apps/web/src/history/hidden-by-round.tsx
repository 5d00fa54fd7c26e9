import { roundTypeById, signalById } from '@signal-room/domain';
import type { ProgressResponse } from '@signal-room/protocol';
import { TableScroll } from '../ui/table-scroll';
import { dayFormat } from './labels';
import { whenLabels } from './signal-trends';
import styles from './history-page.module.css';

/**
 * Round by round, oldest first, how many expected signals the interviewer saw no evidence of,
 * and how many audit entries from earlier rounds were heard said.
 */
export function HiddenByRound({ rounds }: { rounds: ProgressResponse['rounds'] }) {
  if (rounds.length === 0) {
    return <p className="muted">No released round yet.</p>;
  }
  const dates = whenLabels(rounds, dayFormat);
  return (
    <TableScroll labelledBy="hidden-by-round-caption">
      <table className={styles.hiddenTable}>
        <caption id="hidden-by-round-caption" className="visually-hidden">
          Hidden signals round by round, oldest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Round</th>
            <th scope="col">Hidden</th>
            <th scope="col">Which</th>
            <th scope="col">Audit entries heard</th>
          </tr>
        </thead>
        <tbody>
          {rounds.map((round, index) => (
            <tr key={round.sessionId}>
              <th scope="row">{dates[index]}</th>
              <td>{roundTypeById(round.roundType).name}</td>
              <td className={styles.hiddenCount}>{round.hiddenSignals.length}</td>
              <td>
                {round.hiddenSignals.length === 0
                  ? 'None: every expected signal had evidence'
                  : round.hiddenSignals.map((signal) => signalById(signal).name).join(', ')}
              </td>
              <td className={styles.hiddenCount}>{round.auditHeard}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
