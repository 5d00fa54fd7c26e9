import { describe, expect, it } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import FrontPage from './front-page';

function renderPage() {
  render(
    <MemoryRouter>
      <FrontPage />
    </MemoryRouter>,
  );
}

describe('FrontPage', () => {
  it('says what the product is in one heading and one paragraph', () => {
    renderPage();
    expect(
      screen.getByRole('heading', {
        level: 1,
        name: 'Mock interviews for senior engineers, scored on what you actually did',
      }),
    ).toBeVisible();
    expect(screen.getByText(/records evidence against seven signals/)).toBeVisible();
  });

  it('walks through a round in three steps, in order', () => {
    renderPage();
    const how = screen.getByRole('region', { name: 'How a round works' });
    const steps = within(how)
      .getAllByRole('listitem')
      .map((step) => within(step).getByRole('heading', { level: 3 }).textContent);
    expect(steps).toEqual([
      'Create a round',
      'Invite your candidate',
      'Get feedback on which signals showed',
    ]);
  });

  it('starts with an account that goes straight on to a new session, the catalogue one click away', () => {
    renderPage();
    const start = screen.getByRole('link', { name: 'Start a practice round' });
    expect(start).toHaveAttribute('href', `/signup?next=${encodeURIComponent('/sessions/new')}`);
    expect(start).toHaveClass('button--primary');
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute(
      'href',
      `/signin?next=${encodeURIComponent('/sessions/new')}`,
    );
    expect(screen.getByRole('link', { name: 'See the signals and rounds' })).toHaveAttribute(
      'href',
      '/catalog',
    );
  });
});
