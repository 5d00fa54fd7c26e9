import { describe, expect, it } from '@jest/globals';
import type { ProgressResponse } from '@signal-room/protocol';
import { render, screen, within } from '@testing-library/react';
import { uuid } from '../testing/feedback-fixtures';
import { DrillsDone } from './drills-done';
import { HiddenByRound } from './hidden-by-round';

const ROUNDS: ProgressResponse['rounds'] = [
  {
    sessionId: uuid(1),
    roundType: 'system-design',
    endedAt: '2026-12-01T12:00:00.000Z',
    hiddenSignals: ['production', 'delivery'],
    auditHeard: 0,
  },
  {
    sessionId: uuid(2),
    roundType: 'system-design',
    endedAt: '2026-12-08T12:00:00.000Z',
    hiddenSignals: [],
    auditHeard: 2,
  },
];

describe('progress tables', () => {
  it('shows round by round what stayed hidden and how many audit entries were heard', () => {
    render(<HiddenByRound rounds={ROUNDS} />);
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['System design', '2', 'Production judgment, Delivery & product judgment', '0'],
      ['System design', '0', 'None: every expected signal had evidence', '2'],
    ]);
    expect(screen.getByRole('columnheader', { name: 'Audit entries heard' })).toBeInTheDocument();
  });

  it('lists each drill done, how often and when last, or says none is', () => {
    const { rerender } = render(<DrillsDone drills={[]} />);
    expect(screen.getByText('No drill done yet.')).toBeInTheDocument();
    rerender(
      <DrillsDone
        drills={[
          { drill: 'round-to-signal-map', count: 1, lastDoneAt: '2026-12-01T12:00:00.000Z' },
          { drill: 'signal-balanced-story', count: 3, lastDoneAt: '2026-12-08T12:00:00.000Z' },
        ]}
      />,
    );
    const items = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(items[0]).toMatch(/^Round-to-signal map: once, last on /);
    expect(items[1]).toMatch(/^Signal-balanced project story: 3 times, last on /);
  });
});
