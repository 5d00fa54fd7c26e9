import {
  coreSignals,
  describeScore,
  drillById,
  expectedSignals,
  failureModeById,
  layerOf,
  moveById,
  roundTypeById,
  signalById,
} from './catalog';
import { DRILLS } from './drills';
import { FAILURE_MODES, FLOOR_BEHAVIOURS } from './failure-modes';
import type { RoundTypeId, SignalId } from './model';
import { DRILL_IDS, FAILURE_MODE_IDS, MOVE_IDS, ROUND_TYPE_IDS, SCORES, SIGNAL_IDS } from './model';
import { COMMUNICATION_MOVES } from './moves';
import { ROUND_TYPES } from './round-types';
import { SIGNALS } from './signals';

// The brief's tables, written out so the catalogue is checked against the product, not itself.
const BRIEF_SIGNALS: [SignalId, string][] = [
  ['framing', 'Problem framing'],
  ['coding', 'Coding fluency'],
  ['architecture', 'Architectural judgment'],
  ['production', 'Production judgment'],
  ['delivery', 'Delivery & product judgment'],
  ['leadership', 'Leadership & influence'],
  ['communication', 'Communication & reflection'],
];

const BRIEF_ROUNDS: {
  id: RoundTypeId;
  name: string;
  primary: SignalId[];
  secondary: SignalId[];
}[] = [
  {
    id: 'recruiter-screen',
    name: 'Recruiter screen',
    primary: ['communication', 'delivery'],
    secondary: ['framing', 'leadership'],
  },
  {
    id: 'hiring-manager',
    name: 'Hiring-manager conversation',
    primary: ['leadership', 'delivery'],
    secondary: ['communication', 'architecture'],
  },
  {
    id: 'online-assessment',
    name: 'Online assessment',
    primary: ['coding'],
    secondary: ['framing', 'communication'],
  },
  {
    id: 'coding-screen',
    name: 'Coding screen',
    primary: ['coding', 'framing'],
    secondary: ['communication'],
  },
  {
    id: 'practical-coding',
    name: 'Practical coding',
    primary: ['coding', 'production'],
    secondary: ['architecture', 'communication'],
  },
  {
    id: 'code-review',
    name: 'Code review / debugging',
    primary: ['production', 'coding'],
    secondary: ['delivery', 'communication'],
  },
  {
    id: 'low-level-design',
    name: 'Low-level design',
    primary: ['architecture', 'coding'],
    secondary: ['framing', 'production'],
  },
  {
    id: 'system-design',
    name: 'System design',
    primary: ['framing', 'architecture', 'production'],
    secondary: ['delivery', 'communication'],
  },
  {
    id: 'project-deep-dive',
    name: 'Project deep dive',
    primary: ['architecture', 'production', 'leadership'],
    secondary: ['delivery', 'communication'],
  },
  {
    id: 'behavioral',
    name: 'Behavioral / values',
    primary: ['leadership', 'communication'],
    secondary: ['delivery'],
  },
  {
    id: 'product-cross-functional',
    name: 'Product / cross-functional',
    primary: ['delivery'],
    secondary: ['framing', 'leadership', 'communication'],
  },
  {
    id: 'executive',
    name: 'Executive / founder / bar-raiser',
    primary: ['leadership', 'delivery', 'communication'],
    secondary: ['framing', 'architecture'],
  },
];

const nonEmpty = (text: string) => text.trim().length > 0;

describe('signals', () => {
  it('holds the seven signals of the brief, in SIGNAL_IDS order, with their names', () => {
    expect(SIGNALS.map((signal) => [signal.id, signal.name])).toEqual(BRIEF_SIGNALS);
    expect(SIGNALS.map((signal) => signal.id)).toEqual([...SIGNAL_IDS]);
  });

  it.each(SIGNALS.map((signal) => [signal.id, signal] as const))(
    '%s has a question, at least four strong and four weak behaviours, and a 1/3/5 rubric',
    (_id, signal) => {
      expect(nonEmpty(signal.question)).toBe(true);
      expect(signal.strong.length).toBeGreaterThanOrEqual(4);
      expect(signal.weak.length).toBeGreaterThanOrEqual(4);
      expect([...signal.strong, ...signal.weak].every(nonEmpty)).toBe(true);
      expect(new Set([...signal.strong, ...signal.weak]).size).toBe(
        signal.strong.length + signal.weak.length,
      );
      const anchors = [signal.rubric[1], signal.rubric[3], signal.rubric[5]];
      expect(anchors.every(nonEmpty)).toBe(true);
      expect(new Set(anchors).size).toBe(3);
    },
  );

  it('signalById finds every signal by its id', () => {
    for (const id of SIGNAL_IDS) expect(signalById(id).id).toBe(id);
  });
});

describe('round types', () => {
  it('holds the twelve round types of the brief in ROUND_TYPE_IDS order', () => {
    expect(ROUND_TYPES.map((round) => round.id)).toEqual([...ROUND_TYPE_IDS]);
    expect(ROUND_TYPES.map((round) => round.id)).toEqual(BRIEF_ROUNDS.map((round) => round.id));
  });

  it.each(BRIEF_ROUNDS)(
    '$id samples $primary as primary and $secondary as secondary',
    ({ id, name, primary, secondary }) => {
      const round = roundTypeById(id);
      expect(round.name).toBe(name);
      expect(round.primary).toEqual(primary);
      expect(round.secondary).toEqual(secondary);
    },
  );

  it.each(ROUND_TYPES.map((round) => [round.id, round] as const))(
    '%s has communication as a floor, a positive length and a summary',
    (_id, round) => {
      expect(round.floor).toContain('communication');
      expect(round.defaultMinutes).toBeGreaterThan(0);
      expect(nonEmpty(round.summary)).toBe(true);
    },
  );

  it.each(ROUND_TYPES.map((round) => [round.id, round] as const))(
    '%s makes every primary and secondary signal visible in some phase',
    (_id, round) => {
      const inPhases = new Set(round.phases.flatMap((phase) => phase.signals));
      for (const signal of [...round.primary, ...round.secondary]) {
        expect(inPhases).toContain(signal);
      }
    },
  );

  it.each(ROUND_TYPES.map((round) => [round.id, round] as const))(
    '%s has named phases with unique ids and known signals',
    (_id, round) => {
      expect(round.phases.length).toBeGreaterThan(0);
      expect(new Set(round.phases.map((phase) => phase.id)).size).toBe(round.phases.length);
      for (const phase of round.phases) {
        expect(nonEmpty(phase.name)).toBe(true);
        expect(phase.signals.length).toBeGreaterThan(0);
        for (const signal of phase.signals) expect(SIGNAL_IDS).toContain(signal);
      }
    },
  );

  it('never lists a signal as both primary and secondary of one round', () => {
    for (const round of ROUND_TYPES) {
      expect(round.primary.filter((id) => round.secondary.includes(id))).toEqual([]);
    }
  });
});

describe('communication moves, drills and failure modes', () => {
  it('holds the five moves in MOVE_IDS order, each with cues and known signals', () => {
    expect(COMMUNICATION_MOVES.map((move) => move.id)).toEqual([...MOVE_IDS]);
    expect(COMMUNICATION_MOVES).toHaveLength(5);
    for (const move of COMMUNICATION_MOVES) {
      expect(nonEmpty(move.name) && nonEmpty(move.description)).toBe(true);
      expect(move.cues.length).toBeGreaterThan(0);
      expect(move.signals.length).toBeGreaterThan(0);
      for (const signal of move.signals) expect(SIGNAL_IDS).toContain(signal);
      expect(moveById(move.id)).toBe(move);
    }
  });

  it('holds four drills that together train all seven signals', () => {
    expect(DRILLS.map((drill) => drill.id)).toEqual([...DRILL_IDS]);
    expect(DRILLS).toHaveLength(4);
    const trained = new Set(DRILLS.flatMap((drill) => drill.signals));
    expect([...SIGNAL_IDS].filter((id) => !trained.has(id))).toEqual([]);
    for (const drill of DRILLS) {
      expect(drill.steps.length).toBeGreaterThan(0);
      expect(drill.minutes).toBeGreaterThan(0);
      expect(drillById(drill.id)).toBe(drill);
    }
  });

  it('holds the eight failure modes in FAILURE_MODE_IDS order, each tied to known signals', () => {
    expect(FAILURE_MODES.map((mode) => mode.id)).toEqual([...FAILURE_MODE_IDS]);
    expect(FAILURE_MODES).toHaveLength(8);
    for (const mode of FAILURE_MODES) {
      expect(nonEmpty(mode.name) && nonEmpty(mode.description)).toBe(true);
      // Said to the candidate: what the pattern tells an interviewer, and what to do instead.
      expect(nonEmpty(mode.meaning) && nonEmpty(mode.instead)).toBe(true);
      expect(mode.signals.length).toBeGreaterThan(0);
      for (const signal of mode.signals) expect(SIGNAL_IDS).toContain(signal);
      expect(failureModeById(mode.id)).toBe(mode);
    }
  });

  it('names the three floor behaviours: clarity, honest uncertainty, recovery', () => {
    expect(FLOOR_BEHAVIOURS).toHaveLength(3);
    expect(FLOOR_BEHAVIOURS.every(nonEmpty)).toBe(true);
  });
});

describe('layerOf', () => {
  it('reads a signal that is both primary and floor as primary', () => {
    expect(layerOf(roundTypeById('recruiter-screen'), 'communication')).toBe('primary');
  });

  it('reads a signal that is both secondary and floor as floor', () => {
    expect(layerOf(roundTypeById('coding-screen'), 'communication')).toBe('floor');
  });

  it('reads primary, secondary and unsampled signals of a round', () => {
    const systemDesign = roundTypeById('system-design');
    expect(layerOf(systemDesign, 'architecture')).toBe('primary');
    expect(layerOf(systemDesign, 'delivery')).toBe('secondary');
    expect(layerOf(systemDesign, 'coding')).toBe('unsampled');
    expect(layerOf(systemDesign, 'leadership')).toBe('unsampled');
  });
});

describe('coreSignals and expectedSignals', () => {
  it('takes primary signals and floors as core, in SIGNAL_IDS order', () => {
    expect(coreSignals(roundTypeById('system-design'))).toEqual([
      'framing',
      'architecture',
      'production',
      'communication',
    ]);
    expect(coreSignals(roundTypeById('online-assessment'))).toEqual(['coding', 'communication']);
  });

  it('expects every primary, secondary and floor signal and nothing else', () => {
    expect(expectedSignals(roundTypeById('system-design'))).toEqual([
      'framing',
      'architecture',
      'production',
      'delivery',
      'communication',
    ]);
    expect(expectedSignals(roundTypeById('behavioral'))).toEqual([
      'delivery',
      'leadership',
      'communication',
    ]);
  });
});

describe('describeScore', () => {
  it.each(SIGNAL_IDS)('gives %s the rubric anchors for 1, 3 and 5', (id) => {
    const { rubric } = signalById(id);
    expect(describeScore(id, 1)).toBe(rubric[1]);
    expect(describeScore(id, 3)).toBe(rubric[3]);
    expect(describeScore(id, 5)).toBe(rubric[5]);
  });

  it.each(SIGNAL_IDS)('describes 2 and 4 of %s by the anchors either side', (id) => {
    const { rubric } = signalById(id);
    const two = describeScore(id, 2);
    expect(two).toContain(rubric[1]);
    expect(two).toContain(rubric[3]);
    expect(two).not.toContain(rubric[5]);
    const four = describeScore(id, 4);
    expect(four).toContain(rubric[3]);
    expect(four).toContain(rubric[5]);
    expect(four).not.toContain(rubric[1]);
  });

  it('gives each of the five scores its own description', () => {
    const texts = SCORES.map((score) => describeScore('framing', score));
    expect(texts.every(nonEmpty)).toBe(true);
    expect(new Set(texts).size).toBe(SCORES.length);
  });
});
