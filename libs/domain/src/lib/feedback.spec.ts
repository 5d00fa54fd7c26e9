import { describeScore, failureModeById, roundTypeById, SCORE_LABELS } from './catalog';
import { buildFeedback, calibrate, MAX_DRILLS, MISJUDGED_GAP, rewritesFeedback } from './feedback';
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

  it('carries the pad lines a note points at, so its replay opens on them', () => {
    const anchored = run(
      liveRoom(),
      command(
        'evidence.add',
        {
          signal: 'coding',
          polarity: 'strong',
          note: 'named the window edge',
          offsetMs: MINUTE,
          anchor: { documentId: 'pad', fromLine: 3, toLine: 5 },
        },
        'c-anchored',
      ),
      INTERVIEWER,
      T0 + 2 * MINUTE,
    );
    const coding = buildFeedback(end(anchored, T0 + 3 * MINUTE), T0 + 4 * MINUTE).signals.find(
      (entry) => entry.signal === 'coding',
    );
    expect(coding?.evidence).toEqual([
      {
        polarity: 'strong',
        note: 'named the window edge',
        offsetMs: MINUTE,
        anchor: { documentId: 'pad', fromLine: 3, toLine: 5 },
      },
    ]);
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
    const expected = interpret(
      roundTypeById('system-design'),
      card.scores,
      card.evidence,
      10 * MINUTE,
    );
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

  it('lists the flags by offset, each with what it means and what to do instead', () => {
    const mode = (id: FailureModeId) => failureModeById(id);
    expect(feedback.flags).toEqual([
      {
        flag: 'signal-bloat',
        name: 'Signal bloat',
        offsetMs: MINUTE,
        meaning: mode('signal-bloat').meaning,
        instead: mode('signal-bloat').instead,
      },
      {
        flag: 'solved-before-clarifying',
        name: 'Solved before clarifying',
        offsetMs: 3 * MINUTE,
        meaning: mode('solved-before-clarifying').meaning,
        instead: mode('solved-before-clarifying').instead,
      },
    ]);
  });

  it('lists the phases with their names and offsets', () => {
    expect(feedback.phases).toEqual([
      { phaseId: 'clarify-scope', name: 'Clarify scope', offsetMs: MINUTE },
      { phaseId: 'choose-design', name: 'Choose a design', offsetMs: 4 * MINUTE },
    ]);
  });

  it(`recommends at most ${MAX_DRILLS} drills, each for needs of this session no drill before it met`, () => {
    // Needs: framing scored 2; signal bloat and solving before clarifying flagged; production,
    // delivery and communication hidden. The map meets four of them; of what is left, the audit
    // meets the hidden production and the restraint drill the signal bloat.
    expect(feedback.drills.map((drill) => drill.drill)).toEqual([
      'round-to-signal-map',
      'hidden-signal-audit',
      'primary-signal-restraint',
    ]);
    expect(feedback.drills).toHaveLength(MAX_DRILLS);
    expect(feedback.drills.map((drill) => drill.reason)).toEqual([
      'Picked for this session because you scored 2 on Problem framing, the interviewer flagged ' +
        '“Solved before clarifying”, the interviewer saw no evidence of your delivery & product ' +
        'judgment and the interviewer saw no evidence of your communication & reflection.',
      'Picked for this session because the interviewer saw no evidence of your production judgment.',
      'Picked for this session because the interviewer flagged “Signal bloat”.',
    ]);
    expect(feedback.drills[0].name).toBe('Round-to-signal map');
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
    // Only the restraint drill trains both coding and framing, and nothing is left for another.
    expect(result.drills).toEqual([
      expect.objectContaining({
        drill: 'primary-signal-restraint',
        reason:
          'Picked for this session because you scored 1 on Coding fluency and you scored 2 on ' +
          'Problem framing.',
      }),
    ]);
  });

  it("leads with the interviewer's summary as last written, and has none when none was written", () => {
    let summarised = run(
      liveRoom(),
      command('summary.write', { text: 'First take.', practiseNext: 'Slow down.' }, 's1'),
      INTERVIEWER,
      T0 + MINUTE,
    );
    summarised = end(summarised, T0 + 10 * MINUTE);
    summarised = run(
      summarised,
      command('summary.write', { text: 'Clear framing.', practiseNext: 'Name the risk.' }, 's2'),
      INTERVIEWER,
      T0 + 11 * MINUTE,
    );
    expect(buildFeedback(summarised, T0 + 12 * MINUTE).summary).toEqual({
      text: 'Clear framing.',
      practiseNext: 'Name the risk.',
    });
    expect(feedback.summary).toBeNull();
  });

  it('reads a 9-second round with two notes as not enough evidence, however it was scored', () => {
    let short = addEvidence(liveRoom(), INTERVIEWER, 'framing', 'strong', 3_000, T0 + 3_000);
    short = addEvidence(short, INTERVIEWER, 'architecture', 'strong', 6_000, T0 + 6_000);
    short = setScores(
      short,
      INTERVIEWER,
      { framing: 3, architecture: 3, production: 3 },
      T0 + 8_000,
    );
    const result = buildFeedback(end(short, T0 + 9_000), T0 + 10_000);
    expect(result.elapsedMs).toBe(9_000);
    expect(result.reading.verdict).toBe('not-enough-evidence');
    expect(result.reading.reasons.slice(0, 2)).toEqual([
      'The round ran for 9 seconds on the clock; it takes at least 5 minutes to see enough of you to read.',
      'The interviewer recorded 2 notes of evidence; a reading needs at least 3.',
    ]);
  });

  it('names an unscored primary signal among the reasons it cannot be read', () => {
    let partial = liveRoom();
    for (const id of ['framing', 'architecture', 'architecture'] as const) {
      partial = addEvidence(partial, INTERVIEWER, id, 'strong', MINUTE, T0 + 2 * MINUTE);
    }
    partial = setScores(partial, INTERVIEWER, { framing: 4, architecture: 4 }, T0 + 2 * MINUTE);
    const result = buildFeedback(end(partial, T0 + 30 * MINUTE), T0 + 31 * MINUTE);
    expect(result.reading).toEqual({
      verdict: 'not-enough-evidence',
      reasons: [
        'Not scored: Production judgment. This round exists to measure it, so it cannot be read without it.',
      ],
    });
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

describe('rewritesFeedback', () => {
  const at = T0 + 20 * MINUTE;
  it('is asked for by the batch that ends the round, not by anything before it', () => {
    const live = markMove(liveRoom(), 'clarify-constraints', MINUTE, T0 + 2 * MINUTE);
    expect(rewritesFeedback(live, [{ type: 'move.marked' }])).toBe(false);
    const ended = end(live, at);
    expect(rewritesFeedback(ended, [{ type: 'session.ended' }])).toBe(true);
  });

  it('after the end, only by what changes the feedback or releases it', () => {
    const ended = endedRoom();
    for (const type of ['summary.written', 'evidence.edited', 'score.set'] as const) {
      expect(rewritesFeedback(ended, [{ type }])).toBe(true);
    }
    expect(rewritesFeedback(ended, [{ type: 'self-assessment.submitted' }])).toBe(true);
    expect(rewritesFeedback(ended, [{ type: 'feedback.released' }])).toBe(true);
    expect(rewritesFeedback(ended, [{ type: 'participant.joined' }])).toBe(false);
    expect(rewritesFeedback(ended, [{ type: 'participant.left' }])).toBe(false);
    expect(rewritesFeedback(ended, [{ type: 'roles.swapped' }])).toBe(false);
    expect(rewritesFeedback(ended, [{ type: 'hint.revealed' }])).toBe(false);
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
