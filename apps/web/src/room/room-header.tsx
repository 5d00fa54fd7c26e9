import type { Participant, Role, RoomState } from '@signal-room/domain';
import { roundTypeById } from '@signal-room/domain';
import { ConnectionStatus } from './connection-status';
import { PresenceList } from './presence-list';
import type { ConnectionStatus as Status } from '@signal-room/room-client';
import { TimerDisplay } from './timer-display';
import styles from './room-header.module.css';

const STATUS_WORDS: Record<RoomState['status'], string> = {
  waiting: 'Waiting to start',
  live: 'Live',
  ended: 'Ended',
};

const ROLE_WORDS: Record<Role, string> = {
  interviewer: 'You are interviewing',
  candidate: 'You are the candidate',
  observer: 'You are observing',
};

interface RoomHeaderProps {
  state: RoomState;
  role: Role;
  viewerId: string | null;
  connection: Status;
  pending: number;
  serverNow: () => number;
  /** The interviewer's: takes a person out of the session (asked to confirm first). */
  onRemove?: (person: Participant) => void;
}

/** The strip that stays in view: round, clock, status, connection and who is here. */
export function RoomHeader({
  state,
  role,
  viewerId,
  connection,
  pending,
  serverNow,
  onRemove,
}: RoomHeaderProps) {
  const endedBy =
    state.endReason === 'time-up'
      ? ' (time ran out)'
      : state.endReason
        ? ' (by the interviewer)'
        : '';
  return (
    <header className={styles.header}>
      <div className={styles.identity}>
        <h1 className={styles.title}>{roundTypeById(state.roundType).name}</h1>
        <p className={styles.sub}>
          {state.prompt?.title && <span className={styles.prompt}>{state.prompt.title}</span>}
          <span>{ROLE_WORDS[role]}</span>
          {state.visibility === 'coaching' && <span>Coaching mode: scores are shared live</span>}
        </p>
      </div>
      <div className={styles.timer}>
        <TimerDisplay timer={state.timer} status={state.status} serverNow={serverNow} />
      </div>
      <p className={`${styles.status} ${styles[state.status]}`}>
        <span className="visually-hidden">Session status: </span>
        {STATUS_WORDS[state.status]}
        {state.status === 'ended' && endedBy}
      </p>
      <div className={styles.connection}>
        <ConnectionStatus status={connection} pending={pending} joinedBefore />
      </div>
      <div className={styles.presence}>
        <PresenceList
          participants={state.participants}
          viewerId={viewerId}
          onRemove={role === 'interviewer' && state.status !== 'ended' ? onRemove : undefined}
        />
      </div>
    </header>
  );
}
