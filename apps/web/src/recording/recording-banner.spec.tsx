import { describe, expect, it, jest } from '@jest/globals';
import type { Recording, Role, RoomState } from '@signal-room/domain';
import { initialRoomState } from '@signal-room/domain';
import type { RoomClient } from '@signal-room/room-client';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RecordingBanner } from './recording-banner';
import type { RecorderState } from './use-recorder';

const IVY = 'ivy';
const CLEO = 'cleo';
const RECORDING_ID = '2d8f6a1e-4b3c-4d5e-9f0a-1b2c3d4e5f6a';

const person = (userId: string, displayName: string, role: Role) => ({
  userId,
  displayName,
  role,
  online: true,
});

const recording = (change: Partial<Recording> = {}): Recording => ({
  id: RECORDING_ID,
  requestedBy: IVY,
  requestedAt: 1,
  awaiting: [IVY, CLEO],
  consentedAt: {},
  status: 'requested',
  startedAt: null,
  endedAt: null,
  endedBy: null,
  endReason: null,
  ...change,
});

const room = (recordings: Recording[] = [], status: RoomState['status'] = 'live'): RoomState => ({
  ...initialRoomState({
    sessionId: '5b8e2f1a-9c3d-4e7f-8a6b-1c2d3e4f5a6b',
    roundType: 'system-design',
    visibility: 'private',
    interviewerId: IVY,
    durationMs: 60_000,
    prompt: null,
  }),
  status,
  participants: {
    [IVY]: person(IVY, 'Ivy', 'interviewer'),
    [CLEO]: person(CLEO, 'Cleo', 'candidate'),
  },
  recordings,
});

const OFF: RecorderState = { kind: 'off' };
// A variable, not a literal: a literal role= reads to the linter as an ARIA role.
const CANDIDATE: Role = 'candidate';

function show(state: RoomState, role: Role, viewerId: string, recorder: RecorderState = OFF) {
  const send = jest.fn<RoomClient['send']>();
  render(
    <RecordingBanner
      state={state}
      role={role}
      viewerId={viewerId}
      actions={{ send }}
      recorder={recorder}
    />,
  );
  return send;
}

describe('RecordingBanner', () => {
  it('lets the interviewer ask, and nobody else; not once the round has ended', async () => {
    const send = show(room(), 'interviewer', IVY);
    await userEvent.click(screen.getByRole('button', { name: 'Ask to record the voices' }));
    expect(send).toHaveBeenCalledWith('recording.request', {});
  });

  it('offers no request to the candidate, nor after the end', () => {
    const { container } = render(
      <RecordingBanner
        state={room()}
        role={CANDIDATE}
        viewerId={CLEO}
        actions={{ send: jest.fn<RoomClient['send']>() }}
        recorder={OFF}
      />,
    );
    expect(container).toBeEmptyDOMElement();
    show(room([], 'ended'), 'interviewer', IVY);
    expect(screen.queryByRole('button', { name: /Ask to record/ })).toBeNull();
  });

  it('shows everyone the request, with Agree and Decline for themself', async () => {
    const send = show(room([recording()]), 'candidate', CLEO);
    expect(screen.getByText(/Ivy asks to record the voices/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Agree' }));
    expect(send).toHaveBeenCalledWith('recording.consent', { recordingId: RECORDING_ID });
    await userEvent.click(screen.getByRole('button', { name: 'Decline' }));
    expect(send).toHaveBeenCalledWith('recording.decline', { recordingId: RECORDING_ID });
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('tells someone who agreed whom it still waits for, and lets them take it back', async () => {
    const send = show(room([recording({ consentedAt: { [CLEO]: 2 } })]), 'candidate', CLEO);
    expect(screen.getByText('You agreed. Waiting for Ivy.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Agree' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Stop the recording' }));
    expect(send).toHaveBeenCalledWith('recording.stop', { recordingId: RECORDING_ID });
  });

  it('marks a live recording clearly, with Stop for those recorded', async () => {
    const live = recording({ status: 'live', startedAt: 3, consentedAt: { [IVY]: 2, [CLEO]: 3 } });
    const send = show(room([live]), 'candidate', CLEO, {
      kind: 'recording',
      upload: { pending: 0, refused: null },
    });
    expect(screen.getByRole('status')).toHaveTextContent('Recording');
    expect(screen.getByText('Your microphone is being recorded.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Stop the recording' }));
    expect(send).toHaveBeenCalledWith('recording.stop', { recordingId: RECORDING_ID });
  });

  it('asks someone who came in later for their own agreement while it records the others', () => {
    const live = recording({ status: 'live', startedAt: 3, consentedAt: { [IVY]: 2, [CLEO]: 3 } });
    show(room([live]), 'observer', 'otto');
    expect(screen.getByRole('status')).toHaveTextContent('Recording');
    expect(screen.getByText(/Yours is recorded only if you agree/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Agree' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Stop the recording' })).toBeNull();
  });

  it('says when the server will take no more of the microphone, and why', () => {
    const live = recording({ status: 'live', startedAt: 3, consentedAt: { [IVY]: 2, [CLEO]: 3 } });
    show(room([live]), 'candidate', CLEO, {
      kind: 'recording',
      upload: { pending: 0, refused: 'Your recordings have reached their 512 MiB.' },
    });
    expect(screen.getByRole('alert')).toHaveTextContent('reached their 512 MiB');
  });

  it('shows nothing of a recording that has ended but the offer of a new one', () => {
    const over = recording({ status: 'ended', endedAt: 9, endReason: 'stopped', endedBy: CLEO });
    show(room([over]), 'interviewer', IVY);
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByRole('button', { name: 'Ask to record the voices' })).toBeInTheDocument();
  });
});
