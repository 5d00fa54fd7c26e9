import { describe, expect, it } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PaneJumps } from './pane-jumps';

describe('PaneJumps', () => {
  it('brings the chosen part of the pane into view and hands it the keyboard', async () => {
    const user = userEvent.setup();
    render(
      <>
        <PaneJumps
          jumps={[
            { label: 'Note', target: 'part-note' },
            { label: 'Scorecard', target: 'part-scorecard' },
          ]}
        />
        <div id="part-note" tabIndex={-1}>
          Note box
        </div>
        <div id="part-scorecard" tabIndex={-1}>
          Scorecard
        </div>
      </>,
    );
    const nav = screen.getByRole('navigation', { name: 'Parts of this pane' });
    await user.click(within(nav).getByRole('button', { name: 'Scorecard' }));
    expect(document.activeElement?.id).toBe('part-scorecard');
    await user.click(within(nav).getByRole('button', { name: 'Note' }));
    expect(document.activeElement?.id).toBe('part-note');
  });
});
