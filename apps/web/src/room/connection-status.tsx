import type { ConnectionStatus as Status } from '@signal-room/room-client';
import styles from './connection-status.module.css';

interface ConnectionStatusProps {
  status: Status;
  /** Commands queued on this device that the server has not acknowledged. */
  pending: number;
  /** Whether the room was reached before; a new attempt then is a reconnect. */
  joinedBefore: boolean;
}

const changes = (count: number): string => (count === 1 ? '1 change' : `${count} changes`);

const SPOKEN: Record<Status, string> = {
  online: 'Connected to the room.',
  connecting: 'Connecting to the room.',
  offline: 'Connection lost. Your changes are kept on this device.',
  'signed-out': 'You are signed out.',
  failed: 'Not connected to the room.',
};

function describe({ status, pending, joinedBefore }: ConnectionStatusProps): {
  tone: 'online' | 'waiting' | 'offline';
  text: string;
} {
  const unsent = pending > 0 ? ` · ${changes(pending)} not sent yet, kept on this device` : '';
  switch (status) {
    case 'online':
      return {
        tone: 'online',
        text: pending > 0 ? `Online · sending ${changes(pending)}…` : 'Online · all changes saved',
      };
    case 'connecting':
      return {
        tone: 'waiting',
        text: `${joinedBefore ? 'Reconnecting…' : 'Connecting…'}${unsent}`,
      };
    case 'offline':
      return { tone: 'offline', text: `Offline · trying to reconnect…${unsent}` };
    case 'signed-out':
      return { tone: 'offline', text: `Signed out${unsent}` };
    case 'failed':
      return { tone: 'offline', text: `Not connected${unsent}` };
  }
}

/**
 * Whether the room is reachable and what is still waiting to be sent: never silent. Only a change
 * of connection is announced; the count of unsent changes moves with every save, which would
 * talk over the person scoring.
 */
export function ConnectionStatus(props: ConnectionStatusProps) {
  const { tone, text } = describe(props);
  return (
    <div className={`${styles.status} ${styles[tone]}`}>
      <span className={styles.dot} aria-hidden="true" />
      <span>{text}</span>
      <span role="status" className="visually-hidden">
        {SPOKEN[props.status]}
      </span>
    </div>
  );
}
