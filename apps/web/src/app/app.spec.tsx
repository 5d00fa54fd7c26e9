import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RouterProvider, createMemoryRouter } from 'react-router';
import { setAuth } from '../auth/auth-store';
import { restoreFetch, stubFetch } from '../sessions/testing/stub-fetch';
import { routes } from './app';
import { SIGNED_IN as ME } from '../testing/auth-fixtures';
import { FIRST_MOCK } from '../testing/next-mock-fixtures';

// Two pages that fail, the way pages do: one whose code never arrives (a deploy replaced it),
// one that throws while drawing.
jest.mock('../history/history-page', () => {
  throw new TypeError(
    'Failed to fetch dynamically imported module: http://localhost/assets/history-page-1a2b3c.js',
  );
});
jest.mock('../auth/account-page', () => ({
  __esModule: true,
  default: () => {
    throw new Error('Cannot read properties of undefined (reading "displayName")');
  },
}));

function renderAt(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<RouterProvider router={router} />);
  return router;
}

describe('the app routes', () => {
  beforeEach(() => {
    stubFetch(({ url }) => {
      if (url === '/api/sessions') return { body: { sessions: [] } };
      if (url === '/api/history/next-mock') return { body: FIRST_MOCK };
      if (url === '/api/catalog') return { status: 503, body: null };
      return undefined;
    });
  });
  afterEach(() => {
    cleanup();
    restoreFetch();
    setAuth(null);
    jest.restoreAllMocks();
  });

  it('shows a signed-out visitor the front page at /', async () => {
    renderAt('/');
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: /^Mock interviews for senior engineers/,
      }),
    ).toBeVisible();
  });

  it('sends a signed-in person from / to their sessions', async () => {
    setAuth(ME);
    const router = renderAt('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Your sessions' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/dashboard');
  });

  it('answers an unknown address with a page that says so, and stays at that address', async () => {
    const router = renderAt('/sessons/new');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'There is no page at this address' }),
    ).toBeVisible();
    expect(screen.getByText('/sessons/new')).toBeVisible();
    expect(router.state.location.pathname).toBe('/sessons/new');
    expect(screen.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '/');
    expect(screen.getByRole('link', { name: 'See the signals and rounds' })).toHaveAttribute(
      'href',
      '/catalog',
    );
    // The header stays, so the rest of the site is one click away.
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeVisible();
  });

  it('says a page whose code did not arrive needs a reload, under the header', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    setAuth(ME);
    renderAt('/history');

    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByRole('heading', { level: 1, name: 'This page could not be loaded' }),
    ).toBeVisible();
    expect(alert).toHaveTextContent('may have been updated since you opened it');
    expect(within(alert).getByRole('button', { name: 'Reload the page' })).toBeVisible();
    expect(within(alert).getByRole('link', { name: 'Go to your sessions' })).toHaveAttribute(
      'href',
      '/dashboard',
    );
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeVisible();
  });

  it('replaces a page that fails to draw with an error page, and the way back works', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    setAuth(ME);
    const user = userEvent.setup();
    renderAt('/account');

    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByRole('heading', { level: 1, name: 'Something went wrong on this page' }),
    ).toBeVisible();
    expect(within(alert).getByRole('button', { name: 'Reload the page' })).toBeVisible();
    expect(within(alert).getByText('Details for a bug report')).toBeInTheDocument();
    expect(alert).toHaveTextContent('reading "displayName"');

    await user.click(within(alert).getByRole('link', { name: 'Go to your sessions' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Your sessions' })).toBeVisible();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
