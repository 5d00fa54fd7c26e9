import { describe, expect, it, jest } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RoomCommandType, RoomState } from '@signal-room/domain';
import { emptyScores } from '@signal-room/domain';
import { MemoryRouter } from 'react-router';
import { AfterEndPanel } from './after-end-panel';
import type { RoomActions } from './room-actions';
import { INTERVIEWER_ID, NOW, roomState } from './testing/room-fixtures';

const ended = (change: Partial<RoomState> = {}): RoomState =>
  roomState({ status: 'ended', endedAt: NOW, endReason: 'interviewer', ...change });

const SELF_ASSESSMENT = { scores: emptyScores(), note: 'I ran long on the design.' };

function setup(state: RoomState) {
  const send = jest.fn((_type: RoomCommandType, _payload: unknown) => 'event-id');
  const actions: RoomActions = { send, serverNow: () => NOW };
  const panel = (room: RoomState) => (
    <MemoryRouter>
      <AfterEndPanel
        state={room}
        role="interviewer"
        pending={[]}
        actions={actions}
        summaryId="summary"
      />
    </MemoryRouter>
  );
  const { rerender } = render(panel(state));
  return { send, user: userEvent.setup(), update: (room: RoomState) => rerender(panel(room)) };
}

const releaseButton = () => screen.getByRole('button', { name: 'Release feedback' });

describe('AfterEndPanel: releasing feedback', () => {
  it('asks before releasing ahead of the self-assessment, with waiting as the focused choice', async () => {
    const { send, user } = setup(ended());
    await user.click(releaseButton());
    expect(send).not.toHaveBeenCalled();
    const confirm = screen.getByRole('alertdialog');
    expect(confirm).toHaveTextContent('before the candidate has sent their self-assessment');
    const wait = within(confirm).getByRole('button', { name: 'Wait for the self-assessment' });
    expect(wait).toHaveFocus();

    // Enter on the focused choice waits: nothing is sent, and the release button is back.
    await user.keyboard('{Enter}');
    expect(send).not.toHaveBeenCalled();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();

    await user.click(releaseButton());
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();

    await user.click(releaseButton());
    await user.click(screen.getByRole('button', { name: 'Release without it' }));
    expect(send).toHaveBeenCalledWith('feedback.release', {});
  });

  it('releases at once when the self-assessment is in', async () => {
    const { send, user } = setup(ended({ selfAssessment: SELF_ASSESSMENT }));
    expect(screen.getByText('The candidate has sent their self-assessment.')).toBeInTheDocument();
    await user.click(releaseButton());
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(send).toHaveBeenCalledWith('feedback.release', {});
  });

  it('releases at once when no candidate joined, since no self-assessment can come', async () => {
    const { participants } = ended();
    const { send, user } = setup(
      ended({ participants: { [INTERVIEWER_ID]: participants[INTERVIEWER_ID] } }),
    );
    await user.click(releaseButton());
    expect(send).toHaveBeenCalledWith('feedback.release', {});
  });

  it('tells the interviewer when the self-assessment arrives, closing the question', async () => {
    const { user, update } = setup(ended());
    const status = screen.getByRole('status');
    expect(status).toBeEmptyDOMElement();
    await user.click(releaseButton());
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();

    update(ended({ selfAssessment: SELF_ASSESSMENT }));
    // The same live region, so assistive technology announces the change.
    expect(screen.getByRole('status')).toBe(status);
    expect(status).toHaveTextContent(
      "The candidate's self-assessment has just arrived: you can release the feedback now.",
    );
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(releaseButton()).toBeEnabled();
  });

  it('does not announce a self-assessment that was already in', () => {
    setup(ended({ selfAssessment: SELF_ASSESSMENT }));
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
  });

  it('reminds the interviewer to write a summary until there is one', () => {
    setup(ended());
    expect(screen.getByRole('link', { name: 'Write your summary' })).toHaveAttribute(
      'href',
      '#summary',
    );
  });
});
