import { jest } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiRequestError } from '../api/client';
import { ErrorNotice } from './error-notice';

describe('ErrorNotice', () => {
  it('says what failed and lists the fields at fault', () => {
    const error = new ApiRequestError('The request is not valid.', {
      status: 400,
      code: 'INVALID_PAYLOAD',
      retryable: false,
      issues: [{ path: 'password', message: 'Use at least 10 characters.' }],
    });
    render(<ErrorNotice error={error} />);
    expect(screen.getByRole('alert')).toHaveTextContent('The request is not valid.');
    expect(screen.getByRole('alert')).toHaveTextContent('password: Use at least 10 characters.');
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });

  it('offers a retry only for retryable failures', async () => {
    const onRetry = jest.fn();
    const error = new ApiRequestError('The server could not be reached.', {
      status: null,
      code: null,
      retryable: true,
    });
    render(<ErrorNotice error={error} onRetry={onRetry} />);
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});
