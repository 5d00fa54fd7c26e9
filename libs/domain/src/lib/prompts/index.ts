import type { Prompt, RoundTypeId } from '../model';
import type { RoomPrompt } from '../room/state';
import { PROMPTS_A } from './bank-a';
import { PROMPTS_B } from './bank-b';

export const PROMPTS: readonly Prompt[] = [...PROMPTS_A, ...PROMPTS_B];

const promptsById = new Map(PROMPTS.map((prompt) => [prompt.id, prompt]));

export const promptById = (id: string): Prompt | undefined => promptsById.get(id);

export const promptsFor = (roundType: RoundTypeId): Prompt[] =>
  PROMPTS.filter((prompt) => prompt.roundType === roundType);

/** A bank prompt as a session carries it. */
export const roomPromptFrom = (prompt: Prompt): RoomPrompt => ({
  promptId: prompt.id,
  title: prompt.title,
  body: prompt.body,
  hints: [...prompt.hints],
  followUps: [...prompt.followUps],
  signals: [...prompt.signals],
  guide: prompt.guide,
});
