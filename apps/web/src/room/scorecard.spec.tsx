import { describe, expect, it, jest } from '@jest/globals';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RoomCommandType } from '@signal-room/domain';
import { describeScore, roundTypeById } from '@signal-room/domain';
import type { RoomActions } from './room-actions';
import type { QueuedCommand } from '@signal-room/room-client';
import { Scorecard } from './scorecard';
import { INTERVIEWER_ID, NOW, liveRoom, shownTo } from './testing/room-fixtures';

const systemDesign = roundTypeById('system-design');

function setup(pending: QueuedCommand[] = []) {
  const send = jest.fn((_type: RoomCommandType, _payload: unknown) => 'event-id');
  const actions: RoomActions = { send, serverNow: () => NOW };
  const { state, unsent } = shownTo(
    liveRoom(),
    { userId: INTERVIEWER_ID, role: 'interviewer' },
    pending,
  );
  render(
    <Scorecard
      roundType={systemDesign}
      card={state.scorecards[INTERVIEWER_ID]}
      viewerId={INTERVIEWER_ID}
      unsent={unsent}
      actions={actions}
    />,
  );
  return { send, user: userEvent.setup() };
}

const group = (name: RegExp) => screen.getByRole('group', { name });

/** The one rubric line the control shows right now. */
function shownDescriptor(control: HTMLElement): string {
  const shown = Array.from(control.querySelectorAll('p')).filter((line) => !line.hidden);
  expect(shown).toHaveLength(1);
  return shown[0]?.textContent ?? '';
}

describe('Scorecard', () => {
  it('badges each of the seven signals with its layer in this round', () => {
    setup();
    expect(group(/Problem framing/)).toHaveAccessibleName(/Primary/);
    expect(group(/Delivery & product judgment/)).toHaveAccessibleName(/Secondary/);
    expect(group(/Communication & reflection/)).toHaveAccessibleName(/Floor/);
    expect(group(/Leadership & influence/)).toHaveAccessibleName(/Not sampled/);
    expect(screen.getAllByRole('group')).toHaveLength(7);
  });

  it('shows the rubric descriptor of the score being chosen and sends score.set', async () => {
    const { send, user } = setup();
    const framing = group(/Problem framing/);
    const competent = within(framing).getByRole('radio', { name: '3 Competent' });

    expect(shownDescriptor(framing)).toMatch(/Point at or focus a score/);

    await user.hover(within(framing).getByText('Senior-ready'));
    expect(shownDescriptor(framing)).toBe(`5 · Senior-ready: ${describeScore('framing', 5)}`);

    await user.click(competent);
    expect(send).toHaveBeenCalledWith('score.set', { signal: 'framing', score: 3 });
    expect(shownDescriptor(framing)).toBe(`3 · Competent: ${describeScore('framing', 3)}`);
    expect(competent).toHaveAccessibleDescription(`3 · Competent: ${describeScore('framing', 3)}`);
  });

  it('chooses a score from the keyboard alone', async () => {
    const { send, user } = setup();
    const coding = group(/Coding fluency/);
    act(() => within(coding).getByRole('radio', { name: '1 Weak' }).focus());
    await user.keyboard('{ArrowRight}');
    expect(send).toHaveBeenLastCalledWith('score.set', { signal: 'coding', score: 2 });
  });

  it('is one tab stop per signal, scored or not, resting on the chosen score', async () => {
    const { user } = setup([
      {
        clientEventId: 'c1',
        type: 'score.set',
        payload: { signal: 'architecture', score: 3 },
        queuedAt: NOW,
      },
    ]);
    const option = (name: RegExp, score: string) =>
      within(group(name)).getByRole('radio', { name: score });
    act(() => option(/Problem framing/, '1 Weak').focus());
    await user.tab();
    expect(option(/Coding fluency/, '1 Weak')).toHaveFocus();
    await user.tab();
    expect(option(/Architectural judgment/, '3 Competent')).toHaveFocus();
    await user.tab({ shift: true });
    await user.tab({ shift: true });
    expect(option(/Problem framing/, '1 Weak')).toHaveFocus();

    expect(screen.getByText(/arrow keys choose the score/)).toHaveTextContent(
      /Alt\+Shift\+1 to Alt\+Shift\+5 score the signal/,
    );
  });

  it('shows a score that is still in the outbox as chosen and not sent yet', async () => {
    const pending: QueuedCommand[] = [
      {
        clientEventId: 'c1',
        type: 'score.set',
        payload: { signal: 'coding', score: 4 },
        queuedAt: NOW,
      },
    ];
    const { send, user } = setup(pending);
    const coding = group(/Coding fluency/);
    expect(within(coding).getByRole('radio', { name: '4 Strong' })).toBeChecked();
    expect(within(coding).getByText('Not sent yet')).toBeInTheDocument();

    await user.click(within(coding).getByRole('button', { name: 'Clear the score' }));
    expect(send).toHaveBeenCalledWith('score.clear', { signal: 'coding' });
  });

  it('has nothing to clear while a signal is unscored', () => {
    setup();
    expect(
      within(group(/Architectural judgment/)).getByRole('button', { name: 'Clear the score' }),
    ).toBeDisabled();
  });
});
