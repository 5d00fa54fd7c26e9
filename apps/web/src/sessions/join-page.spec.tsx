import { afterEach, describe, expect, it } from '@jest/globals';
import type { AuthResponse, InvitePreview, SessionSummary } from '@signal-room/protocol';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { setAuth } from '../auth/auth-store';
import JoinPage from './join-page';
import { requestsTo, restoreFetch, stubFetch } from './testing/stub-fetch';

const ME: AuthResponse = {
  token: 'token-1',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: {
    id: '6f1c2b1e-8d7a-4c1e-9a55-0b6a3f0e2d11',
    email: 'ada@example.com',
    displayName: 'Ada',
    createdAt: '2025-01-01T00:00:00.000Z',
  },
};
const SESSION_ID = '22222222-2222-4222-8222-222222222222';
const PREVIEW: InvitePreview = {
  sessionId: SESSION_ID,
  role: 'candidate',
  roundType: 'system-design',
  expiresAt: '2099-01-04T09:00:00.000Z',
};
const JOINED: SessionSummary = {
  id: SESSION_ID,
  roundType: 'system-design',
  promptTitle: null,
  promptNote: null,
  visibility: 'private',
  peerMode: false,
  durationMinutes: 60,
  status: 'waiting',
  myRole: 'candidate',
  participants: [],
  createdAt: '2026-03-01T10:00:00.000Z',
  endedAt: null,
  feedbackReleased: false,
  scores: null,
  previousSessionId: null,
  nextSessionId: null,
};

function RoomStandIn() {
  return <h1>Room {useParams().id}</h1>;
}

function renderAt(token: string) {
  render(
    <MemoryRouter initialEntries={[`/join/${token}`]}>
      <Routes>
        <Route path="/join/:token" element={<JoinPage />} />
        <Route path="/sessions/:id" element={<RoomStandIn />} />
      </Routes>
    </MemoryRouter>,
  );
}

function stubApi() {
  return stubFetch(({ method, url }) => {
    if (url === '/api/catalog') return { status: 503, body: null };
    if (method === 'GET' && url === '/api/invites/tok_1') return { body: PREVIEW };
    if (method === 'POST' && url === '/api/invites/tok_1/accept') return { body: JOINED };
    if (url.startsWith('/api/invites/')) {
      return {
        status: 410,
        body: {
          error: { code: 'INVITE_INVALID', message: 'Not valid.', retryable: false },
        },
      };
    }
    return undefined;
  });
}

describe('JoinPage', () => {
  afterEach(() => {
    restoreFetch();
    setAuth(null);
  });

  it('asks a visitor to sign in or create an account, and to come back here', async () => {
    stubApi();
    renderAt('tok_1');

    expect(await screen.findByRole('heading', { level: 1, name: 'System design' })).toBeVisible();
    expect(screen.getByText('Candidate')).toBeInTheDocument();
    const back = `?next=${encodeURIComponent('/join/tok_1')}`;
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', `/signin${back}`);
    expect(screen.getByRole('link', { name: 'Create account' })).toHaveAttribute(
      'href',
      `/signup${back}`,
    );
  });

  it('joins a signed-in person with the link’s role and opens the room', async () => {
    setAuth(ME);
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderAt('tok_1');

    await user.click(await screen.findByRole('button', { name: 'Join as candidate' }));

    expect(await screen.findByRole('heading', { name: `Room ${SESSION_ID}` })).toBeVisible();
    expect(requestsTo(fetchMock, 'POST', '/api/invites/tok_1/accept')).toHaveLength(1);
  });

  it('says clearly when a link no longer works', async () => {
    stubApi();
    renderAt('tok_gone');

    expect(
      await screen.findByRole('heading', { name: 'This invite link does not work' }),
    ).toBeVisible();
    expect(screen.getByRole('alert')).toHaveTextContent('Ask the person who sent it');
  });
});
