import { describe, expect, it, jest } from '@jest/globals';
import type { Participant } from '@signal-room/domain';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PresenceList } from './presence-list';

const people: Record<string, Participant> = {
  ivy: { userId: 'ivy', displayName: 'Ivy', role: 'interviewer', online: true },
  cal: { userId: 'cal', displayName: 'Cal', role: 'candidate', online: true },
  oz: { userId: 'oz', displayName: 'Oz', role: 'observer', online: false },
};

describe('PresenceList', () => {
  it('offers the interviewer a Remove button for everyone but themselves', async () => {
    const onRemove = jest.fn<(person: Participant) => void>();
    render(<PresenceList participants={people} viewerId="ivy" onRemove={onRemove} />);
    expect(screen.queryByRole('button', { name: /Remove Ivy/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Remove Oz from the session' }));
    expect(onRemove).toHaveBeenCalledWith(people['oz']);
    expect(screen.getByRole('button', { name: 'Remove Cal from the session' })).toBeVisible();
  });

  it('shows no Remove button to anyone else', () => {
    render(<PresenceList participants={people} viewerId="cal" />);
    expect(screen.queryByRole('button')).toBeNull();
  });
});
