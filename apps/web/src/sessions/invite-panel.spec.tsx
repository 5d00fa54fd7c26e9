import { afterEach, describe, expect, it } from '@jest/globals';
import type { Invite } from '@signal-room/protocol';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InvitePanel } from './invite-panel';
import { requestsTo, restoreFetch, stubFetch } from './testing/stub-fetch';

const SESSION_ID = '5a0c8e2b-1d3f-4b6a-8c9e-2f4a6b8c0d1e';
const INVITES = `/api/sessions/${SESSION_ID}/invites`;
const OLGA_ID = '3c5e7a9b-1d2f-4a6c-8e0b-4d6f8a0c2e4a';

const invite = (overrides: Partial<Invite>): Invite => ({
  id: '7d9f1b3c-5e7a-4c2e-9b1d-3f5a7c9e1b2d',
  sessionId: SESSION_ID,
  role: 'candidate',
  token: null,
  url: null,
  status: 'open',
  createdAt: '2099-01-01T09:00:00.000Z',
  expiresAt: '2099-01-04T09:00:00.000Z',
  revokedAt: null,
  usedBy: [],
  ...overrides,
});

describe('InvitePanel', () => {
  afterEach(restoreFetch);

  it('shows a new link once, ready to copy, and says when it is copied', async () => {
    const made = invite({
      token: 'tok_Abc-123',
      url: 'https://signal-room.example/join/tok_Abc-123',
    });
    const fetchMock = stubFetch(({ method, url }) => {
      if (method === 'GET' && url === INVITES) return { body: [] };
      if (method === 'POST' && url === INVITES) return { status: 201, body: made };
      return undefined;
    });
    const user = userEvent.setup();
    render(<InvitePanel sessionId={SESSION_ID} live={false} members={[]} />);

    expect(await screen.findByText(/No links yet/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'New candidate link' }));

    const address = await screen.findByRole('textbox', { name: 'Candidate link address' });
    const expected = `${window.location.origin}/join/tok_Abc-123`;
    expect(address).toHaveValue(expected);
    expect(requestsTo(fetchMock, 'POST', INVITES)).toEqual([
      { role: 'candidate', expiresInHours: 72 },
    ]);
    const copy = screen.getByRole('button', { name: 'Copy candidate link' });
    expect(copy).toHaveFocus();

    await user.click(copy);

    expect(await navigator.clipboard.readText()).toBe(expected);
    expect(screen.getByRole('status')).toHaveTextContent('Copied the candidate link.');
    expect(screen.getByRole('button', { name: 'Copied candidate link' })).toBeInTheDocument();
  });

  it('lists existing links and revokes one', async () => {
    const active = invite({
      status: 'taken',
      usedBy: [
        { userId: '1c3e5a7b-9d1f-4a2c-8e4a-6b8d0f2a4c6e', displayName: 'Cato', role: 'candidate' },
      ],
    });
    const observer = invite({
      id: '2b4d6f8a-0c2e-4f6a-9b3d-5e7f9a1c3e5f',
      role: 'observer',
      status: 'revoked',
      revokedAt: '2026-02-01T09:00:00.000Z',
    });
    const fetchMock = stubFetch(({ method, url }) => {
      if (method === 'GET' && url === INVITES) return { body: [active, observer] };
      if (method === 'DELETE' && url === `${INVITES}/${active.id}`) {
        return { body: { ...active, status: 'revoked', revokedAt: '2026-03-01T09:00:00.000Z' } };
      }
      return undefined;
    });
    const user = userEvent.setup();
    render(<InvitePanel sessionId={SESSION_ID} live={false} members={[]} />);

    const list = await screen.findByRole('list');
    const [observerRow, candidateRow] = within(list).getAllByRole('listitem');
    expect(candidateRow).toHaveTextContent('Candidate link');
    expect(candidateRow).toHaveTextContent('Used');
    expect(candidateRow).toHaveTextContent('Used by Cato');
    // The candidate is in: a new candidate link could admit no one.
    expect(screen.queryByRole('button', { name: 'New candidate link' })).not.toBeInTheDocument();
    expect(observerRow).toHaveTextContent('Revoked');
    expect(within(observerRow).queryByRole('button')).not.toBeInTheDocument();

    await user.click(within(candidateRow).getByRole('button', { name: /^Revoke candidate link/ }));

    expect(await within(candidateRow).findByText('Revoked')).toBeInTheDocument();
    expect(within(candidateRow).queryByRole('button')).not.toBeInTheDocument();
    expect(candidateRow).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent('Candidate link revoked.');
    expect(requestsTo(fetchMock, 'DELETE', `${INVITES}/${active.id}`)).toHaveLength(1);
  });

  it('says why an open link made earlier shows no address', async () => {
    stubFetch(({ method, url }) =>
      method === 'GET' && url === INVITES ? { body: [invite({})] } : undefined,
    );
    render(<InvitePanel sessionId={SESSION_ID} live={false} members={[]} />);

    expect(await screen.findByText('Open')).toBeInTheDocument();
    expect(screen.getByText(/shown only when it is made/)).toBeInTheDocument();
    expect(screen.getByText(/Not used yet/)).toBeInTheDocument();
  });

  it('folds away while the round runs, opens on demand, and keeps up as people join', async () => {
    const observerLink = invite({ role: 'observer' });
    let joined: Invite['usedBy'] = [];
    const fetchMock = stubFetch(({ method, url }) =>
      method === 'GET' && url === INVITES
        ? { body: [{ ...observerLink, usedBy: joined }] }
        : undefined,
    );
    const user = userEvent.setup();
    const panel = (members: string[]) => (
      <InvitePanel sessionId={SESSION_ID} live members={members} />
    );
    const { rerender } = render(panel(['ines']));

    const toggle = screen.getByRole('button', { name: 'Invite people' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('button', { name: 'New observer link' })).not.toBeInTheDocument();
    // Nothing is loaded for a panel nobody opened.
    expect(requestsTo(fetchMock, 'GET', INVITES)).toHaveLength(0);

    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('button', { name: 'New observer link' })).toBeInTheDocument();
    expect(await screen.findByText(/Not used yet/)).toBeInTheDocument();

    joined = [{ userId: OLGA_ID, displayName: 'Olga', role: 'observer' }];
    rerender(panel(['ines', OLGA_ID]));

    expect(await screen.findByText(/Used by Olga/)).toBeInTheDocument();
    expect(requestsTo(fetchMock, 'GET', INVITES)).toHaveLength(2);
  });

  it('says what went wrong when a link cannot be made', async () => {
    stubFetch(({ method, url }) => {
      if (method === 'GET' && url === INVITES) return { body: [] };
      if (method === 'POST' && url === INVITES) {
        return {
          status: 403,
          body: {
            error: {
              code: 'FORBIDDEN_ROLE',
              message: 'Only the interviewer can invite people.',
              retryable: false,
            },
          },
        };
      }
      return undefined;
    });
    const user = userEvent.setup();
    render(<InvitePanel sessionId={SESSION_ID} live={false} members={[]} />);

    await user.click(await screen.findByRole('button', { name: 'New observer link' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Only the interviewer can invite people.',
    );
  });
});
