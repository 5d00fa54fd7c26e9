import type { RoomEvent, RoomState, Role } from '@signal-room/domain';
import {
  describeWorkspaceChange,
  failureModeById,
  formatOffset,
  moveById,
  offsetAt,
  PAD_LANGUAGE_LABELS,
  recordsPresence,
  reduce,
  roundTypeById,
  SCORE_LABELS,
  signalById,
  SYSTEM_ACTOR_ID,
  ROLE_LABELS,
  RUN_STATUS_LABELS,
} from '@signal-room/domain';
import { POLARITY_LABELS } from '../feedback/feedback-labels';

type PresenceEvent = Extract<RoomEvent, { type: 'participant.joined' | 'participant.left' }>;
/** Everything but people coming and going, which the timeline folds into attendance instead. */
export type StepEvent = Exclude<RoomEvent, PresenceEvent>;

export interface TimelineStep {
  event: StepEvent;
  /** Where it sits on the round's clock (pauses excluded), as the room and the feedback time it. */
  offsetMs: number;
  description: string;
  /** Who caused it, where that is worth saying. */
  actor: string | null;
  /** The room as it stood once this event was folded in. */
  state: RoomState;
}

/** One person's time in the room, on the round's clock. */
export interface Attendance {
  userId: string;
  displayName: string;
  role: Role;
  spans: { fromMs: number; toMs: number }[];
  visits: number;
}

export interface TimelineReading {
  steps: TimelineStep[];
  attendance: Attendance[];
}

const minutes = (ms: number): string => {
  const value = Math.round(ms / 60_000);
  return `${value} ${value === 1 ? 'minute' : 'minutes'}`;
};

const participantName = (state: RoomState, userId: string): string =>
  state.participants[userId]?.displayName ?? 'Someone';

/** What one event did, in words, read against the room as it stood just before it. */
function describeEvent(event: StepEvent, before: RoomState): string {
  switch (event.type) {
    case 'prompt.set':
      return `Prompt set: ${event.payload.prompt.title}`;
    case 'prompt.revealed':
      return 'Prompt revealed to the candidate';
    case 'hint.revealed':
      return `Hint ${event.payload.index + 1} revealed`;
    case 'timer.started':
      return 'Timer started';
    case 'timer.paused':
      return 'Timer paused';
    case 'timer.resumed':
      return 'Timer resumed';
    case 'timer.extended':
      return `Timer extended by ${minutes(event.payload.byMs)}`;
    case 'phase.changed': {
      const phase = roundTypeById(before.roundType).phases.find(
        (entry) => entry.id === event.payload.phaseId,
      );
      return `Phase · ${phase?.name ?? event.payload.phaseId}`;
    }
    case 'evidence.added': {
      const { signal, polarity, note } = event.payload.evidence;
      return `Evidence · ${signalById(signal).name} · ${POLARITY_LABELS[polarity].toLowerCase()}: ${note}`;
    }
    case 'evidence.edited': {
      const { signal, polarity, note } = event.payload;
      const changes = [
        ...(signal ? [`signal now ${signalById(signal).name}`] : []),
        ...(polarity ? [`now ${POLARITY_LABELS[polarity].toLowerCase()}`] : []),
        ...(note !== undefined ? [`note now “${note}”`] : []),
        ...(event.payload.offsetMs !== undefined ? ['time corrected'] : []),
      ];
      return `Evidence edited${changes.length > 0 ? ` · ${changes.join(', ')}` : ''}`;
    }
    case 'evidence.removed': {
      const removed = Object.values(before.scorecards)
        .flatMap((card) => card.evidence)
        .find((item) => item.id === event.payload.evidenceId);
      return removed
        ? `Evidence removed · ${signalById(removed.signal).name}: ${removed.note}`
        : 'Evidence removed';
    }
    case 'score.set':
      return `Score · ${signalById(event.payload.signal).name} set to ${event.payload.score} (${SCORE_LABELS[event.payload.score]})`;
    case 'score.cleared':
      return `Score · ${signalById(event.payload.signal).name} cleared`;
    case 'move.marked':
      return `Move · ${moveById(event.payload.move).name}`;
    case 'move.unmarked': {
      const mark = before.moves.find((entry) => entry.id === event.payload.markId);
      return `Move mark withdrawn${mark ? ` · ${moveById(mark.move).name}` : ''}`;
    }
    case 'flag.marked':
      return `Flag · ${failureModeById(event.payload.flag).name}`;
    case 'flag.unmarked': {
      const mark = before.flags.find((entry) => entry.id === event.payload.markId);
      return `Flag withdrawn${mark ? ` · ${failureModeById(mark.flag).name}` : ''}`;
    }
    case 'watch.listed':
      // A list whose every item the candidate took back since is kept in the log, emptied.
      return event.payload.items.length === 0
        ? 'Watch for · taken back by the candidate'
        : `Watch for · ${event.payload.items.length} from the candidate's audits`;
    case 'watch.withdrawn':
      return 'Watch item taken back: the candidate deleted the audit entry';
    case 'watch.ticked':
    case 'watch.unticked': {
      const item = before.watchFor.find((entry) => entry.id === event.payload.itemId);
      const what = item ? ` · ${signalById(item.signal).name}: ${item.intent}` : '';
      return `${event.type === 'watch.ticked' ? 'Heard' : 'Tick withdrawn'}${what}`;
    }
    case 'self-assessment.submitted':
      return 'Self-assessment submitted';
    case 'summary.written':
      return `Summary written · practise next: ${event.payload.practiseNext}`;
    case 'session.ended':
      return event.payload.reason === 'time-up'
        ? 'Session ended: the time ran out'
        : 'Session ended by the interviewer';
    case 'feedback.released':
      return 'Feedback released to the candidate';
    case 'roles.swapped':
      return 'Roles swapped for a follow-up round';
    case 'participant.removed':
      return `${participantName(before, event.payload.userId)} was removed from the session`;
    case 'code.ran':
      return `${PAD_LANGUAGE_LABELS[event.payload.language]} run ${RUN_STATUS_LABELS[event.payload.status]} after ${(event.payload.durationMs / 1000).toFixed(1)} s`;
    case 'workspace.changed':
      return describeWorkspaceChange(event.payload);
    case 'meeting.linked':
      return event.payload.url ? 'Shared a meeting link' : 'Took the meeting link away';
    case 'recording.requested':
      return 'Asked everyone present to agree to a recording';
    case 'recording.consented':
      return 'Agreed to be recorded';
    case 'recording.declined':
      return 'Declined the recording, which ended it';
    case 'recording.stopped':
      return 'Stopped the recording';
  }
}

function actorOf(event: StepEvent, before: RoomState): string | null {
  if (event.actorId === SYSTEM_ACTOR_ID) return null;
  return before.participants[event.actorId]?.displayName ?? null;
}

/**
 * Where an event sits on the round's clock: at the moment it records, when it records one (a
 * note is timed from when its typing began, as its feedback says), else where the clock stood
 * when it was committed.
 */
function clockOffset(event: StepEvent, before: RoomState): number {
  switch (event.type) {
    case 'evidence.added':
      return event.payload.evidence.offsetMs;
    case 'phase.changed':
    case 'move.marked':
    case 'flag.marked':
    case 'watch.ticked':
      return event.payload.offsetMs;
    default:
      return offsetAt(before, event.at);
  }
}

const isPresence = (event: RoomEvent): event is PresenceEvent =>
  event.type === 'participant.joined' || event.type === 'participant.left';

/** A drop and a rejoin this close together is a reconnect, not time away from the room. */
const RECONNECT_GAP_MS = 60_000;

/** Folds each person's arrivals and departures into spans of the round's clock. */
class AttendanceLog {
  private readonly people = new Map<string, Attendance>();
  private readonly arrivedAt = new Map<string, number>();

  record(event: PresenceEvent, before: RoomState): void {
    const { userId } = event.payload;
    if (event.type === 'participant.joined') {
      const { displayName, role } = event.payload;
      const person = this.people.get(userId) ?? { userId, displayName, role, spans: [], visits: 0 };
      this.people.set(userId, person);
      // Presence after the end is no part of the round (an older log may still hold revisits).
      if (!recordsPresence(before) || this.arrivedAt.has(userId)) return;
      person.visits += 1;
      this.arrivedAt.set(userId, offsetAt(before, event.at));
    } else if (recordsPresence(before)) {
      this.leave(userId, offsetAt(before, event.at));
    }
  }

  /** Everyone's spans, those still open running to where the record ends. */
  finish(endMs: number): Attendance[] {
    for (const userId of [...this.arrivedAt.keys()]) this.leave(userId, endMs);
    return [...this.people.values()];
  }

  /** Closes the person's open span, if they are here. */
  leave(userId: string, toMs: number): void {
    const fromMs = this.arrivedAt.get(userId);
    const person = this.people.get(userId);
    if (fromMs === undefined || !person) return;
    this.arrivedAt.delete(userId);
    const last = person.spans.at(-1);
    if (last && fromMs - last.toMs < RECONNECT_GAP_MS) last.toMs = Math.max(last.toMs, toMs);
    else person.spans.push({ fromMs, toMs });
  }
}

/** One person's time in the room in words: "0:00–41:10, 2 visits". */
export function describeAttendance(person: Attendance): string {
  const who = `${person.displayName} (${ROLE_LABELS[person.role].toLowerCase()})`;
  if (person.spans.length === 0) return `${who} came only after the round ended`;
  const spans = person.spans
    .map((span) => `${formatOffset(span.fromMs)}–${formatOffset(span.toMs)}`)
    .join(', ');
  return `${who} was here ${spans}${person.visits > 1 ? `, ${person.visits} visits` : ''}`;
}

/**
 * Every event folded in order with the domain's reducer: each but presence a step with the state
 * it left behind, and presence folded into each person's attendance, so that people coming and
 * going do not bury what happened in the round.
 */
export function readTimeline(initial: RoomState, events: readonly RoomEvent[]): TimelineReading {
  let state = initial;
  const attendance = new AttendanceLog();
  const steps: TimelineStep[] = [];
  for (const event of events) {
    const before = state;
    state = reduce(state, event);
    if (isPresence(event)) {
      attendance.record(event, before);
      continue;
    }
    // A removed person's sockets leave the room at once; no departure of theirs is recorded.
    if (event.type === 'participant.removed') {
      attendance.leave(event.payload.userId, offsetAt(before, event.at));
    }
    steps.push({
      event,
      offsetMs: clockOffset(event, before),
      description: describeEvent(event, before),
      actor: actorOf(event, before),
      state,
    });
  }
  const last = events.at(-1);
  return { steps, attendance: attendance.finish(last ? offsetAt(state, last.at) : 0) };
}
