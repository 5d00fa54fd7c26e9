import fc from 'fast-check';
import { DOMAIN_ERROR_CODES } from '../errors';
import { buildFeedback } from '../feedback';
import type { FailureModeId, MoveId, Score, SignalId } from '../model';
import { FAILURE_MODE_IDS, MOVE_IDS, SCORES, SIGNAL_IDS } from '../model';
import type { Polarity, Scores } from '../scorecard';
import { POLARITIES } from '../scorecard';
import type { TimerState } from '../timer';
import { elapsedAt, extendTimer, newTimer, pauseTimer, remainingAt, startTimer } from '../timer';
import type { RoomCommand, RoomCommandType } from './commands';
import { ROOM_COMMAND_TYPES } from './commands';
import type { Actor } from './decide';
import { COMMAND_ROLES, decide, MAX_DURATION_MS, timeUpEvents } from './decide';
import type { RoomEvent, RoomEventPayloads, RoomEventType } from './events';
import { ROOM_EVENT_TYPES } from './events';
import { reduce } from './reduce';
import { RUN_STATUSES, RUNNABLE_LANGUAGES } from './runs';
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
  T0,
  testPrompt,
  testRun,
  withWatch,
} from './room-fixtures';
import type { Role, RoomPrompt, RoomState, Visibility } from './state';
import { END_REASONS, ROLES, VISIBILITIES } from './state';
import { viewFor } from './view';

const RUNS = 300;
const ACTORS: Record<Role, Actor> = {
  interviewer: INTERVIEWER,
  candidate: CANDIDATE,
  observer: OBSERVER,
};
const PHASE_IDS = [
  'clarify-scope',
  'choose-design',
  'failure-handling',
  'summarize',
  'no-such-phase',
];

const signalArb = fc.constantFrom<SignalId>(...SIGNAL_IDS);
const scoreArb = fc.constantFrom<Score>(...SCORES);
const polarityArb = fc.constantFrom<Polarity>(...POLARITIES);
const scoresArb: fc.Arbitrary<Scores> = fc.record(
  Object.fromEntries(SIGNAL_IDS.map((id) => [id, fc.option(scoreArb, { nil: null })])) as Record<
    SignalId,
    fc.Arbitrary<Score | null>
  >,
);
/** Offsets a client may propose, including nonsense the domain must clamp. */
const offsetArb = fc.option(fc.integer({ min: -10 * MINUTE, max: 5 * 60 * MINUTE }), {
  nil: undefined,
});

// Starting is likelier and ending rarer than the rest, so most sessions go live and run a while.
const typeArb = fc.oneof(
  ...ROOM_COMMAND_TYPES.map((type) => ({
    weight: type === 'timer.start' ? 3 : type === 'session.end' ? 1 : 2,
    arbitrary: fc.constant(type),
  })),
);

/** Mostly a role allowed to send the command, sometimes any role at all. */
const roleFor = (type: RoomCommandType): fc.Arbitrary<Role> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...COMMAND_ROLES[type]) },
    { weight: 1, arbitrary: fc.constantFrom(...ROLES) },
  );

/** Everything a command might need; each command takes only what it uses. */
const stepArb = typeArb.chain((type) =>
  fc.record({
    type: fc.constant(type),
    role: roleFor(type),
    advanceMs: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: 2 * MINUTE }),
      fc.integer({ min: 0, max: 60 * MINUTE }),
    ),
    pick: fc.nat(),
    signal: signalArb,
    polarity: polarityArb,
    score: scoreArb,
    move: fc.constantFrom<MoveId>(...MOVE_IDS),
    flag: fc.constantFrom<FailureModeId>(...FAILURE_MODE_IDS),
    byMs: fc.oneof(
      fc.integer({ min: -MINUTE, max: 30 * MINUTE }),
      fc.constant(MAX_DURATION_MS),
      fc.constant(0.5),
    ),
    offsetMs: offsetArb,
    selfScores: scoresArb,
  }),
);
type Step = typeof stepArb extends fc.Arbitrary<infer S> ? S : never;

const roomArb = fc.record({
  visibility: fc.constantFrom<Visibility>(...VISIBILITIES),
  withPrompt: fc.boolean(),
  graceMs: fc.integer({ min: 0, max: MINUTE }),
  steps: fc.array(stepArb, { minLength: 1, maxLength: 80, size: 'max' }),
});

const evidenceIds = (state: RoomState): string[] =>
  Object.values(state.scorecards).flatMap((card) => card.evidence.map((item) => item.id));

const MEETING = 'https://meet.example.com/abc-defg-hij';

/** An id from the room by `pick`, or one that is nowhere in it. */
const pickId = (ids: readonly string[], pick: number): string =>
  [...ids, 'missing-id'][pick % (ids.length + 1)];

const watchIds = (state: RoomState): string[] => state.watchFor.map((item) => item.id);

/** Evidence notes carry the author's role, so a view can be searched for whose notes leaked. */
function toCommand(step: Step, state: RoomState, index: number): RoomCommand {
  const id = `cmd-${index}`;
  const note = `SECRET-${step.role}-note-${index}`;
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
          ? { evidenceId: pickId(evidenceIds(state), step.pick), note }
          : {
              evidenceId: pickId(evidenceIds(state), step.pick),
              signal: step.signal,
              offsetMs: step.offsetMs,
            },
        id,
      );
    case 'evidence.remove':
      return command(step.type, { evidenceId: pickId(evidenceIds(state), step.pick) }, id);
    case 'score.set':
      return command(step.type, { signal: step.signal, score: step.score }, id);
    case 'score.clear':
      return command(step.type, { signal: step.signal }, id);
    case 'move.mark':
      return command(step.type, { move: step.move, offsetMs: step.offsetMs }, id);
    case 'move.unmark':
      return command(
        step.type,
        {
          markId: pickId(
            state.moves.map((mark) => mark.id),
            step.pick,
          ),
        },
        id,
      );
    case 'flag.mark':
      return command(step.type, { flag: step.flag, offsetMs: step.offsetMs }, id);
    case 'flag.unmark':
      return command(
        step.type,
        {
          markId: pickId(
            state.flags.map((mark) => mark.id),
            step.pick,
          ),
        },
        id,
      );
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
      return command(step.type, { text: `SECRET-summary-${index}`, practiseNext: 'next' }, id);
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

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** The strings of a prompt a candidate may never read, given how many hints are out. */
const privatePromptText = (prompt: RoomPrompt | null, hintsRevealed: number): string[] =>
  prompt === null
    ? []
    : [
        ...prompt.hints.slice(hintsRevealed),
        ...prompt.followUps,
        ...(prompt.guide
          ? [
              ...prompt.guide.strongAnswer.map((point) => point.point),
              prompt.guide.levels.weak,
              prompt.guide.levels.mid,
              prompt.guide.levels.senior,
            ]
          : []),
      ];

/**
 * What must hold of a room at any moment of any session, as named facts: each is true, or a list
 * of what leaked, which must be empty. One expectation per step keeps thousands of steps fast.
 */
function roomFacts(state: RoomState, now: number, committed: number) {
  const elapsed = elapsedAt(state.timer, now);
  const view = viewFor(state, CANDIDATE);
  const text = JSON.stringify(view);
  const leaked = (strings: readonly string[]) => strings.filter((item) => text.includes(item));
  const blind = state.visibility === 'private' && !state.feedbackReleased;
  const privateIds = [
    ...evidenceIds(state),
    ...state.moves.map((mark) => mark.id),
    ...state.flags.map((mark) => mark.id),
  ];
  return {
    elapsedWithinDuration: elapsed >= 0 && elapsed <= state.timer.durationMs,
    remainingNotNegative: remainingAt(state.timer, now) >= 0,
    durationWithinLimit: state.timer.durationMs <= MAX_DURATION_MS,
    seqCountsCommittedEvents: state.seq === committed,
    endedAtIffEnded: (state.endedAt !== null) === (state.status === 'ended'),
    timerStoppedOnceEnded: state.status !== 'ended' || state.timer.runningSince === null,
    releasedOnlyOnceEnded: !state.feedbackReleased || state.status === 'ended',
    hintsWithinPrompt: state.hintsRevealed <= (state.prompt?.hints.length ?? 0),
    hintsOnlyAfterReveal: state.hintsRevealed === 0 || state.promptRevealed,
    othersCardsSeenByStaffBeforeEnd:
      state.status === 'ended'
        ? []
        : [INTERVIEWER, OBSERVER].flatMap((staff) =>
            Object.keys(viewFor(state, staff).scorecards).filter((id) => id !== staff.userId),
          ),
    cardsSeenByCandidate: Object.keys(view.scorecards).filter(
      (id) => blind || id !== state.interviewerId,
    ),
    observerNotesSeenByCandidate: leaked(['SECRET-observer']),
    privatePromptTextSeenByCandidate: leaked(privatePromptText(state.prompt, state.hintsRevealed)),
    unrevealedPromptSeenByCandidate: !state.promptRevealed && view.prompt !== null,
    marksSeenByBlindCandidate: blind ? [...view.moves, ...view.flags].map((mark) => mark.id) : [],
    guideOrFollowUpsSeenByBlindCandidate:
      blind && (view.prompt?.guide != null || (view.prompt?.followUps.length ?? 0) > 0),
    privateTextSeenByBlindCandidate: blind
      ? leaked(['SECRET-', ...privateIds.map((id) => `"${id}"`)])
      : [],
    watchListSeenByOthers: [CANDIDATE, OBSERVER].flatMap((viewer) =>
      JSON.stringify(viewFor(state, viewer)).includes('WATCH-INTENT') ? [viewer.role] : [],
    ),
    summarySeenBeforeRelease: state.feedbackReleased
      ? []
      : [CANDIDATE, ...(state.status === 'ended' ? [] : [OBSERVER])].flatMap((viewer) =>
          viewFor(state, viewer).summary === null ? [] : [viewer.role],
        ),
  };
}

const HEALTHY: ReturnType<typeof roomFacts> = {
  elapsedWithinDuration: true,
  remainingNotNegative: true,
  durationWithinLimit: true,
  seqCountsCommittedEvents: true,
  endedAtIffEnded: true,
  timerStoppedOnceEnded: true,
  releasedOnlyOnceEnded: true,
  hintsWithinPrompt: true,
  hintsOnlyAfterReveal: true,
  othersCardsSeenByStaffBeforeEnd: [],
  cardsSeenByCandidate: [],
  observerNotesSeenByCandidate: [],
  privatePromptTextSeenByCandidate: [],
  unrevealedPromptSeenByCandidate: false,
  marksSeenByBlindCandidate: [],
  guideOrFollowUpsSeenByBlindCandidate: false,
  privateTextSeenByBlindCandidate: [],
  watchListSeenByOthers: [],
  summarySeenBeforeRelease: [],
};

const checkRoom = (state: RoomState, now: number, committed: number): void =>
  expect(roomFacts(state, now, committed)).toEqual(HEALTHY);

describe('room properties: random sessions through decide and reduce', () => {
  it('keeps the timer in bounds, the candidate blind and decide deterministic', () => {
    fc.assert(
      fc.property(roomArb, ({ visibility, withPrompt, graceMs, steps }) => {
        // Listed by the server before anyone joins, as when the candidate has audited a round.
        let state = withWatch(newRoom({ visibility, prompt: withPrompt ? testPrompt('A') : null }));
        let now = T0;
        let committed = state.seq;
        checkRoom(state, now, committed);

        steps.forEach((step, index) => {
          now += step.advanceMs;
          const actor = ACTORS[step.role];
          const cmd = toCommand(step, state, index);
          const frozen = deepFreeze(state);
          const decision = decide(frozen, cmd, actor, now);
          expect(decide(frozen, cmd, actor, now)).toEqual(decision);

          if (decision.ok) {
            expect(COMMAND_ROLES[cmd.type]).toContain(actor.role);
            state = commit(state, decision.value, actor.userId, now);
            committed += decision.value.length;
          } else {
            expect(DOMAIN_ERROR_CODES).toContain(decision.error.code);
            expect(decision.error.code === 'FORBIDDEN_ROLE').toBe(
              !COMMAND_ROLES[cmd.type].includes(actor.role),
            );
          }
          checkRoom(state, now, committed);

          // The server's time-up check runs between commands.
          const timeUp = timeUpEvents(state, now, graceMs);
          if (timeUp.length > 0) {
            state = commit(state, timeUp, 'server', now);
            committed += timeUp.length;
            expect(state.endReason).toBe('time-up');
            expect(timeUpEvents(state, now, graceMs)).toEqual([]);
            checkRoom(state, now, committed);
          }
        });

        if (state.status === 'ended') expect(() => buildFeedback(state, now)).not.toThrow();
      }),
      { numRuns: RUNS },
    );
  });
});

const idArb = fc.constantFrom(
  INTERVIEWER.userId,
  CANDIDATE.userId,
  OBSERVER.userId,
  'e1',
  'm1',
  'f1',
  'stranger',
);
const emptyPayload = fc.constant({} as Record<string, never>);

const PAYLOADS: { [T in RoomEventType]: fc.Arbitrary<RoomEventPayloads[T]> } = {
  'participant.joined': fc.record({
    userId: idArb,
    displayName: fc.string(),
    role: fc.constantFrom(...ROLES),
  }),
  'participant.left': fc.record({ userId: idArb }),
  'prompt.set': fc
    .constantFrom(testPrompt('B'), { ...testPrompt('C'), hints: [], guide: null })
    .map((prompt) => ({ prompt })),
  'prompt.revealed': emptyPayload,
  'hint.revealed': fc.record({ index: fc.integer() }),
  'timer.started': emptyPayload,
  'timer.paused': emptyPayload,
  'timer.resumed': emptyPayload,
  'timer.extended': fc.record({ byMs: fc.integer({ min: -DURATION_MS, max: DURATION_MS }) }),
  'phase.changed': fc.record({ phaseId: fc.string(), offsetMs: fc.integer() }),
  'evidence.added': fc.record({
    evidence: fc.record({
      id: idArb,
      signal: signalArb,
      polarity: polarityArb,
      note: fc.string(),
      offsetMs: fc.integer(),
      authorId: idArb,
    }),
  }),
  'evidence.edited': fc.record(
    {
      evidenceId: idArb,
      signal: signalArb,
      polarity: polarityArb,
      note: fc.string(),
      offsetMs: fc.integer(),
    },
    { requiredKeys: ['evidenceId'] },
  ),
  'evidence.removed': fc.record({ evidenceId: idArb }),
  'score.set': fc.record({ signal: signalArb, score: scoreArb }),
  'score.cleared': fc.record({ signal: signalArb }),
  'move.marked': fc.record({
    markId: idArb,
    move: fc.constantFrom(...MOVE_IDS),
    offsetMs: fc.integer(),
  }),
  'move.unmarked': fc.record({ markId: idArb }),
  'meeting.linked': fc.record({ url: fc.constantFrom(MEETING, null) }),
  'recording.requested': fc.record({
    recordingId: idArb,
    awaiting: fc.array(idArb, { maxLength: 3 }),
  }),
  'recording.consented': fc.record({ recordingId: idArb }),
  'recording.declined': fc.record({ recordingId: idArb }),
  'recording.stopped': fc.record({ recordingId: idArb }),
  'workspace.changed': fc.oneof(
    fc.record({ padLocked: fc.boolean() }),
    fc.record({ interviewerDraws: fc.boolean() }),
  ),
  'code.ran': fc.record({
    runId: idArb,
    language: fc.constantFrom(...RUNNABLE_LANGUAGES),
    status: fc.constantFrom(...RUN_STATUSES),
    output: fc.string(),
    durationMs: fc.nat(),
    codeVersion: fc.constant('b'.repeat(64)),
    offsetMs: fc.integer(),
  }),
  'flag.marked': fc.record({
    markId: idArb,
    flag: fc.constantFrom(...FAILURE_MODE_IDS),
    offsetMs: fc.integer(),
  }),
  'flag.unmarked': fc.record({ markId: idArb }),
  'watch.listed': fc.record({
    items: fc.array(
      fc.record({
        id: idArb,
        signal: signalArb,
        intent: fc.string(),
        fromSessionId: fc.string(),
      }),
      { maxLength: 3 },
    ),
  }),
  'watch.ticked': fc.record({ itemId: idArb, offsetMs: fc.integer() }),
  'watch.withdrawn': fc.record({ itemId: idArb }),
  'watch.unticked': fc.record({ itemId: idArb }),
  'self-assessment.submitted': fc.record({ scores: scoresArb, note: fc.string() }),
  'summary.written': fc.record({ text: fc.string(), practiseNext: fc.string() }),
  'session.ended': fc.record({ reason: fc.constantFrom(...END_REASONS) }),
  'feedback.released': emptyPayload,
  'roles.swapped': fc.record({ nextSessionId: fc.string() }),
  'participant.removed': fc.record({ userId: idArb }),
};

/** Any event of any type, stamped with any seq, actor and time: nothing decide vouched for. */
const anyEventArb: fc.Arbitrary<RoomEvent> = fc.constantFrom(...ROOM_EVENT_TYPES).chain((type) =>
  fc
    .record({
      payload: PAYLOADS[type] as fc.Arbitrary<unknown>,
      seq: fc.integer({ min: -5, max: 1000 }),
      actorId: idArb,
      at: fc.integer({ min: 0, max: 2 * T0 }),
    })
    .map((stamp) => ({ type, ...stamp }) as RoomEvent),
);

describe('room properties: reduce is total', () => {
  it('folds any events of every type, from any stage of a room, without throwing', () => {
    const starts = [newRoom(), liveRoom(), liveRoom({ visibility: 'coaching' }), endedRoom()];
    fc.assert(
      fc.property(
        fc.constantFrom(...starts),
        fc.array(anyEventArb, { maxLength: 40 }),
        (start, events) => {
          let state = start;
          for (const event of events) {
            const previous = state;
            expect(() => {
              state = reduce(previous, event);
            }).not.toThrow();
            expect(state.seq).toBe(Math.max(previous.seq, event.seq));
            for (const viewer of [INTERVIEWER, CANDIDATE, OBSERVER]) {
              expect(() => viewFor(state, viewer)).not.toThrow();
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('covers every event type in its generator', () => {
    const seen = new Set(
      fc.sample(anyEventArb, { numRuns: 2000, seed: 1 }).map((event) => event.type),
    );
    expect([...seen].sort()).toEqual([...ROOM_EVENT_TYPES].sort());
  });
});

describe('timer properties', () => {
  type Op = { kind: 'start' | 'pause' | 'extend'; at: number; byMs: number };
  const opArb: fc.Arbitrary<Op> = fc.record({
    kind: fc.constantFrom('start' as const, 'pause' as const, 'extend' as const),
    // The clock may jump back as well as forward.
    at: fc.integer({ min: T0 - 60 * MINUTE, max: T0 + 5 * 60 * MINUTE }),
    byMs: fc.integer({ min: 1, max: 30 * MINUTE }),
  });

  it('stays within [0, duration] whatever the clock does', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 30 }),
        fc.integer({ min: 0, max: 2 * T0 }),
        (ops, readAt) => {
          let timer: TimerState = newTimer(DURATION_MS);
          for (const op of ops) {
            const before = elapsedAt(timer, op.at);
            timer =
              op.kind === 'start'
                ? startTimer(timer, op.at)
                : op.kind === 'pause'
                  ? pauseTimer(timer, op.at)
                  : extendTimer(timer, op.byMs, op.at);
            // No operation takes time already run away from the round.
            expect(elapsedAt(timer, op.at)).toBe(before);
            for (const now of [op.at, readAt]) {
              expect(elapsedAt(timer, now)).toBeGreaterThanOrEqual(0);
              expect(elapsedAt(timer, now)).toBeLessThanOrEqual(timer.durationMs);
              expect(remainingAt(timer, now)).toBeGreaterThanOrEqual(0);
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
