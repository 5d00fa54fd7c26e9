import { describe, expect, it, jest } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RefusalAlert } from './refusal-alert';

describe('RefusalAlert', () => {
  it('shows the server’s reason, gives a refused note back, and can be dismissed', async () => {
    const onDismiss = jest.fn();
    render(
      <RefusalAlert
        refusal={{
          type: 'evidence.add',
          error: {
            code: 'INVALID_STATE',
            message: 'Feedback is released: the scorecards are closed.',
            retryable: false,
          },
          payload: { signal: 'framing', polarity: 'strong', note: 'Asked about volume' },
        }}
        onDismiss={onDismiss}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Not done: Save evidence');
    expect(alert).toHaveTextContent('Feedback is released: the scorecards are closed.');
    expect(alert).toHaveTextContent('Your note was: Asked about volume');
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(onDismiss).toHaveBeenCalledTimes(1);
  });
});
