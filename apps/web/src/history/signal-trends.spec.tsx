import { describe, expect, it } from '@jest/globals';
import type { TrendsResponse } from '@signal-room/protocol';
import { render, screen, within } from '@testing-library/react';
import { uuid } from '../testing/feedback-fixtures';
import { SignalTrends } from './signal-trends';

// Two rounds on 1 December (the same day from UTC-10 to UTC+10), and one the week after.
const TRENDS: TrendsResponse = {
  signals: [
    {
      signal: 'framing',
      points: [
        {
          sessionId: uuid(21),
          roundType: 'system-design',
          endedAt: '2025-12-01T10:00:00.000Z',
          score: 3,
          selfScore: 3,
        },
        {
          sessionId: uuid(22),
          roundType: 'coding-screen',
          endedAt: '2025-12-01T13:30:00.000Z',
          score: 4,
          selfScore: 2,
        },
        {
          sessionId: uuid(23),
          roundType: 'behavioral',
          endedAt: '2025-12-08T12:00:00.000Z',
          score: 4,
          selfScore: null,
        },
      ],
    },
  ],
};

function renderTrend() {
  const { container } = render(<SignalTrends trends={TRENDS} />);
  return container.querySelector('.recharts-wrapper') as HTMLElement;
}

describe('SignalTrends', () => {
  it('tells two rounds on one day apart, on the axis and in the table', () => {
    const chart = renderTrend();
    const ticks = Array.from(
      chart.querySelectorAll('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value'),
      (tick) => tick.textContent,
    );
    expect(ticks).toHaveLength(3);
    expect(new Set(ticks).size).toBe(3);
    expect(ticks[0]).toMatch(/Dec 1, /);
    expect(ticks[2]).toBe('Dec 8');

    const table = screen.getByRole('table', { name: /Problem framing/ });
    const dates = within(table)
      .getAllByRole('rowheader')
      .map((cell) => cell.textContent);
    expect(new Set(dates).size).toBe(3);
  });

  it('shows both markers where the self-assessment equals the interviewer’s score', () => {
    const chart = renderTrend();
    const circles = chart.querySelectorAll('circle');
    const squares = Array.from(chart.querySelectorAll('rect[stroke]'));
    expect(circles).toHaveLength(3);
    expect(squares).toHaveLength(2);
    // Over the circle of the first round, the square is hollow and wider than the circle.
    const [same, apart] = squares;
    expect(same).toHaveAttribute('fill', 'none');
    expect(Number(same?.getAttribute('width'))).toBeGreaterThan(2 * 3.5 + 2);
    expect(apart).toHaveAttribute('fill', '#ffffff');
    expect(screen.getByText(/round marker inside a square/)).toBeInTheDocument();
  });
});
