import { describeAnchor, emptyScores } from '../scorecard';
import type { RoomCommand, RoomCommandType } from './commands';
import { ROOM_COMMAND_TYPES } from './commands';
import type { Actor } from './decide';
import { decide, endEvents, MAX_DURATION_MS, timeUpEvents } from './decide';
import { eventBody } from './events';
import {
  CANDIDATE,
  command,
  commit,
  DURATION_MS,
  endedRoom,
  INTERVIEWER,
  liveRoom,
  MINUTE,
  newRoom,
  OBSERVER,
  run,
  T0,
  testPrompt,
  testRun,
  withWatch,
} from './room-fixtures';
import { MAX_RECORDINGS, recordedWithConsent, recordingsOpenTo } from './recordings';
import { MAX_RUN_OUTPUT, MAX_RUNS } from './runs';
import type { Role, RoomState } from './state';
import { ROLES } from './state';

const ACTORS: Record<Role, Actor> = {
  interviewer: INTERVIEWER,
  candidate: CANDIDATE,
  observer: OBSERVER,
};

// Who may do what, as the product describes it: the interviewer runs the round, the staff keep
// scorecards, the candidate assesses themselves, and either peer may start the swapped round.
const ALLOWED: Record<RoomCommandType, Role[]> = {
  'prompt.set': ['interviewer'],
  'prompt.reveal': ['interviewer'],
  'hint.reveal': ['interviewer'],
  'timer.start': ['interviewer'],
  'timer.pause': ['interviewer'],
  'timer.resume': ['interviewer'],
  'timer.extend': ['interviewer'],
  'phase.change': ['interviewer'],
  'evidence.add': ['interviewer', 'observer'],
  'evidence.edit': ['interviewer', 'observer'],
  'evidence.remove': ['interviewer', 'observer'],
  'score.set': ['interviewer', 'observer'],
  'score.clear': ['interviewer', 'observer'],
  'move.mark': ['interviewer'],
  'move.unmark': ['interviewer'],
  'flag.mark': ['interviewer'],
  'flag.unmark': ['interviewer'],
  'watch.tick': ['interviewer'],
  'watch.untick': ['interviewer'],
  'self-assessment.submit': ['candidate'],
  'summary.write': ['interviewer'],
  'session.end': ['interviewer'],
  'feedback.release': ['interviewer'],
  'roles.swap': ['interviewer', 'candidate'],
  'participant.remove': ['interviewer'],
  'code.run': ['interviewer', 'candidate'],
  'workspace.set': ['interviewer'],
  'meeting.set': ['interviewer'],
  'recording.request': ['interviewer'],
  'recording.consent': ['interviewer', 'candidate', 'observer'],
  'recording.decline': ['interviewer', 'candidate', 'observer'],
  'recording.stop': ['interviewer', 'candidate', 'observer'],
};

const NOW = T0 + 5 * MINUTE;

const withEvidence = (state: RoomState, authorId: string, id = 'e1'): RoomState =>
  commit(
    state,
    [
      eventBody('evidence.added', {
        evidence: {
          id,
          signal: 'coding',
          polarity: 'strong',
          note: 'n',
          offsetMs: MINUTE,
          authorId,
        },
      }),
    ],
    authorId,
    T0 + MINUTE,
  );

const withMove = (state: RoomState): RoomState =>
  commit(
    state,
    [eventBody('move.marked', { markId: 'm1', move: 'narrow-scope', offsetMs: 0 })],
    INTERVIEWER.userId,
    T0,
  );

const withFlag = (state: RoomState): RoomState =>
  commit(
    state,
    [eventBody('flag.marked', { markId: 'f1', flag: 'signal-bloat', offsetMs: 0 })],
    INTERVIEWER.userId,
    T0,
  );

/** A live room in which the interviewer has asked to record, with everyone present. */
const asked = (state: RoomState = liveRoom()): RoomState =>
  run(state, command('recording.request', {}, 'rec-1'), INTERVIEWER, T0 + MINUTE);
const agree = (state: RoomState, actor: Actor, at = T0 + 2 * MINUTE): RoomState =>
  run(state, command('recording.consent', { recordingId: 'rec-1' }), actor, at);
const recordingOf = (state: RoomState) => state.recordings.find((item) => item.id === 'rec-1');

const RUN = testRun();
const SUMMARY = { text: 'You framed the problem well.', practiseNext: 'Say each trade-off aloud.' };

const paused = (at = NOW): RoomState =>
  run(liveRoom(), command('timer.pause', {}), INTERVIEWER, at);
const released = (config = {}): RoomState =>
  run(endedRoom(config), command('feedback.release', {}), INTERVIEWER, T0 + 20 * MINUTE);

/** A state in which the command is valid for the actor, and the command. */
const VALID: Record<RoomCommandType, (actor: Actor) => [RoomState, RoomCommand]> = {
  'prompt.set': () => [newRoom(), command('prompt.set', { prompt: testPrompt('B') })],
  'prompt.reveal': () => [newRoom(), command('prompt.reveal', {})],
  'hint.reveal': () => [liveRoom(), command('hint.reveal', {})],
  'timer.start': () => [newRoom(), command('timer.start', {})],
  'timer.pause': () => [liveRoom(), command('timer.pause', {})],
  'timer.resume': () => [paused(T0 + MINUTE), command('timer.resume', {})],
  'timer.extend': () => [liveRoom(), command('timer.extend', { byMs: 5 * MINUTE })],
  'phase.change': () => [liveRoom(), command('phase.change', { phaseId: 'clarify-scope' })],
  'evidence.add': () => [
    liveRoom(),
    command('evidence.add', { signal: 'coding', polarity: 'weak', note: 'n' }),
  ],
  'evidence.edit': (actor) => [
    withEvidence(liveRoom(), actor.userId),
    command('evidence.edit', { evidenceId: 'e1', note: 'better' }),
  ],
  'evidence.remove': (actor) => [
    withEvidence(liveRoom(), actor.userId),
    command('evidence.remove', { evidenceId: 'e1' }),
  ],
  'score.set': () => [liveRoom(), command('score.set', { signal: 'coding', score: 4 })],
  'score.clear': () => [liveRoom(), command('score.clear', { signal: 'coding' })],
  'move.mark': () => [liveRoom(), command('move.mark', { move: 'narrow-scope' })],
  'move.unmark': () => [withMove(liveRoom()), command('move.unmark', { markId: 'm1' })],
  'flag.mark': () => [liveRoom(), command('flag.mark', { flag: 'signal-bloat' })],
  'flag.unmark': () => [withFlag(liveRoom()), command('flag.unmark', { markId: 'f1' })],
  'watch.tick': () => [withWatch(liveRoom()), command('watch.tick', { itemId: 'w1' })],
  'watch.untick': () => [withWatch(liveRoom(), MINUTE), command('watch.untick', { itemId: 'w1' })],
  'self-assessment.submit': () => [
    endedRoom(),
    command('self-assessment.submit', { scores: emptyScores(), note: 'n' }),
  ],
  'summary.write': () => [liveRoom(), command('summary.write', SUMMARY)],
  'session.end': () => [liveRoom(), command('session.end', {})],
  'feedback.release': () => [endedRoom(), command('feedback.release', {})],
  'roles.swap': () => [endedRoom(), command('roles.swap', { nextSessionId: 'session-2' })],
  'participant.remove': () => [
    liveRoom(),
    command('participant.remove', { userId: OBSERVER.userId }),
  ],
  'code.run': () => [newRoom(), command('code.run', RUN)],
  'workspace.set': () => [newRoom(), command('workspace.set', { padLocked: true })],
  'meeting.set': () => [newRoom(), command('meeting.set', { url: 'https://meet.example.com/a' })],
  'recording.request': () => [liveRoom(), command('recording.request', {})],
  'recording.consent': () => [asked(), command('recording.consent', { recordingId: 'rec-1' })],
  'recording.decline': () => [asked(), command('recording.decline', { recordingId: 'rec-1' })],
  'recording.stop': (actor) => [
    agree(asked(), actor),
    command('recording.stop', { recordingId: 'rec-1' }),
  ],
};

const refusal = (state: RoomState, cmd: RoomCommand, actor: Actor = INTERVIEWER, now = NOW) => {
  const decision = decide(state, cmd, actor, now);
  return decision.ok ? null : decision.error.code;
};

const eventsOf = (state: RoomState, cmd: RoomCommand, actor: Actor = INTERVIEWER, now = NOW) => {
  const decision = decide(state, cmd, actor, now);
  if (!decision.ok) throw new Error(`refused: ${decision.error.code}`);
  return decision.value;
};

describe('decide: who may send what', () => {
  const matrix = ROOM_COMMAND_TYPES.flatMap((type) =>
    ROLES.map((role) => [type, role, ALLOWED[type].includes(role)] as const),
  );

  it.each(matrix)('%s from the %s: allowed %s', (type, role, allowed) => {
    const actor = ACTORS[role];
    const [state, cmd] = VALID[type](actor);
    const decision = decide(state, cmd, actor, NOW);
    if (allowed) {
      expect(decision.ok).toBe(true);
    } else {
      expect(decision).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'FORBIDDEN_ROLE' }),
      });
    }
  });

  it('checks the role before the state', () => {
    expect(refusal(endedRoom(), command('session.end', {}), CANDIDATE)).toBe('FORBIDDEN_ROLE');
    expect(
      refusal(released(), command('score.set', { signal: 'coding', score: 3 }), CANDIDATE),
    ).toBe('FORBIDDEN_ROLE');
    expect(
      refusal(
        liveRoom(),
        command('self-assessment.submit', { scores: emptyScores(), note: '' }),
        OBSERVER,
      ),
    ).toBe('FORBIDDEN_ROLE');
  });
});

describe('decide: state preconditions', () => {
  const hintsExhausted = (): RoomState =>
    [0, 1, 2].reduce(
      (state) => run(state, command('hint.reveal', {}), INTERVIEWER, NOW),
      liveRoom(),
    );
  const assessed = (): RoomState =>
    run(endedRoom(), VALID['self-assessment.submit'](CANDIDATE)[1], CANDIDATE, T0 + 20 * MINUTE);
  const swapped = (): RoomState =>
    run(endedRoom(), VALID['roles.swap'](INTERVIEWER)[1], INTERVIEWER, T0 + 20 * MINUTE);

  it.each<[string, () => RoomState, RoomCommand, Actor?]>([
    [
      'prompt.set once the prompt is revealed',
      liveRoom,
      command('prompt.set', { prompt: testPrompt('B') }),
    ],
    [
      'prompt.set once the session ended',
      () => endedRoom({ prompt: null }),
      command('prompt.set', { prompt: testPrompt('B') }),
    ],
    [
      'prompt.reveal without a prompt',
      () => newRoom({ prompt: null }),
      command('prompt.reveal', {}),
    ],
    ['prompt.reveal twice', liveRoom, command('prompt.reveal', {})],
    ['hint.reveal before the prompt is revealed', newRoom, command('hint.reveal', {})],
    ['hint.reveal when every hint is out', hintsExhausted, command('hint.reveal', {})],
    ['timer.start once live', liveRoom, command('timer.start', {})],
    ['timer.start once ended', () => endedRoom(), command('timer.start', {})],
    ['timer.pause before the start', newRoom, command('timer.pause', {})],
    ['timer.pause while paused', () => paused(), command('timer.pause', {})],
    ['timer.pause once ended', () => endedRoom(), command('timer.pause', {})],
    ['timer.resume before the start', newRoom, command('timer.resume', {})],
    ['timer.resume while running', liveRoom, command('timer.resume', {})],
    ['timer.resume once ended', () => endedRoom(), command('timer.resume', {})],
    [
      'timer.resume once the time is up',
      () => paused(T0 + 50 * MINUTE),
      command('timer.resume', {}),
    ],
    ['timer.extend once ended', () => endedRoom(), command('timer.extend', { byMs: MINUTE })],
    [
      'phase.change once ended',
      () => endedRoom(),
      command('phase.change', { phaseId: 'clarify-scope' }),
    ],
    [
      'self-assessment.submit before the end',
      liveRoom,
      VALID['self-assessment.submit'](CANDIDATE)[1],
      CANDIDATE,
    ],
    [
      'self-assessment.submit twice',
      assessed,
      VALID['self-assessment.submit'](CANDIDATE)[1],
      CANDIDATE,
    ],
    [
      'self-assessment.submit after private feedback is released',
      () => released(),
      VALID['self-assessment.submit'](CANDIDATE)[1],
      CANDIDATE,
    ],
    ['summary.write before the round starts', newRoom, command('summary.write', SUMMARY)],
    [
      'summary.write once feedback is released',
      () => released(),
      command('summary.write', SUMMARY),
    ],
    [
      'summary.write once a coaching round ended (its feedback went out with the end)',
      () => endedRoom({ visibility: 'coaching' }),
      command('summary.write', SUMMARY),
    ],
    ['session.end twice', () => endedRoom(), command('session.end', {})],
    ['feedback.release before the end', liveRoom, command('feedback.release', {})],
    ['feedback.release twice', () => released(), command('feedback.release', {})],
    ['roles.swap before the end', liveRoom, command('roles.swap', { nextSessionId: 's2' })],
    ['roles.swap twice', swapped, command('roles.swap', { nextSessionId: 's3' }), CANDIDATE],
    [
      'roles.swap outside peer mode',
      () => endedRoom({ peerMode: false }),
      command('roles.swap', { nextSessionId: 's2' }),
      CANDIDATE,
    ],
    [
      'participant.remove of the interviewer',
      liveRoom,
      command('participant.remove', { userId: INTERVIEWER.userId }),
    ],
    [
      'participant.remove after the end',
      () => endedRoom(),
      command('participant.remove', { userId: OBSERVER.userId }),
    ],
  ])('refuses %s as INVALID_STATE', (_case, state, cmd, actor = INTERVIEWER) => {
    expect(refusal(state(), cmd, actor, T0 + 30 * MINUTE)).toBe('INVALID_STATE');
  });

  const SCORECARD_COMMANDS: RoomCommandType[] = [
    'evidence.add',
    'evidence.edit',
    'evidence.remove',
    'score.set',
    'score.clear',
    'move.mark',
    'move.unmark',
    'flag.mark',
    'flag.unmark',
    'watch.tick',
    'watch.untick',
  ];

  it.each(SCORECARD_COMMANDS)('refuses %s once feedback is released', (type) => {
    const [, cmd] = VALID[type](INTERVIEWER);
    const state = withWatch(withFlag(withMove(withEvidence(released(), INTERVIEWER.userId))));
    expect(refusal(state, cmd)).toBe('INVALID_STATE');
  });

  it.each(SCORECARD_COMMANDS)('accepts %s after the end, before feedback is released', (type) => {
    const [, cmd] = VALID[type](INTERVIEWER);
    const marked = withFlag(withMove(withEvidence(endedRoom(), INTERVIEWER.userId)));
    // An untick needs a ticked item, a tick an unticked one.
    const state = withWatch(marked, type === 'watch.untick' ? MINUTE : null);
    expect(refusal(state, cmd)).toBeNull();
  });
});

describe('decide: the prompt', () => {
  it('sets a prompt before it is revealed', () => {
    expect(eventsOf(newRoom(), command('prompt.set', { prompt: testPrompt('B') }))).toEqual([
      eventBody('prompt.set', { prompt: testPrompt('B') }),
    ]);
  });

  it('reveals the prompt', () => {
    expect(eventsOf(newRoom(), command('prompt.reveal', {}))).toEqual([
      eventBody('prompt.revealed', {}),
    ]);
  });

  it('reveals hints one by one, in order', () => {
    const first = run(liveRoom(), command('hint.reveal', {}), INTERVIEWER, NOW);
    expect(eventsOf(liveRoom(), command('hint.reveal', {}))).toEqual([
      eventBody('hint.revealed', { index: 0 }),
    ]);
    expect(eventsOf(first, command('hint.reveal', {}))).toEqual([
      eventBody('hint.revealed', { index: 1 }),
    ]);
  });
});

describe('decide: the timer', () => {
  it('starts a waiting room', () => {
    const state = run(newRoom(), command('timer.start', {}), INTERVIEWER, T0);
    expect(state.status).toBe('live');
    expect(state.startedAt).toBe(T0);
  });

  it('pauses and resumes', () => {
    expect(eventsOf(liveRoom(), command('timer.pause', {}))).toEqual([
      eventBody('timer.paused', {}),
    ]);
    expect(eventsOf(paused(), command('timer.resume', {}), INTERVIEWER, NOW + MINUTE)).toEqual([
      eventBody('timer.resumed', {}),
    ]);
  });

  it('resumes a round whose time was up once it is extended', () => {
    const extended = run(
      paused(T0 + 50 * MINUTE),
      command('timer.extend', { byMs: 5 * MINUTE }),
      INTERVIEWER,
      T0 + 51 * MINUTE,
    );
    expect(
      refusal(extended, command('timer.resume', {}), INTERVIEWER, T0 + 52 * MINUTE),
    ).toBeNull();
  });

  it('extends by a whole positive number of milliseconds', () => {
    expect(eventsOf(liveRoom(), command('timer.extend', { byMs: 5 * MINUTE }))).toEqual([
      eventBody('timer.extended', { byMs: 5 * MINUTE }),
    ]);
  });

  it('extends a paused or waiting timer too', () => {
    expect(refusal(paused(), command('timer.extend', { byMs: MINUTE }))).toBeNull();
    expect(refusal(newRoom(), command('timer.extend', { byMs: MINUTE }))).toBeNull();
  });

  it('extends right up to the four-hour limit', () => {
    const byMs = MAX_DURATION_MS - DURATION_MS;
    expect(refusal(liveRoom(), command('timer.extend', { byMs }))).toBeNull();
    expect(refusal(liveRoom(), command('timer.extend', { byMs: byMs + 1 }))).toBe(
      'INVALID_PAYLOAD',
    );
  });

  it.each([0, -MINUTE, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses an extension of %s as INVALID_PAYLOAD',
    (byMs) => {
      expect(refusal(liveRoom(), command('timer.extend', { byMs }))).toBe('INVALID_PAYLOAD');
    },
  );
});

describe('decide: phases', () => {
  it('marks a phase of the round type at the elapsed time', () => {
    expect(eventsOf(liveRoom(), command('phase.change', { phaseId: 'failure-handling' }))).toEqual([
      eventBody('phase.changed', { phaseId: 'failure-handling', offsetMs: 5 * MINUTE }),
    ]);
  });

  it('refuses a phase unknown to the round type as INVALID_PAYLOAD', () => {
    expect(refusal(liveRoom(), command('phase.change', { phaseId: 'no-such-phase' }))).toBe(
      'INVALID_PAYLOAD',
    );
    // A phase of another round type (coding screen) is unknown to system design.
    expect(refusal(liveRoom(), command('phase.change', { phaseId: 'test-and-debug' }))).toBe(
      'INVALID_PAYLOAD',
    );
  });
});

describe('decide: evidence', () => {
  const add = (offsetMs?: number) =>
    command(
      'evidence.add',
      { signal: 'coding', polarity: 'weak', note: 'off by one', offsetMs },
      'cmd-42',
    );

  it('adds evidence under the command id, authored by the actor', () => {
    expect(eventsOf(liveRoom(), add(2 * MINUTE), OBSERVER)).toEqual([
      eventBody('evidence.added', {
        evidence: {
          id: 'cmd-42',
          signal: 'coding',
          polarity: 'weak',
          note: 'off by one',
          offsetMs: 2 * MINUTE,
          authorId: OBSERVER.userId,
        },
      }),
    ]);
  });

  it.each<[string, number | undefined, number]>([
    ['no offset: the elapsed time', undefined, 5 * MINUTE],
    ['a negative offset: zero', -MINUTE, 0],
    ['an offset in the future: the elapsed time', 30 * MINUTE, 5 * MINUTE],
    ['an offset within the round: as given', 3 * MINUTE, 3 * MINUTE],
  ])('places evidence with %s', (_case, offsetMs, expected) => {
    const [event] = eventsOf(liveRoom(), add(offsetMs));
    expect(event.type === 'evidence.added' && event.payload.evidence.offsetMs).toBe(expected);
  });

  it('places evidence at zero before the timer starts', () => {
    const [event] = eventsOf(newRoom(), add(MINUTE));
    expect(event.type === 'evidence.added' && event.payload.evidence.offsetMs).toBe(0);
  });

  it("edits the actor's own evidence, clamping a new offset", () => {
    const state = withEvidence(liveRoom(), OBSERVER.userId);
    expect(
      eventsOf(state, command('evidence.edit', { evidenceId: 'e1', note: 'better' }), OBSERVER),
    ).toEqual([eventBody('evidence.edited', { evidenceId: 'e1', note: 'better' })]);
    expect(
      eventsOf(
        state,
        command('evidence.edit', { evidenceId: 'e1', signal: 'framing', offsetMs: 99 * MINUTE }),
        OBSERVER,
      ),
    ).toEqual([
      eventBody('evidence.edited', { evidenceId: 'e1', signal: 'framing', offsetMs: 5 * MINUTE }),
    ]);
  });

  it("removes the actor's own evidence", () => {
    const state = withEvidence(liveRoom(), INTERVIEWER.userId);
    expect(eventsOf(state, command('evidence.remove', { evidenceId: 'e1' }))).toEqual([
      eventBody('evidence.removed', { evidenceId: 'e1' }),
    ]);
  });

  it.each(['evidence.edit', 'evidence.remove'] as const)(
    "refuses %s of someone else's evidence as NOT_AUTHOR",
    (type) => {
      const state = withEvidence(liveRoom(), OBSERVER.userId);
      const cmd =
        type === 'evidence.edit'
          ? command(type, { evidenceId: 'e1', note: 'x' })
          : command(type, { evidenceId: 'e1' });
      expect(refusal(state, cmd, INTERVIEWER)).toBe('NOT_AUTHOR');
    },
  );

  it.each(['evidence.edit', 'evidence.remove'] as const)(
    'refuses %s of unknown evidence as NOT_FOUND',
    (type) => {
      const state = withEvidence(liveRoom(), INTERVIEWER.userId);
      const cmd =
        type === 'evidence.edit'
          ? command(type, { evidenceId: 'e404', note: 'x' })
          : command(type, { evidenceId: 'e404' });
      expect(refusal(state, cmd, INTERVIEWER)).toBe('NOT_FOUND');
      expect(refusal(liveRoom(), cmd, OBSERVER)).toBe('NOT_FOUND');
    },
  );

  it('finds the own evidence when two scorers use the same id', () => {
    const state = withEvidence(withEvidence(liveRoom(), OBSERVER.userId), INTERVIEWER.userId);
    expect(
      refusal(state, command('evidence.remove', { evidenceId: 'e1' }), INTERVIEWER),
    ).toBeNull();
  });
});

describe('decide: scores', () => {
  it('sets and clears a score', () => {
    expect(
      eventsOf(liveRoom(), command('score.set', { signal: 'coding', score: 4 }), OBSERVER),
    ).toEqual([eventBody('score.set', { signal: 'coding', score: 4 })]);
    expect(eventsOf(liveRoom(), command('score.clear', { signal: 'coding' }))).toEqual([
      eventBody('score.cleared', { signal: 'coding' }),
    ]);
  });
});

describe('decide: moves and flags', () => {
  it('marks a move under the command id at the clamped offset', () => {
    expect(eventsOf(liveRoom(), command('move.mark', { move: 'narrow-scope' }, 'cmd-7'))).toEqual([
      eventBody('move.marked', { markId: 'cmd-7', move: 'narrow-scope', offsetMs: 5 * MINUTE }),
    ]);
    expect(
      eventsOf(liveRoom(), command('move.mark', { move: 'narrow-scope', offsetMs: -5 }, 'cmd-8')),
    ).toEqual([eventBody('move.marked', { markId: 'cmd-8', move: 'narrow-scope', offsetMs: 0 })]);
  });

  it('flags a failure mode under the command id at the clamped offset', () => {
    expect(
      eventsOf(
        liveRoom(),
        command('flag.mark', { flag: 'ignored-hint', offsetMs: 2 * MINUTE }, 'cmd-9'),
      ),
    ).toEqual([
      eventBody('flag.marked', { markId: 'cmd-9', flag: 'ignored-hint', offsetMs: 2 * MINUTE }),
    ]);
  });

  it('unmarks a marked move and unflags a flag', () => {
    expect(eventsOf(withMove(liveRoom()), command('move.unmark', { markId: 'm1' }))).toEqual([
      eventBody('move.unmarked', { markId: 'm1' }),
    ]);
    expect(eventsOf(withFlag(liveRoom()), command('flag.unmark', { markId: 'f1' }))).toEqual([
      eventBody('flag.unmarked', { markId: 'f1' }),
    ]);
  });

  it('refuses to unmark what was never marked as NOT_FOUND', () => {
    expect(refusal(withFlag(liveRoom()), command('move.unmark', { markId: 'f1' }))).toBe(
      'NOT_FOUND',
    );
    expect(refusal(withMove(liveRoom()), command('flag.unmark', { markId: 'm1' }))).toBe(
      'NOT_FOUND',
    );
  });
});

describe('decide: the watch list', () => {
  it('ticks an item at the clamped offset, and unticks it', () => {
    expect(eventsOf(withWatch(liveRoom()), command('watch.tick', { itemId: 'w1' }))).toEqual([
      eventBody('watch.ticked', { itemId: 'w1', offsetMs: 5 * MINUTE }),
    ]);
    expect(
      eventsOf(
        withWatch(liveRoom()),
        command('watch.tick', { itemId: 'w1', offsetMs: 2 * MINUTE }),
      ),
    ).toEqual([eventBody('watch.ticked', { itemId: 'w1', offsetMs: 2 * MINUTE })]);
    expect(
      eventsOf(withWatch(liveRoom(), MINUTE), command('watch.untick', { itemId: 'w1' })),
    ).toEqual([eventBody('watch.unticked', { itemId: 'w1' })]);
  });

  it('ticks after the end too, until feedback is released', () => {
    expect(eventsOf(withWatch(endedRoom()), command('watch.tick', { itemId: 'w1' }))).toEqual([
      eventBody('watch.ticked', { itemId: 'w1', offsetMs: 10 * MINUTE }),
    ]);
  });

  it('refuses an item that is not on the list, a tick twice, and an untick of the unticked', () => {
    expect(refusal(liveRoom(), command('watch.tick', { itemId: 'w1' }))).toBe('NOT_FOUND');
    expect(refusal(withWatch(liveRoom()), command('watch.untick', { itemId: 'w9' }))).toBe(
      'NOT_FOUND',
    );
    expect(refusal(withWatch(liveRoom(), MINUTE), command('watch.tick', { itemId: 'w1' }))).toBe(
      'INVALID_STATE',
    );
    expect(refusal(withWatch(liveRoom()), command('watch.untick', { itemId: 'w1' }))).toBe(
      'INVALID_STATE',
    );
  });

  it('refuses a tick before the round has started', () => {
    expect(refusal(withWatch(newRoom()), command('watch.tick', { itemId: 'w1' }))).toBe(
      'INVALID_STATE',
    );
  });
});

describe('decide: ending, feedback and the swap', () => {
  it('ends a private round without releasing feedback', () => {
    expect(eventsOf(liveRoom(), command('session.end', {}))).toEqual([
      eventBody('session.ended', { reason: 'interviewer' }),
    ]);
  });

  it('ends a coaching round and releases its feedback at once', () => {
    const state = liveRoom({ visibility: 'coaching' });
    expect(eventsOf(state, command('session.end', {}))).toEqual([
      eventBody('session.ended', { reason: 'interviewer' }),
      eventBody('feedback.released', {}),
    ]);
    const ended = run(state, command('session.end', {}), INTERVIEWER, NOW);
    expect(ended).toMatchObject({
      status: 'ended',
      feedbackReleased: true,
      endReason: 'interviewer',
    });
  });

  it('still takes the self-assessment of a coaching round after its release', () => {
    const ended = run(
      liveRoom({ visibility: 'coaching' }),
      command('session.end', {}),
      INTERVIEWER,
      NOW,
    );
    expect(refusal(ended, VALID['self-assessment.submit'](CANDIDATE)[1], CANDIDATE)).toBeNull();
  });

  it('ends a round that never started', () => {
    expect(run(newRoom(), command('session.end', {}), INTERVIEWER, NOW).status).toBe('ended');
  });

  it('passes the self-assessment on as given', () => {
    const scores = { ...emptyScores(), coding: 4 as const };
    expect(
      eventsOf(
        endedRoom(),
        command('self-assessment.submit', { scores, note: 'went ok' }),
        CANDIDATE,
      ),
    ).toEqual([eventBody('self-assessment.submitted', { scores, note: 'went ok' })]);
  });

  it('releases feedback of an ended round', () => {
    expect(eventsOf(endedRoom(), command('feedback.release', {}))).toEqual([
      eventBody('feedback.released', {}),
    ]);
  });

  it('links the swapped round, from either peer', () => {
    expect(
      eventsOf(endedRoom(), command('roles.swap', { nextSessionId: 's2' }), CANDIDATE),
    ).toEqual([eventBody('roles.swapped', { nextSessionId: 's2' })]);
  });

  it('builds the end events by visibility and reason', () => {
    expect(endEvents(newRoom(), 'time-up')).toEqual([
      eventBody('session.ended', { reason: 'time-up' }),
    ]);
    expect(endEvents(newRoom({ visibility: 'coaching' }), 'time-up')).toEqual([
      eventBody('session.ended', { reason: 'time-up' }),
      eventBody('feedback.released', {}),
    ]);
  });
});

describe('decide: the summary', () => {
  it('takes the summary while the round is live, as given', () => {
    expect(eventsOf(liveRoom(), command('summary.write', SUMMARY))).toEqual([
      eventBody('summary.written', SUMMARY),
    ]);
  });

  it('lets the interviewer rewrite it after the end, until feedback is released', () => {
    const written = run(endedRoom(), command('summary.write', SUMMARY), INTERVIEWER, NOW);
    const better = { text: 'Clear framing, thin on failure.', practiseNext: 'Plan for a crash.' };
    expect(eventsOf(written, command('summary.write', better, 'again'))).toEqual([
      eventBody('summary.written', better),
    ]);
    const out = run(written, command('feedback.release', {}), INTERVIEWER, NOW);
    expect(decide(out, command('summary.write', better, 'late'), INTERVIEWER, NOW)).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'INVALID_STATE',
        message: 'Feedback is released: the summary is closed.',
      }),
    });
  });
});

describe('timeUpEvents', () => {
  const END = T0 + DURATION_MS;
  const timeUp = [eventBody('session.ended', { reason: 'time-up' })];

  it('yields nothing before the time is up', () => {
    expect(timeUpEvents(liveRoom(), END - 1, 0)).toEqual([]);
  });

  it('ends the round once the time is up, without grace', () => {
    expect(timeUpEvents(liveRoom(), END, 0)).toEqual(timeUp);
    expect(timeUpEvents(liveRoom(), END + 10 * MINUTE, 0)).toEqual(timeUp);
  });

  it('waits out the grace period', () => {
    expect(timeUpEvents(liveRoom(), END + 29_999, 30_000)).toEqual([]);
    expect(timeUpEvents(liveRoom(), END + 30_000, 30_000)).toEqual(timeUp);
  });

  it('releases a coaching round’s feedback with the end', () => {
    expect(timeUpEvents(liveRoom({ visibility: 'coaching' }), END, 0)).toEqual([
      ...timeUp,
      eventBody('feedback.released', {}),
    ]);
  });

  it('counts pauses and extensions', () => {
    const pausedTen = run(
      paused(T0 + 10 * MINUTE),
      command('timer.resume', {}),
      INTERVIEWER,
      T0 + 20 * MINUTE,
    );
    expect(timeUpEvents(pausedTen, END + 10 * MINUTE - 1, 0)).toEqual([]);
    expect(timeUpEvents(pausedTen, END + 10 * MINUTE, 0)).toEqual(timeUp);
    const extended = run(
      liveRoom(),
      command('timer.extend', { byMs: 5 * MINUTE }),
      INTERVIEWER,
      T0 + 10 * MINUTE,
    );
    expect(timeUpEvents(extended, END + 5 * MINUTE - 1, 0)).toEqual([]);
    expect(timeUpEvents(extended, END + 5 * MINUTE, 0)).toEqual(timeUp);
  });

  it('yields nothing while paused, even past the end', () => {
    expect(timeUpEvents(paused(END + MINUTE), END + 60 * MINUTE, 0)).toEqual([]);
  });

  it('yields nothing before the start or after the end', () => {
    expect(timeUpEvents(newRoom(), END + 60 * MINUTE, 0)).toEqual([]);
    expect(timeUpEvents(endedRoom(), END + 60 * MINUTE, 0)).toEqual([]);
  });

  it('yields nothing once its own events are in', () => {
    const events = timeUpEvents(liveRoom(), END, 0);
    const ended = commit(liveRoom(), events, 'server', END);
    expect(ended).toMatchObject({ status: 'ended', endReason: 'time-up', endedAt: END });
    expect(timeUpEvents(ended, END + MINUTE, 0)).toEqual([]);
  });
});

describe('decide: refusals', () => {
  it('names the role and the command when the role may not send it', () => {
    const decision = decide(liveRoom(), command('session.end', {}), OBSERVER, NOW);
    expect(decision.ok).toBe(false);
    if (!decision.ok) {
      expect(decision.error.code).toBe('FORBIDDEN_ROLE');
      expect(decision.error.message).toContain('observer');
      expect(decision.error.message).toContain('session.end');
    }
  });

  it('says why a paused round whose time is up cannot resume', () => {
    const decision = decide(
      paused(T0 + 50 * MINUTE),
      command('timer.resume', {}),
      INTERVIEWER,
      NOW,
    );
    expect(decision.ok === false && decision.error.message).toContain('extend the timer');
  });
});

describe('code runs', () => {
  it('records who ran what, when in the round, under the command id', () => {
    const state = run(liveRoom(), command('code.run', RUN, 'run-1'), CANDIDATE, NOW);
    expect(state.runs).toEqual([
      { ...RUN, id: 'run-1', userId: CANDIDATE.userId, offsetMs: NOW - T0, at: NOW },
    ]);
  });

  it('keeps the first part of a long output', () => {
    const long = { ...RUN, output: 'x'.repeat(MAX_RUN_OUTPUT + 500) };
    const state = run(liveRoom(), command('code.run', long), INTERVIEWER, NOW);
    expect(state.runs[0]?.output).toHaveLength(MAX_RUN_OUTPUT);
  });

  it('refuses runs once the round has ended, and past the room’s limit', () => {
    expect(refusal(endedRoom(), command('code.run', RUN))).toBe('INVALID_STATE');
    let full = liveRoom();
    for (let index = 0; index < MAX_RUNS; index += 1) {
      full = run(full, command('code.run', RUN, `run-${index}`), CANDIDATE, NOW);
    }
    expect(refusal(full, command('code.run', RUN, 'one-more'))).toBe('INVALID_STATE');
  });
});

describe('workspace settings', () => {
  it('locks the pad and leaves the drawing to the candidate, each as its own change', () => {
    let state = run(liveRoom(), command('workspace.set', { padLocked: true }), INTERVIEWER, NOW);
    expect(state.workspace).toEqual({ padLocked: true, interviewerDraws: true });
    expect(
      eventsOf(state, command('workspace.set', { padLocked: true, interviewerDraws: false })),
    ).toEqual([{ type: 'workspace.changed', payload: { interviewerDraws: false } }]);
    state = run(state, command('workspace.set', { interviewerDraws: false }), INTERVIEWER, NOW);
    state = run(state, command('workspace.set', { padLocked: false }), INTERVIEWER, NOW);
    expect(state.workspace).toEqual({ padLocked: false, interviewerDraws: false });
  });

  it('refuses a change that changes nothing, and any change once the round has ended', () => {
    expect(refusal(liveRoom(), command('workspace.set', { padLocked: false }))).toBe(
      'INVALID_STATE',
    );
    expect(refusal(endedRoom(), command('workspace.set', { padLocked: true }))).toBe(
      'INVALID_STATE',
    );
  });
});

describe('the meeting link', () => {
  const url = 'https://meet.example.com/abc-defg-hij';

  it('shares a call held elsewhere with the room, and takes it away', () => {
    const linked = run(newRoom(), command('meeting.set', { url }), INTERVIEWER, NOW);
    expect(linked.meetingLink).toBe(url);
    expect(run(linked, command('meeting.set', { url: null }), INTERVIEWER, NOW).meetingLink).toBe(
      null,
    );
  });

  it('refuses the link the room already has, and any once the round has ended', () => {
    const linked = run(newRoom(), command('meeting.set', { url }), INTERVIEWER, NOW);
    expect(refusal(linked, command('meeting.set', { url }))).toBe('INVALID_STATE');
    expect(refusal(newRoom(), command('meeting.set', { url: null }))).toBe('INVALID_STATE');
    expect(refusal(endedRoom(), command('meeting.set', { url }))).toBe('INVALID_STATE');
  });
});

describe('recording, only with consent', () => {
  const everyone = [INTERVIEWER, CANDIDATE, OBSERVER];
  const consented = (state: RoomState = asked()) =>
    everyone.reduce(
      (current, actor, index) => agree(current, actor, T0 + (2 + index) * MINUTE),
      state,
    );

  it('waits for everyone present when it was asked for, the interviewer too, then goes live', () => {
    const requested = asked();
    expect(recordingOf(requested)).toMatchObject({
      status: 'requested',
      requestedBy: INTERVIEWER.userId,
      awaiting: [INTERVIEWER.userId, CANDIDATE.userId, OBSERVER.userId],
      consentedAt: {},
      startedAt: null,
    });
    const two = agree(agree(requested, INTERVIEWER), CANDIDATE, T0 + 3 * MINUTE);
    expect(recordingOf(two)?.status).toBe('requested');
    const live = agree(two, OBSERVER, T0 + 4 * MINUTE);
    expect(recordingOf(live)).toMatchObject({ status: 'live', startedAt: T0 + 4 * MINUTE });
  });

  it('opens in a waiting room as well as a live one, never after the end', () => {
    expect(refusal(newRoom(), command('recording.request', {}))).toBeNull();
    expect(refusal(endedRoom(), command('recording.request', {}))).toBe('INVALID_STATE');
  });

  it('records a microphone only from its own agreement, within the recording', () => {
    const live = consented();
    const recording = recordingOf(live);
    if (!recording) throw new Error('no recording');
    expect(recordedWithConsent(recording, OBSERVER.userId, T0 + 5 * MINUTE)).toBe(true);
    expect(recordedWithConsent(recording, CANDIDATE.userId, T0 + MINUTE)).toBe(false);
    expect(recordedWithConsent(recording, 'stranger', T0 + 5 * MINUTE)).toBe(false);
    const stopped = run(
      live,
      command('recording.stop', { recordingId: 'rec-1' }),
      CANDIDATE,
      T0 + 6 * MINUTE,
    );
    const over = recordingOf(stopped);
    if (!over) throw new Error('no recording');
    expect(over).toMatchObject({
      status: 'ended',
      endedBy: CANDIDATE.userId,
      endReason: 'stopped',
      endedAt: T0 + 6 * MINUTE,
    });
    // What was recorded before the stop was consented; nothing after it is.
    expect(recordedWithConsent(over, CANDIDATE.userId, T0 + 5 * MINUTE)).toBe(true);
    expect(recordedWithConsent(over, CANDIDATE.userId, T0 + 7 * MINUTE)).toBe(false);
  });

  it('never records a waiting recording, whoever agreed', () => {
    const recording = recordingOf(agree(asked(), CANDIDATE));
    if (!recording) throw new Error('no recording');
    expect(recordedWithConsent(recording, CANDIDATE.userId, T0 + 3 * MINUTE)).toBe(false);
  });

  it('records someone who joins later only once they agree, and their decline ends it', () => {
    const late = { userId: 'late-1', role: 'observer' } as const;
    const joined = commit(
      consented(),
      [eventBody('participant.joined', { ...late, displayName: 'Late' })],
      late.userId,
      T0 + 8 * MINUTE,
    );
    const recording = recordingOf(joined);
    if (!recording) throw new Error('no recording');
    expect(recording.status).toBe('live');
    expect(recordedWithConsent(recording, late.userId, T0 + 9 * MINUTE)).toBe(false);
    const agreed = agree(joined, late, T0 + 9 * MINUTE);
    const withLate = recordingOf(agreed);
    if (!withLate) throw new Error('no recording');
    expect(recordedWithConsent(withLate, late.userId, T0 + 10 * MINUTE)).toBe(true);
    const declined = run(
      joined,
      command('recording.decline', { recordingId: 'rec-1' }),
      late,
      T0 + 9 * MINUTE,
    );
    expect(recordingOf(declined)).toMatchObject({
      status: 'ended',
      endReason: 'declined',
      endedBy: late.userId,
    });
  });

  it('ends a waiting recording when anyone declines it', () => {
    const declined = run(
      agree(asked(), INTERVIEWER),
      command('recording.decline', { recordingId: 'rec-1' }),
      CANDIDATE,
      T0 + 3 * MINUTE,
    );
    expect(recordingOf(declined)).toMatchObject({ status: 'ended', startedAt: null });
    expect(
      refusal(declined, command('recording.consent', { recordingId: 'rec-1' }), OBSERVER),
    ).toBe('INVALID_STATE');
  });

  it('stops waiting for someone removed from the room', () => {
    const two = agree(agree(asked(), INTERVIEWER), CANDIDATE, T0 + 3 * MINUTE);
    const removed = run(
      two,
      command('participant.remove', { userId: OBSERVER.userId }),
      INTERVIEWER,
      T0 + 4 * MINUTE,
    );
    expect(recordingOf(removed)).toMatchObject({
      status: 'live',
      awaiting: [INTERVIEWER.userId, CANDIDATE.userId],
    });
  });

  it('ends with the round, so no microphone records past it', () => {
    const over = run(consented(), command('session.end', {}), INTERVIEWER, T0 + 9 * MINUTE);
    expect(recordingOf(over)).toMatchObject({
      status: 'ended',
      endReason: 'round-ended',
      endedAt: T0 + 9 * MINUTE,
    });
  });

  it('refuses with reasons: a second at once, an unknown one, agreeing twice, and swapped answers', () => {
    const recording = { recordingId: 'rec-1' };
    expect(refusal(asked(), command('recording.request', {}, 'rec-2'))).toBe('INVALID_STATE');
    expect(refusal(asked(), command('recording.consent', { recordingId: 'rec-9' }))).toBe(
      'NOT_FOUND',
    );
    const agreed = agree(asked(), CANDIDATE);
    expect(refusal(agreed, command('recording.consent', recording), CANDIDATE)).toBe(
      'INVALID_STATE',
    );
    expect(refusal(agreed, command('recording.decline', recording), CANDIDATE)).toBe(
      'INVALID_STATE',
    );
    expect(refusal(agreed, command('recording.stop', recording), OBSERVER)).toBe('INVALID_STATE');
    const stopped = run(agreed, command('recording.stop', recording), CANDIDATE, NOW);
    expect(refusal(stopped, command('recording.stop', recording), CANDIDATE)).toBe('INVALID_STATE');
    // Once it is over, the interviewer may ask again.
    expect(refusal(stopped, command('recording.request', {}, 'rec-2'))).toBeNull();
  });

  it('opens to the staff at the end and to the candidate once feedback is released', () => {
    const open = (role: Role, status: RoomState['status'], feedbackReleased: boolean) =>
      recordingsOpenTo(role, { status, feedbackReleased });
    expect(open('interviewer', 'live', false)).toBe(false);
    expect(open('observer', 'ended', false)).toBe(true);
    expect(open('candidate', 'ended', false)).toBe(false);
    expect(open('candidate', 'ended', true)).toBe(true);
  });

  it('keeps at most MAX_RECORDINGS recordings in a room', () => {
    let state = liveRoom();
    for (let index = 0; index < MAX_RECORDINGS; index += 1) {
      const id = `rec-${index}`;
      state = run(state, command('recording.request', {}, id), INTERVIEWER, NOW);
      state = run(state, command('recording.decline', { recordingId: id }), CANDIDATE, NOW);
    }
    expect(refusal(state, command('recording.request', {}, 'rec-last'))).toBe('INVALID_STATE');
  });
});

describe('evidence anchored to the workspace', () => {
  const note = { signal: 'coding', polarity: 'strong', note: 'Guarded the empty input' } as const;

  it('keeps the lines selected when the note was taken', () => {
    const anchor = { documentId: 'pad', fromLine: 4, toLine: 9 } as const;
    const state = run(
      liveRoom(),
      command('evidence.add', { ...note, anchor }, 'e7'),
      INTERVIEWER,
      NOW,
    );
    expect(state.scorecards[INTERVIEWER.userId]?.evidence[0]?.anchor).toEqual(anchor);
  });

  it('records no anchor for a note taken with nothing selected', () => {
    const state = run(liveRoom(), command('evidence.add', note, 'e8'), INTERVIEWER, NOW);
    expect(state.scorecards[INTERVIEWER.userId]?.evidence[0]).not.toHaveProperty('anchor');
  });

  it('refuses lines given last to first', () => {
    const anchor = { documentId: 'pad', fromLine: 9, toLine: 4 } as const;
    expect(refusal(liveRoom(), command('evidence.add', { ...note, anchor }))).toBe(
      'INVALID_PAYLOAD',
    );
  });

  it('keeps the board elements selected when the note was taken, and says what they are', () => {
    const anchor = { documentId: 'board' as const, elementIds: ['gateway', 'queue'] };
    const state = run(
      liveRoom(),
      command('evidence.add', { ...note, anchor }, 'e9'),
      INTERVIEWER,
      NOW,
    );
    const kept = state.scorecards[INTERVIEWER.userId]?.evidence[0]?.anchor;
    expect(kept).toEqual(anchor);
    expect(kept && describeAnchor(kept)).toBe('2 shapes on the board');
    expect(describeAnchor({ documentId: 'pad', fromLine: 3, toLine: 3 })).toBe('line 3 of the pad');
  });
});
