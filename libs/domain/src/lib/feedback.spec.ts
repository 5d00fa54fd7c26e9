import { describeScore, roundTypeById, SCORE_LABELS } from './catalog';
import { buildFeedback, calibrate, MAX_DRILLS, MISJUDGED_GAP } from './feedback';
import { interpret } from './interpretation';
import type { FailureModeId, MoveId, Score, SignalId } from './model';
import {
  CANDIDATE,
  command,
  endedRoom,
  INTERVIEWER,
  liveRoom,
  MINUTE,
  OBSERVER,
  run,
  T0,
} from './room/room-fixtures';
import type { Actor } from './room/decide';
import type { RoomState } from './room/state';
import type { Polarity, Scorecard, Scores } from './scorecard';
import { emptyScores } from './scorecard';

const scores = (given: Partial<Scores> = {}): Scores => ({ ...emptyScores(), ...given });

let nextCommand = 0;
const addEvidence = (
  state: RoomState,
  actor: Actor,
  signal: SignalId,
  polarity: Polarity,
  offsetMs: number,
  now: number,
) =>
  run(
    state,
    command(
      'evidence.add',
      { signal, polarity, note: `${polarity} ${signal} at ${offsetMs}`, offsetMs },
      `c${++nextCommand}`,
    ),
    actor,
    now,
  );

const setScores = (
  state: RoomState,
  actor: Actor,
  given: Partial<Record<SignalId, Score>>,
  now: number,
) =>
  Object.entries(given).reduce(
    (current, [signal, score]) =>
      run(
        current,
        command('score.set', { signal: signal as SignalId, score: score as Score }),
        actor,
        now,
      ),
    state,
  );

const markMove = (state: RoomState, move: MoveId, offsetMs: number, now: number) =>
  run(state, command('move.mark', { move, offsetMs }, `c${++nextCommand}`), INTERVIEWER, now);

const markFlag = (state: RoomState, flag: FailureModeId, offsetMs: number, now: number) =>
  run(state, command('flag.mark', { flag, offsetMs }, `c${++nextCommand}`), INTERVIEWER, now);

const changePhase = (state: RoomState, phaseId: string, now: number) =>
  run(state, command('phase.change', { phaseId }), INTERVIEWER, now);

const end = (state: RoomState, now: number) =>
  run(state, command('session.end', {}), INTERVIEWER, now);

const selfAssess = (state: RoomState, given: Partial<Scores>, note: string, now: number) =>
  run(state, command('self-assessment.submit', { scores: scores(given), note }), CANDIDATE, now);

/**
 * A system-design round: the interviewer saw architecture and framing (and logged them out of
 * order), scored four signals, heard two moves, flagged two failure modes; an observer kept a
 * scorecard of their own; the candidate assessed themselves after the end.
 */
function scoredRound(): RoomState {
  const at6 = T0 + 6 * MINUTE;
  let state = changePhase(liveRoom(), 'clarify-scope', T0 + MINUTE);
  state = changePhase(state, 'choose-design', T0 + 4 * MINUTE);
  state = addEvidence(state, INTERVIEWER, 'architecture', 'strong', 5 * MINUTE, at6);
  state = addEvidence(state, INTERVIEWER, 'architecture', 'weak', 2 * MINUTE, at6);
  state = addEvidence(state, INTERVIEWER, 'framing', 'weak', 3 * MINUTE, at6);
  state = addEvidence(state, OBSERVER, 'production', 'strong', 4 * MINUTE, at6);
  state = setScores(state, OBSERVER, { production: 5, architecture: 2 }, at6);
  state = setScores(
    state,
    INTERVIEWER,
    { architecture: 4, framing: 2, production: 3, communication: 3 },
    at6,
  );
  state = markMove(state, 'clarify-constraints', 4 * MINUTE, at6);
  state = markMove(state, 'externalize-tradeoffs', 2 * MINUTE, at6);
  state = markMove(state, 'clarify-constraints', MINUTE, at6);
  state = markFlag(state, 'solved-before-clarifying', 3 * MINUTE, at6);
  state = markFlag(state, 'signal-bloat', MINUTE, at6);
  state = end(state, T0 + 10 * MINUTE);
  return selfAssess(
    state,
    { architecture: 2, framing: 3, production: 5, coding: 4 },
    'I rushed the design.',
    T0 + 11 * MINUTE,
  );
}

describe('buildFeedback', () => {
  const state = scoredRound();
  const feedback = buildFeedback(state, T0 + 12 * MINUTE);
  const signal = (id: SignalId) => feedback.signals.find((entry) => entry.signal === id);

  it('identifies the session, its round, prompt and timing', () => {
    expect(feedback).toMatchObject({
      sessionId: 'session-1',
      roundType: { id: 'system-design', name: 'System design' },
      promptTitle: 'Prompt A',
      generatedAt: T0 + 12 * MINUTE,
      endedAt: T0 + 10 * MINUTE,
      elapsedMs: 10 * MINUTE,
    });
  });

  it("gives each scored signal its label and rubric descriptor, from the interviewer's card", () => {
    expect(signal('architecture')).toMatchObject({
      name: 'Architectural judgment',
      layer: 'primary',
      score: 4,
      scoreLabel: SCORE_LABELS[4],
      descriptor: describeScore('architecture', 4),
      selfScore: 2,
    });
    expect(signal('framing')).toMatchObject({
      score: 2,
      descriptor: describeScore('framing', 2),
    });
    expect(signal('production')?.score).toBe(3);
  });

  it('leaves an unscored signal without label or descriptor', () => {
    expect(signal('delivery')).toMatchObject({
      layer: 'secondary',
      score: null,
      scoreLabel: null,
      descriptor: null,
      selfScore: null,
      evidence: [],
    });
    expect(signal('leadership')?.layer).toBe('unsampled');
  });

  it("lists the interviewer's evidence per signal, by offset, and none of the observer's", () => {
    expect(signal('architecture')?.evidence).toEqual([
      { polarity: 'weak', note: `weak architecture at ${2 * MINUTE}`, offsetMs: 2 * MINUTE },
      { polarity: 'strong', note: `strong architecture at ${5 * MINUTE}`, offsetMs: 5 * MINUTE },
    ]);
    expect(signal('production')?.evidence).toEqual([]);
  });

  it('names as hidden each expected signal with no evidence, with its layer', () => {
    expect(feedback.hiddenSignals).toEqual([
      { signal: 'production', name: 'Production judgment', layer: 'primary' },
      { signal: 'delivery', name: 'Delivery & product judgment', layer: 'secondary' },
      { signal: 'communication', name: 'Communication & reflection', layer: 'floor' },
    ]);
  });

  it("reads the interviewer's scorecard by the rules", () => {
    const card = state.scorecards[INTERVIEWER.userId];
    const expected = interpret(roundTypeById('system-design'), card.scores, card.evidence);
    expect(feedback.findings).toEqual(expected.findings);
    expect(feedback.reading).toEqual(expected.reading);
    // Production (observer's evidence only) and communication were scored without evidence.
    expect(feedback.findings).toEqual([
      expect.objectContaining({
        rule: 'unsupported-score',
        signals: ['production', 'communication'],
      }),
    ]);
    expect(feedback.reading.verdict).toBe('mixed');
  });

  it(`sets the self-assessment beside the scores, keeping gaps of ${MISJUDGED_GAP} or more`, () => {
    expect(feedback.selfAssessment).toEqual({
      submitted: true,
      note: 'I rushed the design.',
      gaps: [
        { signal: 'architecture', interviewer: 4, self: 2, difference: -2 },
        { signal: 'production', interviewer: 3, self: 5, difference: 2 },
      ],
    });
  });

  it('lists the moves seen with their offsets in order, and the moves missed', () => {
    expect(feedback.moves.seen).toEqual([
      {
        move: 'clarify-constraints',
        name: 'Clarify constraints before solving',
        offsetsMs: [MINUTE, 4 * MINUTE],
      },
      { move: 'externalize-tradeoffs', name: 'Externalize trade-offs', offsetsMs: [2 * MINUTE] },
    ]);
    expect(feedback.moves.missed.map((entry) => entry.move)).toEqual([
      'narrow-scope',
      'stabilize-then-optimize',
      'explicit-uncertainty',
    ]);
    expect(feedback.moves.missed.every((entry) => entry.description.length > 0)).toBe(true);
  });

  it('lists the flags by offset with their names', () => {
    expect(feedback.flags).toEqual([
      { flag: 'signal-bloat', name: 'Signal bloat', offsetMs: MINUTE },
      { flag: 'solved-before-clarifying', name: 'Solved before clarifying', offsetMs: 3 * MINUTE },
    ]);
  });

  it('lists the phases with their names and offsets', () => {
    expect(feedback.phases).toEqual([
      { phaseId: 'clarify-scope', name: 'Clarify scope', offsetMs: MINUTE },
      { phaseId: 'choose-design', name: 'Choose a design', offsetMs: 4 * MINUTE },
    ]);
  });

  it(`recommends at most ${MAX_DRILLS} drills, those training the most weak or hidden signals`, () => {
    // Weak: framing (2); hidden: production, delivery, communication. The map and the story
    // each train three of them, the audit and the restraint drill two each.
    expect(feedback.drills.map((drill) => drill.drill)).toEqual([
      'round-to-signal-map',
      'signal-balanced-story',
      'hidden-signal-audit',
    ]);
    expect(feedback.drills).toHaveLength(MAX_DRILLS);
    expect(feedback.drills[0]).toMatchObject({
      name: 'Round-to-signal map',
      reason:
        'Trains what needs it most: Problem framing scored 2; ' +
        'Delivery & product judgment stayed hidden; Communication & reflection stayed hidden.',
    });
    expect(feedback.drills[0].steps.length).toBeGreaterThan(0);
  });

  it('reports an unsubmitted self-assessment with no gaps', () => {
    const unassessed = end(
      setScores(
        addEvidence(liveRoom(), INTERVIEWER, 'architecture', 'strong', 0, T0 + MINUTE),
        INTERVIEWER,
        { architecture: 5 },
        T0 + MINUTE,
      ),
      T0 + 2 * MINUTE,
    );
    const result = buildFeedback(unassessed, T0 + 3 * MINUTE);
    expect(result.selfAssessment).toEqual({ submitted: false, note: '', gaps: [] });
    expect(result.signals.every((entry) => entry.selfScore === null)).toBe(true);
  });

  it('reads a round the interviewer never scored as not enough evidence, every expected signal hidden', () => {
    const result = buildFeedback(endedRoom(), T0 + 20 * MINUTE);
    expect(result.signals.every((entry) => entry.score === null)).toBe(true);
    expect(result.reading.verdict).toBe('not-enough-evidence');
    expect(result.hiddenSignals.map((entry) => entry.signal)).toEqual([
      'framing',
      'architecture',
      'production',
      'delivery',
      'communication',
    ]);
    expect(result.moves.seen).toEqual([]);
    expect(result.moves.missed).toHaveLength(5);
  });

  it('recommends no drill when nothing is weak or hidden', () => {
    let strong = liveRoom();
    for (const id of [
      'framing',
      'architecture',
      'production',
      'delivery',
      'communication',
    ] as const) {
      strong = addEvidence(strong, INTERVIEWER, id, 'strong', MINUTE, T0 + 2 * MINUTE);
    }
    strong = setScores(
      strong,
      INTERVIEWER,
      { framing: 4, architecture: 4, production: 4, delivery: 3, communication: 3 },
      T0 + 2 * MINUTE,
    );
    const result = buildFeedback(end(strong, T0 + 3 * MINUTE), T0 + 4 * MINUTE);
    expect(result.hiddenSignals).toEqual([]);
    expect(result.drills).toEqual([]);
  });

  it('names the weakest signal first in a drill’s reason', () => {
    let weak = liveRoom({ roundType: 'coding-screen' });
    for (const id of ['framing', 'coding', 'communication'] as const) {
      weak = addEvidence(weak, INTERVIEWER, id, 'weak', MINUTE, T0 + 2 * MINUTE);
    }
    weak = setScores(
      weak,
      INTERVIEWER,
      { framing: 2, coding: 1, communication: 3 },
      T0 + 2 * MINUTE,
    );
    const result = buildFeedback(end(weak, T0 + 3 * MINUTE), T0 + 4 * MINUTE);
    // Only the restraint drill trains both coding and framing.
    expect(result.drills[0]).toMatchObject({
      drill: 'primary-signal-restraint',
      reason: 'Trains what needs it most: Coding fluency scored 1; Problem framing scored 2.',
    });
    expect(result.drills.every((drill) => drill.reason.includes('scored'))).toBe(true);
  });

  it('falls back to the phase id for a phase the round type does not know', () => {
    const odd: RoomState = { ...endedRoom(), phases: [{ phaseId: 'retired-phase', offsetMs: 0 }] };
    expect(buildFeedback(odd, T0).phases).toEqual([
      { phaseId: 'retired-phase', name: 'retired-phase', offsetMs: 0 },
    ]);
  });

  it('has no prompt title for a session without a prompt', () => {
    expect(buildFeedback(endedRoom({ prompt: null }), T0).promptTitle).toBeNull();
  });
});

describe('calibrate', () => {
  const card = (scorerId: string, given: Partial<Scores>): Scorecard => ({
    scorerId,
    scores: scores(given),
    evidence: [],
  });

  it('compares the observer with the interviewer signal by signal', () => {
    const result = calibrate(
      card('interviewer-1', { framing: 3, coding: 4, architecture: 2, delivery: 5 }),
      card('observer-1', { framing: 4, coding: 4, architecture: 5, leadership: 3 }),
    );
    expect(result.observerId).toBe('observer-1');
    expect(result.rows.slice(0, 5)).toEqual([
      { signal: 'framing', interviewer: 3, observer: 4, difference: 1 },
      { signal: 'coding', interviewer: 4, observer: 4, difference: 0 },
      { signal: 'architecture', interviewer: 2, observer: 5, difference: 3 },
      { signal: 'production', interviewer: null, observer: null, difference: null },
      { signal: 'delivery', interviewer: 5, observer: null, difference: null },
    ]);
    expect(result.rows[5]).toEqual({
      signal: 'leadership',
      interviewer: null,
      observer: 3,
      difference: null,
    });
    // Framing and coding agree within a point; architecture does not.
    expect(result.agreement).toBeCloseTo(2 / 3);
  });

  it('counts a difference of one in either direction as agreement', () => {
    const result = calibrate(
      card('i', { framing: 4, coding: 2 }),
      card('o', { framing: 3, coding: 3 }),
    );
    expect(result.agreement).toBe(1);
  });

  it('has no agreement figure when no signal was scored by both', () => {
    expect(calibrate(card('i', { framing: 3 }), card('o', { coding: 3 })).agreement).toBeNull();
    expect(calibrate(card('i', {}), card('o', {})).agreement).toBeNull();
  });
});
