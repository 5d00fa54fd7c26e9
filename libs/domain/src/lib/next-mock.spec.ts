import fc from 'fast-check';
import { roundTypeById } from './catalog';
import type { RoundTypeId, SignalId } from './model';
import { ROUND_TYPE_IDS, SCORES, SIGNAL_IDS } from './model';
import type { AnsweredRound, CandidateHistory } from './next-mock';
import { promptForSwap, proposeNextMock } from './next-mock';
import { PROMPTS, promptsFor } from './prompts';
import type { Scores } from './scorecard';
import { emptyScores } from './scorecard';

const ids = (roundType: RoundTypeId) => promptsFor(roundType).map((prompt) => prompt.id);
const allAt = (score: 3 | 4, given: Partial<Scores> = {}): Scores => ({
  ...emptyScores(),
  ...Object.fromEntries(SIGNAL_IDS.map((id) => [id, score])),
  ...given,
});

let sessions = 0;
function round(
  roundType: RoundTypeId,
  scores: Partial<Scores>,
  hiddenSignals: SignalId[] = [],
  promptId: string | null = null,
): AnsweredRound {
  sessions += 1;
  return {
    sessionId: `s${sessions}`,
    roundType,
    promptId,
    scores: { ...emptyScores(), ...scores },
    hiddenSignals,
  };
}

const history = (
  released: AnsweredRound[],
  answeredPromptIds: string[] = [],
): CandidateHistory => ({ released, answeredPromptIds });

describe('proposeNextMock', () => {
  it('starts a person with no history on a coding screen, framing and coding first', () => {
    const proposal = proposeNextMock(history([]), PROMPTS);
    expect(proposal).toEqual({
      roundType: 'coding-screen',
      promptId: ids('coding-screen')[0],
      targets: ['framing', 'coding'],
      reason: expect.stringContaining('No feedback has been released to you yet'),
    });
    expect(proposal.reason).toContain('Coding screen makes Problem framing and Coding fluency');
  });

  it('aims at the one weak signal with the round that spends the least time elsewhere', () => {
    const proposal = proposeNextMock(
      history([round('behavioral', allAt(4, { leadership: 2 }))]),
      PROMPTS,
    );
    // Hiring manager and behavioral both add one other primary; the catalogue order decides.
    expect(proposal.roundType).toBe('hiring-manager');
    expect(proposal.targets).toEqual(['leadership']);
    expect(proposal.promptId).toBe(ids('hiring-manager')[0]);
    expect(proposal.reason).toBe(
      'Your weakest signal: Leadership & influence scored 2. Hiring-manager conversation makes ' +
        'Leadership & influence primary, and you have not answered “' +
        `${PROMPTS.find((prompt) => prompt.id === proposal.promptId)?.title}” before.`,
    );
  });

  it('prefers the round that makes the two weakest signals primary together', () => {
    const proposal = proposeNextMock(
      history([
        round('system-design', allAt(4, { production: 2, coding: null })),
        round('code-review', allAt(3, { production: 1, coding: 2 })),
      ]),
      PROMPTS,
    );
    expect(proposal.targets).toEqual(['production', 'coding']);
    // Practical coding and code review both make them primary with nothing else; catalogue order.
    expect(proposal.roundType).toBe('practical-coding');
    expect(proposal.reason).toContain(
      'Production judgment averaged 1.5 over 2 scored rounds; Coding fluency scored 2',
    );
  });

  it('counts a signal that stayed hidden as below competent', () => {
    const proposal = proposeNextMock(
      history([
        round('project-deep-dive', allAt(4, { leadership: null }), ['leadership']),
        round('hiring-manager', allAt(4, { leadership: null }), ['leadership']),
      ]),
      PROMPTS,
    );
    expect(proposal.targets).toEqual(['leadership']);
    expect(roundTypeById(proposal.roundType).primary).toContain('leadership');
    expect(proposal.reason).toContain('Leadership & influence stayed hidden in 2 rounds');
  });

  it('counts a round that scored a signal it saw no evidence for once, by its score', () => {
    // Counted as a 3 and a hidden 2, framing would average 2.5 and be the weakest signal.
    const proposal = proposeNextMock(
      history([round('system-design', { framing: 3 }, ['framing'])]),
      PROMPTS,
    );
    expect(proposal.targets).not.toContain('framing');
    expect(proposal.reason).toContain('not been seen in your rounds yet');
  });

  it('aims at signals never seen once everything seen holds at 3 or more', () => {
    const proposal = proposeNextMock(
      history([round('coding-screen', { framing: 4, coding: 3, communication: 4 })]),
      PROMPTS,
    );
    expect(proposal.roundType).toBe('project-deep-dive');
    expect(proposal.targets).toEqual(['architecture', 'production', 'leadership']);
    expect(proposal.reason).toContain(
      'Every signal you have been scored on holds at 3 or more, but Architectural judgment, ' +
        'Production judgment, Delivery & product judgment, and Leadership & influence have not',
    );
  });

  it('aims at the lowest signal when every one holds', () => {
    const proposal = proposeNextMock(
      history([round('system-design', allAt(4, { delivery: 3 }))]),
      PROMPTS,
    );
    expect(proposal.roundType).toBe('product-cross-functional');
    expect(proposal.targets).toEqual(['delivery']);
    expect(proposal.reason).toContain(
      'Every signal holds at 3 or more; your lowest is Delivery & product judgment scored 3.',
    );
  });

  it('puts the signals of audit entries not yet heard first among equally weak ones', () => {
    const rounds = [round('system-design', allAt(4, { production: 2, leadership: 2 }))];
    const plain = proposeNextMock(history(rounds), PROMPTS);
    const audited = proposeNextMock(
      { ...history(rounds), openAuditSignals: ['leadership', 'leadership'] },
      PROMPTS,
    );
    // Catalogue order puts production first without the audit; the two entries turn that round.
    expect(plain.targets[0]).toBe('production');
    expect(roundTypeById(audited.roundType).primary).toContain('leadership');
    expect(audited.targets[0]).toBe('leadership');
    expect(audited.reason).toContain('has 2 audit entries of yours not yet heard');
    expect(plain.reason).not.toContain('audit');
  });

  describe('breaks ties', () => {
    it('by the lowest score when the means are equal', () => {
      const proposal = proposeNextMock(
        history([
          round('coding-screen', allAt(4, { framing: 2, coding: 1 })),
          round('online-assessment', allAt(4, { framing: null, coding: 3 })),
        ]),
        PROMPTS,
      );
      expect(proposal.roundType).toBe('coding-screen');
      expect(proposal.targets).toEqual(['coding', 'framing']);
    });

    it('then by how often the signal stayed hidden', () => {
      const proposal = proposeNextMock(
        history([
          round('coding-screen', allAt(4, { framing: 2, coding: null }), ['coding']),
          round('coding-screen', allAt(4, { framing: 2, coding: 2 })),
        ]),
        PROMPTS,
      );
      expect(proposal.targets).toEqual(['coding', 'framing']);
    });

    it('then by catalogue order, and the same history always gives the same proposal', () => {
      const given = history([round('coding-screen', allAt(4, { framing: 2, coding: 2 }))]);
      const proposal = proposeNextMock(given, PROMPTS);
      expect(proposal.targets).toEqual(['framing', 'coding']);
      expect(proposeNextMock(given, PROMPTS)).toEqual(proposal);
    });

    it('between prompts of the round by where they list the signals aimed at, then bank order', () => {
      const proposal = proposeNextMock(
        history([round('hiring-manager', allAt(4, { leadership: 2, architecture: 2 }))]),
        PROMPTS.filter((prompt) => prompt.roundType === 'hiring-manager'),
      );
      // Every hiring-manager prompt lists leadership first; the third lists architecture sooner.
      expect(proposal).toMatchObject({
        roundType: 'hiring-manager',
        promptId: 'hiring-manager-rewrite-debate',
        targets: ['leadership'],
      });
    });
  });

  describe('never proposes a prompt answered before', () => {
    it('skips prompts answered, whether or not their feedback is out', () => {
      const [first, second] = ids('coding-screen');
      const proposal = proposeNextMock(
        history([round('coding-screen', allAt(4, { framing: 2, coding: 2 }), [], first)]),
        PROMPTS,
      );
      expect(proposal.promptId).toBe(second);
      expect(proposeNextMock(history([], [first, second]), PROMPTS).promptId).toBe(
        ids('coding-screen')[2],
      );
    });

    it('moves to the next best round when the best one is used up', () => {
      const proposal = proposeNextMock(history([], ids('coding-screen')), PROMPTS);
      expect(proposal.roundType).not.toBe('coding-screen');
      expect(proposal.promptId).not.toBeNull();
      expect(ids(proposal.roundType)).toContain(proposal.promptId);
    });

    it('asks for a prompt of your own once the whole bank is answered', () => {
      const proposal = proposeNextMock(
        history(
          [],
          PROMPTS.map((prompt) => prompt.id),
        ),
        PROMPTS,
      );
      expect(proposal).toMatchObject({ roundType: 'coding-screen', promptId: null });
      expect(proposal.reason).toContain('You have answered every prompt in the bank');
    });

    it('holds for any history', () => {
      const scores = fc.record(
        Object.fromEntries(
          SIGNAL_IDS.map((id) => [id, fc.constantFrom(null, ...SCORES)]),
        ) as Record<SignalId, fc.Arbitrary<Scores[SignalId]>>,
      );
      const answered = fc.uniqueArray(fc.constantFrom(...PROMPTS.map((prompt) => prompt.id)), {
        maxLength: PROMPTS.length - 1,
      });
      const released = fc.array(
        fc.record({
          sessionId: fc.uuid(),
          roundType: fc.constantFrom(...ROUND_TYPE_IDS),
          promptId: fc.constantFrom(null, ...PROMPTS.map((prompt) => prompt.id)),
          scores,
          hiddenSignals: fc.subarray([...SIGNAL_IDS]),
        }),
        { maxLength: 6 },
      );
      fc.assert(
        fc.property(released, answered, (rounds, answeredPromptIds) => {
          const done = new Set([...answeredPromptIds, ...rounds.map((r) => r.promptId)]);
          const proposal = proposeNextMock({ released: rounds, answeredPromptIds }, PROMPTS);
          const prompt = PROMPTS.find((candidate) => candidate.id === proposal.promptId);
          const left = PROMPTS.some((candidate) => !done.has(candidate.id));
          expect(proposal.promptId === null).toBe(!left);
          if (prompt) {
            expect(done.has(prompt.id)).toBe(false);
            expect(prompt.roundType).toBe(proposal.roundType);
          }
          const { primary } = roundTypeById(proposal.roundType);
          for (const signal of proposal.targets) expect(primary).toContain(signal);
          expect(proposal.reason).toMatch(/\byou/i);
        }),
      );
    });
  });
});

describe('promptForSwap', () => {
  const [auction, metering, search] = ids('system-design');

  it('gives the next round a prompt neither peer has answered as candidate', () => {
    // Third round of a pair: Bob answered the first prompt, Alice the second; the old rule
    // (anything but the last round's prompt) handed Bob his first prompt again.
    expect(promptForSwap(PROMPTS, 'system-design', [auction], [metering])).toEqual({
      prompt: PROMPTS.find((prompt) => prompt.id === search),
      note: null,
    });
  });

  it('takes the bank order among prompts new to both', () => {
    expect(promptForSwap(PROMPTS, 'system-design', [], [auction]).prompt?.id).toBe(metering);
  });

  it('falls back to one new to the candidate when the pair has used up the round, and says so', () => {
    const swap = promptForSwap(PROMPTS, 'system-design', [auction, search], [metering]);
    expect(swap.prompt?.id).toBe(metering);
    expect(swap.note).toContain('new to the candidate');
  });

  it('falls back to the one the candidate answered longest ago, and says so', () => {
    const swap = promptForSwap(PROMPTS, 'system-design', [metering, search, auction, search], []);
    expect(swap.prompt?.id).toBe(metering);
    expect(swap.note).toContain('answered longest ago');
  });

  it('has nothing to offer for a round without prompts', () => {
    expect(promptForSwap([], 'system-design', [], [])).toEqual({ prompt: null, note: null });
  });
});
