import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { requestsTo, restoreFetch, stubFetch } from '../sessions/testing/stub-fetch';
import AccountPage from './account-page';
import { getAuth, setAuth } from './auth-store';
import { SIGNED_IN as AUTH } from '../testing/auth-fixtures';

function renderPage() {
  render(
    <MemoryRouter>
      <AccountPage />
    </MemoryRouter>,
  );
}

describe('AccountPage', () => {
  beforeEach(() => setAuth(AUTH));
  afterEach(() => {
    restoreFetch();
    // Unmounted first: the page would otherwise re-render on the sign-out, outside the test.
    cleanup();
    setAuth(null);
  });

  it('changes the password, keeps the fresh token and empties the form', async () => {
    const fetchMock = stubFetch(() => ({ body: { ...AUTH, token: 'token-2' } }));
    const user = userEvent.setup();
    renderPage();

    await user.type(screen.getByLabelText('Current password'), 'correct horse battery');
    await user.type(screen.getByLabelText('New password'), 'a fresh and longer passphrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));

    expect(await screen.findByRole('status')).toHaveTextContent(/Password changed/);
    expect(getAuth()?.token).toBe('token-2');
    expect(requestsTo(fetchMock, 'POST', '/api/auth/password')).toEqual([
      { currentPassword: 'correct horse battery', newPassword: 'a fresh and longer passphrase' },
    ]);
    expect(screen.getByLabelText('Current password')).toHaveValue('');
    expect(screen.getByLabelText('New password')).toHaveValue('');
  });

  it('checks the new password’s length before sending, and shows the server’s refusal', async () => {
    const fetchMock = stubFetch(() => ({
      status: 400,
      body: {
        error: {
          code: 'INVALID_PAYLOAD',
          message: 'The request is not valid.',
          retryable: false,
          issues: [{ path: 'newPassword', message: 'This is one of the most common passwords.' }],
        },
      },
    }));
    const user = userEvent.setup();
    renderPage();

    await user.type(screen.getByLabelText('Current password'), 'correct horse battery');
    await user.type(screen.getByLabelText('New password'), 'too short');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(screen.getByLabelText('New password')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('New password')).toHaveFocus();
    expect(fetchMock).not.toHaveBeenCalled();

    await user.clear(screen.getByLabelText('New password'));
    await user.type(screen.getByLabelText('New password'), 'password1234');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'newPassword: This is one of the most common',
    );
    expect(getAuth()?.token).toBe('token-1');
  });
});
