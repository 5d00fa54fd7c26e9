import type {
  Actor,
  RoomCommand,
  RoomCommandType,
  RoomEvent,
  RoomState,
  SignalId,
} from '@signal-room/domain';
import { SCORECARD_COMMANDS, decide, reduceAll } from '@signal-room/domain';
import type { QueuedCommand } from './outbox';

/**
 * The commands a person's own view shows before the server has them: their scorecard and its
 * marks, the phase, their self-assessment and summary. What the server alone can settle (the
 * timer, the round's end, the release, a swap's linked round, a removal) is shown as waiting,
 * never as done.
 */
const SHOWN_BEFORE_SENT: ReadonlySet<RoomCommandType> = new Set<RoomCommandType>([
  ...SCORECARD_COMMANDS,
  'phase.change',
  'self-assessment.submit',
  'summary.write',
]);

/** What in an optimistic view has not reached the server yet. */
export interface Unsent {
  /** Evidence, moves, flags and watch items by id: added or changed by a queued command. */
  readonly items: ReadonlySet<string>;
  /** Signals whose score (in the viewer's own scorecard) waits to be sent. */
  readonly scores: ReadonlySet<SignalId>;
  /** Every command type still queued, whether or not it shows before it is sent. */
  readonly types: ReadonlySet<RoomCommandType>;
}

export interface OptimisticView {
  state: RoomState;
  unsent: Unsent;
}

/** The id of what a command creates or changes, for marking it as not sent yet. */
function itemOf(command: QueuedCommand): string | null {
  switch (command.type) {
    case 'evidence.add':
    case 'move.mark':
    case 'flag.mark':
      return command.clientEventId;
    case 'evidence.edit':
      return command.payload.evidenceId;
    case 'watch.tick':
    case 'watch.untick':
      return command.payload.itemId;
    default:
      return null;
  }
}

/** Whether the room already holds what this command creates: its event came before its ack. */
function alreadyIn(state: RoomState, command: QueuedCommand, actorId: string): boolean {
  const id = command.clientEventId;
  switch (command.type) {
    case 'evidence.add':
      return state.scorecards[actorId]?.evidence.some((item) => item.id === id) ?? false;
    case 'move.mark':
      return state.moves.some((mark) => mark.id === id);
    case 'flag.mark':
      return state.flags.some((mark) => mark.id === id);
    default:
      return false;
  }
}

/**
 * The room as this person will see it once the server has their queued commands: each one decided
 * and reduced by the domain's own rules over the state the server confirmed, in queue order. A
 * command the rules refuse on that state is left out (the server will refuse it too, and say why).
 */
export function optimisticView(
  confirmed: RoomState,
  queued: readonly QueuedCommand[],
  actor: Actor,
  now: number,
): OptimisticView {
  let state = confirmed;
  const items = new Set<string>();
  const scores = new Set<SignalId>();
  const types = new Set<RoomCommandType>();
  for (const command of queued) {
    types.add(command.type);
    if (!SHOWN_BEFORE_SENT.has(command.type) || alreadyIn(state, command, actor.userId)) continue;
    const decision = decide(state, command as RoomCommand, actor, now);
    if (!decision.ok) continue;
    const events = decision.value.map(
      (body, index) =>
        ({ ...body, seq: state.seq + index + 1, actorId: actor.userId, at: now }) as RoomEvent,
    );
    // The view keeps the confirmed seq: a rejoin or the fold asks for what came after it.
    state = { ...reduceAll(state, events), seq: confirmed.seq };
    const item = itemOf(command);
    if (item) items.add(item);
    if (command.type === 'score.set' || command.type === 'score.clear') {
      scores.add(command.payload.signal);
    }
  }
  return { state, unsent: { items, scores, types } };
}
