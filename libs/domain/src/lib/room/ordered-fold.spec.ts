import type { RoomEvent } from './events';
import type { OrderedFold } from './ordered-fold';
import { emptyFold, MAX_HELD_EVENTS, withEvent, withSnapshot } from './ordered-fold';
import { reduceAll } from './reduce';
import { liveRoom, stamped } from './room-fixtures';

const room = liveRoom();
const from = room.seq;

// Phases are appended in the order they are folded, so a fold out of seq order shows.
const phase = (seq: number): RoomEvent =>
  stamped('phase.changed', { phaseId: `phase-${seq}`, offsetMs: seq }, { seq });

/** The events after the room's own, numbered from one past its seq. */
const numbered = (...offsets: number[]): RoomEvent[] => offsets.map((n) => phase(from + n));

const receive = (fold: OrderedFold, events: readonly RoomEvent[]): OrderedFold =>
  events.reduce(withEvent, fold);

const started = withSnapshot(emptyFold, room);

describe('ordered fold', () => {
  it('starts from a snapshot', () => {
    expect(started).toMatchObject({ base: room, events: [], state: room, snapshotSeq: from });
  });

  it('folds in-order events onto the view', () => {
    const events = numbered(1, 2, 3);
    const fold = receive(started, events);
    expect(fold.state).toEqual(reduceAll(room, events));
    expect(fold.events).toEqual(events);
    expect(fold.base).toBe(room);
  });

  it('folds events in seq order whatever order they arrive in', () => {
    const inOrder = reduceAll(room, numbered(1, 2, 3, 4, 5));
    for (const arrival of [
      [5, 4, 3, 2, 1],
      [1, 3, 2, 5, 4],
      [2, 5, 1, 4, 3],
    ]) {
      const fold = receive(started, numbered(...arrival));
      expect(fold.state).toEqual(inOrder);
      expect(fold.events.map((event) => event.seq)).toEqual(
        numbered(1, 2, 3, 4, 5).map((e) => e.seq),
      );
    }
  });

  it('places a late event between others across a gap the viewer may not see', () => {
    const fold = receive(started, numbered(1, 4, 2));
    expect(fold.state).toEqual(reduceAll(room, numbered(1, 2, 4)));
    expect(fold.state?.seq).toBe(from + 4);
  });

  it('folds a repeated event once, whether it is the newest or an older one', () => {
    const fold = receive(started, numbered(1, 2, 3, 3, 2, 1));
    expect(fold.state).toEqual(reduceAll(room, numbered(1, 2, 3)));
    expect(fold.events).toHaveLength(3);
  });

  it('ignores events the snapshot already holds, and without a snapshot, everything', () => {
    expect(withEvent(started, phase(from))).toBe(started);
    expect(withEvent(started, phase(1))).toBe(started);
    expect(withEvent(emptyFold, phase(1))).toBe(emptyFold);
  });

  it('takes a newer snapshot as its base and drops the events it holds', () => {
    const fold = receive(started, numbered(1, 2));
    const snapshot = reduceAll(room, numbered(1, 2, 3));
    expect(withSnapshot(fold, snapshot)).toEqual({
      base: snapshot,
      events: [],
      state: snapshot,
      snapshotSeq: from + 3,
      missed: false,
    });
  });

  it('keeps the events after a snapshot that arrived after them', () => {
    const fold = receive(started, numbered(1, 4));
    const snapshot = reduceAll(room, numbered(1, 2, 3));
    const rebased = withSnapshot(fold, snapshot);
    expect(rebased.base).toBe(snapshot);
    expect(rebased.events).toEqual(numbered(4));
    expect(rebased.state).toEqual(reduceAll(room, numbered(1, 2, 3, 4)));
  });

  it('ignores a snapshot older than its base', () => {
    const fold = withSnapshot(started, reduceAll(room, numbered(1, 2)));
    expect(withSnapshot(fold, room)).toBe(fold);
  });

  it('takes a snapshot at the same seq as its base', () => {
    const again = { ...room };
    expect(withSnapshot(started, again).base).toBe(again);
  });

  describe('when too many events are held', () => {
    const offsets = Array.from({ length: MAX_HELD_EVENTS + 1 }, (_, i) => i + 1);
    const all = numbered(...offsets);
    const full = receive(started, all);
    const keep = MAX_HELD_EVENTS / 2;

    it('folds the older ones into the base, and the view stays the same', () => {
      expect(full.events).toEqual(all.slice(-keep));
      expect(full.base).toEqual(reduceAll(room, all.slice(0, all.length - keep)));
      expect(full.state).toEqual(reduceAll(room, all));
      expect(full.snapshotSeq).toBe(from);
      expect(full.missed).toBe(false);
    });

    // Enough events that the base has moved well past the first of them before the late one.
    const more = numbered(...Array.from({ length: MAX_HELD_EVENTS + 100 }, (_, i) => i + 1));
    const without = (late: RoomEvent) => more.filter((event) => event !== late);

    it('still places a late event after the new base', () => {
      const late = more[MAX_HELD_EVENTS] as RoomEvent;
      const fold = withEvent(receive(started, without(late)), late);
      expect(fold.base?.seq).toBeLessThan(late.seq);
      expect(fold.state).toEqual(reduceAll(room, more));
      expect(fold.missed).toBe(false);
    });

    it('reports an event older than the new base as missed, until a snapshot', () => {
      const late = more[10] as RoomEvent;
      const fold = withEvent(receive(started, without(late)), late);
      expect(fold.missed).toBe(true);
      expect(fold.state).toEqual(reduceAll(room, without(late)));

      const snapshot = reduceAll(room, more);
      expect(withSnapshot(fold, snapshot)).toMatchObject({ state: snapshot, missed: false });
    });

    it('still ignores an event its last snapshot holds', () => {
      expect(withEvent(full, phase(from)).missed).toBe(false);
    });
  });
});
