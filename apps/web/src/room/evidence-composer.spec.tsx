import { describe, expect, it, jest } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RoomCommandType, TimerState } from '@signal-room/domain';
import { roundTypeById } from '@signal-room/domain';
import { EvidenceComposer } from './evidence-composer';
import type { RoomActions } from './room-actions';
import { MINUTE, NOW } from './testing/room-fixtures';

// Running for 2:05 at NOW.
const running: TimerState = { durationMs: 45 * MINUTE, elapsedMs: 0, runningSince: NOW - 125_000 };

function setup(lines?: { from: number; to: number } | null) {
  const clock = { now: NOW };
  const send = jest.fn((_type: RoomCommandType, _payload: unknown) => 'event-id');
  const actions: RoomActions = { send, serverNow: () => clock.now };
  render(
    <>
      <button type="button">Elsewhere</button>
      <EvidenceComposer
        actions={actions}
        timer={running}
        roundType={roundTypeById('system-design')}
        workspaceSelection={lines && { documentId: 'pad', fromLine: lines.from, toLine: lines.to }}
      />
    </>,
  );
  const field = screen.getByRole('textbox', { name: 'What did the candidate do?' });
  return { send, clock, field, user: userEvent.setup() };
}

describe('EvidenceComposer', () => {
  it('picks the signal with Alt+digit and the polarity with Alt+S / Alt+W without leaving the field', async () => {
    const { field, user } = setup();
    await user.click(field);

    await user.keyboard('{Alt>}2{/Alt}');
    expect(screen.getByRole('radio', { name: /Coding fluency/ })).toBeChecked();
    expect(field).toHaveAccessibleDescription(/Strong evidence for Coding fluency/);

    await user.keyboard('{Alt>}w{/Alt}');
    expect(screen.getByRole('radio', { name: /Weak/ })).toBeChecked();
    await user.keyboard('{Alt>}7{/Alt}');
    expect(screen.getByRole('radio', { name: /Communication & reflection/ })).toBeChecked();
    await user.keyboard('{Alt>}s{/Alt}');
    expect(screen.getByRole('radio', { name: /Strong/ })).toBeChecked();

    // The chords choose; they type nothing into the note.
    expect(field).toHaveValue('');
    expect(field).toHaveFocus();
  });

  it('tells the keyboard user the shortcuts through the field description', () => {
    const { field } = setup();
    expect(field).toHaveAccessibleDescription(/Alt\+1 to Alt\+7 signal/);
    expect(field).toHaveAccessibleDescription(/Alt\+S strong/);
    expect(field).toHaveAccessibleDescription(/Alt\+W weak/);
    expect(field).toHaveAccessibleDescription(/Enter save/);
    expect(field).toHaveAccessibleDescription(/Esc clear/);
  });

  it('saves with Enter: evidence.add with the offset from when typing began, focus kept', async () => {
    const { field, send, clock, user } = setup();
    await user.click(field);
    await user.keyboard('{Alt>}1{/Alt}{Alt>}w{/Alt}');
    await user.type(field, 'Started drawing ');
    // Writing the note takes half a minute; the evidence still points at when it began.
    clock.now += 30_000;
    await user.type(field, 'before asking about scale{Enter}');

    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith('evidence.add', {
      signal: 'framing',
      polarity: 'weak',
      note: 'Started drawing before asking about scale',
      offsetMs: 125_000,
    });
    expect(field).toHaveValue('');
    expect(field).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent(
      'Saved weak evidence for Problem framing at 2:05.',
    );
  });

  it('keeps the signal and polarity for the next note, which takes its own offset', async () => {
    const { field, send, clock, user } = setup();
    await user.click(field);
    await user.keyboard('{Alt>}3{/Alt}');
    await user.type(field, 'Named the queue{Enter}');
    clock.now += 60_000;
    await user.type(field, 'Compared it with polling{Enter}');
    expect(send).toHaveBeenLastCalledWith('evidence.add', {
      signal: 'architecture',
      polarity: 'strong',
      note: 'Compared it with polling',
      offsetMs: 185_000,
    });
  });

  it('clears with Escape and sends nothing', async () => {
    const { field, send, user } = setup();
    await user.click(field);
    await user.keyboard('{Alt>}4{/Alt}');
    await user.type(field, 'A half-written thought');
    await user.keyboard('{Escape}');
    expect(field).toHaveValue('');
    expect(field).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(send).not.toHaveBeenCalled();
  });

  it('asks for a signal instead of filing a note under a guess', async () => {
    const { field, send, user } = setup();
    await user.type(field, 'Tested the empty input{Enter}');
    expect(send).not.toHaveBeenCalled();
    expect(field).toHaveValue('Tested the empty input');
    expect(field).toHaveAccessibleDescription(/Choose a signal first/);

    await user.keyboard('{Alt>}2{/Alt}{Enter}');
    expect(send).toHaveBeenCalledWith(
      'evidence.add',
      expect.objectContaining({ signal: 'coding' }),
    );
  });

  it('jumps back to the note with "/" from elsewhere on the page, and types it inside', async () => {
    const { field, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Elsewhere' }));
    await user.keyboard('/');
    expect(field).toHaveFocus();
    // The key was the jump: it is not typed as well.
    expect(field).toHaveValue('');

    // In the note it is text, as notes need it.
    await user.keyboard('Retries and/or a dead-letter queue/');
    expect(field).toHaveValue('Retries and/or a dead-letter queue/');
    expect(field).toHaveAccessibleDescription(/\/ from elsewhere on the page jumps here/);
  });

  it('scores the chosen signal with Alt+Shift+1 to Alt+Shift+5, typing nothing', async () => {
    const { field, send, user } = setup();
    expect(field).toHaveAccessibleDescription(/Alt\+Shift\+1 to Alt\+Shift\+5 score the signal/);
    await user.click(field);

    await user.keyboard('{Alt>}{Shift>}4{/Shift}{/Alt}');
    expect(send).not.toHaveBeenCalled();
    expect(field).toHaveAccessibleDescription(/Choose a signal to score first/);

    await user.keyboard('{Alt>}3{/Alt}{Alt>}{Shift>}4{/Shift}{/Alt}');
    expect(send).toHaveBeenCalledWith('score.set', { signal: 'architecture', score: 4 });
    await user.keyboard('{Alt>}{Shift>}1{/Shift}{/Alt}');
    expect(send).toHaveBeenLastCalledWith('score.set', { signal: 'architecture', score: 1 });
    expect(screen.getByRole('status')).toHaveTextContent('Scored Architectural judgment 1');
    expect(field).toHaveValue('');
    expect(field).toHaveFocus();
  });

  it('wraps a long note and grows with it: Shift+Enter is a new line, Enter still saves', async () => {
    const { field, send, user } = setup();
    expect(field.tagName).toBe('TEXTAREA');
    // jsdom lays nothing out: the field is told how tall its text is.
    Object.defineProperty(field, 'scrollHeight', { configurable: true, get: () => 96 });
    await user.click(field);
    await user.keyboard('{Alt>}6{/Alt}');
    await user.type(field, 'Named the owners{Shift>}{Enter}{/Shift}and the escalation path');
    expect(field).toHaveValue('Named the owners\nand the escalation path');
    expect(field.style.height).toBe('96px');
    expect(send).not.toHaveBeenCalled();

    await user.keyboard('{Enter}');
    expect(send).toHaveBeenCalledWith(
      'evidence.add',
      expect.objectContaining({ note: 'Named the owners\nand the escalation path' }),
    );
  });

  it('points a note at the pad’s selected lines with Alt+N, from anywhere on the page', async () => {
    const { send, field, user } = setup({ from: 4, to: 9 });
    await user.click(screen.getByRole('button', { name: 'Elsewhere' }));
    await user.keyboard('{Alt>}n{/Alt}');
    expect(field).toHaveFocus();
    expect(screen.getByText(/On lines 4–9 of the pad/)).toBeInTheDocument();
    await user.keyboard('{Alt>}2{/Alt}Guards the empty input{Enter}');
    expect(send).toHaveBeenCalledWith('evidence.add', {
      signal: 'coding',
      polarity: 'strong',
      note: 'Guards the empty input',
      offsetMs: 125_000,
      anchor: { documentId: 'pad', fromLine: 4, toLine: 9 },
    });
    // The next note points nowhere until Alt+N is pressed again.
    await user.keyboard('Names the edge case{Enter}');
    expect(send).toHaveBeenLastCalledWith(
      'evidence.add',
      expect.not.objectContaining({ anchor: expect.anything() }),
    );
  });

  it('says what to do when Alt+N finds nothing selected', async () => {
    const { send, field, user } = setup(null);
    await user.click(field);
    await user.keyboard('{Alt>}n{/Alt}');
    expect(screen.getByRole('status')).toHaveTextContent(
      'Select lines in the code pad or shapes on the board first',
    );
    expect(send).not.toHaveBeenCalled();
  });

  it('lets a pointed note be unpointed before it is saved', async () => {
    const { send, field, user } = setup({ from: 2, to: 2 });
    await user.click(field);
    await user.keyboard('{Alt>}n{/Alt}');
    await user.click(screen.getByRole('button', { name: 'Unpoint' }));
    expect(screen.queryByText(/On line 2 of the pad/)).not.toBeInTheDocument();
    await user.type(field, '{Alt>}1{/Alt}Asked what done means{Enter}');
    expect(send).toHaveBeenCalledWith(
      'evidence.add',
      expect.not.objectContaining({ anchor: expect.anything() }),
    );
  });
});
