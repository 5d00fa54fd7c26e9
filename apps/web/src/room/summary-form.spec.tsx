import { describe, expect, it, jest } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RoomCommandType, RoomState } from '@signal-room/domain';
import { SUMMARY_LIMITS } from '@signal-room/protocol';
import type { QueuedCommand } from '@signal-room/room-client';
import type { RoomActions } from './room-actions';
import { SummaryForm } from './summary-form';
import { liveRoom, NOW, roomState } from './testing/room-fixtures';

function setup(state: RoomState, pending: readonly QueuedCommand[] = []) {
  const send = jest.fn((_type: RoomCommandType, _payload: unknown) => 'event-id');
  const actions: RoomActions = { send, serverNow: () => NOW };
  render(<SummaryForm state={state} pending={pending} actions={actions} />);
  return { send, user: userEvent.setup() };
}

const field = (name: string) => screen.getByLabelText(name);
const save = () => screen.getByRole('button', { name: 'Save the summary' });

describe('SummaryForm', () => {
  it('sends the summary and the one thing to practise next, trimmed, once both are written', async () => {
    const { send, user } = setup(liveRoom());
    expect(save()).toBeDisabled();
    await user.type(field('How the round went'), '  You framed the problem well.  ');
    expect(save()).toBeDisabled();
    expect(screen.getByText(/Write both/)).toBeInTheDocument();
    await user.type(field('One thing to practise next'), ' Say each trade-off aloud. ');
    await user.click(save());
    expect(send).toHaveBeenCalledWith('summary.write', {
      text: 'You framed the problem well.',
      practiseNext: 'Say each trade-off aloud.',
    });
  });

  it('bounds both fields by the limits the server checks', () => {
    setup(liveRoom());
    expect(field('How the round went')).toHaveAttribute('maxLength', String(SUMMARY_LIMITS.text));
    expect(field('One thing to practise next')).toHaveAttribute(
      'maxLength',
      String(SUMMARY_LIMITS.practiseNext),
    );
  });

  it('starts from the saved summary, says it is saved, and tells unsaved changes apart', async () => {
    const summary = { text: 'Clear framing.', practiseNext: 'Name the risk.' };
    const { user } = setup(roomState({ status: 'ended', summary }));
    expect(field('How the round went')).toHaveValue('Clear framing.');
    expect(screen.getByRole('status')).toHaveTextContent('Saved.');
    expect(save()).toBeDisabled();
    await user.type(field('One thing to practise next'), ' first');
    expect(screen.getByRole('status')).toHaveTextContent('You have changes that are not saved.');
    expect(save()).toBeEnabled();
  });

  it('says a save is still on its way', () => {
    const pending: QueuedCommand[] = [
      {
        clientEventId: 'c1',
        type: 'summary.write',
        payload: { text: 'Clear framing.', practiseNext: 'Name the trade-off.' },
        queuedAt: NOW,
      },
    ];
    setup(liveRoom(), pending);
    expect(screen.getByRole('status')).toHaveTextContent('Saving (not sent yet)…');
  });

  it.each([
    ['coaching', /reads it when the round ends/],
    ['private', /reads it when you release the feedback/],
  ] as const)(
    'tells the interviewer of a %s round when the candidate reads it',
    (visibility, when) => {
      setup(liveRoom({ visibility }));
      expect(screen.getByText(when)).toBeInTheDocument();
    },
  );

  it('closes once the feedback is released, showing what the candidate reads', () => {
    const summary = { text: 'Clear framing.', practiseNext: 'Name the risk.' };
    setup(roomState({ status: 'ended', feedbackReleased: true, summary }));
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.getByText('Clear framing.')).toBeInTheDocument();
    expect(screen.getByText('Name the risk.')).toBeInTheDocument();
  });
});
