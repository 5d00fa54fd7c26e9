import { describe, expect, it } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import { ConnectionStatus } from './connection-status';

describe('ConnectionStatus', () => {
  it('says when everything is saved', () => {
    render(<ConnectionStatus status="online" pending={0} joinedBefore />);
    expect(screen.getByText('Online · all changes saved')).toBeInTheDocument();
  });

  it('counts what is still being sent while online', () => {
    render(<ConnectionStatus status="online" pending={2} joinedBefore />);
    expect(screen.getByText('Online · sending 2 changes…')).toBeInTheDocument();
  });

  it('never goes silent offline: it says how many changes wait on this device', () => {
    render(<ConnectionStatus status="offline" pending={3} joinedBefore />);
    expect(
      screen.getByText(
        'Offline · trying to reconnect… · 3 changes not sent yet, kept on this device',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Connection lost.');
  });

  it('tells a first connection from a reconnect', () => {
    const { rerender } = render(
      <ConnectionStatus status="connecting" pending={0} joinedBefore={false} />,
    );
    expect(screen.getByText('Connecting…')).toBeInTheDocument();
    rerender(<ConnectionStatus status="connecting" pending={1} joinedBefore />);
    expect(
      screen.getByText('Reconnecting… · 1 change not sent yet, kept on this device'),
    ).toBeInTheDocument();
  });
});
