import { afterEach, describe, expect, it } from '@jest/globals';
import { promptById } from '@signal-room/domain';
import type { NextMockResponse } from '@signal-room/protocol';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { restoreFetch, stubFetch } from '../sessions/testing/stub-fetch';
import { NextMockCard } from './next-mock-card';

const PROPOSAL: NextMockResponse = {
  roundType: 'hiring-manager',
  promptId: 'hiring-manager-first-ninety-days',
  targets: ['leadership', 'delivery'],
  reason:
    'Your weakest signals: Leadership & influence scored 2; Delivery & product judgment scored 2. ' +
    'Hiring-manager conversation makes them primary.',
};

function NewSessionStandIn() {
  const { search } = useLocation();
  return <h1>New session {search}</h1>;
}

function renderCard(reply: { status?: number; body: unknown }) {
  stubFetch(({ url }) => (url === '/api/history/next-mock' ? reply : undefined));
  render(
    <MemoryRouter initialEntries={['/dashboard']}>
      <Routes>
        <Route path="/dashboard" element={<NextMockCard />} />
        <Route path="/sessions/new" element={<NewSessionStandIn />} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('NextMockCard', () => {
  afterEach(restoreFetch);

  it('shows the proposed round, prompt, signals aimed at and why', async () => {
    renderCard({ body: PROPOSAL });
    const card = await screen.findByRole('region', { name: 'Your next mock' });
    expect(await within(card).findByText('Hiring-manager conversation')).toBeInTheDocument();
    expect(
      within(card).getByText(promptById('hiring-manager-first-ninety-days')?.title ?? '-'),
    ).toBeInTheDocument();
    const aimed = within(card).getByRole('list', { name: 'Aimed at' });
    expect(
      within(aimed)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Leadership & influence', 'Delivery & product judgment']);
    expect(within(card).getByText(PROPOSAL.reason)).toBeInTheDocument();
  });

  it('starts session creation with the round and prompt filled in', async () => {
    const user = userEvent.setup();
    renderCard({ body: PROPOSAL });
    await user.click(await screen.findByRole('link', { name: 'Start this round' }));
    expect(
      screen.getByRole('heading', {
        name: 'New session ?round=hiring-manager&prompt=hiring-manager-first-ninety-days',
      }),
    ).toBeInTheDocument();
  });

  it('asks for a prompt of your own once the bank has none left for you', async () => {
    const user = userEvent.setup();
    renderCard({
      body: { ...PROPOSAL, promptId: null, reason: 'You have answered every prompt.' },
    });
    expect(await screen.findByText('A prompt of your own')).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Start this round' }));
    expect(
      screen.getByRole('heading', { name: 'New session ?round=hiring-manager&prompt=custom' }),
    ).toBeInTheDocument();
  });

  it('says when the proposal cannot be loaded, and tries again on request', async () => {
    const user = userEvent.setup();
    let calls = 0;
    stubFetch(({ url }) => {
      if (url !== '/api/history/next-mock') return undefined;
      calls += 1;
      return calls === 1
        ? {
            status: 503,
            body: { error: { code: 'UNAVAILABLE', message: 'Try later.', retryable: true } },
          }
        : { body: PROPOSAL };
    });
    render(
      <MemoryRouter>
        <NextMockCard />
      </MemoryRouter>,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('Try later.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(PROPOSAL.reason)).toBeInTheDocument();
  });
});
