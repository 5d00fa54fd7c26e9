import type { RoomEvent } from './events';
import { reduce, reduceAll } from './reduce';
import type { RoomState } from './state';

/**
 * A viewer's room as folded from what the server sent it, in seq order whatever order it
 * arrived in. With members on several server nodes, a node can send its own event before it
 * relays an older one committed elsewhere, so the events since the last snapshot are kept to
 * fold a late one into its place.
 */
export interface OrderedFold {
  /** The last snapshot, with the oldest events folded in once too many are held. */
  readonly base: RoomState | null;
  /** The events received after the base, by seq, each seq once. */
  readonly events: readonly RoomEvent[];
  /** The base with the events folded in: the view to show. */
  readonly state: RoomState | null;
  /** The seq of the last snapshot: the base holds everything up to it. */
  readonly snapshotSeq: number;
  /** An event came too late to place; only a fresh snapshot can bring it in. */
  readonly missed: boolean;
}

/** More held events than this fold their older half into the base. */
export const MAX_HELD_EVENTS = 500;

export const emptyFold: OrderedFold = {
  base: null,
  events: [],
  state: null,
  snapshotSeq: 0,
  missed: false,
};

/**
 * Takes a snapshot as the new base when it is no older than the base, keeping the events after
 * it: a snapshot can itself arrive after newer events relayed by another node.
 */
export function withSnapshot(fold: OrderedFold, snapshot: RoomState): OrderedFold {
  if (fold.base && snapshot.seq < fold.base.seq) return fold;
  const events = fold.events.filter((event) => event.seq > snapshot.seq);
  return {
    base: snapshot,
    events,
    state: reduceAll(snapshot, events),
    snapshotSeq: snapshot.seq,
    missed: false,
  };
}

/**
 * Folds one event in. Newer than everything held, it is reduced onto the view; older and not
 * held yet, the view is folded again from the base. Without a base there is nothing to fold
 * onto, and the join that brings one also brings what came before it.
 */
export function withEvent(fold: OrderedFold, event: RoomEvent): OrderedFold {
  const { base, state } = fold;
  if (!base || !state) return fold;
  if (event.seq <= base.seq) {
    // Past the last snapshot, the base holds only the events that reached it: one it lacks
    // there came too late. A repeat of one folded into it looks the same and costs a spare
    // snapshot, never a wrong view.
    return event.seq > fold.snapshotSeq ? { ...fold, missed: true } : fold;
  }
  if (event.seq > state.seq) {
    return bounded({ ...fold, events: [...fold.events, event], state: reduce(state, event) });
  }
  const at = fold.events.findIndex((held) => held.seq >= event.seq);
  if (fold.events[at]?.seq === event.seq) return fold;
  const events = [...fold.events.slice(0, at), event, ...fold.events.slice(at)];
  return bounded({ ...fold, events, state: reduceAll(base, events) });
}

/** Folds the older half of too many held events into the base; the view does not change. */
function bounded(fold: OrderedFold): OrderedFold {
  if (!fold.base || fold.events.length <= MAX_HELD_EVENTS) return fold;
  const keep = MAX_HELD_EVENTS / 2;
  const older = fold.events.slice(0, fold.events.length - keep);
  return {
    ...fold,
    base: reduceAll(fold.base, older),
    events: fold.events.slice(-keep),
  };
}
