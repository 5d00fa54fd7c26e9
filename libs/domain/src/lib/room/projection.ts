import type { RoomEvent } from './events';
import { reduce } from './reduce';
import type { RoomState } from './state';
import { isStaff } from './state';
import type { Viewer } from './view';
import { seesScores, viewFor } from './view';

/** What one viewer receives for one committed event. */
export type Projection =
  { kind: 'event'; event: RoomEvent } | { kind: 'snapshot'; state: RoomState } | { kind: 'none' };

/**
 * Equality of plain JSON data (a key holding undefined counts as absent, as in JSON). Views
 * share every part an event left alone with the view before it, so the identity check answers
 * most of the tree at once; serialising both views for every viewer of every event cost more
 * than anything else the server did per command.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => sameData(item, b[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = (record: Record<string, unknown>) =>
    Object.keys(record).filter((key) => record[key] !== undefined);
  const leftKeys = keys(left);
  return (
    leftKeys.length === keys(right).length &&
    leftKeys.every((key) => sameData(left[key], right[key]))
  );
}

const sameView = (a: RoomState, b: RoomState): boolean =>
  sameData({ ...a, seq: 0 }, { ...b, seq: 0 });

/**
 * Decides what a viewer receives for an event, so that whatever a client folds stays equal to
 * viewFor(server state): the event itself when folding it into the viewer's current view gives
 * the new view; nothing when the viewer sees no change; otherwise (something became visible, or
 * the event carries what the viewer may not see) a fresh snapshot of the view.
 */
export function projectEvent(
  before: RoomState,
  after: RoomState,
  event: RoomEvent,
  viewer: Viewer,
): Projection {
  const seenBefore = viewFor(before, viewer);
  const seenAfter = viewFor(after, viewer);
  if (sameView(seenBefore, seenAfter)) return { kind: 'none' };
  if (sameView(reduce(seenBefore, event), seenAfter) && !leaksToCandidate(event, viewer)) {
    return { kind: 'event', event };
  }
  return { kind: 'snapshot', state: seenAfter };
}

/** A prompt.set carries the guide and follow-ups: never forward it to a candidate as it is. */
const leaksToCandidate = (event: RoomEvent, viewer: Viewer): boolean =>
  !isStaff(viewer.role) && event.type === 'prompt.set';

const SCORECARD_EVENTS: ReadonlySet<RoomEvent['type']> = new Set<RoomEvent['type']>([
  'evidence.added',
  'evidence.edited',
  'evidence.removed',
  'score.set',
  'score.cleared',
]);
const MARK_EVENTS: ReadonlySet<RoomEvent['type']> = new Set<RoomEvent['type']>([
  'move.marked',
  'move.unmarked',
  'flag.marked',
  'flag.unmarked',
]);

const isSummary = (event: RoomEvent): boolean => event.type === 'summary.written';

const WATCH_EVENTS: ReadonlySet<RoomEvent['type']> = new Set<RoomEvent['type']>([
  'watch.listed',
  'watch.ticked',
  'watch.unticked',
  'watch.withdrawn',
]);

/**
 * Scorecard, mark and summary events a candidate may receive only as the final state shows
 * them: an earlier version of a note or of the summary, a removed note, a withdrawn mark or a
 * score changed since must never reach them, on any path (history, or a catch-up of what they
 * missed).
 */
export const revisableForCandidate = (event: RoomEvent): boolean =>
  SCORECARD_EVENTS.has(event.type) || MARK_EVENTS.has(event.type) || isSummary(event);

/**
 * The interviewer's scorecard and marks as a candidate reads them in history: what the released
 * feedback shows, placed when it was first recorded. A note appears once, at the time it was
 * added, with its final text, signal and polarity; a removed note, its edits, a withdrawn mark
 * and every score and summary but the one that stands are left out.
 */
function finalVersionOf(
  event: RoomEvent,
  final: RoomState,
  standing: ReadonlySet<number>,
): RoomEvent | null {
  const card = final.scorecards[final.interviewerId];
  switch (event.type) {
    case 'evidence.added': {
      const kept = card?.evidence.find((item) => item.id === event.payload.evidence.id);
      return kept ? { ...event, payload: { evidence: kept } } : null;
    }
    case 'score.set':
    case 'summary.written':
      return standing.has(event.seq) ? event : null;
    case 'move.marked':
      return final.moves.some((mark) => mark.id === event.payload.markId) ? event : null;
    case 'flag.marked':
      return final.flags.some((mark) => mark.id === event.payload.markId) ? event : null;
    default:
      return null;
  }
}

/**
 * The seqs of the events whose value still stands at the end: the interviewer's score events
 * that set a score not changed since, and, once feedback is released, the last summary written.
 */
function standingSeqs(events: readonly RoomEvent[], final: RoomState): Set<number> {
  const last = new Map<string, RoomEvent>();
  for (const event of events) {
    if (event.actorId !== final.interviewerId) continue;
    if (event.type === 'score.set' || event.type === 'score.cleared') {
      last.set(event.payload.signal, event);
    } else if (event.type === 'summary.written' && final.feedbackReleased) {
      last.set('summary', event);
    }
  }
  return new Set(
    [...last.values()].filter((event) => event.type !== 'score.cleared').map((event) => event.seq),
  );
}

/**
 * The events of a session a viewer may read in its history, judged by what the viewer may see
 * now (`final`): a candidate reads the interviewer's scorecard and marks only once scores are
 * visible to them, and then only in their final state (see finalVersionOf), and the summary only
 * once feedback is released, as it stands, when it was last written; never an observer's
 * scorecard, never the prompt as set (it holds the guide). Staff read other scorers' events, and
 * an observer the interviewer's summary, only once the round has ended. The watch list and its
 * ticks are the interviewer's alone, as in the room (the candidate reads them in the feedback).
 */
export function timelineFor(
  events: readonly RoomEvent[],
  final: RoomState,
  viewer: Viewer,
): RoomEvent[] {
  const seesWatch = viewer.userId === final.interviewerId;
  if (isStaff(viewer.role)) {
    return events.filter(
      (event) =>
        (!WATCH_EVENTS.has(event.type) || seesWatch) &&
        (!(SCORECARD_EVENTS.has(event.type) || isSummary(event)) ||
          event.actorId === viewer.userId ||
          final.status === 'ended'),
    );
  }
  const open = seesScores(final, viewer);
  const standing = standingSeqs(events, final);
  return events.flatMap((event) => {
    if (event.type === 'prompt.set' || WATCH_EVENTS.has(event.type)) return [];
    if (!revisableForCandidate(event)) return [event];
    const fromInterviewer = event.actorId === final.interviewerId;
    const kept = open && fromInterviewer ? finalVersionOf(event, final, standing) : null;
    return kept ? [kept] : [];
  });
}
