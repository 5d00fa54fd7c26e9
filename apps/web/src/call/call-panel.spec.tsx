import { describe, expect, it, jest } from '@jest/globals';
import type { RoomState } from '@signal-room/domain';
import { initialRoomState } from '@signal-room/domain';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CallControls } from './call-panel';
import { CallPanel } from './call-panel';
import type { CallView } from './call-session';
import { CALL_OUT, deviceProblem } from './call-session';
import type { PeerView } from './mesh';
import { qualityOf } from './mesh';

const CANDIDATE_ID = '0d5c1b2a-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const state: RoomState = {
  ...initialRoomState({
    sessionId: '5b8e2f1a-9c3d-4e7f-8a6b-1c2d3e4f5a6b',
    roundType: 'system-design',
    visibility: 'private',
    interviewerId: 'ivy',
    durationMs: 60_000,
    prompt: null,
  }),
  participants: {
    [CANDIDATE_ID]: {
      userId: CANDIDATE_ID,
      displayName: 'Cleo',
      role: 'candidate',
      online: true,
    },
  },
};

const peer = (change: Partial<PeerView>): PeerView => ({
  peer: { userId: CANDIDATE_ID, peerId: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b' },
  link: 'connected',
  quality: 'good',
  roundTripMs: 40,
  lossPercent: 0,
  audioBytes: 5000,
  speaking: false,
  stream: {} as MediaStream,
  video: false,
  ...change,
});

const controls = (): CallControls => ({
  join: jest.fn(() => Promise.resolve()),
  leave: jest.fn(() => Promise.resolve()),
  toggleMute: jest.fn(),
  toggleCamera: jest.fn(() => Promise.resolve()),
  choose: jest.fn(() => Promise.resolve()),
});

describe('CallPanel', () => {
  it('offers to join, and says why the microphone could not be opened', async () => {
    const actions = controls();
    const problem = deviceProblem(new DOMException('denied', 'NotAllowedError'), 'microphone');
    render(<CallPanel call={{ ...CALL_OUT, problem }} controls={actions} state={state} />);
    await userEvent.click(screen.getByRole('button', { name: 'Join the call' }));
    expect(actions.join).toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The browser was not allowed to use your microphone.',
    );
  });

  it('shows each peer by name, speaking and connection, and mutes', async () => {
    const actions = controls();
    const call: CallView = { ...CALL_OUT, phase: 'in', peers: [peer({ speaking: true })] };
    render(<CallPanel call={call} controls={actions} state={state} />);
    expect(screen.getByText('Cleo')).toBeInTheDocument();
    expect(screen.getByText('Connected · good connection')).toHaveAttribute(
      'title',
      'Round trip 40 ms · 0% of audio lost',
    );
    expect(screen.getAllByText('· speaking')).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Mute' }));
    expect(actions.toggleMute).toHaveBeenCalled();
  });

  it('says plainly when a peer cannot be reached, and whether a relay would help', () => {
    const unreachable = {
      ...CALL_OUT,
      phase: 'in' as const,
      peers: [peer({ link: 'unreachable' })],
    };
    const { rerender } = render(
      <CallPanel call={unreachable} controls={controls()} state={state} />,
    );
    expect(screen.getByText('Cannot be reached')).toBeInTheDocument();
    expect(screen.getByText(/no TURN relay server is configured/)).toBeInTheDocument();
    rerender(
      <CallPanel call={{ ...unreachable, relayed: true }} controls={controls()} state={state} />,
    );
    expect(screen.getByText(/even through the relay server/)).toBeInTheDocument();
  });
});

describe('connection quality', () => {
  it('is good, fair or poor by round trip and loss, and unknown without a reading', () => {
    expect(qualityOf(null, null)).toBeNull();
    expect(qualityOf(80, 0.5)).toBe('good');
    expect(qualityOf(300, 1)).toBe('fair');
    expect(qualityOf(80, 5)).toBe('fair');
    expect(qualityOf(700, 0)).toBe('poor');
    expect(qualityOf(100, 12)).toBe('poor');
  });
});
