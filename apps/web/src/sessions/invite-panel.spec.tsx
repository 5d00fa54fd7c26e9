import { afterEach, describe, expect, it } from '@jest/globals';
import type { Invite } from '@signal-room/protocol';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InvitePanel } from './invite-panel';
import { requestsTo, restoreFetch, stubFetch } from './testing/stub-fetch';

const SESSION_ID = '5a0c8e2b-1d3f-4b6a-8c9e-2f4a6b8c0d1e';
const INVITES = `/api/sessions/${SESSION_ID}/invites`;

const invite = (overrides: Partial<Invite>): Invite => ({
  id: '7d9f1b3c-5e7a-4c2e-9b1d-3f5a7c9e1b2d',
  sessionId: SESSION_ID,
  role: 'candidate',
  token: null,
  url: null,
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
    render(<InvitePanel sessionId={SESSION_ID} />);

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
    const active = invite({ usedBy: ['1c3e5a7b-9d1f-4a2c-8e4a-6b8d0f2a4c6e'] });
    const observer = invite({
      id: '2b4d6f8a-0c2e-4f6a-9b3d-5e7f9a1c3e5f',
      role: 'observer',
      revokedAt: '2026-02-01T09:00:00.000Z',
    });
    const fetchMock = stubFetch(({ method, url }) => {
      if (method === 'GET' && url === INVITES) return { body: [active, observer] };
      if (method === 'DELETE' && url === `${INVITES}/${active.id}`) {
        return { body: { ...active, revokedAt: '2026-03-01T09:00:00.000Z' } };
      }
      return undefined;
    });
    const user = userEvent.setup();
    render(<InvitePanel sessionId={SESSION_ID} />);

    const list = await screen.findByRole('list');
    const [observerRow, candidateRow] = within(list).getAllByRole('listitem');
    expect(candidateRow).toHaveTextContent('Candidate link');
    expect(candidateRow).toHaveTextContent('Active');
    expect(candidateRow).toHaveTextContent('Used by 1 person');
    expect(observerRow).toHaveTextContent('Revoked');
    expect(within(observerRow).queryByRole('button')).not.toBeInTheDocument();
    // Addresses of older links are not known here, and the panel says why.
    expect(screen.getByText(/shown only when it is made/)).toBeInTheDocument();

    await user.click(within(candidateRow).getByRole('button', { name: /^Revoke candidate link/ }));

    expect(await within(candidateRow).findByText('Revoked')).toBeInTheDocument();
    expect(within(candidateRow).queryByRole('button')).not.toBeInTheDocument();
    expect(candidateRow).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent('Candidate link revoked.');
    expect(requestsTo(fetchMock, 'DELETE', `${INVITES}/${active.id}`)).toHaveLength(1);
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
    render(<InvitePanel sessionId={SESSION_ID} />);

    await user.click(await screen.findByRole('button', { name: 'New observer link' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Only the interviewer can invite people.',
    );
  });
});
