import type { Recording, Role, RoomState } from '@signal-room/domain';
import { activeRecording } from '@signal-room/domain';
import type { RoomActions } from '../room/room-actions';
import { mayRun } from '../room/room-actions';
import type { RecorderState } from './use-recorder';
import styles from './recording-banner.module.css';

interface RecordingBannerProps {
  state: RoomState;
  role: Role;
  viewerId: string;
  actions: Pick<RoomActions, 'send'>;
  recorder: RecorderState;
}

const nameOf = (state: RoomState, userId: string): string =>
  state.participants[userId]?.displayName ?? 'Someone who has left';

/** Everyone the recording still waits for, by name. */
const stillWaitingFor = (state: RoomState, recording: Recording): string[] =>
  recording.awaiting
    .filter((userId) => !(userId in recording.consentedAt))
    .map((userId) => nameOf(state, userId));

function RecorderLine({ recorder }: { recorder: RecorderState }) {
  switch (recorder.kind) {
    case 'off':
      return null;
    case 'failed':
      return <span role="alert">{recorder.reason}</span>;
    case 'recording':
      if (recorder.upload.refused) {
        return (
          <span role="alert">Your microphone is no longer uploaded: {recorder.upload.refused}</span>
        );
      }
      return recorder.upload.pending > 1 ? (
        <span>{recorder.upload.pending} parts of your recording wait to be uploaded.</span>
      ) : null;
  }
}

/**
 * The room's recording, as each person sees it: the interviewer asks; everyone sees the request
 * and agrees or declines for themself; a clear mark while it runs; anyone recorded may stop it.
 */
export function RecordingBanner({
  state,
  role,
  viewerId,
  actions,
  recorder,
}: RecordingBannerProps) {
  const recording = activeRecording(state.recordings);
  if (!recording) {
    if (!mayRun(role, 'recording.request') || state.status === 'ended') return null;
    return (
      <p className={styles.banner}>
        <button
          type="button"
          className="button"
          onClick={() => actions.send('recording.request', {})}
        >
          Ask to record the voices
        </button>
        <span className="muted">Nobody is recorded until they agree.</span>
      </p>
    );
  }
  const recordingId = recording.id;
  const agreed = viewerId in recording.consentedAt;
  const live = recording.status === 'live';
  const answer = (
    <>
      <button
        type="button"
        className="button button--primary"
        onClick={() => actions.send('recording.consent', { recordingId })}
      >
        Agree
      </button>
      <button
        type="button"
        className="button"
        onClick={() => actions.send('recording.decline', { recordingId })}
      >
        Decline
      </button>
    </>
  );
  const stop = (
    <button
      type="button"
      className="button"
      onClick={() => actions.send('recording.stop', { recordingId })}
    >
      Stop the recording
    </button>
  );
  if (live) {
    return (
      <section className={`${styles.banner} ${styles.live}`} aria-label="Recording">
        <span className={styles.mark} role="status">
          <span className={styles.dot} aria-hidden="true" /> Recording
        </span>
        {agreed ? (
          <>
            <span>Your microphone is being recorded.</span>
            {stop}
            <RecorderLine recorder={recorder} />
          </>
        ) : (
          <>
            <span>
              The others agreed to record their voices. Yours is recorded only if you agree; if you
              decline, the recording stops.
            </span>
            {answer}
          </>
        )}
      </section>
    );
  }
  const waiting = stillWaitingFor(state, recording);
  return (
    <section className={styles.banner} aria-label="Recording request">
      <span>
        {nameOf(state, recording.requestedBy)} asks to record the voices of this round. Each
        microphone is recorded only with its person’s agreement, and only once everyone here has
        agreed.
      </span>
      {agreed ? (
        <>
          <span className="muted">You agreed. Waiting for {waiting.join(', ')}.</span>
          {stop}
        </>
      ) : (
        answer
      )}
    </section>
  );
}
