import type { NextMockResponse } from '@signal-room/protocol';

/** The proposal for a person with no released feedback, as the dashboard's card receives it. */
export const FIRST_MOCK: NextMockResponse = {
  roundType: 'coding-screen',
  promptId: 'coding-screen-rate-limiter',
  targets: ['framing', 'coding'],
  reason: 'No feedback has been released to you yet.',
};
