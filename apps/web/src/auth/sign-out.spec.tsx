import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { SiteHeader } from '../app/site-header';
import { restoreFetch, stubFetch } from '../sessions/testing/stub-fetch';
import { getAuth, setAuth } from './auth-store';
import { SIGNED_IN as AUTH } from '../testing/auth-fixtures';

// Commands queued offline in two rooms, one a private scorecard note.
const OUTBOXES = {
  'signal-room.outbox.session-1': JSON.stringify([
    {
      clientEventId: 'c1',
      type: 'evidence.add',
      payload: { note: 'private' },
      queuedAt: 1,
    },
  ]),
  'signal-room.outbox.session-2': JSON.stringify([
    { clientEventId: 'c2', type: 'score.set', payload: {}, queuedAt: 2 },
  ]),
};

function renderHeader() {
  render(
    <MemoryRouter initialEntries={['/dashboard']}>
      <SiteHeader />
      <Routes>
        <Route path="/dashboard" element={<h1>Dashboard</h1>} />
        <Route path="/" element={<h1>Home</h1>} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('signing out', () => {
  beforeEach(() => {
    localStorage.clear();
    setAuth(AUTH);
    for (const [key, value] of Object.entries(OUTBOXES)) localStorage.setItem(key, value);
    localStorage.setItem('unrelated', 'kept');
  });
  afterEach(() => {
    restoreFetch();
    setAuth(null);
    localStorage.clear();
  });

  it('revokes the token on the server and clears the unsent room commands', async () => {
    const fetchMock = stubFetch((request) =>
      request.method === 'POST' && request.url === '/api/auth/logout'
        ? { status: 204, body: null }
        : undefined,
    );
    const user = userEvent.setup();
    renderHeader();

    await user.click(screen.getByRole('button', { name: 'Sign out Ada' }));

    expect(await screen.findByRole('heading', { name: 'Home' })).toBeInTheDocument();
    expect(getAuth()).toBeNull();
    expect(Object.keys(OUTBOXES).map((key) => localStorage.getItem(key))).toEqual([null, null]);
    expect(localStorage.getItem('unrelated')).toBe('kept');
    // The revocation went out with the token it revokes.
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/auth/logout');
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer token-1');
  });

  it('forgets here all the same when the server cannot be reached', async () => {
    const fetchMock = stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const user = userEvent.setup();
    renderHeader();

    await user.click(screen.getByRole('button', { name: 'Sign out Ada' }));

    expect(await screen.findByRole('heading', { name: 'Home' })).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(getAuth()).toBeNull();
    expect(Object.keys(OUTBOXES).map((key) => localStorage.getItem(key))).toEqual([null, null]);
  });
});
