import { roundTypeById } from '../catalog';
import { ROUND_TYPE_IDS, SIGNAL_IDS } from '../model';
import { PROMPTS, promptById, promptsFor, roomPromptFrom } from './index';

const nonEmpty = (text: string) => text.trim().length > 0;
const byId = PROMPTS.map((prompt) => [prompt.id, prompt] as const);

describe('prompt bank', () => {
  it.each(ROUND_TYPE_IDS)('holds at least three prompts for %s', (roundType) => {
    const prompts = promptsFor(roundType);
    expect(prompts.length).toBeGreaterThanOrEqual(3);
    expect(prompts.every((prompt) => prompt.roundType === roundType)).toBe(true);
  });

  it('gives every prompt a unique id that promptById finds', () => {
    expect(new Set(PROMPTS.map((prompt) => prompt.id)).size).toBe(PROMPTS.length);
    for (const prompt of PROMPTS) expect(promptById(prompt.id)).toBe(prompt);
  });

  it('finds nothing for an unknown id', () => {
    expect(promptById('no-such-prompt')).toBeUndefined();
  });

  it('files every prompt under a known round type', () => {
    for (const prompt of PROMPTS) expect(ROUND_TYPE_IDS).toContain(prompt.roundType);
    expect(ROUND_TYPE_IDS.flatMap((id) => promptsFor(id))).toHaveLength(PROMPTS.length);
  });

  it.each(byId)('%s has a title, a body, two or more hints and follow-ups', (_id, prompt) => {
    expect(nonEmpty(prompt.title) && nonEmpty(prompt.body)).toBe(true);
    expect(prompt.hints.length).toBeGreaterThanOrEqual(2);
    expect(prompt.followUps.length).toBeGreaterThanOrEqual(2);
    expect([...prompt.hints, ...prompt.followUps].every(nonEmpty)).toBe(true);
  });

  it.each(byId)('%s tags only known signals, in prompt and guide', (_id, prompt) => {
    expect(prompt.signals.length).toBeGreaterThan(0);
    for (const signal of prompt.signals) expect(SIGNAL_IDS).toContain(signal);
    for (const point of prompt.guide.strongAnswer) {
      expect(SIGNAL_IDS).toContain(point.signal);
      expect(nonEmpty(point.point)).toBe(true);
    }
  });

  it.each(byId)(
    '%s has a strong answer that covers every primary signal of its round',
    (_id, prompt) => {
      const covered = new Set(prompt.guide.strongAnswer.map((point) => point.signal));
      for (const signal of roundTypeById(prompt.roundType).primary) {
        expect(covered).toContain(signal);
      }
    },
  );

  it.each(byId)('%s sketches a weak, a mid-level and a senior response', (_id, prompt) => {
    const { weak, mid, senior } = prompt.guide.levels;
    expect([weak, mid, senior].every(nonEmpty)).toBe(true);
    expect(new Set([weak, mid, senior]).size).toBe(3);
  });
});

describe('roomPromptFrom', () => {
  const prompt = PROMPTS[0];

  it('carries the bank prompt into a session under its id', () => {
    const roomPrompt = roomPromptFrom(prompt);
    expect(roomPrompt).toEqual({
      promptId: prompt.id,
      title: prompt.title,
      body: prompt.body,
      hints: [...prompt.hints],
      followUps: [...prompt.followUps],
      signals: [...prompt.signals],
      guide: prompt.guide,
    });
  });

  it('copies the lists so a session cannot change the bank', () => {
    const roomPrompt = roomPromptFrom(prompt);
    const hintCount = prompt.hints.length;
    roomPrompt.hints.push('extra');
    roomPrompt.followUps.length = 0;
    roomPrompt.signals.length = 0;
    expect(prompt.hints).toHaveLength(hintCount);
    expect(prompt.followUps.length).toBeGreaterThanOrEqual(2);
    expect(prompt.signals.length).toBeGreaterThan(0);
  });
});
