import { roundTypeById, signalById } from './catalog';
import {
  COMPOUNDING_TWOS,
  findings,
  interpret,
  MIN_EVIDENCE_NOTES,
  MIN_READABLE_MS,
} from './interpretation';
import type { RoundTypeId, RuleId, SignalId, Verdict } from './model';
import { RULE_IDS, SIGNAL_IDS, VERDICTS } from './model';
import type { Evidence, Polarity, Scores } from './scorecard';
import { emptyScores } from './scorecard';

// System design: primary framing, architecture, production; secondary delivery, communication;
// communication is the floor. Coding and leadership are not sampled.
const SYSTEM_DESIGN = roundTypeById('system-design');

const scores = (given: Partial<Scores> = {}): Scores => ({ ...emptyScores(), ...given });

/** Every signal at the bar of 3. */
const atTheBar = (given: Partial<Scores> = {}): Scores =>
  scores({ ...Object.fromEntries(SIGNAL_IDS.map((id) => [id, 3])), ...given });

let nextEvidence = 0;
const evidence = (signal: SignalId, polarity: Polarity = 'strong'): Evidence => ({
  id: `evidence-${++nextEvidence}`,
  signal,
  polarity,
  note: `${polarity} ${signal}`,
  offsetMs: nextEvidence * 1000,
  authorId: 'interviewer-1',
});

/** One piece of evidence per scored signal, pointing the same way as its score. */
const backing = (given: Scores): Evidence[] =>
  SIGNAL_IDS.flatMap((id) => {
    const score = given[id];
    if (score === null) return [];
    return [evidence(id, score >= 3 ? 'strong' : 'weak')];
  });

const findingsFor = (given: Scores, items: Evidence[] = backing(given), round = SYSTEM_DESIGN) =>
  findings(round, given, items);

const findingOf = (rule: RuleId, given: Scores, items?: Evidence[], round = SYSTEM_DESIGN) =>
  findingsFor(given, items, round).find((finding) => finding.rule === rule);

const rulesOf = (given: Scores, items?: Evidence[], round = SYSTEM_DESIGN): RuleId[] =>
  findingsFor(given, items, round).map((finding) => finding.rule);

/** Three notes per scored signal: never too few to read, and pointing the way of each score. */
const plenty = (given: Scores): Evidence[] => [0, 1, 2].flatMap(() => backing(given));

const verdictOf = (given: Scores, round: RoundTypeId = 'system-design'): Verdict =>
  interpret(roundTypeById(round), given, plenty(given), 20 * 60_000).reading.verdict;

describe('findings', () => {
  it('finds nothing in a fully scored, fully evidenced card at the bar', () => {
    expect(findingsFor(atTheBar())).toEqual([]);
  });

  describe('core-one', () => {
    it('fires on a 1 in a primary signal, as a risk', () => {
      const finding = findingOf('core-one', atTheBar({ architecture: 1 }));
      expect(finding).toMatchObject({ severity: 'risk', signals: ['architecture'] });
      expect(finding?.message).toContain(signalById('architecture').name);
    });

    it('fires on a 1 in the communication floor', () => {
      expect(findingOf('core-one', atTheBar({ communication: 1 }))?.signals).toEqual([
        'communication',
      ]);
    });

    it('lists every core 1 together', () => {
      expect(findingOf('core-one', atTheBar({ framing: 1, production: 1 }))?.signals).toEqual([
        'framing',
        'production',
      ]);
    });

    it('does not fire on a 1 outside the core signals of the round', () => {
      expect(rulesOf(atTheBar({ leadership: 1 }))).not.toContain('core-one');
      expect(rulesOf(atTheBar({ delivery: 1 }))).not.toContain('core-one');
    });

    it('depends on the round: coding is core in a coding screen only', () => {
      expect(rulesOf(atTheBar({ coding: 1 }))).not.toContain('core-one');
      expect(rulesOf(atTheBar({ coding: 1 }), undefined, roundTypeById('coding-screen'))).toContain(
        'core-one',
      );
    });
  });

  describe('compounding-twos', () => {
    it(`fires on ${COMPOUNDING_TWOS} or more 2s anywhere, whatever else is strong`, () => {
      const given = atTheBar({ coding: 2, leadership: 2, architecture: 5 });
      expect(findingOf('compounding-twos', given)).toMatchObject({
        severity: 'risk',
        signals: ['coding', 'leadership'],
      });
    });

    it('does not fire on a single 2', () => {
      expect(rulesOf(atTheBar({ coding: 2 }))).not.toContain('compounding-twos');
    });

    it('does not count 1s as 2s', () => {
      expect(rulesOf(atTheBar({ coding: 1, leadership: 1 }))).not.toContain('compounding-twos');
    });
  });

  describe('floor-below-bar', () => {
    it('fires on a 2 in the communication floor', () => {
      expect(findingOf('floor-below-bar', atTheBar({ communication: 2 }))).toMatchObject({
        severity: 'risk',
        signals: ['communication'],
      });
    });

    it('does not fire on a 2 outside the floor', () => {
      expect(rulesOf(atTheBar({ delivery: 2 }))).not.toContain('floor-below-bar');
    });

    it('leaves a floor 1 to core-one', () => {
      const rules = rulesOf(atTheBar({ communication: 1 }));
      expect(rules).toContain('core-one');
      expect(rules).not.toContain('floor-below-bar');
    });

    it('does not fire on an unscored floor', () => {
      expect(rulesOf(atTheBar({ communication: null }))).not.toContain('floor-below-bar');
    });
  });

  describe('lone-five', () => {
    it('fires when a 5 stands next to a 2, naming both', () => {
      expect(findingOf('lone-five', atTheBar({ architecture: 5, delivery: 2 }))).toMatchObject({
        severity: 'concern',
        signals: ['architecture', 'delivery'],
      });
    });

    it('fires when a 5 stands next to a 1', () => {
      expect(findingOf('lone-five', atTheBar({ architecture: 5, leadership: 1 }))?.signals).toEqual(
        ['architecture', 'leadership'],
      );
    });

    it('does not fire on a 5 when nothing is at 2 or below', () => {
      expect(rulesOf(atTheBar({ architecture: 5, production: 5 }))).not.toContain('lone-five');
    });

    it('does not fire on weakness without a 5', () => {
      expect(rulesOf(atTheBar({ architecture: 4, delivery: 2 }))).not.toContain('lone-five');
    });

    it('does not read unscored signals as weak', () => {
      expect(rulesOf(atTheBar({ architecture: 5, coding: null }))).not.toContain('lone-five');
    });
  });

  describe('unscored-primary', () => {
    it('fires, as a note, on each primary signal left unscored', () => {
      expect(
        findingOf('unscored-primary', atTheBar({ framing: null, production: null })),
      ).toMatchObject({ severity: 'note', signals: ['framing', 'production'] });
    });

    it('does not fire on an unscored secondary signal', () => {
      expect(rulesOf(atTheBar({ delivery: null }))).not.toContain('unscored-primary');
    });

    it('does not fire when every primary signal is scored', () => {
      expect(rulesOf(scores({ framing: 3, architecture: 3, production: 3 }))).not.toContain(
        'unscored-primary',
      );
    });
  });

  describe('unsupported-score', () => {
    it('fires, as a concern, on scores with no evidence behind them', () => {
      const given = atTheBar();
      const items = backing(given).filter(
        (item) => item.signal !== 'coding' && item.signal !== 'delivery',
      );
      expect(findingOf('unsupported-score', given, items)).toMatchObject({
        severity: 'concern',
        signals: ['coding', 'delivery'],
      });
    });

    it('does not fire when every scored signal has evidence', () => {
      expect(rulesOf(atTheBar())).not.toContain('unsupported-score');
    });

    it('does not fire on an unscored signal without evidence', () => {
      const given = atTheBar({ coding: null });
      expect(backing(given).some((item) => item.signal === 'coding')).toBe(false);
      expect(rulesOf(given)).not.toContain('unsupported-score');
    });
  });

  describe('score-against-evidence', () => {
    it('fires when a 4 or 5 rests on weak evidence only', () => {
      const given = atTheBar({ architecture: 4, production: 5 });
      const items = [
        ...backing(atTheBar({ architecture: null, production: null })),
        evidence('architecture', 'weak'),
        evidence('production', 'weak'),
        evidence('production', 'weak'),
      ];
      expect(findingOf('score-against-evidence', given, items)).toMatchObject({
        severity: 'note',
        signals: ['architecture', 'production'],
      });
    });

    it('fires when a 1 or 2 rests on strong evidence only', () => {
      const given = atTheBar({ coding: 2, leadership: 1 });
      const items = [
        ...backing(atTheBar({ coding: null, leadership: null })),
        evidence('coding', 'strong'),
        evidence('leadership', 'strong'),
      ];
      expect(findingOf('score-against-evidence', given, items)?.signals).toEqual([
        'coding',
        'leadership',
      ]);
    });

    it('does not fire when some evidence points the way of the score', () => {
      const given = atTheBar({ architecture: 4 });
      const items = [
        ...backing(atTheBar({ architecture: null })),
        evidence('architecture', 'weak'),
        evidence('architecture', 'strong'),
      ];
      expect(rulesOf(given, items)).not.toContain('score-against-evidence');
    });

    it('does not fire on a 3, whatever the evidence', () => {
      const items = [
        ...backing(atTheBar({ architecture: null })),
        evidence('architecture', 'weak'),
      ];
      expect(rulesOf(atTheBar(), items)).not.toContain('score-against-evidence');
    });

    it('leaves a score without evidence to unsupported-score', () => {
      const given = atTheBar({ architecture: 5 });
      const items = backing(atTheBar({ architecture: null }));
      const rules = rulesOf(given, items);
      expect(rules).toContain('unsupported-score');
      expect(rules).not.toContain('score-against-evidence');
    });
  });

  it('reports the rules in RULE_IDS order', () => {
    const given = scores({ framing: 1, coding: 2, delivery: 2, communication: 2, leadership: 5 });
    const items = [evidence('leadership', 'weak'), evidence('framing', 'weak')];
    const rules = rulesOf(given, items);
    expect(rules).toEqual([...RULE_IDS]);
  });
});

describe('interpret: the reading', () => {
  it.each<[Verdict, Partial<Scores>, RoundTypeId]>([
    ['not-enough-evidence', {}, 'system-design'],
    ['not-enough-evidence', { framing: 4, communication: 4, delivery: 4 }, 'system-design'],
    [
      'serious-risk',
      { framing: 1, architecture: 5, production: 5, communication: 4 },
      'system-design',
    ],
    [
      'likely-no-hire',
      { framing: 3, architecture: 3, production: 3, coding: 2, leadership: 2 },
      'system-design',
    ],
    [
      'likely-no-hire',
      { framing: 4, architecture: 4, production: 4, communication: 2 },
      'system-design',
    ],
    ['mixed', { framing: 4, architecture: 4, production: 4, delivery: 2 }, 'system-design'],
    ['mixed', { framing: 4, architecture: 4, production: 4, leadership: 1 }, 'system-design'],
    [
      'promising',
      { framing: 3, architecture: 4, production: 4, communication: 4 },
      'system-design',
    ],
    [
      'senior-ready',
      { framing: 4, architecture: 5, production: 4, communication: 3 },
      'system-design',
    ],
    ['senior-ready', { coding: 5 }, 'online-assessment'],
    ['not-enough-evidence', { framing: 5, communication: 5 }, 'online-assessment'],
  ])('reads %s from %j in %s', (verdict, given, round) => {
    expect(verdictOf(scores(given), round)).toBe(verdict);
  });

  it('reaches every verdict', () => {
    const reached = new Set<Verdict>([
      verdictOf(scores()),
      verdictOf(atTheBar({ framing: 1 })),
      verdictOf(atTheBar({ coding: 2, leadership: 2 })),
      verdictOf(atTheBar({ leadership: 2 })),
      verdictOf(atTheBar()),
      verdictOf(atTheBar({ framing: 4, architecture: 4, production: 4 })),
    ]);
    expect([...reached].sort()).toEqual([...VERDICTS].sort());
  });

  it('puts a core 1 above compounding 2s', () => {
    expect(verdictOf(atTheBar({ architecture: 1, coding: 2, delivery: 2 }))).toBe('serious-risk');
  });

  it('does not read a round with any primary signal unscored, and names each one', () => {
    const given = scores({ framing: 4, architecture: 4, communication: 3 });
    const { reading } = interpret(SYSTEM_DESIGN, given, plenty(given));
    expect(reading.verdict).toBe('not-enough-evidence');
    expect(reading.reasons[0]).toBe(
      'Not scored: Production judgment. This round exists to measure it, so it cannot be read without it.',
    );
    expect(verdictOf(scores({ coding: 4 }), 'coding-screen')).toBe('not-enough-evidence');
    expect(
      interpret(
        roundTypeById('coding-screen'),
        scores({ coding: 4 }),
        plenty(scores({ coding: 4 })),
      ).reading.reasons[0],
    ).toContain(signalById('framing').name);
  });

  describe('thin evidence', () => {
    const primaries = scores({ framing: 3, architecture: 3, production: 3 });
    const twoNotes = [evidence('framing'), evidence('architecture')];

    it('does not read a 9-second round with two notes, saying why', () => {
      const { reading } = interpret(SYSTEM_DESIGN, primaries, twoNotes, 9_000);
      expect(reading.verdict).toBe('not-enough-evidence');
      expect(reading.reasons).toEqual([
        'The round ran for 9 seconds on the clock; it takes at least 5 minutes to see enough of you to read.',
        `The interviewer recorded 2 notes of evidence; a reading needs at least ${MIN_EVIDENCE_NOTES}.`,
        `Scores for ${signalById('production').name} have no recorded evidence: senior evidence must be observable.`,
      ]);
    });

    it(`needs ${MIN_EVIDENCE_NOTES} notes, however long the round ran`, () => {
      expect(interpret(SYSTEM_DESIGN, primaries, twoNotes, 40 * 60_000).reading.verdict).toBe(
        'not-enough-evidence',
      );
      const three = [...twoNotes, evidence('production')];
      expect(interpret(SYSTEM_DESIGN, primaries, three, 40 * 60_000).reading.verdict).toBe(
        'promising',
      );
    });

    it('needs the clock to have run long enough, however many notes there are', () => {
      const items = plenty(primaries);
      expect(interpret(SYSTEM_DESIGN, primaries, items, MIN_READABLE_MS - 1).reading).toEqual({
        verdict: 'not-enough-evidence',
        reasons: [
          'The round ran for 4 minutes on the clock; it takes at least 5 minutes to see enough of you to read.',
        ],
      });
      expect(interpret(SYSTEM_DESIGN, primaries, items, MIN_READABLE_MS).reading.verdict).toBe(
        'promising',
      );
    });

    it('wins over a risk, whose message is still among the reasons', () => {
      const given = atTheBar({ framing: 1 });
      const result = interpret(SYSTEM_DESIGN, given, twoNotes, 9_000);
      expect(result.reading.verdict).toBe('not-enough-evidence');
      const risk = result.findings.find((finding) => finding.rule === 'core-one');
      expect(result.reading.reasons).toContain(risk?.message);
    });
  });

  it('needs every scored primary at 4 or more for senior-ready, not just a high mean', () => {
    expect(verdictOf(atTheBar({ framing: 5, architecture: 5, production: 3 }))).toBe('promising');
  });

  it('gives the messages of risks and concerns as reasons, not those of notes', () => {
    const given = atTheBar({ framing: 1, production: null });
    const reading = interpret(SYSTEM_DESIGN, given, backing(given));
    const risk = reading.findings.find((finding) => finding.rule === 'core-one');
    const note = reading.findings.find((finding) => finding.rule === 'unscored-primary');
    expect(reading.reading.reasons).toContain(risk?.message);
    expect(reading.reading.reasons).not.toContain(note?.message);
  });

  it('says so when no rule raised a risk', () => {
    const { reading } = interpret(SYSTEM_DESIGN, atTheBar(), backing(atTheBar()));
    expect(reading.verdict).toBe('promising');
    expect(reading.reasons).toEqual([
      'No rule raised a risk: every scored signal is at or above the bar.',
    ]);
  });

  it('says so when nothing was scored, listing the primaries', () => {
    const { reading, findings: found } = interpret(SYSTEM_DESIGN, scores(), []);
    expect(reading.verdict).toBe('not-enough-evidence');
    expect(found.map((finding) => finding.rule)).toEqual(['unscored-primary']);
    expect(reading.reasons).toEqual([
      'Nothing was scored, so there is nothing to read yet.',
      'Not scored: Problem framing, Architectural judgment, Production judgment. This round exists to measure them, so it cannot be read without them.',
      `The interviewer recorded 0 notes of evidence; a reading needs at least ${MIN_EVIDENCE_NOTES}.`,
    ]);
  });

  it('returns the same findings as findings()', () => {
    const given = atTheBar({ coding: 2, delivery: 2, architecture: 5 });
    const items = backing(given);
    expect(interpret(SYSTEM_DESIGN, given, items).findings).toEqual(
      findings(SYSTEM_DESIGN, given, items),
    );
  });
});
