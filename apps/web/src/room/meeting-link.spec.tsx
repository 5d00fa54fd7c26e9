import { describe, expect, it, jest } from '@jest/globals';
import type { Role, RoomState } from '@signal-room/domain';
import type { RoomClient } from '@signal-room/room-client';
import { initialRoomState } from '@signal-room/domain';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MeetingLink } from './meeting-link';

const room = (meetingLink: string | null): RoomState => ({
  ...initialRoomState({
    sessionId: '5b8e2f1a-9c3d-4e7f-8a6b-1c2d3e4f5a6b',
    roundType: 'system-design',
    visibility: 'private',
    interviewerId: 'ivy',
    durationMs: 60_000,
    prompt: null,
  }),
  meetingLink,
});

const sender = () => jest.fn<RoomClient['send']>();
const INTERVIEWER: Role = 'interviewer';
const CANDIDATE: Role = 'candidate';
const OBSERVER: Role = 'observer';

describe('MeetingLink', () => {
  it('lets the interviewer share an https link, and says what it wants instead of anything else', async () => {
    const send = sender();
    render(<MeetingLink client={{ send }} state={room(null)} role={INTERVIEWER} />);
    const field = screen.getByLabelText(/Share its link with the room/);
    await userEvent.type(field, ['javascript', 'alert(1)'].join(':'));
    await userEvent.click(screen.getByRole('button', { name: 'Share link' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Paste the call’s https address');
    expect(send).not.toHaveBeenCalled();
    await userEvent.clear(field);
    await userEvent.type(field, ' https://meet.google.com/abc-defg-hij ');
    await userEvent.click(screen.getByRole('button', { name: 'Share link' }));
    expect(send).toHaveBeenCalledWith('meeting.set', {
      url: 'https://meet.google.com/abc-defg-hij',
    });
  });

  it('shows everyone the call to join, in a new tab that cannot reach back into the room', () => {
    render(
      <MeetingLink
        client={{ send: sender() }}
        state={room('https://meet.google.com/abc-defg-hij')}
        role={CANDIDATE}
      />,
    );
    const link = screen.getByRole('link', { name: 'Join the call on meet.google.com' });
    expect(link).toHaveAttribute('href', 'https://meet.google.com/abc-defg-hij');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('lets the interviewer take the link away, and shows the others nothing without one', async () => {
    const send = sender();
    const { unmount } = render(
      <MeetingLink client={{ send }} state={room('https://zoom.us/j/1')} role={INTERVIEWER} />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Remove the link' }));
    expect(send).toHaveBeenCalledWith('meeting.set', { url: null });
    unmount();
    const { container } = render(
      <MeetingLink client={{ send }} state={room(null)} role={OBSERVER} />,
    );
    expect(container).toBeEmptyDOMElement();
  });
});
