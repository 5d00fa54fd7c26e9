import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { getAuth, setAuth } from './auth-store';
import SignInPage from './sign-in-page';
import { heldReply, requestsTo, restoreFetch, stubFetch } from '../sessions/testing/stub-fetch';
import { SIGNED_IN as AUTH } from '../testing/auth-fixtures';

// Declarative routing: the data router needs the Fetch API's Request, which jsdom lacks.
function renderAt(path: string) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/signin" element={<SignInPage />} />
        <Route path="/dashboard" element={<h1>Dashboard</h1>} />
        <Route path="/join/:token" element={<h1>Join page</h1>} />
      </Routes>
    </MemoryRouter>,
  );
}

async function fillIn(user: ReturnType<typeof userEvent.setup>, email: string, password: string) {
  await user.type(screen.getByLabelText('Email'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInPage', () => {
  beforeEach(() => setAuth(null));
  afterEach(() => {
    restoreFetch();
    setAuth(null);
  });

  it('points at the fields to fix before sending anything', async () => {
    const fetchMock = stubFetch(() => ({ body: AUTH }));
    const user = userEvent.setup();
    renderAt('/signin');

    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const email = screen.getByLabelText('Email');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription(/Enter your email address/);
    expect(email).toHaveFocus();
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password.');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows the server’s refusal, with the fields at fault', async () => {
    stubFetch(() => ({
      status: 400,
      body: {
        error: {
          code: 'INVALID_PAYLOAD',
          message: 'The request is not valid.',
          retryable: false,
          issues: [{ path: 'email', message: 'Unknown domain.' }],
        },
      },
    }));
    const user = userEvent.setup();
    renderAt('/signin');

    await fillIn(user, 'ada@example.com', 'correct horse battery');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The request is not valid.');
    expect(alert).toHaveTextContent('email: Unknown domain.');
    expect(getAuth()).toBeNull();
    expect(screen.getByRole('button', { name: 'Sign in' })).not.toHaveAttribute(
      'aria-disabled',
      'true',
    );
  });

  it('says plainly when the email or password is wrong', async () => {
    stubFetch(() => ({
      status: 401,
      body: {
        error: {
          code: 'INVALID_CREDENTIALS',
          message: 'That email and password do not match.',
          retryable: false,
        },
      },
    }));
    const user = userEvent.setup();
    renderAt('/signin');

    await fillIn(user, 'ada@example.com', 'wrong password');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That email and password do not match.',
    );
  });

  it('shows it is busy, then stores the session and goes where it was asked to', async () => {
    const held = heldReply({ body: AUTH });
    const fetchMock = stubFetch(() => held.reply);
    const user = userEvent.setup();
    renderAt(`/signin?next=${encodeURIComponent('/join/abc')}`);

    await fillIn(user, 'Ada@Example.com', 'correct horse battery');

    const busy = screen.getByRole('button', { name: 'Signing in…' });
    expect(busy).toHaveAttribute('aria-disabled', 'true');
    held.release();

    expect(await screen.findByRole('heading', { name: 'Join page' })).toBeInTheDocument();
    expect(getAuth()).toEqual(AUTH);
    expect(requestsTo(fetchMock, 'POST', '/api/auth/login')).toEqual([
      {
        email: 'ada@example.com',
        password: 'correct horse battery',
      },
    ]);
  });

  it('goes to the dashboard when `next` is not a path on this site', async () => {
    stubFetch(() => ({ body: AUTH }));
    const user = userEvent.setup();
    renderAt(`/signin?next=${encodeURIComponent('//evil.example/x')}`);

    await fillIn(user, 'ada@example.com', 'correct horse battery');

    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeInTheDocument();
  });

  it('keeps `next` on the link to create an account', () => {
    renderAt(`/signin?next=${encodeURIComponent('/join/abc')}`);
    expect(screen.getByRole('link', { name: 'Create an account' })).toHaveAttribute(
      'href',
      `/signup?next=${encodeURIComponent('/join/abc')}`,
    );
  });
});
