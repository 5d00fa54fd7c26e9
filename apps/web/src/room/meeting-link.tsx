import type { Role, RoomState } from '@signal-room/domain';
import { meetingLinkSchema } from '@signal-room/protocol';
import type { RoomClient } from '@signal-room/room-client';
import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import { mayRun } from './room-actions';
import styles from './meeting-link.module.css';

/** The host of a link, as the room names the call it opens. */
const hostOf = (url: string): string => new URL(url).hostname;

/**
 * Where the call is while it is held elsewhere (Zoom, Meet…): the interviewer shares its link,
 * and everyone in the room opens it from here. Only https links are taken, by the server too.
 */
export function MeetingLink({
  client,
  state,
  role,
}: {
  client: Pick<RoomClient, 'send'>;
  state: RoomState;
  role: Role;
}) {
  const { meetingLink } = state;
  const id = useId();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const mayChange = mayRun(role, 'meeting.set') && state.status !== 'ended';

  const share = (event: FormEvent) => {
    event.preventDefault();
    const parsed = meetingLinkSchema.safeParse(draft.trim());
    if (!parsed.success) {
      setProblem('Paste the call’s https address, such as https://meet.google.com/abc-defg-hij.');
      return;
    }
    setProblem(null);
    setDraft('');
    client.send('meeting.set', { url: parsed.data });
  };

  if (meetingLink) {
    return (
      <p className={styles.meeting}>
        <a href={meetingLink} target="_blank" rel="noopener noreferrer">
          Join the call on {hostOf(meetingLink)}
        </a>
        {mayChange && (
          <button
            type="button"
            className={styles.remove}
            onClick={() => client.send('meeting.set', { url: null })}
          >
            Remove the link
          </button>
        )}
      </p>
    );
  }
  if (!mayChange) return null;
  return (
    <form className={styles.meeting} onSubmit={share} noValidate>
      <label htmlFor={id}>Call held elsewhere? Share its link with the room:</label>
      <input
        id={id}
        type="url"
        inputMode="url"
        placeholder="https://meet.google.com/…"
        value={draft}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(event) => setDraft(event.target.value)}
      />
      <button type="submit" className="button">
        Share link
      </button>
      {problem && (
        <span id={`${id}-problem`} className={styles.problem} role="alert">
          {problem}
        </span>
      )}
    </form>
  );
}
