import type { TalkTime } from '@signal-room/domain';
import { ROLE_LABELS, formatOffset } from '@signal-room/domain';
import { TableScroll } from '../ui/table-scroll';
import { ReplayMoment } from '../history/replay-moment';
import styles from './feedback-page.module.css';

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * The call's talk-time: each microphone's voice activity, set against the round. It answers how
 * the talking was shared, never how good it was: a long stretch is right for some answers, and
 * the interviewer weighs it for the communication signal.
 */
export function CommunicationSection({ sessionId, talk }: { sessionId: string; talk: TalkTime }) {
  const stretch = talk.longestStretch;
  return (
    <section className={styles.section} aria-labelledby="talk-heading">
      <h2 id="talk-heading" className={styles.sectionTitle}>
        Talk-time
      </h2>
      <p className={styles.intro}>
        Measured from each microphone in the call, not from words: evidence to weigh alongside the
        notes, not a score.
      </p>
      <TableScroll labelledBy="talk-table-caption" className={styles.tableBox}>
        <table className={styles.table}>
          <caption id="talk-table-caption" className={styles.caption}>
            Share of the talking, by person
          </caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Role</th>
              <th scope="col">Spoke</th>
              <th scope="col">Share</th>
            </tr>
          </thead>
          <tbody>
            {talk.people.map((person) => (
              <tr key={person.userId}>
                <th scope="row">{person.displayName}</th>
                <td>{ROLE_LABELS[person.role]}</td>
                <td>{formatOffset(person.spokeMs)}</td>
                <td>{Math.round(person.share * 100)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p>
        {stretch ? (
          <>
            Longest stretch the candidate spoke without a pause for the interviewer:{' '}
            <strong>{seconds(stretch.endMs - stretch.startMs)}</strong>, from{' '}
            <ReplayMoment sessionId={sessionId} ms={stretch.startMs} />.
          </>
        ) : (
          'The candidate did not speak in the call.'
        )}
      </p>
      <p>
        {talk.silences.length === 0 ? (
          'No silence of a minute or more.'
        ) : (
          <>
            Silences of a minute or more:{' '}
            {talk.silences.map((silence, index) => (
              <span key={silence.startMs}>
                {index > 0 && ', '}
                <ReplayMoment sessionId={sessionId} ms={silence.startMs} /> for{' '}
                {seconds(silence.endMs - silence.startMs)}
              </span>
            ))}
            .
          </>
        )}
      </p>
      {talk.moves.length > 0 && (
        <TableScroll labelledBy="talk-moves-caption" className={styles.tableBox}>
          <table className={styles.table}>
            <caption id="talk-moves-caption" className={styles.caption}>
              Who talked in the minute before each move was marked
            </caption>
            <thead>
              <tr>
                <th scope="col">Move</th>
                <th scope="col">At</th>
                <th scope="col">Candidate</th>
                <th scope="col">Interviewer</th>
              </tr>
            </thead>
            <tbody>
              {talk.moves.map((move) => (
                <tr key={`${move.move}-${move.offsetMs}`}>
                  <th scope="row">{move.name}</th>
                  <td>
                    <ReplayMoment sessionId={sessionId} ms={move.offsetMs} />
                  </td>
                  <td>{seconds(move.candidateMs)}</td>
                  <td>{seconds(move.interviewerMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
