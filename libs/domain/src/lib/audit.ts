import { signalById } from './catalog';
import type { FeedbackDocument } from './feedback';
import type { AuditReason, SignalId } from './model';
import { SIGNAL_IDS } from './model';
import type { RoomEventBody } from './room/events';
import { eventBody } from './room/events';
import type { RoomState, WatchItem } from './room/state';

export interface AuditableSignal {
  signal: SignalId;
  name: string;
  reason: AuditReason;
}

/** A signal scored at or below this reads as weak. */
const WEAK_SCORE = 2;
/** A room's watch list stays short enough to keep an eye on while interviewing. */
export const MAX_WATCH_ITEMS = 10;

/**
 * The signals of a released round a candidate may audit, in catalogue order: each one the round
 * expected and never saw (hidden), and each one scored 2 or less or noted only as weak (weak).
 */
export function auditableSignals(feedback: FeedbackDocument): AuditableSignal[] {
  return SIGNAL_IDS.flatMap((id): AuditableSignal[] => {
    const { name } = signalById(id);
    if (feedback.hiddenSignals.some((hidden) => hidden.signal === id)) {
      return [{ signal: id, name, reason: 'hidden' }];
    }
    const seen = feedback.signals.find((signal) => signal.signal === id);
    if (!seen) return [];
    const lowScore = seen.score !== null && seen.score <= WEAK_SCORE;
    const onlyWeakNotes =
      seen.evidence.length > 0 && seen.evidence.every((item) => item.polarity === 'weak');
    return lowScore || onlyWeakNotes ? [{ signal: id, name, reason: 'weak' }] : [];
  });
}

/** A decision sentence the candidate of a released round had in mind and never said. */
export interface AuditEntry {
  id: string;
  sessionId: string;
  signal: SignalId;
  sentence: string;
  /** The moment of the round it belongs to, in round time; null when it belongs to none. */
  offsetMs: number | null;
  createdAt: string;
  /** The later session in which an interviewer heard it said; null while it is still unsaid. */
  visibleInSessionId: string | null;
}

/** An audit entry the candidate wrote after an earlier round that no round has yet seen said. */
export interface OpenAuditEntry {
  id: string;
  sessionId: string;
  signal: SignalId;
  sentence: string;
}

/**
 * The event that puts a candidate's open audit entries on a room's watch list, oldest first, or
 * none: once the round is over, for entries already listed or written about this very round,
 * and beyond the list's length.
 */
export function watchListEvents(
  state: RoomState,
  entries: readonly OpenAuditEntry[],
): RoomEventBody[] {
  if (state.status === 'ended') return [];
  const listed = new Set(state.watchFor.map((item) => item.id));
  const items: Omit<WatchItem, 'seenAtMs'>[] = entries
    .filter((entry) => entry.sessionId !== state.sessionId && !listed.has(entry.id))
    .slice(0, Math.max(0, MAX_WATCH_ITEMS - state.watchFor.length))
    .map((entry) => ({
      id: entry.id,
      signal: entry.signal,
      intent: entry.sentence,
      fromSessionId: entry.sessionId,
    }));
  return items.length === 0 ? [] : [eventBody('watch.listed', { items })];
}

/** The event that takes a deleted entry's item off a room's watch list, or none if not on it. */
export const watchWithdrawnEvents = (state: RoomState, entryId: string): RoomEventBody[] =>
  state.watchFor.some((item) => item.id === entryId)
    ? [eventBody('watch.withdrawn', { itemId: entryId })]
    : [];

/** The watch items the interviewer heard said: once feedback is out, their entries are visible. */
export const itemsSeen = (state: RoomState): WatchItem[] =>
  state.watchFor.filter((item) => item.seenAtMs !== null);
