import { describe, expect, it, jest } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RoomCommandType, RoomState, Scorecard } from '@signal-room/domain';
import { emptyScores } from '@signal-room/domain';
import { MemoryRouter } from 'react-router';
import type { RoomActions } from './room-actions';
import { StaffView } from './staff-view';
import {
  INTERVIEWER_ID,
  MINUTE,
  NOW,
  OBSERVER_ID,
  interviewerCard,
  liveRoom,
  roomState,
  shownTo,
} from './testing/room-fixtures';

function setup(state: RoomState, role: 'interviewer' | 'observer') {
  const send = jest.fn((_type: RoomCommandType, _payload: unknown) => 'event-id');
  const actions: RoomActions = { send, serverNow: () => NOW };
  const viewerId = role === 'interviewer' ? INTERVIEWER_ID : OBSERVER_ID;
  const shown = shownTo(state, { userId: viewerId, role });
  render(
    <MemoryRouter>
      <StaffView
        state={shown.state}
        role={role}
        viewerId={viewerId}
        pending={[]}
        unsent={shown.unsent}
        actions={actions}
      />
    </MemoryRouter>,
  );
  return { send, user: userEvent.setup() };
}

describe('StaffView', () => {
  it('gives the interviewer the controls that run the round', async () => {
    const { send, user } = setup(liveRoom(), 'interviewer');

    await user.click(screen.getByRole('button', { name: '+5 min' }));
    expect(send).toHaveBeenLastCalledWith('timer.extend', { byMs: 300_000 });

    await user.click(screen.getByRole('button', { name: 'Reveal prompt' }));
    expect(send).toHaveBeenLastCalledWith('prompt.reveal', {});

    await user.click(screen.getByRole('button', { name: 'Clarify scope' }));
    expect(send).toHaveBeenLastCalledWith('phase.change', { phaseId: 'clarify-scope' });

    await user.click(screen.getByRole('button', { name: 'Narrow scope on purpose' }));
    expect(send).toHaveBeenLastCalledWith('move.mark', {
      move: 'narrow-scope',
      offsetMs: 2 * MINUTE,
    });

    await user.click(screen.getByRole('button', { name: 'Ignored a hint' }));
    expect(send).toHaveBeenLastCalledWith('flag.mark', {
      flag: 'ignored-hint',
      offsetMs: 2 * MINUTE,
    });
  });

  it('lists what to watch for to the interviewer, who ticks an item when it is said', async () => {
    const watched: RoomState = {
      ...liveRoom(),
      watchFor: [
        {
          id: 'w1',
          signal: 'production',
          intent: 'I capped retries so one tenant cannot flood the queue.',
          fromSessionId: 's0',
          seenAtMs: null,
        },
      ],
    };
    const { send, user } = setup(watched, 'interviewer');
    const list = screen.getByRole('region', { name: 'Watch for' });
    expect(list).toHaveTextContent('I capped retries so one tenant cannot flood the queue.');
    const tick = within(list).getByRole('button', { name: /^Heard.*Production judgment/ });
    expect(tick).toHaveAttribute('aria-pressed', 'false');
    await user.click(tick);
    expect(send).toHaveBeenLastCalledWith('watch.tick', { itemId: 'w1', offsetMs: 2 * MINUTE });
  });

  it('keeps the invite links within reach of the interviewer while the round runs', () => {
    setup(liveRoom(), 'interviewer');
    const invites = screen.getByRole('region', { name: 'Invite people' });
    expect(within(invites).getByRole('button', { name: 'Invite people' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
  });

  it('ends the session only after a confirmation', async () => {
    const { send, user } = setup(liveRoom(), 'interviewer');
    await user.click(screen.getByRole('button', { name: 'End session' }));
    expect(send).not.toHaveBeenCalled();
    const confirm = screen.getByRole('alertdialog');
    expect(within(confirm).getByRole('button', { name: 'Keep going' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'End now' }));
    expect(send).toHaveBeenCalledWith('session.end', {});
  });

  it.each([
    [null, /you have not written your summary yet/],
    [{ text: 'Framed it well.', practiseNext: 'Say the trade-off.' }, /with your summary/],
  ])(
    'warns in coaching mode that ending releases the feedback (summary %p)',
    async (summary, warning) => {
      const { user } = setup(liveRoom({ visibility: 'coaching', summary }), 'interviewer');
      await user.click(screen.getByRole('button', { name: 'End session' }));
      expect(screen.getByRole('alertdialog')).toHaveTextContent(warning);
    },
  );

  it('measures coverage of the expected signals against the time left', () => {
    setup(
      liveRoom({ scorecards: { [INTERVIEWER_ID]: interviewerCard('Asked about volume') } }),
      'interviewer',
    );
    const coverage = screen.getByRole('region', { name: 'Coverage' });
    expect(coverage).toHaveTextContent('1 of 5 expected signals have evidence · 43:00 left');
    expect(coverage).toHaveTextContent(
      'No evidence yet for primary signals: Architectural judgment, Production judgment.',
    );
  });

  it('leaves the interviewer-only controls out for an observer, who still scores privately', () => {
    setup(
      liveRoom({
        moves: [{ id: 'm1', move: 'narrow-scope', offsetMs: 30_000, authorId: INTERVIEWER_ID }],
      }),
      'observer',
    );
    for (const name of [
      '+5 min',
      'End session',
      'Pause',
      'Reveal prompt',
      'Clarify scope',
      'Undo',
    ]) {
      expect(
        screen.queryByRole('button', { name: new RegExp(`^${name.replace('+', '\\+')}`) }),
      ).not.toBeInTheDocument();
    }
    expect(screen.getByText('Narrow scope on purpose')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Invite people' })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Your private scorecard' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'What did the candidate do?' })).toBeEnabled();
  });

  it('shows the observer their scorecard beside the interviewer’s once the round has ended', () => {
    const observerCard: Scorecard = {
      scorerId: OBSERVER_ID,
      scores: { ...emptyScores(), framing: 4 },
      evidence: [],
    };
    setup(
      roomState({
        status: 'ended',
        participants: {
          ...roomState().participants,
          [OBSERVER_ID]: { userId: OBSERVER_ID, displayName: 'Oz', role: 'observer', online: true },
        },
        scorecards: {
          [INTERVIEWER_ID]: interviewerCard('Asked about volume'),
          [OBSERVER_ID]: observerCard,
        },
      }),
      'observer',
    );
    const table = screen.getByRole('table');
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent);
    expect(headers).toEqual(['Signal', 'You', 'Ivy (interviewer)']);
    const framing = within(table).getByRole('row', { name: /Problem framing/ });
    expect(framing).toHaveTextContent('4 · Strong');
    expect(framing).toHaveTextContent('2 · Below competent');
    expect(framing).toHaveTextContent('2+ apart');
    expect(screen.queryByRole('button', { name: 'Release feedback' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Preview the feedback' })).toBeInTheDocument();
    // Releasing is the interviewer's to do, and the observer is told so.
    expect(
      screen.getByText(/The candidate sees it once the interviewer releases it\./),
    ).toBeInTheDocument();
    expect(screen.queryByText(/once you release it/)).not.toBeInTheDocument();
  });

  it('tells the interviewer the candidate sees the feedback once they release it', () => {
    setup(roomState({ status: 'ended' }), 'interviewer');
    expect(screen.getByRole('button', { name: 'Release feedback' })).toBeInTheDocument();
    expect(screen.getByText(/The candidate sees it once you release it\./)).toBeInTheDocument();
  });
});
