import type { OpenAuditEntry } from './audit';
import {
  auditableSignals,
  itemsSeen,
  MAX_WATCH_ITEMS,
  watchListEvents,
  watchWithdrawnEvents,
} from './audit';
import { buildFeedback } from './feedback';
import { eventBody } from './room/events';
import { timelineFor } from './room/projection';
import { reduceAll } from './room/reduce';
import {
  acceptedEvents,
  CANDIDATE,
  command,
  endedRoom,
  INTERVIEWER,
  liveRoom,
  MINUTE,
  newRoom,
  OBSERVER,
  run,
  T0,
  WATCH_ITEM,
  withWatch,
} from './room/room-fixtures';
import type { RoomState } from './room/state';
import { SYSTEM_ACTOR_ID } from './room/state';
import { viewFor } from './room/view';

const entry = (id: string, sessionId = 'session-0'): OpenAuditEntry => ({
  id,
  sessionId,
  signal: 'production',
  sentence: `Say the cost of ${id} aloud.`,
});

describe('auditableSignals', () => {
  // System design expects framing, architecture and production (primary), delivery and
  // communication (secondary); communication is also a floor.
  function feedbackOf(build: (state: RoomState) => RoomState) {
    const state = run(build(liveRoom()), command('session.end', {}), INTERVIEWER, T0 + 20 * MINUTE);
    return buildFeedback(state, T0 + 21 * MINUTE);
  }
  const note = (
    state: RoomState,
    signal: 'framing' | 'architecture' | 'coding',
    polarity: 'strong' | 'weak',
    id: string,
  ) =>
    run(
      state,
      command('evidence.add', { signal, polarity, note: `${polarity} ${signal}` }, id),
      INTERVIEWER,
      T0 + MINUTE,
    );

  it('offers every expected signal without evidence as hidden, in catalogue order', () => {
    const document = feedbackOf((state) => note(state, 'framing', 'strong', 'e1'));
    expect(auditableSignals(document)).toEqual([
      { signal: 'architecture', name: 'Architectural judgment', reason: 'hidden' },
      { signal: 'production', name: 'Production judgment', reason: 'hidden' },
      { signal: 'delivery', name: 'Delivery & product judgment', reason: 'hidden' },
      { signal: 'communication', name: 'Communication & reflection', reason: 'hidden' },
    ]);
  });

  it('offers a signal seen only weakly, or scored 2 or less, as weak, and leaves strong ones out', () => {
    const document = feedbackOf((state) => {
      let next = note(state, 'framing', 'weak', 'e1');
      next = note(next, 'architecture', 'strong', 'e2');
      next = run(next, command('score.set', { signal: 'architecture', score: 2 }), INTERVIEWER, T0);
      // Coding is not expected in this round: a strong note and a good score leave it out.
      next = note(next, 'coding', 'strong', 'e3');
      return run(next, command('score.set', { signal: 'coding', score: 4 }), INTERVIEWER, T0);
    });
    const reasons = Object.fromEntries(
      auditableSignals(document).map((item) => [item.signal, item.reason]),
    );
    expect(reasons).toEqual({
      framing: 'weak',
      architecture: 'weak',
      production: 'hidden',
      delivery: 'hidden',
      communication: 'hidden',
    });
  });

  it('offers a mixed signal scored competently nothing to audit', () => {
    const document = feedbackOf((state) => {
      const next = note(note(state, 'framing', 'weak', 'e1'), 'framing', 'strong', 'e2');
      return run(next, command('score.set', { signal: 'framing', score: 3 }), INTERVIEWER, T0);
    });
    expect(auditableSignals(document).map((item) => item.signal)).not.toContain('framing');
  });
});

describe('watchListEvents', () => {
  it('lists open entries from earlier rounds as the candidate wrote them, oldest first', () => {
    expect(watchListEvents(newRoom(), [entry('a1'), entry('a2', 'session-9')])).toEqual([
      eventBody('watch.listed', {
        items: [
          {
            id: 'a1',
            signal: 'production',
            intent: 'Say the cost of a1 aloud.',
            fromSessionId: 'session-0',
          },
          {
            id: 'a2',
            signal: 'production',
            intent: 'Say the cost of a2 aloud.',
            fromSessionId: 'session-9',
          },
        ],
      }),
    ]);
  });

  it('lists nothing twice, nothing written about this very round, and nothing once it ended', () => {
    const listed = withWatch(liveRoom());
    expect(watchListEvents(listed, [{ ...entry(WATCH_ITEM.id) }])).toEqual([]);
    expect(watchListEvents(liveRoom(), [entry('a1', 'session-1')])).toEqual([]);
    expect(watchListEvents(endedRoom(), [entry('a1')])).toEqual([]);
    expect(watchListEvents(liveRoom(), [])).toEqual([]);
    const [event] = watchListEvents(listed, [entry(WATCH_ITEM.id), entry('a3')]);
    expect(event?.type === 'watch.listed' && event.payload.items.map((item) => item.id)).toEqual([
      'a3',
    ]);
  });

  it('keeps the list to its length', () => {
    const many = Array.from({ length: MAX_WATCH_ITEMS + 3 }, (_, index) => entry(`a${index}`));
    const [event] = watchListEvents(withWatch(newRoom()), many);
    expect(event?.type === 'watch.listed' && event.payload.items.length).toBe(MAX_WATCH_ITEMS - 1);
  });
});

describe('watchWithdrawnEvents', () => {
  it('withdraws an item the room lists, and nothing for one it does not', () => {
    const listed = withWatch(liveRoom());
    expect(watchWithdrawnEvents(listed, WATCH_ITEM.id)).toEqual([
      eventBody('watch.withdrawn', { itemId: WATCH_ITEM.id }),
    ]);
    expect(watchWithdrawnEvents(listed, 'another')).toEqual([]);
    expect(watchWithdrawnEvents(liveRoom(), WATCH_ITEM.id)).toEqual([]);
  });
});

describe('the watch list through a round', () => {
  const ticked = () => {
    const live = withWatch(liveRoom());
    return run(
      live,
      command('watch.tick', { itemId: WATCH_ITEM.id }),
      INTERVIEWER,
      T0 + 7 * MINUTE,
    );
  };

  it('is the interviewer’s alone to see, live and after the end', () => {
    for (const state of [
      ticked(),
      run(ticked(), command('session.end', {}), INTERVIEWER, T0 + 9 * MINUTE),
    ]) {
      expect(viewFor(state, INTERVIEWER).watchFor).toEqual([
        { ...WATCH_ITEM, seenAtMs: 7 * MINUTE },
      ]);
      expect(viewFor(state, OBSERVER).watchFor).toEqual([]);
      expect(viewFor(state, CANDIDATE).watchFor).toEqual([]);
    }
  });

  it('reaches only the interviewer in the history of the round', () => {
    const initial = liveRoom();
    const listed = eventBody('watch.listed', { items: [WATCH_ITEM] });
    const log = [
      { ...listed, seq: initial.seq + 1, actorId: SYSTEM_ACTOR_ID, at: T0 },
    ] as Parameters<typeof reduceAll>[1];
    const withList = reduceAll(initial, log);
    const tick = acceptedEvents(
      withList,
      command('watch.tick', { itemId: WATCH_ITEM.id }),
      INTERVIEWER,
      T0 + MINUTE,
    );
    const final = reduceAll(withList, tick);
    const types = (viewer: typeof INTERVIEWER) =>
      timelineFor([...log, ...tick], final, viewer).map((event) => event.type);
    expect(types(INTERVIEWER)).toEqual(['watch.listed', 'watch.ticked']);
    expect(types(OBSERVER)).toEqual([]);
    expect(types(CANDIDATE)).toEqual([]);
  });

  it('tells the feedback which items were heard, and when', () => {
    const state = run(ticked(), command('session.end', {}), INTERVIEWER, T0 + 9 * MINUTE);
    expect(buildFeedback(state, T0 + 10 * MINUTE).watchFor).toEqual([
      {
        ...WATCH_ITEM,
        name: 'Production judgment',
        seenAtMs: 7 * MINUTE,
      },
    ]);
    expect(itemsSeen(state).map((item) => item.id)).toEqual([WATCH_ITEM.id]);
    const unticked = run(
      state,
      command('watch.untick', { itemId: WATCH_ITEM.id }),
      INTERVIEWER,
      T0 + 11 * MINUTE,
    );
    expect(buildFeedback(unticked, T0 + 12 * MINUTE).watchFor?.[0]?.seenAtMs).toBeNull();
    expect(itemsSeen(unticked)).toEqual([]);
  });
});
