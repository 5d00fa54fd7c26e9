import type { RoomClientSnapshot } from '@signal-room/room-client';
import { COMMAND_LABELS } from './room-actions';
import styles from './refusal-alert.module.css';

interface RefusalAlertProps {
  refusal: NonNullable<RoomClientSnapshot['refusal']>;
  onDismiss: () => void;
}

/** A command the server turned down, in its own words, until the person dismisses it. */
export function RefusalAlert({ refusal, onDismiss }: RefusalAlertProps) {
  const note = noteOf(refusal.payload);
  return (
    <div className={`notice notice--error ${styles.alert}`} role="alert">
      <div>
        <p className={styles.title}>Not done: {COMMAND_LABELS[refusal.type]}</p>
        <p className={styles.message}>{refusal.error.message}</p>
        {note && (
          // A refused note would otherwise be gone: give its text back to copy.
          <p className={styles.kept}>
            Your note was: <q>{note}</q>
          </p>
        )}
      </div>
      <button type="button" className="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

function noteOf(payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null || !('note' in payload)) return null;
  return typeof payload.note === 'string' && payload.note ? payload.note : null;
}
