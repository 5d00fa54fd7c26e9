import type { Evidence } from '../scorecard';
import { elapsedAt } from '../timer';
import type { RoomEvent, RoomEventPayloads, RoomEventType } from './events';
import { ROOM_EVENT_TYPES } from './events';
import { offsetAt, reduce, reduceAll } from './reduce';
import {
  CANDIDATE,
  DURATION_MS,
  endedRoom,
  INTERVIEWER,
  liveRoom,
  MINUTE,
  newRoom,
  OBSERVER,
  stamped,
  T0,
  testPrompt,
  WATCH_ITEM,
} from './room-fixtures';
import type { RoomState } from './state';

const evidence = (id: string, authorId: string, offsetMs = MINUTE): Evidence => ({
  id,
  signal: 'architecture',
  polarity: 'strong',
  note: `note ${id}`,
  offsetMs,
  authorId,
});

const by = (actorId: string, at = T0) => ({ actorId, at, seq: 100 });

/** A room with an interviewer's and an observer's evidence and scores in it. */
function scoredRoom(): RoomState {
  return reduceAll(liveRoom(), [
    stamped(
      'evidence.added',
      { evidence: evidence('e1', INTERVIEWER.userId) },
      by(INTERVIEWER.userId),
    ),
    stamped(
      'evidence.added',
      { evidence: evidence('e2', INTERVIEWER.userId) },
      by(INTERVIEWER.userId),
    ),
    stamped('evidence.added', { evidence: evidence('e1', OBSERVER.userId) }, by(OBSERVER.userId)),
    stamped('score.set', { signal: 'framing', score: 4 }, by(INTERVIEWER.userId)),
    stamped('score.set', { signal: 'framing', score: 2 }, by(OBSERVER.userId)),
  ]);
}

/** One event of every type, for the checks that hold whatever the event. */
const SAMPLE_PAYLOADS: { [T in RoomEventType]: RoomEventPayloads[T] } = {
  'participant.joined': { userId: 'u9', displayName: 'Nine', role: 'observer' },
  'participant.left': { userId: CANDIDATE.userId },
  'prompt.set': { prompt: testPrompt('B') },
  'prompt.revealed': {},
  'hint.revealed': { index: 0 },
  'timer.started': {},
  'timer.paused': {},
  'timer.resumed': {},
  'timer.extended': { byMs: MINUTE },
  'phase.changed': { phaseId: 'clarify-scope', offsetMs: MINUTE },
  'evidence.added': { evidence: evidence('e9', INTERVIEWER.userId) },
  'evidence.edited': { evidenceId: 'e1', note: 'edited' },
  'evidence.removed': { evidenceId: 'e1' },
  'score.set': { signal: 'coding', score: 3 },
  'score.cleared': { signal: 'framing' },
  'move.marked': { markId: 'm1', move: 'narrow-scope', offsetMs: MINUTE },
  'move.unmarked': { markId: 'm1' },
  'flag.marked': { markId: 'f1', flag: 'ignored-hint', offsetMs: MINUTE },
  'flag.unmarked': { markId: 'f1' },
  'watch.listed': { items: [WATCH_ITEM] },
  'watch.ticked': { itemId: WATCH_ITEM.id, offsetMs: MINUTE },
  'watch.withdrawn': { itemId: WATCH_ITEM.id },
  'watch.unticked': { itemId: WATCH_ITEM.id },
  'self-assessment.submitted': {
    scores: scoredRoom().scorecards[INTERVIEWER.userId].scores,
    note: 'n',
  },
  'summary.written': { text: 'Framed it well.', practiseNext: 'Say the cost of each choice.' },
  'session.ended': { reason: 'interviewer' },
  'feedback.released': {},
  'roles.swapped': { nextSessionId: 'session-2' },
  'participant.removed': { userId: OBSERVER.userId },
  'code.ran': {
    runId: 'r1',
    language: 'javascript',
    status: 'ok',
    output: '3\n',
    durationMs: 40,
    codeVersion: 'c'.repeat(64),
    offsetMs: MINUTE,
  },
  'workspace.changed': { padLocked: true },
  'meeting.linked': { url: 'https://meet.example.com/abc-defg-hij' },
  'recording.requested': {
    recordingId: 'rec-2',
    awaiting: [INTERVIEWER.userId, CANDIDATE.userId],
  },
  'recording.consented': { recordingId: 'rec-1' },
  'recording.declined': { recordingId: 'rec-1' },
  'recording.stopped': { recordingId: 'rec-1' },
};

const sample = (type: RoomEventType, seq = 100): RoomEvent =>
  ({
    type,
    payload: SAMPLE_PAYLOADS[type],
    seq,
    actorId: INTERVIEWER.userId,
    at: T0 + MINUTE,
  }) as RoomEvent;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('reduce: every event type', () => {
  it.each(ROOM_EVENT_TYPES)('%s leaves the state it was given untouched', (type) => {
    const before = deepFreeze(scoredRoom());
    const copy = JSON.parse(JSON.stringify(before));
    expect(() => reduce(before, sample(type))).not.toThrow();
    expect(before).toEqual(copy);
  });

  it.each(ROOM_EVENT_TYPES)('%s moves seq up to the event, never back', (type) => {
    const state = scoredRoom();
    expect(reduce(state, sample(type, state.seq + 7)).seq).toBe(state.seq + 7);
    expect(reduce(state, sample(type, 1)).seq).toBe(state.seq);
  });
});

describe('reduce: participants', () => {
  it('adds a joining participant as online', () => {
    const state = reduce(
      newRoom(),
      stamped('participant.joined', { userId: 'u1', displayName: 'Ada', role: 'candidate' }),
    );
    expect(state.participants).toEqual({
      u1: { userId: 'u1', displayName: 'Ada', role: 'candidate', online: true },
    });
  });

  it('brings a participant who rejoins back online with their new name and role', () => {
    const state = reduceAll(newRoom(), [
      stamped('participant.joined', { userId: 'u1', displayName: 'Ada', role: 'candidate' }),
      stamped('participant.left', { userId: 'u1' }),
      stamped('participant.joined', { userId: 'u1', displayName: 'Ada L.', role: 'observer' }),
    ]);
    expect(state.participants['u1']).toEqual({
      userId: 'u1',
      displayName: 'Ada L.',
      role: 'observer',
      online: true,
    });
  });

  it('marks a leaving participant offline but keeps them', () => {
    const state = reduce(
      liveRoom(),
      stamped('participant.left', { userId: CANDIDATE.userId }, { seq: 50 }),
    );
    expect(state.participants[CANDIDATE.userId]).toMatchObject({
      role: 'candidate',
      online: false,
    });
    expect(Object.keys(state.participants)).toHaveLength(3);
  });

  it('drops a removed participant from the room, keeping what they recorded', () => {
    const before = reduce(
      liveRoom(),
      stamped(
        'evidence.added',
        { evidence: evidence('e7', OBSERVER.userId) },
        { ...by(OBSERVER.userId), seq: 40 },
      ),
    );
    const after = reduce(
      before,
      stamped('participant.removed', { userId: OBSERVER.userId }, { seq: 41 }),
    );
    expect(Object.keys(after.participants).sort()).toEqual(
      [INTERVIEWER.userId, CANDIDATE.userId].sort(),
    );
    expect(after.scorecards[OBSERVER.userId]?.evidence.map((item) => item.id)).toEqual(['e7']);
  });

  it('ignores the departure of someone who never joined', () => {
    const before = liveRoom();
    const after = reduce(before, stamped('participant.left', { userId: 'stranger' }, { seq: 50 }));
    expect(after).toEqual({ ...before, seq: 50 });
  });
});

describe('reduce: prompt and hints', () => {
  it('sets the prompt and starts its hints from none', () => {
    const withHints = reduce(liveRoom(), stamped('hint.revealed', { index: 1 }, { seq: 50 }));
    expect(withHints.hintsRevealed).toBe(2);
    const state = reduce(
      withHints,
      stamped('prompt.set', { prompt: testPrompt('B') }, { seq: 51 }),
    );
    expect(state.prompt?.title).toBe('Prompt B');
    expect(state.hintsRevealed).toBe(0);
  });

  it('reveals the prompt', () => {
    expect(newRoom().promptRevealed).toBe(false);
    expect(reduce(newRoom(), stamped('prompt.revealed', {})).promptRevealed).toBe(true);
  });

  it('reveals hints up to and including the index', () => {
    const state = reduceAll(liveRoom(), [
      stamped('hint.revealed', { index: 0 }, { seq: 50 }),
      stamped('hint.revealed', { index: 1 }, { seq: 51 }),
    ]);
    expect(state.hintsRevealed).toBe(2);
  });

  it('never takes back a hint already revealed', () => {
    const state = reduceAll(liveRoom(), [
      stamped('hint.revealed', { index: 2 }, { seq: 50 }),
      stamped('hint.revealed', { index: 0 }, { seq: 51 }),
    ]);
    expect(state.hintsRevealed).toBe(3);
  });

  it('stops at the last hint when the index is past the end', () => {
    const state = reduce(liveRoom(), stamped('hint.revealed', { index: 99 }, { seq: 50 }));
    expect(state.hintsRevealed).toBe(testPrompt().hints.length);
  });

  it('reveals nothing when there is no prompt', () => {
    const state = reduce(newRoom({ prompt: null }), stamped('hint.revealed', { index: 0 }));
    expect(state.hintsRevealed).toBe(0);
  });
});

describe('reduce: timer', () => {
  it('goes live when the timer starts, and counts offsets from then', () => {
    const state = reduce(newRoom(), stamped('timer.started', {}, { at: T0 }));
    expect(state.status).toBe('live');
    expect(state.startedAt).toBe(T0);
    expect(state.timer.runningSince).toBe(T0);
    expect(offsetAt(state, T0 + 3 * MINUTE)).toBe(3 * MINUTE);
  });

  it('keeps the first start time when started again', () => {
    const state = reduceAll(newRoom(), [
      stamped('timer.started', {}, { at: T0 }),
      stamped('timer.paused', {}, { at: T0 + MINUTE }),
      stamped('timer.started', {}, { at: T0 + 5 * MINUTE }),
    ]);
    expect(state.startedAt).toBe(T0);
    expect(elapsedAt(state.timer, T0 + 6 * MINUTE)).toBe(2 * MINUTE);
  });

  it('ignores a start after the session ended', () => {
    const ended = reduce(
      newRoom(),
      stamped('session.ended', { reason: 'interviewer' }, { at: T0 }),
    );
    const state = reduce(ended, stamped('timer.started', {}, { at: T0 + MINUTE, seq: 9 }));
    expect(state).toEqual({ ...ended, seq: 9 });
    expect(state.status).toBe('ended');
    expect(state.timer.runningSince).toBeNull();
  });

  it('ignores a resume after the session ended', () => {
    const ended = endedRoom();
    const state = reduce(ended, stamped('timer.resumed', {}, { at: T0 + 20 * MINUTE, seq: 99 }));
    expect(state).toEqual({ ...ended, seq: 99 });
    expect(elapsedAt(state.timer, T0 + 30 * MINUTE)).toBe(10 * MINUTE);
  });

  it('pauses, keeping the time run so far', () => {
    const state = reduce(liveRoom(), stamped('timer.paused', {}, { at: T0 + 4 * MINUTE, seq: 50 }));
    expect(state.timer).toEqual({
      durationMs: DURATION_MS,
      elapsedMs: 4 * MINUTE,
      runningSince: null,
    });
    expect(state.status).toBe('live');
  });

  it('resumes from where it was paused', () => {
    const state = reduceAll(liveRoom(), [
      stamped('timer.paused', {}, { at: T0 + 4 * MINUTE, seq: 50 }),
      stamped('timer.resumed', {}, { at: T0 + 10 * MINUTE, seq: 51 }),
    ]);
    expect(state.timer.runningSince).toBe(T0 + 10 * MINUTE);
    expect(state.startedAt).toBe(T0);
    expect(elapsedAt(state.timer, T0 + 11 * MINUTE)).toBe(5 * MINUTE);
  });

  it('extends the duration', () => {
    const state = reduce(
      liveRoom(),
      stamped('timer.extended', { byMs: 5 * MINUTE }, { at: T0 + MINUTE, seq: 50 }),
    );
    expect(state.timer.durationMs).toBe(DURATION_MS + 5 * MINUTE);
    expect(elapsedAt(state.timer, T0 + 2 * MINUTE)).toBe(2 * MINUTE);
  });
});

describe('reduce: phases', () => {
  it('appends each phase marker in the order it came', () => {
    const state = reduceAll(liveRoom(), [
      stamped('phase.changed', { phaseId: 'clarify-scope', offsetMs: 0 }, { seq: 50 }),
      stamped('phase.changed', { phaseId: 'choose-design', offsetMs: MINUTE }, { seq: 51 }),
    ]);
    expect(state.phases).toEqual([
      { phaseId: 'clarify-scope', offsetMs: 0 },
      { phaseId: 'choose-design', offsetMs: MINUTE },
    ]);
  });
});

describe('reduce: scorecards', () => {
  it("adds evidence to the actor's own scorecard, creating it if needed", () => {
    const state = scoredRoom();
    expect(state.scorecards[INTERVIEWER.userId].evidence.map((item) => item.id)).toEqual([
      'e1',
      'e2',
    ]);
    expect(state.scorecards[OBSERVER.userId]).toMatchObject({
      scorerId: OBSERVER.userId,
      evidence: [evidence('e1', OBSERVER.userId)],
    });
  });

  it("edits only the named evidence on the actor's own scorecard", () => {
    const state = reduce(
      scoredRoom(),
      stamped(
        'evidence.edited',
        { evidenceId: 'e1', note: 'sharper', polarity: 'weak' },
        by(INTERVIEWER.userId),
      ),
    );
    const [edited, other] = state.scorecards[INTERVIEWER.userId].evidence;
    expect(edited).toEqual({
      ...evidence('e1', INTERVIEWER.userId),
      note: 'sharper',
      polarity: 'weak',
    });
    expect(other).toEqual(evidence('e2', INTERVIEWER.userId));
    expect(state.scorecards[OBSERVER.userId].evidence[0]).toEqual(evidence('e1', OBSERVER.userId));
  });

  it("removes evidence from the actor's own scorecard only", () => {
    const state = reduce(
      scoredRoom(),
      stamped('evidence.removed', { evidenceId: 'e1' }, by(OBSERVER.userId)),
    );
    expect(state.scorecards[OBSERVER.userId].evidence).toEqual([]);
    expect(state.scorecards[INTERVIEWER.userId].evidence).toHaveLength(2);
  });

  it("sets and clears the actor's own scores", () => {
    const state = scoredRoom();
    expect(state.scorecards[INTERVIEWER.userId].scores.framing).toBe(4);
    expect(state.scorecards[OBSERVER.userId].scores.framing).toBe(2);
    const cleared = reduce(
      state,
      stamped('score.cleared', { signal: 'framing' }, by(INTERVIEWER.userId)),
    );
    expect(cleared.scorecards[INTERVIEWER.userId].scores.framing).toBeNull();
    expect(cleared.scorecards[OBSERVER.userId].scores.framing).toBe(2);
  });

  it('starts a scorecard with every signal unscored', () => {
    const state = reduce(
      newRoom(),
      stamped('score.set', { signal: 'coding', score: 5 }, { actorId: 'x' }),
    );
    expect(state.scorecards['x']).toEqual({
      scorerId: 'x',
      evidence: [],
      scores: {
        framing: null,
        coding: 5,
        architecture: null,
        production: null,
        delivery: null,
        leadership: null,
        communication: null,
      },
    });
  });
});

describe('reduce: the watch list', () => {
  const listed = (seq: number) => stamped('watch.listed', { items: [WATCH_ITEM] }, { seq });

  it('lists items unticked, and lists each once however often it comes', () => {
    const once = reduce(liveRoom(), listed(50));
    expect(once.watchFor).toEqual([{ ...WATCH_ITEM, seenAtMs: null }]);
    expect(reduce(once, listed(51)).watchFor).toEqual(once.watchFor);
  });

  it('ticks an item at its offset and unticks it; an unknown id changes nothing', () => {
    const ticked = reduceAll(liveRoom(), [
      listed(50),
      stamped('watch.ticked', { itemId: WATCH_ITEM.id, offsetMs: MINUTE }, { seq: 51 }),
    ]);
    expect(ticked.watchFor[0]?.seenAtMs).toBe(MINUTE);
    const unticked = reduce(
      ticked,
      stamped('watch.unticked', { itemId: WATCH_ITEM.id }, { seq: 52 }),
    );
    expect(unticked.watchFor[0]?.seenAtMs).toBeNull();
    const stray = stamped('watch.ticked', { itemId: 'nope', offsetMs: 0 }, { seq: 53 });
    expect(reduce(unticked, stray).watchFor).toEqual(unticked.watchFor);
  });

  it('takes a withdrawn item off the list, ticked or not', () => {
    const withdrawn = reduceAll(liveRoom(), [
      listed(50),
      stamped('watch.ticked', { itemId: WATCH_ITEM.id, offsetMs: MINUTE }, { seq: 51 }),
      stamped('watch.withdrawn', { itemId: WATCH_ITEM.id }, { seq: 52 }),
    ]);
    expect(withdrawn.watchFor).toEqual([]);
  });
});

describe('reduce: moves and flags', () => {
  it('marks a move under its mark id, authored by the actor', () => {
    const state = reduce(
      liveRoom(),
      stamped('move.marked', { markId: 'm1', move: 'narrow-scope', offsetMs: MINUTE }, { seq: 50 }),
    );
    expect(state.moves).toEqual([
      { id: 'm1', move: 'narrow-scope', offsetMs: MINUTE, authorId: INTERVIEWER.userId },
    ]);
  });

  it('unmarks a move by its mark id and ignores an unknown one', () => {
    const marked = reduceAll(liveRoom(), [
      stamped('move.marked', { markId: 'm1', move: 'narrow-scope', offsetMs: 0 }, { seq: 50 }),
      stamped('move.marked', { markId: 'm2', move: 'narrow-scope', offsetMs: 0 }, { seq: 51 }),
    ]);
    const state = reduce(marked, stamped('move.unmarked', { markId: 'm1' }, { seq: 52 }));
    expect(state.moves.map((mark) => mark.id)).toEqual(['m2']);
    expect(reduce(state, stamped('move.unmarked', { markId: 'nope' }, { seq: 53 })).moves).toEqual(
      state.moves,
    );
  });

  it('flags a failure mode under its mark id, authored by the actor', () => {
    const state = reduce(
      liveRoom(),
      stamped('flag.marked', { markId: 'f1', flag: 'ignored-hint', offsetMs: MINUTE }, { seq: 50 }),
    );
    expect(state.flags).toEqual([
      { id: 'f1', flag: 'ignored-hint', offsetMs: MINUTE, authorId: INTERVIEWER.userId },
    ]);
  });

  it('unflags by mark id and ignores an unknown one', () => {
    const flagged = reduce(
      liveRoom(),
      stamped('flag.marked', { markId: 'f1', flag: 'ignored-hint', offsetMs: 0 }, { seq: 50 }),
    );
    expect(reduce(flagged, stamped('flag.unmarked', { markId: 'f1' }, { seq: 51 })).flags).toEqual(
      [],
    );
    expect(reduce(flagged, stamped('flag.unmarked', { markId: 'f2' }, { seq: 51 })).flags).toEqual(
      flagged.flags,
    );
  });
});

describe('reduce: the end of a round', () => {
  it('keeps the self-assessment', () => {
    const scores = { ...scoredRoom().scorecards[INTERVIEWER.userId].scores, coding: 3 as const };
    const state = reduce(
      endedRoom(),
      stamped('self-assessment.submitted', { scores, note: 'ok' }, { seq: 99 }),
    );
    expect(state.selfAssessment).toEqual({ scores, note: 'ok' });
  });

  it('keeps the latest summary, whole', () => {
    const first = reduce(
      liveRoom(),
      stamped('summary.written', { text: 'First go.', practiseNext: 'Slow down.' }, { seq: 98 }),
    );
    expect(first.summary).toEqual({ text: 'First go.', practiseNext: 'Slow down.' });
    const rewritten = reduce(
      first,
      stamped('summary.written', { text: 'Second go.', practiseNext: 'Name risks.' }, { seq: 99 }),
    );
    expect(rewritten.summary).toEqual({ text: 'Second go.', practiseNext: 'Name risks.' });
  });

  it('ends the session, pausing the timer at the end', () => {
    const state = reduce(
      liveRoom(),
      stamped('session.ended', { reason: 'time-up' }, { at: T0 + 45 * MINUTE, seq: 50 }),
    );
    expect(state).toMatchObject({
      status: 'ended',
      endedAt: T0 + 45 * MINUTE,
      endReason: 'time-up',
      timer: { elapsedMs: 45 * MINUTE, runningSince: null },
    });
  });

  it('keeps the first end time and reason when ended twice', () => {
    const state = reduceAll(liveRoom(), [
      stamped('session.ended', { reason: 'interviewer' }, { at: T0 + MINUTE, seq: 50 }),
      stamped('session.ended', { reason: 'time-up' }, { at: T0 + 9 * MINUTE, seq: 51 }),
    ]);
    expect(state).toMatchObject({ endedAt: T0 + MINUTE, endReason: 'interviewer' });
  });

  it('releases feedback', () => {
    expect(
      reduce(endedRoom(), stamped('feedback.released', {}, { seq: 99 })).feedbackReleased,
    ).toBe(true);
  });

  it('links the round in which the peers swapped roles', () => {
    const state = reduce(
      endedRoom(),
      stamped('roles.swapped', { nextSessionId: 'session-2' }, { seq: 99 }),
    );
    expect(state.nextSessionId).toBe('session-2');
  });
});

describe('reduceAll', () => {
  it('folds events in order', () => {
    const events = [
      stamped('timer.started', {}, { at: T0, seq: 1 }),
      stamped('timer.paused', {}, { at: T0 + MINUTE, seq: 2 }),
      stamped('timer.extended', { byMs: MINUTE }, { at: T0 + 2 * MINUTE, seq: 3 }),
    ];
    const folded = reduceAll(newRoom(), events);
    expect(folded).toEqual(events.reduce(reduce, newRoom()));
    expect(folded.seq).toBe(3);
    expect(folded.timer).toEqual({
      durationMs: DURATION_MS + MINUTE,
      elapsedMs: MINUTE,
      runningSince: null,
    });
  });

  it('returns the state unchanged for no events', () => {
    const state = liveRoom();
    expect(reduceAll(state, [])).toBe(state);
  });
});
