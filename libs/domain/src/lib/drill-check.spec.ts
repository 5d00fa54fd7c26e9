import { drillById } from './catalog';
import { EXERCISE_DRILL_IDS } from './model';
import type { MapFinding, MappedRound, MappedSignal, SignalStory } from './drill-check';
import {
  checkRestraintAnswer,
  checkSignalMap,
  checkStory,
  contentWords,
  overlapOf,
  splitSentences,
  summariseDrillResult,
  wordCount,
} from './drill-check';
import type { RoundTypeId, SignalId } from './model';
import { SIGNAL_IDS } from './model';
import { promptById } from './prompts';

const shows = (signal: SignalId, behaviour = 'States a plan out loud before writing code.') => ({
  signal,
  behaviour,
});

/** Where each listed signal sits, and what was left out: the findings other than hints. */
const placements = (findings: readonly MapFinding[] = []) =>
  findings
    .filter((finding) => finding.kind !== 'behaviour-off-catalogue')
    .map((finding) => [finding.kind, finding.signal]);

const round = (
  roundType: RoundTypeId,
  primary: MappedSignal,
  secondary: [MappedSignal, MappedSignal],
): MappedRound => ({ roundType, primary, secondary });

describe('word overlap', () => {
  it('keeps the words that carry meaning, stemmed and once each', () => {
    expect(contentWords('We cached the caches, and caching paid off for the team.')).toEqual([
      'cach',
      'paid',
      'team',
    ]);
  });

  it('meets plain inflections: retries and retried, processes and process', () => {
    expect(contentWords('retries retried retry')).toEqual(['retry']);
    expect(contentWords('processes process')).toEqual(['process']);
  });

  it('counts the share of a sentence found in another text', () => {
    expect(
      overlapOf('I moved billing onto an idempotent queue.', 'the queue was idempotent'),
    ).toEqual({
      found: ['idempotent', 'queue'],
      missing: ['moved', 'billing'],
      share: 0.5,
    });
    expect(overlapOf('it is on', 'anything').share).toBe(0);
  });

  it('splits an answer into sentences after stops and at line breaks', () => {
    expect(splitSentences('First I ask. Then? Done!\nA new line  \n\n last')).toEqual([
      'First I ask.',
      'Then?',
      'Done!',
      'A new line',
      'last',
    ]);
    expect(wordCount('  two   words ')).toBe(2);
  });
});

describe('checkSignalMap', () => {
  it('agrees where you place signals as the catalogue does', () => {
    const check = checkSignalMap({
      company: 'Acme',
      rounds: [
        round('coding-screen', shows('coding', 'Tests edge cases such as empty input.'), [
          shows('framing', 'Asks a clarifying question that changes the approach.'),
          shows('communication', 'Explains the trade-off before choosing.'),
        ]),
      ],
      elapsedSeconds: 600,
    });
    const findings = check.rounds[0]?.findings ?? [];
    expect(placements(findings)).toEqual([
      ['as-catalogue', 'coding'],
      ['secondary-is-primary', 'framing'],
      ['as-catalogue', 'communication'],
    ]);
    expect(findings[1]?.explanation).toMatch(/^Problem framing is a primary signal of this round/);
    expect({ placed: check.placed, listed: check.listed }).toEqual({ placed: 2, listed: 3 });
  });

  it('explains a secondary put first, an unsampled signal, a floor and what you left out', () => {
    const check = checkSignalMap({
      company: 'Acme',
      rounds: [
        round('system-design', shows('delivery'), [shows('architecture'), shows('coding')]),
        round('low-level-design', shows('architecture'), [shows('coding'), shows('communication')]),
      ],
      elapsedSeconds: 0,
    });
    const [design, lowLevel] = check.rounds;
    expect(placements(design?.findings)).toEqual([
      ['primary-is-secondary', 'delivery'],
      ['secondary-is-primary', 'architecture'],
      ['unsampled', 'coding'],
      ['missed-primary', 'framing'],
      ['missed-primary', 'production'],
    ]);
    expect(design?.findings[0]?.explanation).toContain(
      'the round exists to measure problem framing, architectural judgment and production judgment',
    );
    expect(design?.findings[2]?.explanation).toMatch(/^A system design does not sample coding/);
    expect(design?.findings[3]?.explanation).toBe(
      'You left out problem framing, which a system design exists to measure.',
    );
    expect(placements(lowLevel?.findings)).toEqual([
      ['as-catalogue', 'architecture'],
      ['secondary-is-primary', 'coding'],
      ['floor-only', 'communication'],
    ]);
    expect(lowLevel?.findings[2]?.explanation).toContain(
      'A slot spent on problem framing and production judgment would earn more.',
    );
    expect(check.singleRound).toEqual(['delivery', 'communication']);
    expect(check.absent).toEqual(['framing', 'production', 'leadership']);
  });

  it('offers a catalogue behaviour where yours shares no words with any strong one', () => {
    const check = checkSignalMap({
      company: 'Acme',
      rounds: [
        round('behavioral', shows('leadership', 'Vibes.'), [
          shows('communication', 'Explain plainly and check the listener followed.'),
          shows('delivery', 'Tie the project to users and measured outcomes.'),
        ]),
      ],
      elapsedSeconds: 0,
    });
    const vague = check.rounds[0]?.findings.filter(
      (finding) => finding.kind === 'behaviour-off-catalogue',
    );
    expect(vague?.map((finding) => finding.signal)).toEqual(['leadership']);
    expect(vague?.[0]?.explanation).toMatch(
      /^A hint, not a mistake: what you wrote for leadership & influence shares no words/,
    );
  });
});

const story = (answer: SignalStory['answer']): SignalStory => ({
  project: 'Billing rewrite',
  sentences: {
    framing: 'I split the rewrite into invoices first and refunds later.',
    coding: 'I wrote property tests for proration rounding.',
    architecture: 'I chose an append-only ledger over mutable balances.',
    production: 'I added idempotency keys so retried charges never doubled.',
    delivery: 'We shipped behind a flag to five percent of accounts.',
    leadership: 'I ran the design review that aligned finance and support.',
    communication: 'I wrote the postmortem on the one bad migration.',
  },
  answer,
  elapsedSeconds: 170,
});

describe('checkStory', () => {
  it('finds the sentences whose key words did not reach a typed answer', () => {
    const check = checkStory(
      story({
        mode: 'typed',
        text:
          'We rewrote billing. I chose an append-only ledger instead of mutable balances, ' +
          'added idempotency keys so a retry never charged twice, and shipped behind a flag ' +
          'to five percent of accounts. I ran the design review with finance and support.',
      }),
    );
    expect(check.dropped).toEqual(['framing', 'coding', 'communication']);
    const production = check.sentences.find((sentence) => sentence.signal === 'production');
    expect(production?.madeIt).toBe(true);
    expect(production?.explanation).toMatch(/^\d+ of its \d+ key words are in your answer\.$/);
    const coding = check.sentences.find((sentence) => sentence.signal === 'coding');
    expect(coding?.explanation).toBe(
      'Only 0 of its 5 key words are in your answer; missing: wrote, property, tests, proration, rounding.',
    );
  });

  it('takes a spoken answer as you marked it', () => {
    const check = checkStory(story({ mode: 'spoken', said: ['framing', 'delivery'] }));
    expect(check.dropped).toEqual(SIGNAL_IDS.filter((id) => id !== 'framing' && id !== 'delivery'));
    expect(check.sentences[0]?.explanation).toBe('You marked it as said.');
  });
});

describe('checkRestraintAnswer', () => {
  it('sums up your cut against the round and names what still does not serve it', () => {
    const check = checkRestraintAnswer({
      promptId: 'coding-screen-rate-limiter',
      sentences: [
        { text: 'Per minute could mean a sliding window.', serves: 'framing' },
        { text: 'We would shard this across regions with Kafka.', serves: 'architecture' },
        { text: 'I once built one of these at a startup.', serves: null },
        { text: 'I will say the complexity as I go.', serves: 'communication' },
      ],
      elapsedSeconds: 115,
    });
    expect(check.roundType).toBe('coding-screen');
    expect({ kept: check.kept.length, cut: check.cut.length }).toEqual({ kept: 3, cut: 1 });
    expect({ before: check.wordsBefore, after: check.wordsAfter }).toEqual({
      before: 32,
      after: 23,
    });
    expect(check.unserved).toEqual(['coding']);
    expect(check.notes).toEqual([
      'You cut 1 of 4 sentences, 9 of 32 words.',
      'You kept “We would shard this across regions with Kafka.” for architectural judgment, which a coding screen does not sample: cut it as well.',
      'Nothing you kept shows coding fluency, a primary signal of a coding screen: the trimmed answer needs a sentence for it.',
    ]);
  });

  it('says so when nothing was cut', () => {
    const check = checkRestraintAnswer({
      promptId: 'behavioral-disagreeing-up',
      sentences: [
        { text: 'I took the disagreement to my director.', serves: 'leadership' },
        { text: 'I said what I had got wrong.', serves: 'communication' },
      ],
      elapsedSeconds: 60,
    });
    expect(check.notes).toEqual([
      'You cut nothing: every sentence, by your marking, served the round.',
    ]);
  });
});

describe('the exercise drills', () => {
  it('set a coding, a design and a behavioural bank prompt for restraint, two minutes each', () => {
    const restraint = drillById('primary-signal-restraint');
    expect(restraint.answerSeconds).toBe(120);
    expect(restraint.promptIds.map((id) => promptById(id)?.roundType)).toEqual([
      'coding-screen',
      'system-design',
      'behavioral',
    ]);
    expect(drillById('signal-balanced-story').answerSeconds).toBe(180);
    expect(EXERCISE_DRILL_IDS.map((id) => drillById(id).name)).toEqual([
      'Round-to-signal map',
      'Signal-balanced project story',
      'Primary-signal restraint',
    ]);
  });

  it('sum each saved result up in one line', () => {
    expect(
      summariseDrillResult({
        drill: 'round-to-signal-map',
        payload: {
          company: 'Acme',
          rounds: [round('coding-screen', shows('coding'), [shows('framing'), shows('delivery')])],
          elapsedSeconds: 0,
        },
      }),
    ).toBe('Acme: 1 of 3 signals placed as the catalogue has them.');
    expect(
      summariseDrillResult({
        drill: 'signal-balanced-story',
        payload: story({ mode: 'spoken', said: ['coding'] }),
      }),
    ).toBe('Billing rewrite: 1 of 7 sentences made it into the answer.');
    expect(
      summariseDrillResult({
        drill: 'primary-signal-restraint',
        payload: {
          answers: [
            {
              promptId: 'coding-screen-rate-limiter',
              sentences: [
                { text: 'One.', serves: null },
                { text: 'Two.', serves: 'coding' },
              ],
              elapsedSeconds: 10,
            },
          ],
        },
      }),
    ).toBe('1 answer: you cut 1 of 2 sentences.');
  });
});
