import fc from 'fast-check';
import type { FailureModeId, MoveId, Score, SignalId } from '../model';
import { FAILURE_MODE_IDS, MOVE_IDS, SCORES, SIGNAL_IDS } from '../model';
import type { Polarity, Scores } from '../scorecard';
import { emptyScorecard, emptyScores, POLARITIES } from '../scorecard';
import type { RoomCommand } from './commands';
import { ROOM_COMMAND_TYPES } from './commands';
import type { Actor } from './decide';
import { COMMAND_ROLES, decide, timeUpEvents } from './decide';
import type { RoomEvent, RoomEventBody, RoomEventType } from './events';
import { eventBody } from './events';
import type { Projection } from './projection';
import { projectEvent, sameData, timelineFor } from './projection';
import { reduce, reduceAll } from './reduce';
import {
  acceptedEvents,
  CANDIDATE,
  command,
  commit,
  endedRoom,
  INTERVIEWER,
  liveRoom,
  MINUTE,
  newRoom,
  OBSERVER,
  privatePromptText,
  run,
  stamped,
  T0,
  testPrompt,
  testRun,
  withWatch,
} from './room-fixtures';
import type { Role, RoomState, SessionConfig, Visibility } from './state';
import { ROLES, VISIBILITIES } from './state';
import type { Viewer } from './view';
import { viewFor } from './view';

const RUNS = 250;
const ACTORS: Record<Role, Actor> = {
  interviewer: INTERVIEWER,
  candidate: CANDIDATE,
  observer: OBSERVER,
};
const VIEWERS: readonly Viewer[] = [INTERVIEWER, CANDIDATE, OBSERVER];
const PHASE_IDS = ['clarify-scope', 'choose-design', 'no-such-phase'];

const SCORECARD_EVENTS: readonly RoomEventType[] = [
  'evidence.added',
  'evidence.edited',
  'evidence.removed',
  'score.set',
  'score.cleared',
];
const MARK_EVENTS: readonly RoomEventType[] = [
  'move.marked',
  'move.unmarked',
  'flag.marked',
  'flag.unmarked',
];

// A client never learns the server's seq from a 'none', so views are compared without it.
const withoutSeq = (state: RoomState): RoomState => ({ ...state, seq: 0 });

/** What a client holds after receiving a projection. */
function receive(client: RoomState, projection: Projection): RoomState {
  switch (projection.kind) {
    case 'event':
      return reduce(client, projection.event);
    case 'snapshot':
      return projection.state;
    case 'none':
      return client;
  }
}

const scoresArb: fc.Arbitrary<Scores> = fc.record(
  Object.fromEntries(
    SIGNAL_IDS.map((id) => [id, fc.option(fc.constantFrom<Score>(...SCORES), { nil: null })]),
  ) as Record<SignalId, fc.Arbitrary<Score | null>>,
);

// Scorecard work is what projection hides, so it comes up more often; ending stays rare.
const typeArb = fc.oneof(
  ...ROOM_COMMAND_TYPES.map((type) => ({
    weight:
      type === 'session.end' ? 1 : type.startsWith('evidence') || type === 'timer.start' ? 4 : 2,
    arbitrary: fc.constant(type),
  })),
);

const commandStepArb = typeArb.chain((type) =>
  fc.record({
    kind: fc.constant('command' as const),
    type: fc.constant(type),
    // Mostly a role allowed to send the command, sometimes any role at all.
    role: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...COMMAND_ROLES[type]) },
      { weight: 1, arbitrary: fc.constantFrom(...ROLES) },
    ),
    // Mostly small steps, so rounds stay live a while before the time runs out.
    advanceMs: fc.oneof(
      { weight: 3, arbitrary: fc.constant(0) },
      { weight: 6, arbitrary: fc.integer({ min: 0, max: 2 * MINUTE }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 30 * MINUTE }) },
    ),
    pick: fc.nat(),
    signal: fc.constantFrom<SignalId>(...SIGNAL_IDS),
    polarity: fc.constantFrom<Polarity>(...POLARITIES),
    score: fc.constantFrom<Score>(...SCORES),
    move: fc.constantFrom<MoveId>(...MOVE_IDS),
    flag: fc.constantFrom<FailureModeId>(...FAILURE_MODE_IDS),
    byMs: fc.integer({ min: -MINUTE, max: 30 * MINUTE }),
    offsetMs: fc.option(fc.integer({ min: -MINUTE, max: 120 * MINUTE }), { nil: undefined }),
    selfScores: scoresArb,
  }),
);
type CommandStep = typeof commandStepArb extends fc.Arbitrary<infer S> ? S : never;

/** A participant dropping out or coming back, which the server commits on its own. */
const presenceStepArb = fc.record({
  kind: fc.constant('presence' as const),
  role: fc.constantFrom(...ROLES),
  online: fc.boolean(),
  advanceMs: fc.constant(0),
});

const sessionArb = fc.record({
  visibility: fc.constantFrom<Visibility>(...VISIBILITIES),
  withPrompt: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, fc.constant(false)),
  graceMs: fc.integer({ min: 0, max: MINUTE }),
  steps: fc.array(
    fc.oneof({ weight: 9, arbitrary: commandStepArb }, { weight: 1, arbitrary: presenceStepArb }),
    { minLength: 1, maxLength: 60, size: 'max' },
  ),
  // How the session is left: as it is, ended, or ended and released.
  finish: fc.constantFrom('open' as const, 'end' as const, 'release' as const),
});
type Session = typeof sessionArb extends fc.Arbitrary<infer S> ? S : never;

const MEETING = 'https://meet.example.com/abc-defg-hij';

/** An id by `pick` from the actor's own, or one that is nowhere in the room. */
const pickId = (ids: readonly string[], pick: number): string =>
  [...ids, 'missing-id'][pick % (ids.length + 1)];

const watchIds = (state: RoomState): string[] => state.watchFor.map((item) => item.id);

const ownEvidenceIds = (state: RoomState, actor: Actor): string[] =>
  (state.scorecards[actor.userId]?.evidence ?? []).map((item) => item.id);

/** Notes carry their author's role, so a message can be searched for whose notes it carries. */
function toCommand(step: CommandStep, state: RoomState, index: number): RoomCommand {
  const id = `cmd-${index}`;
  const note = `SECRET-${step.role}-note-${index}`;
  const evidenceId = pickId(ownEvidenceIds(state, ACTORS[step.role]), step.pick);
  switch (step.type) {
    case 'prompt.set':
      return command(step.type, { prompt: testPrompt(step.pick % 2 === 0 ? 'B' : 'C') }, id);
    case 'timer.extend':
      return command(step.type, { byMs: step.byMs }, id);
    case 'phase.change':
      return command(step.type, { phaseId: PHASE_IDS[step.pick % PHASE_IDS.length] }, id);
    case 'evidence.add':
      return command(
        step.type,
        { signal: step.signal, polarity: step.polarity, note, offsetMs: step.offsetMs },
        id,
      );
    case 'evidence.edit':
      return command(
        step.type,
        step.pick % 2 === 0
          ? { evidenceId, note, polarity: step.polarity }
          : { evidenceId, signal: step.signal, offsetMs: step.offsetMs },
        id,
      );
    case 'evidence.remove':
      return command(step.type, { evidenceId }, id);
    case 'score.set':
      return command(step.type, { signal: step.signal, score: step.score }, id);
    case 'score.clear':
      return command(step.type, { signal: step.signal }, id);
    case 'move.mark':
      return command(step.type, { move: step.move, offsetMs: step.offsetMs }, id);
    case 'move.unmark': {
      const ids = state.moves.map((mark) => mark.id);
      return command(step.type, { markId: pickId(ids, step.pick) }, id);
    }
    case 'flag.mark':
      return command(step.type, { flag: step.flag, offsetMs: step.offsetMs }, id);
    case 'flag.unmark': {
      const ids = state.flags.map((mark) => mark.id);
      return command(step.type, { markId: pickId(ids, step.pick) }, id);
    }
    case 'watch.tick':
      return command(
        step.type,
        { itemId: pickId(watchIds(state), step.pick), offsetMs: step.offsetMs },
        id,
      );
    case 'watch.untick':
      return command(step.type, { itemId: pickId(watchIds(state), step.pick) }, id);
    case 'self-assessment.submit':
      return command(step.type, { scores: step.selfScores, note: 'my own view' }, id);
    case 'summary.write':
      return command(
        step.type,
        { text: `SECRET-${step.role}-summary-${index}`, practiseNext: `SECRET-next-${index}` },
        id,
      );
    case 'roles.swap':
      return command(step.type, { nextSessionId: 'session-next' }, id);
    case 'participant.remove': {
      const people = [CANDIDATE.userId, OBSERVER.userId, INTERVIEWER.userId];
      return command(step.type, { userId: people[step.pick % people.length] }, id);
    }
    case 'code.run':
      return command(step.type, testRun(`printed ${index}`), id);
    case 'meeting.set':
      return command(step.type, { url: step.pick % 2 === 0 ? MEETING : null }, id);
    case 'recording.consent':
    case 'recording.decline':
    case 'recording.stop': {
      const ids = state.recordings.map((recording) => recording.id);
      return command(step.type, { recordingId: pickId(ids, step.pick) }, id);
    }
    case 'workspace.set':
      return command(
        step.type,
        step.pick % 2 === 0 ? { padLocked: step.pick % 4 === 0 } : { interviewerDraws: false },
        id,
      );
    case 'prompt.reveal':
    case 'hint.reveal':
    case 'timer.start':
    case 'timer.pause':
    case 'timer.resume':
    case 'session.end':
    case 'feedback.release':
    case 'recording.request':
      return command(step.type, {}, id);
  }
}

interface Committed {
  before: RoomState;
  after: RoomState;
  event: RoomEvent;
}

/**
 * Plays a session the way the server does: the three join, accepted commands are committed one
 * event at a time, the time-up check runs between commands, and the session is left as `finish`
 * says. Returns the room it started from and every event with the states either side of it.
 */
function play({ visibility, withPrompt, graceMs, steps, finish }: Session) {
  const initial = withWatch(newRoom({ visibility, prompt: withPrompt ? testPrompt('A') : null }));
  const log: Committed[] = [];
  let state = initial;
  let now = T0;
  const commitEach = (bodies: readonly RoomEventBody[], actorId: string) => {
    for (const body of bodies) {
      const event: RoomEvent = { ...body, seq: state.seq + 1, actorId, at: now };
      const after = reduce(state, event);
      log.push({ before: state, after, event });
      state = after;
    }
  };
  const send = (cmd: RoomCommand, actor: Actor) => {
    const decision = decide(state, cmd, actor, now);
    if (decision.ok) commitEach(decision.value, actor.userId);
  };

  for (const actor of VIEWERS) {
    commitEach(
      [eventBody('participant.joined', { ...actor, displayName: actor.userId })],
      'server',
    );
  }
  steps.forEach((step, index) => {
    now += step.advanceMs;
    const actor = ACTORS[step.role];
    if (step.kind === 'presence') {
      commitEach(
        [
          step.online
            ? eventBody('participant.joined', { ...actor, displayName: `${actor.userId} again` })
            : eventBody('participant.left', { userId: actor.userId }),
        ],
        'server',
      );
    } else {
      send(toCommand(step, state, index), actor);
    }
    commitEach(timeUpEvents(state, now, graceMs), 'server');
  });
  if (finish !== 'open') send(command('session.end', {}, 'finish-end'), INTERVIEWER);
  if (finish === 'release') send(command('feedback.release', {}, 'finish-release'), INTERVIEWER);
  return { initial, log, final: state };
}

const blindCandidate = (state: RoomState): boolean =>
  state.visibility === 'private' && !state.feedbackReleased;

const scorecardIds = (state: RoomState, scorerId: string): string[] =>
  (state.scorecards[scorerId]?.evidence ?? []).map((item) => `"${item.id}"`);

/**
 * What a message to `viewer` carries that the viewer may not read at `after`: notes of another
 * staff member before the end; for the candidate, the prompt's private text and the observer's
 * notes ever, and while scoring is blind any scorecard or mark, by text, by id or by event type.
 */
function leaked(projection: Projection, after: RoomState, viewer: Viewer): string[] {
  if (projection.kind === 'none') return [];
  const message = projection.kind === 'event' ? projection.event : projection.state;
  const text = JSON.stringify(message);
  if (viewer.role !== 'candidate') {
    const other = viewer.role === 'interviewer' ? 'observer' : 'interviewer';
    return after.status === 'ended' || !text.includes(`SECRET-${other}`) ? [] : [`${other} notes`];
  }
  const blind = blindCandidate(after);
  const forbidden = [
    ...privatePromptText(after.prompt, after.hintsRevealed),
    'SECRET-observer',
    // Coaching mode opens the scorecard live, never the summary: that waits for the release.
    ...(after.feedbackReleased ? [] : ['SECRET-interviewer-summary', 'SECRET-next']),
    ...scorecardIds(after, OBSERVER.userId),
    ...(blind
      ? [
          'SECRET-',
          ...scorecardIds(after, INTERVIEWER.userId),
          ...[...after.moves, ...after.flags].map((mark) => `"${mark.id}"`),
        ]
      : []),
  ];
  const found = forbidden.filter((item) => text.includes(item));
  if (projection.kind === 'event') {
    const { type } = projection.event;
    const hidden = blind && [...SCORECARD_EVENTS, ...MARK_EVENTS].includes(type);
    const summary = type === 'summary.written';
    return type === 'prompt.set' || hidden || summary ? [...found, `event ${type}`] : found;
  }
  const { scorecards, moves, flags } = projection.state;
  const visible = [
    ...Object.keys(scorecards).map((id) => `scorecard of ${id}`),
    ...[...moves, ...flags].map((mark) => `mark ${mark.id}`),
  ];
  return blind ? [...found, ...visible] : found;
}

describe('projectEvent: random sessions, one simulated client per viewer', () => {
  it("keeps every client's folded state equal to its view, and the candidate blind", () => {
    // Which (viewer, projection, event) combinations the sessions reached, to check the generator.
    const reached = new Set<string>();
    let timeUps = 0;

    fc.assert(
      fc.property(sessionArb, (session) => {
        const { initial, log, final } = play(session);
        const clients = VIEWERS.map((viewer) => viewFor(initial, viewer));

        for (const { before, after, event } of log) {
          if (event.type === 'session.ended' && event.payload.reason === 'time-up') timeUps += 1;
          VIEWERS.forEach((viewer, index) => {
            const projection = projectEvent(before, after, event, viewer);
            reached.add(`${viewer.role} ${projection.kind} ${event.type}`);
            clients[index] = receive(clients[index], projection);
            expect(withoutSeq(clients[index])).toEqual(withoutSeq(viewFor(after, viewer)));
            expect(leaked(projection, after, viewer)).toEqual([]);
          });
        }

        // Staff can rebuild their view from their timeline; the candidate's never holds the
        // prompt as set, an observer's scorecard work, or (while blind) any scorecard or mark.
        const events = log.map((entry) => entry.event);
        for (const staff of [INTERVIEWER, OBSERVER]) {
          const rebuilt = reduceAll(initial, timelineFor(events, final, staff));
          expect(withoutSeq(viewFor(rebuilt, staff))).toEqual(withoutSeq(viewFor(final, staff)));
        }
        const hidden: readonly RoomEventType[] = blindCandidate(final)
          ? [...SCORECARD_EVENTS, ...MARK_EVENTS]
          : [];
        const unreadable = timelineFor(events, final, CANDIDATE).filter(
          (event) =>
            event.type === 'prompt.set' ||
            hidden.includes(event.type) ||
            (SCORECARD_EVENTS.includes(event.type) && event.actorId !== final.interviewerId),
        );
        expect(unreadable).toEqual([]);
        // Folded, the candidate's timeline gives exactly the scorecard and marks they may see
        // now, and no evidence it leaves out was ever forwarded in an earlier version.
        const candidateRebuilt = viewFor(
          reduceAll(initial, timelineFor(events, final, CANDIDATE)),
          CANDIDATE,
        );
        const finalView = viewFor(final, CANDIDATE);
        // (A scorecard whose every entry was withdrawn folds the same as none at all.)
        const cardOf = (view: RoomState) =>
          view.scorecards[view.interviewerId] ?? emptyScorecard(view.interviewerId);
        expect(cardOf(candidateRebuilt)).toEqual(cardOf(finalView));
        expect(candidateRebuilt.moves).toEqual(finalView.moves);
        expect(candidateRebuilt.flags).toEqual(finalView.flags);
        expect(candidateRebuilt.summary).toEqual(finalView.summary);
      }),
      { numRuns: RUNS },
    );

    expect(timeUps).toBeGreaterThan(0);
    expect([...reached]).toEqual(
      expect.arrayContaining([
        'candidate none prompt.set',
        'candidate none evidence.added',
        'candidate event evidence.added',
        'candidate snapshot prompt.revealed',
        'candidate snapshot hint.revealed',
        'candidate snapshot feedback.released',
        'candidate event feedback.released',
        'candidate event timer.started',
        'interviewer none evidence.added',
        'interviewer event evidence.added',
        'interviewer snapshot session.ended',
        'observer event prompt.set',
        'observer event participant.left',
        'interviewer event summary.written',
        'observer none summary.written',
        'candidate none summary.written',
      ]),
    );
  });
});

/** Decides a command that commits one event, and what each viewer receives for it. */
function projectOne(state: RoomState, cmd: RoomCommand, actor: Actor, now: number) {
  const [event, ...rest] = acceptedEvents(state, cmd, actor, now);
  expect(rest).toEqual([]);
  const after = reduce(state, event);
  return { event, after, to: (viewer: Viewer) => projectEvent(state, after, event, viewer) };
}

/** Three participants joined, nothing revealed or started yet. */
const joinedRoom = (config: Partial<SessionConfig> = {}): RoomState =>
  VIEWERS.reduce(
    (state, actor) =>
      commit(
        state,
        [eventBody('participant.joined', { ...actor, displayName: actor.userId })],
        actor.userId,
        T0,
      ),
    newRoom(config),
  );

describe('projectEvent: the prompt as set', () => {
  it('is nothing to the candidate before the reveal, and the event itself to staff', () => {
    const { event, to } = projectOne(
      joinedRoom(),
      command('prompt.set', { prompt: testPrompt('B') }),
      INTERVIEWER,
      T0,
    );
    expect(to(CANDIDATE)).toEqual({ kind: 'none' });
    expect(to(INTERVIEWER)).toEqual({ kind: 'event', event });
    expect(to(OBSERVER)).toEqual({ kind: 'event', event });
  });

  it('is a snapshot to the candidate even when folding it would give the right view', () => {
    // decide refuses a prompt.set after the reveal; a log replayed or written by hand need not.
    const bare = { ...testPrompt('C'), hints: [], followUps: [], guide: null };
    const before = liveRoom();
    const event = stamped('prompt.set', { prompt: bare }, { seq: before.seq + 1 });
    const after = reduce(before, event);
    expect(withoutSeq(reduce(viewFor(before, CANDIDATE), event))).toEqual(
      withoutSeq(viewFor(after, CANDIDATE)),
    );

    expect(projectEvent(before, after, event, CANDIDATE)).toEqual({
      kind: 'snapshot',
      state: viewFor(after, CANDIDATE),
    });
    expect(projectEvent(before, after, event, INTERVIEWER)).toEqual({ kind: 'event', event });
  });

  it('sends the candidate a snapshot without guide or follow-ups when a full prompt is set', () => {
    const before = liveRoom();
    const event = stamped('prompt.set', { prompt: testPrompt('B') }, { seq: before.seq + 1 });
    const after = reduce(before, event);
    const projection = projectEvent(before, after, event, CANDIDATE);
    expect(projection).toEqual({ kind: 'snapshot', state: viewFor(after, CANDIDATE) });
    expect(JSON.stringify(projection)).not.toMatch(/GUIDE|FOLLOWUP|HINT/);
  });
});

describe("projectEvent: an observer's evidence", () => {
  const add = (state: RoomState) =>
    projectOne(
      state,
      command('evidence.add', {
        signal: 'architecture',
        polarity: 'strong',
        note: 'observer note',
      }),
      OBSERVER,
      T0 + MINUTE,
    );

  it.each(VISIBILITIES)(
    'is nothing to the interviewer and the candidate before the end (%s)',
    (visibility) => {
      const { event, to } = add(liveRoom({ visibility }));
      expect(to(INTERVIEWER)).toEqual({ kind: 'none' });
      expect(to(CANDIDATE)).toEqual({ kind: 'none' });
      expect(to(OBSERVER)).toEqual({ kind: 'event', event });
    },
  );

  it('reaches the interviewer as an event once the round has ended, for calibration', () => {
    const { event, to } = add(endedRoom());
    expect(to(INTERVIEWER)).toEqual({ kind: 'event', event });
    expect(to(CANDIDATE)).toEqual({ kind: 'none' });
  });
});

describe('projectEvent: a hint revealed', () => {
  it('gives the candidate a snapshot holding the new hint, and staff the event', () => {
    const first = projectOne(liveRoom(), command('hint.reveal', {}), INTERVIEWER, T0 + MINUTE);
    expect(first.to(CANDIDATE)).toEqual({
      kind: 'snapshot',
      state: viewFor(first.after, CANDIDATE),
    });
    expect(viewFor(first.after, CANDIDATE).prompt?.hints).toEqual(['HINT-A-0']);
    expect(first.to(INTERVIEWER)).toEqual({ kind: 'event', event: first.event });
    expect(first.to(OBSERVER)).toEqual({ kind: 'event', event: first.event });

    const second = projectOne(first.after, command('hint.reveal', {}), INTERVIEWER, T0 + MINUTE);
    const projection = second.to(CANDIDATE);
    expect(projection.kind === 'snapshot' && projection.state.prompt?.hints).toEqual([
      'HINT-A-0',
      'HINT-A-1',
    ]);
    expect(JSON.stringify(projection)).not.toContain('HINT-A-2');
  });
});

describe('projectEvent: feedback released', () => {
  /** A live round in which both staff scored and the interviewer marked a move. */
  function scoredRoom(visibility: Visibility): RoomState {
    let state = liveRoom({ visibility });
    for (const actor of [INTERVIEWER, OBSERVER]) {
      state = run(
        state,
        command(
          'evidence.add',
          { signal: 'framing', polarity: 'weak', note: `note by ${actor.userId}` },
          `evidence-${actor.userId}`,
        ),
        actor,
        T0 + MINUTE,
      );
      state = run(state, command('score.set', { signal: 'framing', score: 2 }), actor, T0 + MINUTE);
    }
    return run(state, command('move.mark', { move: 'narrow-scope' }, 'move-1'), INTERVIEWER, T0);
  }

  it("gives the candidate of a private round a snapshot with the interviewer's scorecard only", () => {
    const ended = run(scoredRoom('private'), command('session.end', {}), INTERVIEWER, T0 + MINUTE);
    const { event, after, to } = projectOne(
      ended,
      command('feedback.release', {}),
      INTERVIEWER,
      T0 + 3 * MINUTE,
    );
    const projection = to(CANDIDATE);
    expect(projection).toEqual({ kind: 'snapshot', state: viewFor(after, CANDIDATE) });
    if (projection.kind !== 'snapshot') return;
    expect(projection.state.scorecards).toEqual({
      [INTERVIEWER.userId]: ended.scorecards[INTERVIEWER.userId],
    });
    expect(projection.state.moves.map((mark) => mark.id)).toEqual(['move-1']);
    expect(JSON.stringify(projection)).not.toContain(`note by ${OBSERVER.userId}`);
    expect(to(INTERVIEWER)).toEqual({ kind: 'event', event });
    expect(to(OBSERVER)).toEqual({ kind: 'event', event });
  });

  it('is only an event to the candidate of a coaching round, who saw the scores live', () => {
    const live = scoredRoom('coaching');
    const [ended, released] = acceptedEvents(
      live,
      command('session.end', {}),
      INTERVIEWER,
      T0 + MINUTE,
    );
    const before = reduce(live, ended);
    const after = reduce(before, released);
    expect(released.type).toBe('feedback.released');
    expect(projectEvent(before, after, released, CANDIDATE)).toEqual({
      kind: 'event',
      event: released,
    });
  });
});

describe('projectEvent: timer events', () => {
  it.each(VISIBILITIES)('reach everyone as the event itself (%s)', (visibility) => {
    const script: [RoomCommand, number][] = [
      [command('timer.start', {}), T0],
      [command('timer.pause', {}), T0 + MINUTE],
      [command('timer.resume', {}), T0 + 2 * MINUTE],
      [command('timer.extend', { byMs: 5 * MINUTE }), T0 + 3 * MINUTE],
    ];
    let state = joinedRoom({ visibility });
    const received: string[] = [];
    for (const [cmd, now] of script) {
      const { event, after, to } = projectOne(state, cmd, INTERVIEWER, now);
      for (const viewer of VIEWERS) {
        expect(to(viewer)).toEqual({ kind: 'event', event });
        received.push(`${viewer.role} ${event.type}`);
      }
      state = after;
    }
    expect(received).toHaveLength(4 * VIEWERS.length);
  });
});

/** Plays commands that must all be accepted from a fresh room, keeping every committed event. */
function playScript(
  config: Partial<SessionConfig>,
  script: readonly (readonly [Actor, RoomCommand, number])[],
): { state: RoomState; events: RoomEvent[] } {
  return script.reduce(
    ({ state, events }, [actor, cmd, now]) => {
      const committed = acceptedEvents(state, cmd, actor, now);
      return { state: reduceAll(state, committed), events: [...events, ...committed] };
    },
    { state: newRoom(config), events: [] as RoomEvent[] },
  );
}

const LIVE: readonly (readonly [Actor, RoomCommand, number])[] = [
  [INTERVIEWER, command('prompt.set', { prompt: testPrompt('B') }), T0],
  [INTERVIEWER, command('prompt.reveal', {}), T0],
  [INTERVIEWER, command('timer.start', {}), T0],
  [INTERVIEWER, command('hint.reveal', {}), T0 + MINUTE],
  [INTERVIEWER, command('phase.change', { phaseId: 'clarify-scope' }), T0 + MINUTE],
  [
    INTERVIEWER,
    command('evidence.add', { signal: 'framing', polarity: 'strong', note: 'asked' }, 'e-i'),
    T0 + 2 * MINUTE,
  ],
  [
    OBSERVER,
    command('evidence.add', { signal: 'framing', polarity: 'weak', note: 'rushed' }, 'e-o'),
    T0 + 2 * MINUTE,
  ],
  [INTERVIEWER, command('score.set', { signal: 'framing', score: 4 }), T0 + 3 * MINUTE],
  [OBSERVER, command('score.set', { signal: 'framing', score: 2 }), T0 + 3 * MINUTE],
  [INTERVIEWER, command('move.mark', { move: 'narrow-scope' }, 'm-1'), T0 + 3 * MINUTE],
  [INTERVIEWER, command('flag.mark', { flag: 'signal-bloat' }, 'f-1'), T0 + 3 * MINUTE],
];
const END = [INTERVIEWER, command('session.end', {}), T0 + 10 * MINUTE] as const;
const SELF_ASSESS = [
  CANDIDATE,
  command('self-assessment.submit', { scores: emptyScores(), note: 'fine' }),
  T0 + 11 * MINUTE,
] as const;
const RELEASE = [INTERVIEWER, command('feedback.release', {}), T0 + 12 * MINUTE] as const;

const timeline = (
  config: Partial<SessionConfig>,
  script: readonly (readonly [Actor, RoomCommand, number])[],
  viewer: Viewer,
): string[] => {
  const { state, events } = playScript(config, script);
  return timelineFor(events, state, viewer).map((event) => `${event.type} by ${event.actorId}`);
};

const I = INTERVIEWER.userId;
const O = OBSERVER.userId;
const C = CANDIDATE.userId;
const OPEN_TO_ALL = [
  `prompt.revealed by ${I}`,
  `timer.started by ${I}`,
  `hint.revealed by ${I}`,
  `phase.changed by ${I}`,
];

describe('timelineFor: the candidate', () => {
  it('of a private round reads no prompt as set, no scorecard and no marks before release', () => {
    expect(timeline({}, LIVE, CANDIDATE)).toEqual(OPEN_TO_ALL);
    expect(timeline({}, [...LIVE, END, SELF_ASSESS], CANDIDATE)).toEqual([
      ...OPEN_TO_ALL,
      `session.ended by ${I}`,
      `self-assessment.submitted by ${C}`,
    ]);
  });

  it("of a private round reads the interviewer's scorecard and marks once released, in order", () => {
    expect(timeline({}, [...LIVE, END, SELF_ASSESS, RELEASE], CANDIDATE)).toEqual([
      ...OPEN_TO_ALL,
      `evidence.added by ${I}`,
      `score.set by ${I}`,
      `move.marked by ${I}`,
      `flag.marked by ${I}`,
      `session.ended by ${I}`,
      `self-assessment.submitted by ${C}`,
      `feedback.released by ${I}`,
    ]);
  });

  it("of a coaching round reads the interviewer's scorecard and marks live", () => {
    const coaching = { visibility: 'coaching' as const };
    expect(timeline(coaching, LIVE, CANDIDATE)).toEqual([
      ...OPEN_TO_ALL,
      `evidence.added by ${I}`,
      `score.set by ${I}`,
      `move.marked by ${I}`,
      `flag.marked by ${I}`,
    ]);
    expect(timeline(coaching, [...LIVE, END], CANDIDATE).slice(-2)).toEqual([
      `session.ended by ${I}`,
      `feedback.released by ${I}`,
    ]);
  });

  it.each([
    ['private, live', {}, LIVE],
    ['private, ended', {}, [...LIVE, END]],
    ['private, released', {}, [...LIVE, END, RELEASE]],
    ['coaching, live', { visibility: 'coaching' as const }, LIVE],
    ['coaching, ended', { visibility: 'coaching' as const }, [...LIVE, END]],
  ])(
    "never reads an observer's scorecard events nor the prompt as set (%s)",
    (_, config, script) => {
      const { state, events } = playScript(config, script);
      const seen = timelineFor(events, state, CANDIDATE);
      expect(seen.filter((event) => event.actorId === O)).toEqual([]);
      expect(seen.filter((event) => event.type === 'prompt.set')).toEqual([]);
      expect(events.some((event) => event.actorId === O)).toBe(true);
    },
  );
});

describe('timelineFor: the candidate reads each note only in its final state', () => {
  // Every kind of revision the interviewer can make before release, each with text to look for.
  const REVISED: readonly (readonly [Actor, RoomCommand, number])[] = [
    ...LIVE,
    [
      INTERVIEWER,
      command('evidence.add', { signal: 'coding', polarity: 'weak', note: 'REMOVED-NOTE' }, 'e-r'),
      T0 + 4 * MINUTE,
    ],
    [
      INTERVIEWER,
      command(
        'evidence.add',
        { signal: 'production', polarity: 'weak', note: 'FIRST-DRAFT' },
        'e-d',
      ),
      T0 + 4 * MINUTE,
    ],
    [
      INTERVIEWER,
      command('evidence.edit', { evidenceId: 'e-d', note: 'final wording', polarity: 'strong' }),
      T0 + 5 * MINUTE,
    ],
    [INTERVIEWER, command('evidence.remove', { evidenceId: 'e-r' }), T0 + 5 * MINUTE],
    [INTERVIEWER, command('score.set', { signal: 'coding', score: 1 }, 's-1'), T0 + 5 * MINUTE],
    [INTERVIEWER, command('score.set', { signal: 'coding', score: 3 }, 's-2'), T0 + 6 * MINUTE],
    [INTERVIEWER, command('score.set', { signal: 'delivery', score: 2 }, 's-3'), T0 + 6 * MINUTE],
    [INTERVIEWER, command('score.clear', { signal: 'delivery' }, 's-4'), T0 + 6 * MINUTE],
    [INTERVIEWER, command('move.mark', { move: 'clarify-constraints' }, 'm-2'), T0 + 6 * MINUTE],
    [INTERVIEWER, command('move.unmark', { markId: 'm-2' }), T0 + 7 * MINUTE],
  ];

  it.each([
    ['private, released', {}, [...REVISED, END, RELEASE]],
    ['coaching, live', { visibility: 'coaching' as const }, REVISED],
    ['coaching, ended', { visibility: 'coaching' as const }, [...REVISED, END]],
  ])('leaves out removed notes, earlier versions and withdrawn marks (%s)', (_, config, script) => {
    const { state, events } = playScript(config, script);
    const seen = timelineFor(events, state, CANDIDATE);
    const text = JSON.stringify(seen);
    expect(text).not.toContain('REMOVED-NOTE');
    expect(text).not.toContain('FIRST-DRAFT');
    expect(seen.map((event) => event.type)).not.toEqual(
      expect.arrayContaining(['evidence.edited']),
    );
    for (const type of ['evidence.edited', 'evidence.removed', 'score.cleared', 'move.unmarked']) {
      expect(seen.filter((event) => event.type === type)).toEqual([]);
    }
    // What stands is there, once, where it was first recorded, in its final form.
    const drafted = seen.filter(
      (event) => event.type === 'evidence.added' && event.payload.evidence.id === 'e-d',
    );
    expect(drafted).toHaveLength(1);
    expect(drafted[0]).toMatchObject({
      at: T0 + 4 * MINUTE,
      payload: { evidence: { note: 'final wording', polarity: 'strong' } },
    });
    const scores = seen.flatMap((event) => (event.type === 'score.set' ? [event.payload] : []));
    expect(scores).toEqual([
      { signal: 'framing', score: 4 },
      { signal: 'coding', score: 3 },
    ]);
    expect(
      seen.some((event) => event.type === 'move.marked' && event.payload.markId === 'm-2'),
    ).toBe(false);
    // The raw log did hold every revision: the filter, not the script, keeps them out.
    expect(JSON.stringify(events)).toContain('FIRST-DRAFT');
    expect(JSON.stringify(events)).toContain('REMOVED-NOTE');
  });

  it('still shows staff every revision', () => {
    const { state, events } = playScript({}, [...REVISED, END]);
    expect(JSON.stringify(timelineFor(events, state, INTERVIEWER))).toContain('REMOVED-NOTE');
  });
});

describe('timelineFor: staff', () => {
  it.each([INTERVIEWER, OBSERVER])(
    'shows the $role only their own scorecard events before the end',
    (viewer) => {
      expect(timeline({}, LIVE, viewer)).toEqual([
        `prompt.set by ${I}`,
        ...OPEN_TO_ALL,
        `evidence.added by ${viewer.userId}`,
        `score.set by ${viewer.userId}`,
        `move.marked by ${I}`,
        `flag.marked by ${I}`,
      ]);
    },
  );

  it.each([INTERVIEWER, OBSERVER])(
    'shows the $role every event once the round has ended',
    (viewer) => {
      const { state, events } = playScript({}, [...LIVE, END]);
      expect(timelineFor(events, state, viewer)).toEqual(events);
    },
  );
});

describe('sameData', () => {
  it('agrees with comparing serialisations, on any JSON value and its copy or a neighbour', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const copy = JSON.parse(JSON.stringify(a)) as unknown;
        expect(sameData(a, copy)).toBe(true);
        // Serialisations compare key order too; sameData does not, so only "equal" must agree.
        if (JSON.stringify(a) === JSON.stringify(b)) expect(sameData(a, b)).toBe(true);
        if (!sameData(a, b)) expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
      }),
      { numRuns: 500 },
    );
  });

  it('tells apart what differs anywhere in the tree, and ignores keys holding undefined', () => {
    expect(sameData({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe(false);
    expect(sameData({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
    expect(sameData({ a: [] }, { a: {} })).toBe(false);
    expect(sameData({ a: null }, { a: {} })).toBe(false);
    expect(sameData({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameData({ b: 1, a: 2 }, { a: 2, b: 1 })).toBe(true);
  });
});
