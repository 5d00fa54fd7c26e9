import { afterEach, describe, expect, it } from '@jest/globals';
import type { InvitePreview, SessionSummary } from '@signal-room/protocol';
import { INVITE_STATUSES } from '@signal-room/protocol';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router';
import { setAuth } from '../auth/auth-store';
import JoinPage from './join-page';
import { requestsTo, restoreFetch, stubFetch } from './testing/stub-fetch';
import { SIGNED_IN as ME } from '../testing/auth-fixtures';

const SESSION_ID = '22222222-2222-4222-8222-222222222222';
const PREVIEW: InvitePreview = {
  sessionId: SESSION_ID,
  role: 'candidate',
  roundType: 'system-design',
  promptTitle: 'Design a usage-metering pipeline',
  invitedBy: 'Ines',
  status: 'open',
  createdAt: '2099-01-01T09:00:00.000Z',
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

/** Sign-up as far as the join page cares: the person is signed in and sent on to `next`. */
function SignUpStandIn() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return (
    <button
      type="button"
      onClick={() => {
        setAuth(ME);
        void navigate(params.get('next') ?? '/dashboard');
      }}
    >
      Finish signing up
    </button>
  );
}

function renderAt(token: string) {
  render(
    <MemoryRouter initialEntries={[`/join/${token}`]}>
      <Routes>
        <Route path="/join/:token" element={<JoinPage />} />
        <Route path="/signup" element={<SignUpStandIn />} />
        <Route path="/sessions/:id" element={<RoomStandIn />} />
      </Routes>
    </MemoryRouter>,
  );
}

/** The API with one link per token: `tok_<status>` previews with that status. */
function stubApi(mySessions: SessionSummary[] = []) {
  return stubFetch(({ method, url }) => {
    if (url === '/api/catalog') return { status: 503, body: null };
    if (method === 'GET' && url === '/api/sessions') return { body: { sessions: mySessions } };
    const match = /^\/api\/invites\/tok_(\w+)(\/accept)?$/.exec(url);
    const status = INVITE_STATUSES.find((known) => known === match?.[1]);
    if (!status) {
      return {
        status: 410,
        body: { error: { code: 'INVITE_INVALID', message: 'No such link.', retryable: false } },
      };
    }
    if (method === 'POST' && match?.[2]) return { status: 201, body: JOINED };
    return {
      body: { ...PREVIEW, status, promptTitle: status === 'open' ? PREVIEW.promptTitle : null },
    };
  });
}

describe('JoinPage', () => {
  afterEach(() => {
    restoreFetch();
    // Unmounted first: the page would otherwise re-render on the sign-out, outside the test.
    cleanup();
    setAuth(null);
    sessionStorage.clear();
  });

  it('says who invited a visitor, to what and until when, and leads with making an account', async () => {
    stubApi();
    renderAt('tok_open');

    expect(await screen.findByRole('heading', { level: 1, name: 'System design' })).toBeVisible();
    expect(screen.getByText('Ines invited you')).toBeVisible();
    expect(screen.getByText(PREVIEW.promptTitle ?? '')).toBeVisible();
    expect(screen.getByText('Candidate')).toBeInTheDocument();
    expect(screen.getByText('Invited').nextElementSibling?.querySelector('time')).toHaveAttribute(
      'dateTime',
      PREVIEW.createdAt,
    );
    expect(
      screen.getByText('Link works until').nextElementSibling?.querySelector('time'),
    ).toHaveAttribute('dateTime', PREVIEW.expiresAt);
    const back = `?next=${encodeURIComponent('/join/tok_open')}`;
    const create = screen.getByRole('link', { name: 'Create account and join' });
    expect(create).toHaveAttribute('href', `/signup${back}`);
    expect(create).toHaveClass('button--primary');
    expect(screen.getByRole('link', { name: 'Sign in and join' })).toHaveAttribute(
      'href',
      `/signin${back}`,
    );
  });

  it('joins a visitor who made an account from the invite, with no second press', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderAt('tok_open');

    await user.click(await screen.findByRole('link', { name: 'Create account and join' }));
    await user.click(screen.getByRole('button', { name: 'Finish signing up' }));

    expect(await screen.findByRole('heading', { name: `Room ${SESSION_ID}` })).toBeVisible();
    expect(requestsTo(fetchMock, 'POST', '/api/invites/tok_open/accept')).toHaveLength(1);
  });

  it('waits for a signed-in person to press Join when they did not ask to join before', async () => {
    setAuth(ME);
    const fetchMock = stubApi();
    const user = userEvent.setup();
    renderAt('tok_open');

    const join = await screen.findByRole('button', { name: 'Join as candidate' });
    expect(screen.getByText('Signed in as Ada.')).toBeVisible();
    expect(requestsTo(fetchMock, 'POST', '/api/invites/tok_open/accept')).toHaveLength(0);
    await user.click(join);

    expect(await screen.findByRole('heading', { name: `Room ${SESSION_ID}` })).toBeVisible();
    expect(requestsTo(fetchMock, 'POST', '/api/invites/tok_open/accept')).toHaveLength(1);
  });

  it('says up front that a candidate link is used, and offers no join', async () => {
    const fetchMock = stubApi();
    renderAt('tok_taken');

    expect(
      await screen.findByRole('heading', { name: 'This candidate link has been used' }),
    ).toBeVisible();
    expect(screen.getByRole('alert')).toHaveTextContent('Ines’s session already has its candidate');
    expect(screen.queryByRole('button', { name: /^Join/ })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute(
      'href',
      `/signin?next=${encodeURIComponent('/join/tok_taken')}`,
    );
    expect(fetchMock.mock.calls.map(([input]) => String(input))).not.toContain(
      '/api/invites/tok_taken/accept',
    );
  });

  it('tells a signed-in stranger a used link is not for them', async () => {
    setAuth(ME);
    stubApi([]);
    renderAt('tok_taken');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You are signed in as Ada, who is not in it.',
    );
  });

  it('opens the room for the candidate who used the link, coming back to it', async () => {
    setAuth(ME);
    stubApi([JOINED]);
    renderAt('tok_taken');

    expect(await screen.findByRole('heading', { name: 'You are in this session' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Open the room' })).toHaveAttribute(
      'href',
      `/sessions/${SESSION_ID}`,
    );
  });

  it.each([
    ['expired', 'This invite link has expired', 'Ask Ines for a new one.'],
    ['revoked', 'This invite link was withdrawn', 'Ines revoked it'],
    ['full', 'This session is full', 'Ines’s session holds as many people as it can.'],
  ])('%s: says the link lets no one in, and whom to ask', async (status, heading, text) => {
    stubApi();
    renderAt(`tok_${status}`);

    expect(await screen.findByRole('heading', { name: heading })).toBeVisible();
    expect(screen.getByRole('alert')).toHaveTextContent(text);
    expect(screen.queryByRole('button', { name: /^Join/ })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '/');
  });

  it('says clearly when no link has this address', async () => {
    stubApi();
    renderAt('no-such-token');

    expect(
      await screen.findByRole('heading', { name: 'This invite link does not work' }),
    ).toBeVisible();
    expect(screen.getByRole('alert')).toHaveTextContent('copied whole');
  });
});
