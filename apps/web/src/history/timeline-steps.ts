import type { RoomEvent, RoomState } from '@signal-room/domain';
import {
  failureModeById,
  initialRoomState,
  moveById,
  reduce,
  roundTypeById,
  SCORE_LABELS,
  signalById,
  SYSTEM_ACTOR_ID,
} from '@signal-room/domain';
import { POLARITY_LABELS } from '../feedback/feedback-labels';
import { ROLE_LABELS } from './labels';

export interface TimelineStep {
  event: RoomEvent;
  /** Wall-clock time since the round's first start; 0 for anything before it. */
  offsetMs: number;
  description: string;
  /** Who caused it, where that is worth saying. */
  actor: string | null;
  /** The room as it stood once this event was folded in. */
  state: RoomState;
}

const minutes = (ms: number): string => {
  const value = Math.round(ms / 60_000);
  return `${value} ${value === 1 ? 'minute' : 'minutes'}`;
};

/**
 * The room before its first event, rebuilt from the room as it stands now. Extensions are taken
 * back off the duration, since replaying their events adds them again.
 */
export function startingState(room: RoomState, events: readonly RoomEvent[]): RoomState {
  const extendedMs = events.reduce(
    (total, event) => (event.type === 'timer.extended' ? total + event.payload.byMs : total),
    0,
  );
  return initialRoomState({
    sessionId: room.sessionId,
    roundType: room.roundType,
    visibility: room.visibility,
    interviewerId: room.interviewerId,
    durationMs: Math.max(0, room.timer.durationMs - extendedMs),
    prompt: room.prompt,
  });
}

const participantName = (state: RoomState, userId: string): string =>
  state.participants[userId]?.displayName ?? 'Someone';

/** What one event did, in words, read against the room as it stood just before it. */
export function describeEvent(event: RoomEvent, before: RoomState): string {
  switch (event.type) {
    case 'participant.joined':
      return `${event.payload.displayName} joined as ${ROLE_LABELS[event.payload.role].toLowerCase()}`;
    case 'participant.left':
      return `${participantName(before, event.payload.userId)} left the room`;
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
  }
}

// Joining and leaving already name the person; the system acts for no one.
const SELF_NAMING = new Set<RoomEvent['type']>(['participant.joined', 'participant.left']);

function actorOf(event: RoomEvent, before: RoomState): string | null {
  if (SELF_NAMING.has(event.type) || event.actorId === SYSTEM_ACTOR_ID) return null;
  return before.participants[event.actorId]?.displayName ?? null;
}

/** Every event folded in order with the domain's reducer, each with the state it left behind. */
export function timelineSteps(
  room: RoomState,
  events: readonly RoomEvent[],
  startedAt: number | null,
): TimelineStep[] {
  let state = startingState(room, events);
  return events.map((event) => {
    const before = state;
    state = reduce(state, event);
    return {
      event,
      offsetMs: startedAt === null ? 0 : Math.max(0, event.at - startedAt),
      description: describeEvent(event, before),
      actor: actorOf(event, before),
      state,
    };
  });
}
