import type { AuthResponse } from '@signal-room/protocol';

/** One signed-in person, for the pages' tests: a token that does not expire during the suite. */
export const SIGNED_IN: AuthResponse = {
  token: 'token-1',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: {
    id: '6f1c2b1e-8d7a-4c1e-9a55-0b6a3f0e2d11',
    email: 'ada@example.com',
    displayName: 'Ada',
    createdAt: '2025-01-01T00:00:00.000Z',
  },
};
