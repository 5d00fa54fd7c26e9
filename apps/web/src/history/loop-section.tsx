import type { LoopSummary } from '@signal-room/domain';
import { roundTypeById, signalById, TRAVELS_AFTER, VERDICT_LABELS } from '@signal-room/domain';
import type { SessionSummary } from '@signal-room/protocol';
import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import { getLoop } from '../api/client';
import { ErrorNotice } from '../ui/error-notice';
import { TableScroll } from '../ui/table-scroll';
import { dayFormat } from './labels';
import { loopEligible, sessionDate } from './session-filters';
import { useLoad } from './use-load';
import styles from './history-page.module.css';

/** A loop needs at least this many rounds to say anything a single round's feedback does not. */
const MIN_ROUNDS = 2;

const oneDecimal = new Intl.NumberFormat(undefined, {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

const describeRound = (session: SessionSummary): string =>
  `${roundTypeById(session.roundType).name}: ${session.promptTitle ?? 'Untitled prompt'}, ${dayFormat.format(new Date(sessionDate(session)))}`;

/**
 * Picks several released rounds where the viewer was the candidate and reads them together:
 * per-signal means and lows, the red flags that travel between rounds, and the loop's reading.
 */
export function LoopSection({ sessions }: { sessions: readonly SessionSummary[] }) {
  const eligible = sessions.filter(loopEligible);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState<string[] | null>(null);
  const ids = useId();
  const { loaded, retry } = useLoad(submitted?.join(',') ?? null, (signal) =>
    getLoop(submitted ?? [], signal),
  );

  if (eligible.length === 0) {
    return (
      <p className="muted">
        Nothing to combine yet: a loop is built from rounds where you were the candidate and the
        feedback is out.
      </p>
    );
  }

  const toggle = (sessionId: string, on: boolean) => {
    const next = new Set(picked);
    if (on) next.add(sessionId);
    else next.delete(sessionId);
    setPicked(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Keep the list's order, so the same choice always reads as the same loop.
    const chosen = eligible.map((session) => session.id).filter((id) => picked.has(id));
    if (chosen.length >= MIN_ROUNDS) setSubmitted(chosen);
  };
  const nameOf = (sessionId: string): string => {
    const session = sessions.find((entry) => entry.id === sessionId);
    return session ? describeRound(session) : 'A round no longer listed';
  };

  return (
    <div className={styles.loop}>
      <p className={styles.intro}>
        Choose the rounds of one (real or practice) loop. A red flag that shows in {TRAVELS_AFTER}{' '}
        or more of them travels: a hiring panel would hear about it from more than one interviewer.
      </p>
      <form className={styles.loopForm} onSubmit={submit}>
        <fieldset className={styles.fieldset}>
          <legend>Rounds where you were the candidate</legend>
          <ul className={styles.checks}>
            {eligible.map((session) => (
              <li key={session.id}>
                <input
                  id={`${ids}-${session.id}`}
                  type="checkbox"
                  checked={picked.has(session.id)}
                  onChange={(event) => toggle(session.id, event.target.checked)}
                />
                <label htmlFor={`${ids}-${session.id}`}>{describeRound(session)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className={styles.loopActions}>
          <button
            type="submit"
            className="button button--primary"
            disabled={picked.size < MIN_ROUNDS}
            aria-describedby={`${ids}-hint`}
          >
            Read as a loop
          </button>
          <span id={`${ids}-hint`} className="muted">
            {picked.size} selected
            {picked.size < MIN_ROUNDS ? `; pick at least ${MIN_ROUNDS}.` : '.'}
          </span>
        </div>
      </form>

      <div aria-live="polite">
        {submitted !== null && loaded.status === 'loading' && (
          <p className="muted">Reading the loop…</p>
        )}
        {loaded.status === 'failed' && <ErrorNotice error={loaded.error} onRetry={retry} />}
        {loaded.status === 'done' && <LoopResult summary={loaded.data} nameOf={nameOf} />}
      </div>
    </div>
  );
}

function LoopResult({
  summary,
  nameOf,
}: {
  summary: LoopSummary;
  nameOf: (sessionId: string) => string;
}) {
  return (
    <article className={`card ${styles.loopResult}`} aria-labelledby="loop-result-heading">
      <h3 id="loop-result-heading" className={styles.groupTitle}>
        Loop reading across {summary.rounds} rounds
      </h3>
      <p className={styles.verdict}>{VERDICT_LABELS[summary.reading.verdict]}</p>
      <ul className={styles.reasons}>
        {summary.reading.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>

      <h4 className={styles.subheading}>Signal by signal</h4>
      <TableScroll labelledBy="loop-table-caption" className={styles.tableBox}>
        <table className={styles.table}>
          <caption id="loop-table-caption" className="visually-hidden">
            Each signal across the chosen rounds: mean, lowest score and rounds that scored it
          </caption>
          <thead>
            <tr>
              <th scope="col">Signal</th>
              <th scope="col">Mean</th>
              <th scope="col">Lowest</th>
              <th scope="col">Scored in</th>
            </tr>
          </thead>
          <tbody>
            {summary.signals.map((entry) => (
              <tr key={entry.signal}>
                <th scope="row">{signalById(entry.signal).name}</th>
                <td>{entry.mean === null ? '—' : oneDecimal.format(entry.mean)}</td>
                <td>{entry.min ?? '—'}</td>
                <td>
                  {entry.scores.length} of {summary.rounds}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      <h4 className={styles.subheading}>Red flags</h4>
      {summary.redFlags.length === 0 ? (
        <p className="muted">No red flag showed in these rounds.</p>
      ) : (
        <ul className={styles.redFlags}>
          {summary.redFlags.map((flag) => (
            <li key={flag.id} className={flag.travels ? styles.travels : undefined}>
              <span className={styles.flagName}>{flag.name}</span>{' '}
              <span className={`badge ${flag.travels ? styles.travelBadge : ''}`}>
                {flag.travels ? 'Travels' : 'One round'}
              </span>
              <span className={styles.flagRounds}>
                Seen in {flag.sessionIds.length} of {summary.rounds}:{' '}
                {flag.sessionIds.map(nameOf).join('; ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
