import type { Role, RoundTypeId } from '@signal-room/domain';
import { ROLES, ROUND_TYPE_IDS } from '@signal-room/domain';
import type { SessionSummary } from '@signal-room/protocol';

export interface SessionFilters {
  roundType: RoundTypeId | null;
  role: Role | null;
  /** Inclusive local calendar dates, as an `<input type="date">` gives them (YYYY-MM-DD). */
  from: string | null;
  to: string | null;
  query: string;
}

const PARAMS = { roundType: 'round', role: 'role', from: 'from', to: 'to', query: 'q' } as const;

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;

const date = (value: string | null): string | null =>
  value !== null && DATE_PATTERN.test(value) ? value : null;

/** Filters read from the address, so a filtered list can be bookmarked and survives Back. */
export function filtersFromParams(params: URLSearchParams): SessionFilters {
  return {
    roundType: oneOf(ROUND_TYPE_IDS, params.get(PARAMS.roundType)),
    role: oneOf(ROLES, params.get(PARAMS.role)),
    from: date(params.get(PARAMS.from)),
    to: date(params.get(PARAMS.to)),
    query: params.get(PARAMS.query) ?? '',
  };
}

export function filtersToParams(filters: SessionFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.roundType) params.set(PARAMS.roundType, filters.roundType);
  if (filters.role) params.set(PARAMS.role, filters.role);
  if (filters.from) params.set(PARAMS.from, filters.from);
  if (filters.to) params.set(PARAMS.to, filters.to);
  if (filters.query !== '') params.set(PARAMS.query, filters.query);
  return params;
}

export const NO_FILTERS: SessionFilters = {
  roundType: null,
  role: null,
  from: null,
  to: null,
  query: '',
};

export const isFiltered = (filters: SessionFilters): boolean =>
  filtersToParams(filters).toString() !== '';

const pad = (value: number): string => String(value).padStart(2, '0');

/** The local calendar date of an instant, in the same YYYY-MM-DD form as a date input. */
function localDate(iso: string): string {
  const at = new Date(iso);
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** When a past session happened: its end, or its creation if it never recorded one. */
export const sessionDate = (session: SessionSummary): string =>
  session.endedAt ?? session.createdAt;

export function applyFilters(
  sessions: readonly SessionSummary[],
  filters: SessionFilters,
): SessionSummary[] {
  const query = filters.query.trim().toLocaleLowerCase();
  return sessions.filter((session) => {
    if (filters.roundType && session.roundType !== filters.roundType) return false;
    if (filters.role && session.myRole !== filters.role) return false;
    const day = localDate(sessionDate(session));
    if (filters.from && day < filters.from) return false;
    if (filters.to && day > filters.to) return false;
    if (query !== '' && !(session.promptTitle ?? '').toLocaleLowerCase().includes(query)) {
      return false;
    }
    return true;
  });
}

/** Past sessions only, newest first. */
export const pastSessions = (sessions: readonly SessionSummary[]): SessionSummary[] =>
  sessions
    .filter((session) => session.status === 'ended')
    .sort((a, b) => Date.parse(sessionDate(b)) - Date.parse(sessionDate(a)));

/** Rounds whose scores a candidate may read, and so may put into a loop. */
export const loopEligible = (session: SessionSummary): boolean =>
  session.status === 'ended' &&
  session.myRole === 'candidate' &&
  (session.feedbackReleased || session.visibility === 'coaching');
