import { ROLE_LABELS } from '@signal-room/domain';
import type { SessionSummary } from '@signal-room/protocol';
import type { FormEvent } from 'react';
import { useEffect, useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { listSessions } from '../api/client';
import { useAuth } from '../auth/auth-store';
import { useCatalog } from '../catalog/use-catalog';
import { NextMockCard } from '../history/next-mock-card';
import { ErrorNotice } from '../ui/error-notice';
import type { RoundNames } from './labels';
import { formatDateTime, roundName, roundNamesOf } from './labels';
import styles from './dashboard-page.module.css';

type SessionsState =
  | { status: 'loading' }
  | { status: 'ready'; sessions: SessionSummary[] }
  | { status: 'failed'; error: unknown };

const STATUS_LABELS: Record<SessionSummary['status'], string> = {
  waiting: 'Not started',
  live: 'Live now',
  ended: 'Ended',
};

const newestFirst = (a: string, b: string): number => Date.parse(b) - Date.parse(a);

export default function DashboardPage() {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<SessionsState>({ status: 'loading' });
  const { state: catalog } = useCatalog();

  useEffect(() => {
    const controller = new AbortController();
    listSessions(controller.signal).then(
      ({ sessions }) => setState({ status: 'ready', sessions }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const retry = () => {
    setState({ status: 'loading' });
    setAttempt((previous) => previous + 1);
  };

  // Wait for the catalogue too, so round names do not flicker in; without it, ids stand in.
  const names = roundNamesOf(catalog.status === 'ready' ? catalog.catalog : null);
  const settled = state.status !== 'loading' && catalog.status !== 'loading';

  return (
    <div className={styles.page}>
      <div className={styles.top}>
        <div>
          <h1 className={styles.title}>Your sessions</h1>
          <p className={styles.lead}>Run a round, join one, or look back at the feedback.</p>
        </div>
        <Link to="/sessions/new" className="button button--primary">
          New session
        </Link>
      </div>
      <div className={styles.columns}>
        <div className={styles.main}>
          {!settled && (
            <p className="muted" role="status">
              Loading your sessions…
            </p>
          )}
          {settled && state.status === 'failed' && (
            <ErrorNotice error={state.error} onRetry={retry} />
          )}
          {settled && state.status === 'ready' && (
            <SessionLists sessions={state.sessions} names={names} />
          )}
        </div>
        <div className={styles.side}>
          <NextMockCard />
          <JoinWithLink />
        </div>
      </div>
    </div>
  );
}

function SessionLists({ sessions, names }: { sessions: SessionSummary[]; names: RoundNames }) {
  if (sessions.length === 0) {
    return (
      <section className={`card ${styles.empty}`} aria-labelledby="no-sessions-heading">
        <h2 id="no-sessions-heading">No sessions yet</h2>
        <p>
          Start a session to practise a round. You will get a link to invite your candidate, and
          feedback lands here when the round ends.
        </p>
        <Link to="/sessions/new" className="button button--primary">
          Start a session
        </Link>
      </section>
    );
  }
  // Live rounds first, since someone may be waiting in them; then the newest.
  const current = sessions
    .filter((session) => session.status !== 'ended')
    .sort(
      (a, b) =>
        Number(b.status === 'live') - Number(a.status === 'live') ||
        newestFirst(a.createdAt, b.createdAt),
    );
  const past = sessions
    .filter((session) => session.status === 'ended')
    .sort((a, b) => newestFirst(a.endedAt ?? a.createdAt, b.endedAt ?? b.createdAt));

  return (
    <>
      <section className={styles.section} aria-labelledby="current-heading">
        <h2 id="current-heading" className={styles.sectionTitle}>
          Upcoming and live
        </h2>
        {current.length > 0 ? (
          <ul className={styles.list}>
            {current.map((session) => (
              <SessionRow key={session.id} session={session} names={names} />
            ))}
          </ul>
        ) : (
          <p className="muted">
            Nothing planned. <Link to="/sessions/new">Start a session</Link> when you are ready.
          </p>
        )}
      </section>
      <section className={styles.section} aria-labelledby="past-heading">
        <h2 id="past-heading" className={styles.sectionTitle}>
          Past
        </h2>
        {past.length > 0 ? (
          <ul className={styles.list}>
            {past.map((session) => (
              <SessionRow key={session.id} session={session} names={names} />
            ))}
          </ul>
        ) : (
          <p className="muted">Sessions you finish will be listed here with their feedback.</p>
        )}
      </section>
    </>
  );
}

function SessionRow({ session, names }: { session: SessionSummary; names: RoundNames }) {
  const me = useAuth()?.user.id;
  const name = roundName(names, session.roundType);
  const ended = session.status === 'ended';
  const when = ended ? (session.endedAt ?? session.createdAt) : session.createdAt;
  const others = session.participants.filter((participant) => participant.userId !== me);
  // Link text alone ("Open room") is ambiguous in a list of links; this says which session.
  const context = (
    <span className="visually-hidden">
      {' '}
      for {name}, {formatDateTime(when)}
    </span>
  );
  return (
    <li className={styles.row}>
      <div className={styles.summary}>
        <h3 className={styles.round}>{name}</h3>
        <p className={styles.prompt}>{session.promptTitle ?? 'Prompt not chosen yet'}</p>
        {session.promptNote && <p className={styles.promptNote}>{session.promptNote}</p>}
        <p className={styles.meta}>
          <span className="badge">You: {ROLE_LABELS[session.myRole]}</span>
          <span className={`${styles.status} ${styles[session.status]}`}>
            {STATUS_LABELS[session.status]}
          </span>
          <span>
            {ended ? 'Ended ' : 'Created '}
            <time dateTime={when}>{formatDateTime(when)}</time>
          </span>
          <span>{session.durationMinutes} min</span>
          {session.peerMode && <span>Peer swap</span>}
        </p>
        <p className={styles.people}>
          {others.length > 0
            ? `With ${others
                .map((p) => `${p.displayName} (${ROLE_LABELS[p.role].toLowerCase()})`)
                .join(', ')}`
            : 'No one else has joined yet.'}
        </p>
      </div>
      <div className={styles.actions}>
        {ended ? (
          <>
            <Link to={`/sessions/${session.id}/feedback`} className="button button--primary">
              Feedback{context}
            </Link>
            <Link to={`/sessions/${session.id}`} className="button button--quiet">
              Open room{context}
            </Link>
          </>
        ) : (
          <Link
            to={`/sessions/${session.id}`}
            className={`button ${session.status === 'live' ? 'button--primary' : ''}`}
          >
            {session.status === 'live' ? 'Rejoin room' : 'Open room'}
            {context}
          </Link>
        )}
      </div>
    </li>
  );
}

/** The token from a pasted invite link (…/join/<token>), or the bare token itself. */
function inviteTokenFrom(text: string): string | null {
  const trimmed = text.trim();
  const fromLink = /\/join\/([\w-]+)/.exec(trimmed);
  if (fromLink) return fromLink[1];
  return /^[\w-]+$/.test(trimmed) ? trimmed : null;
}

function JoinWithLink() {
  const navigate = useNavigate();
  const id = useId();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const token = inviteTokenFrom(value);
    if (!token) {
      setError(
        value.trim()
          ? 'That does not look like an invite link. It should contain /join/ followed by a code.'
          : 'Paste the invite link you were sent.',
      );
      return;
    }
    void navigate(`/join/${token}`);
  }

  return (
    <aside className={`card ${styles.join}`} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className={styles.sectionTitle}>
        Join with a link
      </h2>
      <form className={styles.joinForm} noValidate onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-link`}>Invite link or code</label>
          <p id={`${id}-hint`} className="hint">
            Paste the link an interviewer sent you.
          </p>
          <input
            id={`${id}-link`}
            type="text"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            value={value}
            onChange={(event) => {
              setValue(event.target.value);
              setError(null);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          />
          {error && (
            <p id={`${id}-error`} className={styles.fieldError} role="alert">
              {error}
            </p>
          )}
        </div>
        <button type="submit" className="button">
          Join
        </button>
      </form>
    </aside>
  );
}
