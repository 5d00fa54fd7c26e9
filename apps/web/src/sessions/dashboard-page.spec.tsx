import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { SessionSummary } from '@signal-room/protocol';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { setAuth } from '../auth/auth-store';
import DashboardPage from './dashboard-page';
import { restoreFetch, stubFetch } from './testing/stub-fetch';
import { SIGNED_IN as ME } from '../testing/auth-fixtures';
import { FIRST_MOCK } from '../testing/next-mock-fixtures';

const BEN = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

const session = (overrides: Partial<SessionSummary>): SessionSummary => ({
  id: '11111111-1111-4111-8111-111111111111',
  roundType: 'system-design',
  promptTitle: 'Design a rate limiter',
  promptNote: null,
  visibility: 'private',
  peerMode: false,
  durationMinutes: 60,
  status: 'waiting',
  myRole: 'interviewer',
  participants: [{ userId: ME.user.id, displayName: 'Ada', role: 'interviewer' }],
  createdAt: '2026-03-01T10:00:00.000Z',
  endedAt: null,
  feedbackReleased: false,
  scores: null,
  previousSessionId: null,
  nextSessionId: null,
  ...overrides,
});

function JoinStandIn() {
  return <h1>Join {useParams().token}</h1>;
}

function renderWith(sessions: SessionSummary[]) {
  stubFetch(({ url }) => {
    if (url === '/api/sessions') return { body: { sessions } };
    if (url === '/api/history/next-mock') return { body: FIRST_MOCK };
    // The catalogue is missing here: round names fall back to readable ids.
    if (url === '/api/catalog') return { status: 503, body: null };
    return undefined;
  });
  render(
    <MemoryRouter initialEntries={['/dashboard']}>
      <Routes>
        <Route path="/dashboard" element={<DashboardPage />} />
        <Route path="/join/:token" element={<JoinStandIn />} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('DashboardPage', () => {
  beforeEach(() => setAuth(ME));
  afterEach(() => {
    restoreFetch();
    setAuth(null);
  });

  it('splits sessions into upcoming and past, with the way into each', async () => {
    const live = session({
      id: '22222222-2222-4222-8222-222222222222',
      status: 'live',
      myRole: 'candidate',
      participants: [
        { userId: BEN, displayName: 'Ben', role: 'interviewer' },
        { userId: ME.user.id, displayName: 'Ada', role: 'candidate' },
      ],
    });
    const ended = session({
      id: '33333333-3333-4333-8333-333333333333',
      roundType: 'coding-screen',
      promptTitle: 'Merge intervals',
      status: 'ended',
      endedAt: '2026-02-01T11:00:00.000Z',
    });
    renderWith([ended, live]);

    const current = await screen.findByRole('region', { name: 'Upcoming and live' });
    const row = within(current).getByRole('listitem');
    expect(within(row).getByRole('heading', { name: 'System design' })).toBeInTheDocument();
    expect(row).toHaveTextContent('Design a rate limiter');
    expect(row).toHaveTextContent('You: Candidate');
    expect(row).toHaveTextContent('Live now');
    expect(row).toHaveTextContent('With Ben (interviewer)');
    expect(within(row).getByRole('link', { name: /^Rejoin room/ })).toHaveAttribute(
      'href',
      `/sessions/${live.id}`,
    );

    const past = screen.getByRole('region', { name: 'Past' });
    const pastRow = within(past).getByRole('listitem');
    expect(pastRow).toHaveTextContent('Merge intervals');
    expect(pastRow).toHaveTextContent('No one else has joined yet.');
    expect(within(pastRow).getByRole('link', { name: /^Feedback/ })).toHaveAttribute(
      'href',
      `/sessions/${ended.id}/feedback`,
    );
  });

  it('offers to start a session when there are none', async () => {
    renderWith([]);
    expect(await screen.findByRole('heading', { name: 'No sessions yet' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Start a session' })).toHaveAttribute(
      'href',
      '/sessions/new',
    );
  });

  it('joins with a pasted invite link', async () => {
    const user = userEvent.setup();
    renderWith([]);

    const field = screen.getByLabelText('Invite link or code');
    await user.click(field);
    await user.paste('not a link at all');
    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect(screen.getByRole('alert')).toHaveTextContent('does not look like an invite link');

    await user.clear(field);
    await user.paste('  https://signal-room.example/join/tok_Abc-123  ');
    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect(await screen.findByRole('heading', { name: 'Join tok_Abc-123' })).toBeInTheDocument();
  });
});
