// What a person sees of their own work includes what is still in the outbox: a score chosen or a
// note saved while offline shows at once, marked as not sent, instead of vanishing until the room
// is back. These functions lay the queued commands over the state the server confirmed.
import type {
  Evidence,
  FlagMark,
  MoveMark,
  RoomCommandType,
  RoomState,
  Scores,
  SignalId,
} from '@signal-room/domain';
import type { CommandPayload } from '@signal-room/protocol';
import type { PendingCommand } from './room-store';

export type Pendable<T> = T & { pending: boolean };

/** The queued commands of the given types, in the order they will be sent. */
const queued = (
  pending: readonly PendingCommand[],
  types: readonly RoomCommandType[],
): PendingCommand[] => pending.filter((command) => types.includes(command.type));

// The store only ever queues a payload built for its command's type, so reading it back by type
// is safe.
const payloadOf = <T extends RoomCommandType>(command: PendingCommand, _type: T) =>
  command.payload as CommandPayload<T>;

/** One scorer's evidence with queued additions, edits and removals applied, by round time. */
export function shownEvidence(
  evidence: readonly Evidence[],
  pending: readonly PendingCommand[],
  authorId: string,
): Pendable<Evidence>[] {
  let shown: Pendable<Evidence>[] = evidence.map((item) => ({ ...item, pending: false }));
  for (const command of queued(pending, ['evidence.add', 'evidence.edit', 'evidence.remove'])) {
    if (command.type === 'evidence.add') {
      // The event often arrives before the ack: then the server's copy is already here.
      if (shown.some((item) => item.id === command.clientEventId)) continue;
      const { signal, polarity, note, offsetMs } = payloadOf(command, 'evidence.add');
      const id = command.clientEventId;
      shown.push({ id, signal, polarity, note, offsetMs: offsetMs ?? 0, authorId, pending: true });
    } else if (command.type === 'evidence.edit') {
      const { evidenceId, ...changes } = payloadOf(command, 'evidence.edit');
      shown = shown.map((item) =>
        item.id === evidenceId ? { ...item, ...changes, pending: true } : item,
      );
    } else {
      const { evidenceId } = payloadOf(command, 'evidence.remove');
      shown = shown.filter((item) => item.id !== evidenceId);
    }
  }
  return shown.sort((a, b) => a.offsetMs - b.offsetMs);
}

/** Scores with queued changes applied, and which signals still wait to be sent. */
export function shownScores(
  scores: Scores,
  pending: readonly PendingCommand[],
): { scores: Scores; pending: ReadonlySet<SignalId> } {
  const shown: Scores = { ...scores };
  const waiting = new Set<SignalId>();
  for (const command of queued(pending, ['score.set', 'score.clear'])) {
    if (command.type === 'score.set') {
      const { signal, score } = payloadOf(command, 'score.set');
      shown[signal] = score;
      waiting.add(signal);
    } else {
      const { signal } = payloadOf(command, 'score.clear');
      shown[signal] = null;
      waiting.add(signal);
    }
  }
  return { scores: shown, pending: waiting };
}

/** Communication moves with queued marks and undos applied, by round time. */
export function shownMoves(
  moves: readonly MoveMark[],
  pending: readonly PendingCommand[],
  authorId: string,
): Pendable<MoveMark>[] {
  let shown: Pendable<MoveMark>[] = moves.map((mark) => ({ ...mark, pending: false }));
  for (const command of queued(pending, ['move.mark', 'move.unmark'])) {
    if (command.type === 'move.mark') {
      if (shown.some((mark) => mark.id === command.clientEventId)) continue;
      const { move, offsetMs } = payloadOf(command, 'move.mark');
      shown.push({
        id: command.clientEventId,
        move,
        offsetMs: offsetMs ?? 0,
        authorId,
        pending: true,
      });
    } else {
      const { markId } = payloadOf(command, 'move.unmark');
      shown = shown.filter((mark) => mark.id !== markId);
    }
  }
  return shown.sort((a, b) => a.offsetMs - b.offsetMs);
}

/** Failure-mode flags with queued flags and undos applied, by round time. */
export function shownFlags(
  flags: readonly FlagMark[],
  pending: readonly PendingCommand[],
  authorId: string,
): Pendable<FlagMark>[] {
  let shown: Pendable<FlagMark>[] = flags.map((mark) => ({ ...mark, pending: false }));
  for (const command of queued(pending, ['flag.mark', 'flag.unmark'])) {
    if (command.type === 'flag.mark') {
      if (shown.some((mark) => mark.id === command.clientEventId)) continue;
      const { flag, offsetMs } = payloadOf(command, 'flag.mark');
      shown.push({
        id: command.clientEventId,
        flag,
        offsetMs: offsetMs ?? 0,
        authorId,
        pending: true,
      });
    } else {
      const { markId } = payloadOf(command, 'flag.unmark');
      shown = shown.filter((mark) => mark.id !== markId);
    }
  }
  return shown.sort((a, b) => a.offsetMs - b.offsetMs);
}

/** The phase marked last, counting one still queued, and whether that one is unsent. */
export function currentPhase(
  state: RoomState,
  pending: readonly PendingCommand[],
): { phaseId: string; pending: boolean } | null {
  const waiting = queued(pending, ['phase.change']).at(-1);
  if (waiting)
    return { phaseId: (waiting.payload as CommandPayload<'phase.change'>).phaseId, pending: true };
  const last = state.phases.at(-1);
  return last ? { phaseId: last.phaseId, pending: false } : null;
}

/** Whether a command of this type is still waiting in the outbox. */
export const isQueued = (pending: readonly PendingCommand[], type: RoomCommandType): boolean =>
  pending.some((command) => command.type === type);
