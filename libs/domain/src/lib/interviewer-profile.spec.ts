import fc from 'fast-check';
import type { ProfileRound, BackingVerdicts } from './interviewer-profile';
import { interviewerProfile, LEAN_GAP, MIN_LEAN_COMPARISONS } from './interviewer-profile';
import type { Score, SignalId } from './model';
import { BACKINGS, SCORES, SIGNAL_IDS } from './model';
import type { Scorecard, Scores } from './scorecard';
import { emptyScores } from './scorecard';

const scores = (given: Partial<Scores> = {}): Scores => ({ ...emptyScores(), ...given });
const card = (scorerId: string, given: Partial<Scores>): Scorecard => ({
  scorerId,
  scores: scores(given),
  evidence: [],
});

const round = (
  interviewer: Partial<Scores>,
  rest: {
    observers?: Partial<Scores>[];
    self?: Partial<Scores>;
    verdicts?: BackingVerdicts;
  } = {},
): ProfileRound => ({
  interviewer: card('interviewer', interviewer),
  observers: (rest.observers ?? []).map((given, index) => card(`observer-${index}`, given)),
  self: rest.self === undefined ? null : scores(rest.self),
  verdicts: rest.verdicts ?? null,
});

const signalOf = (profile: ReturnType<typeof interviewerProfile>, signal: SignalId) => {
  const entry = profile.signals.find((item) => item.signal === signal);
  if (!entry) throw new Error(`no ${signal} in the profile`);
  return entry;
};

describe('interviewerProfile', () => {
  it('reads nothing from no rounds, with every signal listed', () => {
    const profile = interviewerProfile([]);
    expect(profile).toMatchObject({
      rounds: 0,
      backing: { judged: 0, unbacked: 0, unbackedShare: null },
      calibration: { pairs: 0, agreement: null },
    });
    expect(profile.signals.map((entry) => entry.signal)).toEqual([...SIGNAL_IDS]);
    for (const entry of profile.signals) {
      expect(entry.vsObservers).toEqual({ compared: 0, meanDifference: null, reading: null });
      expect(entry.vsSelf).toEqual({ compared: 0, meanDifference: null, reading: null });
    }
  });

  it('counts the scores candidates judged unbacked, over every round', () => {
    const profile = interviewerProfile([
      round({ framing: 4, coding: 3 }, { verdicts: { framing: 'unbacked', coding: 'backed' } }),
      round({ framing: 2 }, { verdicts: { framing: 'unbacked' } }),
      round({ framing: 5 }),
    ]);
    expect(profile.rounds).toBe(3);
    expect(profile.backing).toEqual({ judged: 3, unbacked: 2, unbackedShare: 2 / 3 });
    expect(signalOf(profile, 'framing')).toMatchObject({ judged: 2, unbacked: 2 });
    expect(signalOf(profile, 'coding')).toMatchObject({ judged: 1, unbacked: 0 });
  });

  it('ignores a verdict on a signal the interviewer left unscored', () => {
    const profile = interviewerProfile([
      round({ framing: 3 }, { verdicts: { framing: 'backed', delivery: 'unbacked' } }),
    ]);
    expect(profile.backing).toEqual({ judged: 1, unbacked: 0, unbackedShare: 0 });
    expect(signalOf(profile, 'delivery').judged).toBe(0);
  });

  it('pools calibration over every observer of every round, weighted by signals in common', () => {
    const profile = interviewerProfile([
      // One observer agrees on both shared signals, one on neither of its one.
      round(
        { framing: 4, architecture: 3 },
        { observers: [{ framing: 4, architecture: 4 }, { framing: 1 }] },
      ),
      // Shares no signal with the interviewer: not a pair at all.
      round({ coding: 3 }, { observers: [{ delivery: 2 }] }),
    ]);
    expect(profile.calibration).toEqual({ pairs: 2, agreement: 2 / 3 });
  });

  it('reads a lean only from enough comparisons, lenient and strict a whole point out', () => {
    const profile = interviewerProfile([
      round(
        { framing: 5, coding: 2, architecture: 3, production: 4 },
        { observers: [{ framing: 4, coding: 3, architecture: 3, production: 2 }] },
      ),
      round(
        { framing: 4, coding: 1, architecture: 4 },
        { observers: [{ framing: 3, coding: 3, architecture: 3 }] },
      ),
    ]);
    expect(MIN_LEAN_COMPARISONS).toBe(2);
    expect(signalOf(profile, 'framing').vsObservers).toEqual({
      compared: 2,
      meanDifference: LEAN_GAP,
      reading: 'lenient',
    });
    expect(signalOf(profile, 'coding').vsObservers).toEqual({
      compared: 2,
      meanDifference: -1.5,
      reading: 'strict',
    });
    expect(signalOf(profile, 'architecture').vsObservers).toEqual({
      compared: 2,
      meanDifference: 0.5,
      reading: 'even',
    });
    // Two points above in a single round is one round, not a habit.
    expect(signalOf(profile, 'production').vsObservers).toEqual({
      compared: 1,
      meanDifference: 2,
      reading: null,
    });
  });

  it('reads the lean against self-assessments apart from the one against observers', () => {
    const profile = interviewerProfile([
      round({ leadership: 2 }, { self: { leadership: 4 }, observers: [{ leadership: 2 }] }),
      round({ leadership: 3 }, { self: { leadership: 4 }, observers: [{ leadership: 3 }] }),
      // No self-assessment submitted: nothing to compare against.
      round({ leadership: 1 }),
    ]);
    const leadership = signalOf(profile, 'leadership');
    expect(leadership.vsSelf).toEqual({ compared: 2, meanDifference: -1.5, reading: 'strict' });
    expect(leadership.vsObservers).toEqual({ compared: 2, meanDifference: 0, reading: 'even' });
  });

  it('holds its invariants over any rounds', () => {
    const score = fc.constantFrom<Score | null>(null, ...SCORES);
    const scoresArb = fc.record(
      Object.fromEntries(SIGNAL_IDS.map((id) => [id, score])) as Record<
        SignalId,
        fc.Arbitrary<Score | null>
      >,
    );
    const verdictsArb = fc.dictionary(
      fc.constantFrom(...SIGNAL_IDS),
      fc.constantFrom(...BACKINGS),
    ) as fc.Arbitrary<BackingVerdicts>;
    const roundArb = fc.record({
      interviewer: scoresArb.map((given) => card('interviewer', given)),
      observers: fc.array(
        scoresArb.map((given) => card('observer', given)),
        { maxLength: 3 },
      ),
      self: fc.option(scoresArb, { nil: null }),
      verdicts: fc.option(verdictsArb, { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(roundArb, { maxLength: 6 }), (rounds) => {
        const profile = interviewerProfile(rounds);
        const { backing, calibration } = profile;
        expect(backing.unbacked).toBeLessThanOrEqual(backing.judged);
        if (backing.unbackedShare !== null) {
          expect(backing.unbackedShare).toBeGreaterThanOrEqual(0);
          expect(backing.unbackedShare).toBeLessThanOrEqual(1);
        }
        if (calibration.agreement !== null) {
          expect(calibration.agreement).toBeGreaterThanOrEqual(0);
          expect(calibration.agreement).toBeLessThanOrEqual(1 + 1e-9);
        }
        for (const entry of profile.signals) {
          for (const lean of [entry.vsObservers, entry.vsSelf]) {
            expect(lean.reading === null).toBe(lean.compared < MIN_LEAN_COMPARISONS);
            if (lean.meanDifference !== null)
              expect(Math.abs(lean.meanDifference)).toBeLessThanOrEqual(4);
          }
        }
      }),
    );
  });
});
