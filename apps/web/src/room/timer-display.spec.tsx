import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { act, render, screen } from '@testing-library/react';
import type { TimerState } from '@signal-room/domain';
import { MINUTE, NOW } from './testing/room-fixtures';
import { TimerDisplay } from './timer-display';

const timer = (change: Partial<TimerState>): TimerState => ({
  durationMs: 45 * MINUTE,
  elapsedMs: 0,
  runningSince: null,
  ...change,
});

const clock = () => screen.getByRole('timer');
const announcement = () => document.querySelector('[aria-live="polite"]');

describe('TimerDisplay', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('renders the time left from the timer state and the server clock while it runs', () => {
    render(
      <TimerDisplay
        timer={timer({ elapsedMs: 5 * MINUTE, runningSince: NOW - 90_000 })}
        status="live"
        serverNow={() => NOW}
      />,
    );
    expect(clock()).toHaveTextContent('38:30');
    expect(screen.getByText('Running')).toBeInTheDocument();
    expect(announcement()).toHaveTextContent('38 minutes left.');
  });

  it('holds still while paused, however the clock moves', () => {
    let now = NOW;
    jest.useFakeTimers();
    render(
      <TimerDisplay
        timer={timer({ elapsedMs: 10 * MINUTE })}
        status="live"
        serverNow={() => now}
      />,
    );
    expect(clock()).toHaveTextContent('35:00');
    expect(screen.getByText('Paused')).toBeInTheDocument();
    now += 10 * MINUTE;
    act(() => jest.advanceTimersByTime(10_000));
    expect(clock()).toHaveTextContent('35:00');
    expect(announcement()).toHaveTextContent('35 minutes left, timer paused.');
  });

  it('ticks locally every second but announces the minute only when it changes', () => {
    let now = NOW;
    jest.useFakeTimers();
    render(
      <TimerDisplay
        timer={timer({ runningSince: NOW - 30_000 })}
        status="live"
        serverNow={() => now}
      />,
    );
    expect(clock()).toHaveTextContent('44:30');
    expect(announcement()).toHaveTextContent('44 minutes left.');

    now += 1000;
    act(() => jest.advanceTimersByTime(1000));
    expect(clock()).toHaveTextContent('44:29');
    expect(announcement()).toHaveTextContent('44 minutes left.');

    now += 30_000;
    act(() => jest.advanceTimersByTime(30_000));
    expect(clock()).toHaveTextContent('43:59');
    expect(announcement()).toHaveTextContent('43 minutes left.');
  });

  it('never shows a negative time once the round has overrun', () => {
    render(
      <TimerDisplay
        timer={timer({ elapsedMs: 40 * MINUTE, runningSince: NOW - 2 * 60 * MINUTE })}
        status="live"
        serverNow={() => NOW}
      />,
    );
    expect(clock()).toHaveTextContent('00:00');
    expect(screen.getByText('Time is up')).toBeInTheDocument();
  });

  it('shows the whole duration before the start and says the round has not begun', () => {
    render(<TimerDisplay timer={timer({})} status="waiting" serverNow={() => NOW} />);
    expect(clock()).toHaveTextContent('45:00');
    expect(screen.getByText('Not started')).toBeInTheDocument();
  });

  it('rounds the last partial second up, so 00:00 means the time is really up', () => {
    render(
      <TimerDisplay
        timer={timer({ durationMs: MINUTE, runningSince: NOW - 400 })}
        status="live"
        serverNow={() => NOW}
      />,
    );
    expect(clock()).toHaveTextContent('01:00');
  });

  it('says the round ended and how long it ran, not the time that was left', () => {
    render(
      <TimerDisplay
        timer={timer({ elapsedMs: 41 * MINUTE + 10_000 - 400 })}
        status="ended"
        serverNow={() => NOW}
      />,
    );
    expect(clock()).toHaveTextContent(/^41:09$/);
    expect(screen.getByText('Ended after').parentElement).toHaveTextContent(/^Ended after41:09/);
    expect(screen.queryByText(/03:51/)).not.toBeInTheDocument();
    expect(announcement()).toHaveTextContent('The round has ended.');
  });
});
