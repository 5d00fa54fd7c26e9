// What a person sees of their own work includes what is still in the outbox: a score chosen or a
// note saved while offline shows at once, marked as not sent, instead of vanishing until the room
// is back. The room client lays the queued commands over the confirmed room with the domain's
// own rules (see optimisticView); these helpers only mark what of it is unsent.
import type { RoomCommandType } from '@signal-room/domain';
import type { QueuedCommand, Unsent } from '@signal-room/room-client';

export type Pendable<T> = T & { pending: boolean };

/** Items of the shown room, each marked whether a queued command made or changed it, by time. */
export const marked = <T extends { id: string; offsetMs: number }>(
  items: readonly T[],
  unsent: Unsent,
): Pendable<T>[] =>
  items
    .map((item) => ({ ...item, pending: unsent.items.has(item.id) }))
    .sort((a, b) => a.offsetMs - b.offsetMs);

/** Whether a command of this type is still waiting in the outbox. */
export const isQueued = (pending: readonly QueuedCommand[], type: RoomCommandType): boolean =>
  pending.some((command) => command.type === type);
