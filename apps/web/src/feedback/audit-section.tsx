import type { AuditableSignal, AuditEntry } from '@signal-room/domain';
import { formatOffset } from '@signal-room/domain';
import type { SessionAuditResponse } from '@signal-room/protocol';
import { AUDIT_SENTENCE_MAX } from '@signal-room/protocol';
import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { addAuditEntry, getSessionAudit, removeAuditEntry } from '../api/client';
import { useLoad } from '../history/use-load';
import { ErrorNotice } from '../ui/error-notice';
import { OffsetTime } from './offset-time';
import page from './feedback-page.module.css';
import styles from './audit-section.module.css';

/** "m:ss" (or whole minutes) as round time in ms; null when it says no such moment. */
function parseMoment(text: string): number | null {
  const match = /^\s*(\d{1,3})(?::([0-5]\d))?\s*$/.exec(text);
  if (!match) return null;
  return (Number(match[1]) * 60 + Number(match[2] ?? 0)) * 1000;
}

/**
 * The candidate's hidden-signal audit of a released round: for each signal the interviewer did
 * not see, or saw only weakly, the decisions the candidate made and never said. The candidate's
 * next interviewer watches for each until one hears it said.
 */
export function AuditSection({ sessionId, elapsedMs }: { sessionId: string; elapsedMs: number }) {
  const { loaded, retry } = useLoad(`audit-${sessionId}`, (signal) =>
    getSessionAudit(sessionId, signal),
  );
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);

  return (
    <section className={page.section} aria-labelledby="audit-heading">
      <h2 id="audit-heading" className={page.sectionTitle}>
        Your audit: what you decided and never said
      </h2>
      <p className={page.intro}>
        For each signal below, write the decisions you had in mind but did not say out loud, one
        short sentence each, with the moment of the round if you remember it. Only you can read this
        page. By writing an entry you agree that the interviewer of your next mock, whoever runs it,
        sees its intent as something to listen for, until an interviewer hears you say it.
      </p>
      {loaded.status === 'loading' && (
        <p className="muted" role="status">
          Loading your audit…
        </p>
      )}
      {loaded.status === 'failed' && <ErrorNotice error={loaded.error} onRetry={retry} />}
      {loaded.status === 'done' && (
        <AuditSignals
          sessionId={sessionId}
          elapsedMs={elapsedMs}
          audit={loaded.data}
          entries={entries ?? loaded.data.entries}
          onChange={setEntries}
        />
      )}
    </section>
  );
}

interface AuditSignalsProps {
  sessionId: string;
  elapsedMs: number;
  audit: SessionAuditResponse;
  entries: AuditEntry[];
  onChange: (entries: AuditEntry[]) => void;
}

function AuditSignals({ sessionId, elapsedMs, audit, entries, onChange }: AuditSignalsProps) {
  if (audit.signals.length === 0) {
    return <p className="muted">Nothing to audit: every signal of this round was seen clearly.</p>;
  }
  return (
    <ul className={styles.list}>
      {audit.signals.map((signal) => (
        <SignalAudit
          key={signal.signal}
          sessionId={sessionId}
          elapsedMs={elapsedMs}
          signal={signal}
          entries={entries.filter((entry) => entry.signal === signal.signal)}
          onAdded={(entry) => onChange([...entries, entry])}
          onRemoved={(id) => onChange(entries.filter((entry) => entry.id !== id))}
        />
      ))}
    </ul>
  );
}

interface SignalAuditProps {
  sessionId: string;
  elapsedMs: number;
  signal: AuditableSignal;
  entries: AuditEntry[];
  onAdded: (entry: AuditEntry) => void;
  onRemoved: (id: string) => void;
}

function SignalAudit({
  sessionId,
  elapsedMs,
  signal,
  entries,
  onAdded,
  onRemoved,
}: SignalAuditProps) {
  const ids = useId();
  const [sentence, setSentence] = useState('');
  const [moment, setMoment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const momentMs = moment.trim() === '' ? undefined : parseMoment(moment);
  const momentBad = momentMs === null || (momentMs !== undefined && momentMs > elapsedMs);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (momentBad) return;
    setBusy(true);
    setError(null);
    try {
      onAdded(
        await addAuditEntry(sessionId, { signal: signal.signal, sentence, offsetMs: momentMs }),
      );
      setSentence('');
      setMoment('');
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (entry: AuditEntry) => {
    setError(null);
    try {
      await removeAuditEntry(sessionId, entry.id);
      onRemoved(entry.id);
    } catch (cause) {
      setError(cause);
    }
  };

  return (
    <li className={`card ${styles.card}`}>
      <div className={styles.header}>
        <h3 className={page.cardTitle}>{signal.name}</h3>
        <span className="badge">{signal.reason === 'hidden' ? 'Hidden' : 'Seen weakly'}</span>
      </div>
      {entries.length > 0 && (
        <ul className={styles.entries} aria-label={`Your entries for ${signal.name}`}>
          {entries.map((entry) => (
            <li key={entry.id} className={styles.entry}>
              <p className={styles.sentence}>{entry.sentence}</p>
              {entry.offsetMs !== null && (
                <span className={styles.meta}>
                  at <OffsetTime ms={entry.offsetMs} />
                </span>
              )}
              {entry.visibleInSessionId && (
                <Link
                  className={styles.heard}
                  to={`/sessions/${entry.visibleInSessionId}/feedback`}
                >
                  Heard in a later round
                </Link>
              )}
              <button type="button" className="button" onClick={() => void remove(entry)}>
                Delete<span className="visually-hidden">{`: ${entry.sentence}`}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className={styles.form} onSubmit={(event) => void save(event)}>
        <div className="field">
          <label htmlFor={`${ids}-sentence`}>
            A decision you made for {signal.name.toLowerCase()}
          </label>
          <textarea
            id={`${ids}-sentence`}
            rows={2}
            maxLength={AUDIT_SENTENCE_MAX}
            required
            value={sentence}
            placeholder="I picked hourly buckets because invoices close hourly."
            onChange={(event) => setSentence(event.target.value)}
          />
        </div>
        <div className={styles.row}>
          <div className="field">
            <label htmlFor={`${ids}-moment`}>Moment (m:ss, optional)</label>
            <input
              id={`${ids}-moment`}
              className={styles.moment}
              inputMode="numeric"
              value={moment}
              placeholder={formatOffset(Math.min(elapsedMs, 5 * 60_000))}
              aria-invalid={momentBad}
              aria-describedby={momentBad ? `${ids}-moment-error` : undefined}
              onChange={(event) => setMoment(event.target.value)}
            />
          </div>
          <button
            type="submit"
            className="button button--primary"
            disabled={busy || sentence.trim() === '' || momentBad}
          >
            Save entry<span className="visually-hidden">{` for ${signal.name}`}</span>
          </button>
        </div>
        {momentBad && (
          <p id={`${ids}-moment-error`} className={styles.meta}>
            Write the moment as minutes and seconds within the round, up to{' '}
            {formatOffset(elapsedMs)}.
          </p>
        )}
        {error !== null && <ErrorNotice error={error} />}
      </form>
    </li>
  );
}
