import type { Role, RoundTypeId } from '@signal-room/domain';
import { ROLE_LABELS, ROLES, ROUND_TYPE_IDS, roundTypeById } from '@signal-room/domain';
import type { SessionSummary } from '@signal-room/protocol';
import { useId, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../auth/auth-store';
import { feedbackOpen } from '../feedback/feedback-access';
import { dayFormat } from './labels';
import type { SessionFilters } from './session-filters';
import {
  applyFilters,
  filtersFromParams,
  filtersToParams,
  isFiltered,
  NO_FILTERS,
  sessionDate,
} from './session-filters';
import styles from './history-page.module.css';

/** The past sessions with filters kept in the address, so a filtered view survives Back. */
export function SessionHistory({ sessions }: { sessions: readonly SessionSummary[] }) {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const update = (change: Partial<SessionFilters>) =>
    setParams(filtersToParams({ ...filters, ...change }), { replace: true });
  const shown = applyFilters(sessions, filters);
  // Offer the round types that occur, in catalogue order, plus the one chosen from a link.
  const roundTypes = useMemo(
    () =>
      ROUND_TYPE_IDS.filter(
        (id) => id === filters.roundType || sessions.some((session) => session.roundType === id),
      ),
    [sessions, filters.roundType],
  );
  const ids = useId();

  if (sessions.length === 0) {
    return (
      <p className="muted">
        No finished sessions yet. Once a round ends it is kept here with its timeline and feedback.
      </p>
    );
  }

  return (
    <>
      <form
        className={styles.filters}
        role="search"
        aria-label="Filter past sessions"
        onSubmit={(event) => event.preventDefault()}
      >
        <div className={`field ${styles.searchField}`}>
          <label htmlFor={`${ids}-query`}>Prompt title</label>
          <input
            id={`${ids}-query`}
            type="search"
            value={filters.query}
            placeholder="Search titles"
            onChange={(event) => update({ query: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-round`}>Round type</label>
          <select
            id={`${ids}-round`}
            value={filters.roundType ?? ''}
            onChange={(event) =>
              update({ roundType: (event.target.value || null) as RoundTypeId | null })
            }
          >
            <option value="">All round types</option>
            {roundTypes.map((id) => (
              <option key={id} value={id}>
                {roundTypeById(id).name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-role`}>My role</label>
          <select
            id={`${ids}-role`}
            value={filters.role ?? ''}
            onChange={(event) => update({ role: (event.target.value || null) as Role | null })}
          >
            <option value="">Any role</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-from`}>From</label>
          <input
            id={`${ids}-from`}
            type="date"
            value={filters.from ?? ''}
            max={filters.to ?? undefined}
            onChange={(event) => update({ from: event.target.value || null })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-to`}>To</label>
          <input
            id={`${ids}-to`}
            type="date"
            value={filters.to ?? ''}
            min={filters.from ?? undefined}
            onChange={(event) => update({ to: event.target.value || null })}
          />
        </div>
        {isFiltered(filters) && (
          <button
            type="button"
            className={`button ${styles.clear}`}
            onClick={() => setParams(filtersToParams(NO_FILTERS), { replace: true })}
          >
            Clear filters
          </button>
        )}
      </form>

      <p className={styles.count} role="status">
        {shown.length === sessions.length
          ? `${sessions.length} past ${sessions.length === 1 ? 'session' : 'sessions'}`
          : `Showing ${shown.length} of ${sessions.length} past sessions`}
      </p>

      {shown.length === 0 ? (
        <p className="muted">No session matches these filters.</p>
      ) : (
        <ul className={styles.sessionList} aria-label="Past sessions">
          {shown.map((session) => (
            <SessionItem key={session.id} session={session} />
          ))}
        </ul>
      )}
    </>
  );
}

function SessionItem({ session }: { session: SessionSummary }) {
  const me = useAuth()?.user.id;
  const title = session.promptTitle ?? 'Untitled prompt';
  const when = sessionDate(session);
  const day = dayFormat.format(new Date(when));
  const others = session.participants.filter((participant) => participant.userId !== me);
  return (
    <li className={`card ${styles.session}`}>
      <div className={styles.sessionMain}>
        <h3 className={styles.sessionTitle}>{title}</h3>
        <p className={styles.sessionFacts}>
          {roundTypeById(session.roundType).name} · <time dateTime={when}>{day}</time> ·{' '}
          {session.durationMinutes} min
        </p>
        {others.length > 0 && (
          <p className={styles.sessionFacts}>
            With{' '}
            {others
              .map((other) => `${other.displayName} (${ROLE_LABELS[other.role].toLowerCase()})`)
              .join(', ')}
          </p>
        )}
      </div>
      <div className={styles.sessionStatus}>
        <span className="badge">You: {ROLE_LABELS[session.myRole]}</span>
        <span className={feedbackOpen(session) ? styles.open : styles.waiting}>
          {feedbackOpen(session) ? 'Feedback ready' : 'Feedback not released yet'}
        </span>
      </div>
      <div className={styles.sessionLinks}>
        <Link className="button" to={`/sessions/${session.id}/feedback`}>
          Feedback<span className="visually-hidden">{` for ${title}, ${day}`}</span>
        </Link>
        <Link className="button" to={`/history/${session.id}`}>
          Timeline<span className="visually-hidden">{` of ${title}, ${day}`}</span>
        </Link>
      </div>
    </li>
  );
}
