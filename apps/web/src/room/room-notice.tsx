import type { ApiError } from '@signal-room/protocol';
import { Link } from 'react-router';
import styles from './room-notice.module.css';

const unsentLine = (pending: number) =>
  pending > 0
    ? ` ${pending === 1 ? 'One change you made is' : `${pending} changes you made are`} kept on this device and will be sent when you are back in the room.`
    : '';

/** The room could not be joined: said plainly, with the way back to the dashboard. */
export function JoinErrorNotice({ error, pending }: { error: ApiError; pending: number }) {
  const { title, detail } = explain(error);
  return (
    <section className={`card ${styles.notice}`} aria-labelledby="room-notice-heading">
      <h1 id="room-notice-heading" className={styles.heading}>
        {title}
      </h1>
      <p>
        {detail}
        {unsentLine(pending)}
      </p>
      <p className={styles.actions}>
        {error.retryable && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => window.location.reload()}
          >
            Try again
          </button>
        )}
        <Link to="/dashboard" className="button">
          Back to your sessions
        </Link>
      </p>
    </section>
  );
}

/** The sign-in ran out mid-session: sign in again and come straight back. */
export function SignedOutNotice({ next, pending }: { next: string; pending: number }) {
  return (
    <section className={`card ${styles.notice}`} aria-labelledby="room-notice-heading">
      <h1 id="room-notice-heading" className={styles.heading}>
        Please sign in again
      </h1>
      <p>
        Your sign-in has expired, so the room stopped listening to this tab. Sign in and you will
        come straight back here.{unsentLine(pending)}
      </p>
      <p className={styles.actions}>
        <Link to={`/signin?next=${encodeURIComponent(next)}`} className="button button--primary">
          Sign in again
        </Link>
      </p>
    </section>
  );
}

function explain(error: ApiError): { title: string; detail: string } {
  switch (error.code) {
    case 'SESSION_NOT_FOUND':
      return {
        title: 'This session does not exist',
        detail: 'The link may be mistyped, or the session was never created.',
      };
    case 'NOT_A_PARTICIPANT':
      return {
        title: 'You are not part of this session',
        detail: 'Ask the interviewer for an invite link, then open it to join.',
      };
    case 'ROOM_FULL':
      return {
        title: 'This room is full',
        detail: 'Close the room in another tab or window, or ask the interviewer about space.',
      };
    case 'UNAUTHENTICATED':
      return { title: 'Please sign in again', detail: error.message };
    default:
      return { title: 'The room could not be opened', detail: error.message };
  }
}
