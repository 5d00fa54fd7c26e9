import type { LoopRound } from './loop';
import { aggregateLoop, TRAVELS_AFTER } from './loop';
import type { RedFlagId } from './model';
import { RED_FLAG_IDS } from './model';
import type { FailureModeId, MoveId, RoundTypeId, SignalId } from './model';
import { SIGNAL_IDS } from './model';
import type { Evidence, Scores } from './scorecard';
import { emptyScores } from './scorecard';

const scores = (given: Partial<Scores> = {}): Scores => ({ ...emptyScores(), ...given });
const allAt = (score: 3 | 4, given: Partial<Scores> = {}): Scores =>
  scores({ ...Object.fromEntries(SIGNAL_IDS.map((id) => [id, score])), ...given });

/** One piece of evidence per scored signal, pointing the way of its score. */
const backing = (given: Scores, sessionId: string): Evidence[] =>
  SIGNAL_IDS.flatMap((id) => {
    const score = given[id];
    if (score === null) return [];
    const polarity = score >= 3 ? ('strong' as const) : ('weak' as const);
    return [
      { id: `${sessionId}-${id}`, signal: id, polarity, note: id, offsetMs: 0, authorId: 'i' },
    ];
  });

/** A round that, unless told otherwise, heard the trade-off move and flagged nothing. */
function round(
  sessionId: string,
  roundType: RoundTypeId,
  given: Scores,
  marks: { moves?: MoveId[]; flags?: FailureModeId[] } = {},
): LoopRound {
  const moves = marks.moves ?? ['externalize-tradeoffs'];
  return {
    sessionId,
    roundType,
    scores: given,
    evidence: backing(given, sessionId),
    moves: moves.map((move, index) => ({
      id: `${sessionId}-m${index}`,
      move,
      offsetMs: 0,
      authorId: 'i',
    })),
    flags: (marks.flags ?? []).map((flag, index) => ({
      id: `${sessionId}-f${index}`,
      flag,
      offsetMs: 0,
      authorId: 'i',
    })),
  };
}

const redFlag = (rounds: LoopRound[], id: RedFlagId) =>
  aggregateLoop(rounds).redFlags.find((flag) => flag.id === id);

describe('aggregateLoop: signals', () => {
  it('gives each signal its scores across rounds, their mean and their minimum', () => {
    const summary = aggregateLoop([
      round('s1', 'coding-screen', scores({ coding: 2, framing: 4 })),
      round('s2', 'system-design', scores({ framing: 3, architecture: 4 })),
      round('s3', 'practical-coding', scores({ coding: 5 })),
    ]);
    expect(summary.rounds).toBe(3);
    expect(summary.signals.map((entry) => entry.signal)).toEqual([...SIGNAL_IDS]);
    const coding = summary.signals.find((entry) => entry.signal === 'coding');
    expect(coding).toEqual({
      signal: 'coding',
      scores: [
        { sessionId: 's1', roundType: 'coding-screen', score: 2 },
        { sessionId: 's3', roundType: 'practical-coding', score: 5 },
      ],
      mean: 3.5,
      min: 2,
    });
    const framing = summary.signals.find((entry) => entry.signal === 'framing');
    expect(framing?.mean).toBe(3.5);
    expect(framing?.min).toBe(3);
  });

  it('leaves a signal no round scored without mean or minimum', () => {
    const summary = aggregateLoop([round('s1', 'coding-screen', scores({ coding: 3 }))]);
    expect(summary.signals.find((entry) => entry.signal === 'leadership')).toEqual({
      signal: 'leadership',
      scores: [],
      mean: null,
      min: null,
    });
  });
});

describe('aggregateLoop: red flags', () => {
  it.each<[RedFlagId, FailureModeId]>([
    ['solves-before-clarifying', 'solved-before-clarifying'],
    ['needs-prompting-on-failure', 'production-as-checklist'],
    ['vague-team-stories', 'leadership-without-substance'],
    ['defensive-when-challenged', 'defensive-when-challenged'],
    ['defensive-when-challenged', 'ignored-hint'],
  ])('shows %s when %s was flagged', (id, flag) => {
    const rounds = [round('s1', 'system-design', allAt(3), { flags: [flag] })];
    expect(redFlag(rounds, id)?.sessionIds).toEqual(['s1']);
  });

  it.each<[RedFlagId, SignalId]>([
    ['solves-before-clarifying', 'framing'],
    ['needs-prompting-on-failure', 'production'],
    ['vague-team-stories', 'leadership'],
    ['trade-offs-unexplained', 'architecture'],
  ])('shows %s when %s scored 2 or lower', (id, signal) => {
    expect(redFlag([round('s1', 'system-design', allAt(3, { [signal]: 2 }))], id)).toBeDefined();
    expect(redFlag([round('s1', 'system-design', allAt(3, { [signal]: 1 }))], id)).toBeDefined();
    expect(redFlag([round('s1', 'system-design', allAt(3, { [signal]: 3 }))], id)).toBeUndefined();
  });

  it('never shows defensiveness from scores alone', () => {
    const rounds = [round('s1', 'system-design', scores({ communication: 1, leadership: 1 }))];
    expect(redFlag(rounds, 'defensive-when-challenged')).toBeUndefined();
  });

  it('shows trade-offs-unexplained when a round sampling architecture never heard the trade-off move', () => {
    // Architecture is primary in system design and secondary in the hiring-manager round.
    const rounds = [
      round('s1', 'system-design', allAt(4), { moves: ['clarify-constraints'] }),
      round('s2', 'hiring-manager', allAt(4), { moves: [] }),
    ];
    expect(redFlag(rounds, 'trade-offs-unexplained')?.sessionIds).toEqual(['s1', 's2']);
  });

  it('does not show trade-offs-unexplained once the move was heard', () => {
    const rounds = [
      round('s1', 'system-design', allAt(4), {
        moves: ['clarify-constraints', 'externalize-tradeoffs'],
      }),
    ];
    expect(redFlag(rounds, 'trade-offs-unexplained')).toBeUndefined();
  });

  it('does not expect the trade-off move in a round that does not sample architecture', () => {
    const rounds = [round('s1', 'behavioral', allAt(4), { moves: [] })];
    expect(redFlag(rounds, 'trade-offs-unexplained')).toBeUndefined();
  });

  it('lists only the red flags that showed, in RED_FLAG_IDS order', () => {
    const summary = aggregateLoop([
      round('s1', 'system-design', allAt(3, { leadership: 2 }), {
        moves: [],
        flags: ['ignored-hint', 'solved-before-clarifying'],
      }),
    ]);
    expect(summary.redFlags.map((flag) => flag.id)).toEqual(
      RED_FLAG_IDS.filter((id) => id !== 'needs-prompting-on-failure'),
    );
    expect(aggregateLoop([round('s1', 'system-design', allAt(3))]).redFlags).toEqual([]);
  });

  it(`travels only once it shows in ${TRAVELS_AFTER} rounds`, () => {
    const flagged = (sessionId: string) =>
      round(sessionId, 'system-design', allAt(3), { flags: ['defensive-when-challenged'] });
    const clean = round('s2', 'system-design', allAt(3));
    expect(redFlag([flagged('s1')], 'defensive-when-challenged')?.travels).toBe(false);
    expect(redFlag([flagged('s1'), clean], 'defensive-when-challenged')).toMatchObject({
      sessionIds: ['s1'],
      travels: false,
    });
    expect(
      redFlag([flagged('s1'), clean, flagged('s3')], 'defensive-when-challenged'),
    ).toMatchObject({ sessionIds: ['s1', 's3'], travels: true });
  });

  it('counts a round once however many of the flag’s failure modes it carries', () => {
    const rounds = [
      round('s1', 'system-design', allAt(3), {
        flags: ['ignored-hint', 'defensive-when-challenged'],
      }),
    ];
    expect(redFlag(rounds, 'defensive-when-challenged')).toMatchObject({
      sessionIds: ['s1'],
      travels: false,
    });
  });
});

describe('aggregateLoop: reading', () => {
  it('has not enough evidence without rounds', () => {
    expect(aggregateLoop([]).reading.verdict).toBe('not-enough-evidence');
    expect(aggregateLoop([]).rounds).toBe(0);
  });

  it('has not enough evidence when more than two signals were never scored', () => {
    const summary = aggregateLoop([
      round(
        's1',
        'coding-screen',
        scores({ coding: 5, framing: 5, communication: 5, architecture: 5 }),
      ),
    ]);
    expect(summary.reading.verdict).toBe('not-enough-evidence');
    expect(summary.reading.reasons).toContain('3 signals were never scored in this loop.');
  });

  it('reads two unscored signals as enough', () => {
    const summary = aggregateLoop([
      round('s1', 'system-design', allAt(4, { coding: null, leadership: null })),
    ]);
    expect(summary.reading.verdict).toBe('senior-ready');
  });

  it('is a serious risk when any round carries a core 1', () => {
    const summary = aggregateLoop([
      round('s1', 'system-design', allAt(4, { production: 1 })),
      round('s2', 'coding-screen', allAt(4)),
    ]);
    expect(summary.reading.verdict).toBe('serious-risk');
    expect(summary.reading.reasons).toContain('1 round(s) carry a core 1.');
  });

  it('is a likely no-hire when a red flag travels, even with strong scores', () => {
    const flagged = (sessionId: string) =>
      round(sessionId, 'system-design', allAt(4), { flags: ['solved-before-clarifying'] });
    const summary = aggregateLoop([flagged('s1'), flagged('s2')]);
    expect(summary.reading.verdict).toBe('likely-no-hire');
    expect(summary.reading.reasons[0]).toContain('Starts solving before the ambiguity is cleared');
  });

  it('is a likely no-hire when two signals average below 2.5', () => {
    // Coding and delivery are not core in system design and feed no red flag by score.
    const summary = aggregateLoop([
      round('s1', 'system-design', allAt(3, { coding: 2, delivery: 2 })),
    ]);
    expect(summary.redFlags).toEqual([]);
    expect(summary.reading.verdict).toBe('likely-no-hire');
    expect(summary.reading.reasons).toEqual([
      'Weak across the loop: Coding fluency, Delivery & product judgment.',
    ]);
  });

  it('is mixed when one signal averages below 3', () => {
    const summary = aggregateLoop([
      round('s1', 'system-design', allAt(4, { coding: 2 })),
      round('s2', 'system-design', allAt(4, { coding: 3 })),
    ]);
    expect(summary.reading.verdict).toBe('mixed');
  });

  it('is promising when every signal holds at 3 but not all reach 4', () => {
    const summary = aggregateLoop([
      round('s1', 'system-design', allAt(3)),
      round('s2', 'coding-screen', allAt(4)),
    ]);
    expect(summary.reading).toEqual({
      verdict: 'promising',
      reasons: ['No red flag travels and every signal holds at 3 or more.'],
    });
  });

  it('is senior-ready when every scored signal averages 4 or more', () => {
    const summary = aggregateLoop([
      round('s1', 'system-design', allAt(4, { architecture: 5 })),
      round('s2', 'project-deep-dive', allAt(4)),
    ]);
    expect(summary.reading.verdict).toBe('senior-ready');
  });
});
