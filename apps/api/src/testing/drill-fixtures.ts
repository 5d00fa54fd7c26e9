import { SIGNAL_IDS } from '@signal-room/domain';

/** A signal-balanced story drill as a person would send it: one sentence a signal, typed. */
export const STORY_DRILL = {
  project: 'Billing rewrite',
  sentences: Object.fromEntries(SIGNAL_IDS.map((id) => [id, `The one thing I did for ${id}.`])),
  answer: { mode: 'typed', text: 'The one thing I did for framing, then for coding.' },
  elapsedSeconds: 175,
};
