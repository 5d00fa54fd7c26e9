import type { Participant, Role } from '@signal-room/domain';
import { ROLE_LABELS } from '@signal-room/domain';
import styles from './presence-list.module.css';

const ROLE_ORDER: Record<Role, number> = { interviewer: 0, candidate: 1, observer: 2 };

interface PresenceListProps {
  participants: Record<string, Participant>;
  viewerId: string | null;
  /** Given to the interviewer during the round: takes a person out of the session. */
  onRemove?: (person: Participant) => void;
}

/** Who is in the room, by role, each with an online dot and the word for it. */
export function PresenceList({ participants, viewerId, onRemove }: PresenceListProps) {
  const people = Object.values(participants).sort(
    (a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.displayName.localeCompare(b.displayName),
  );
  if (people.length === 0) return <p className={styles.empty}>Nobody has joined yet.</p>;
  return (
    <ul className={styles.list} aria-label="People in the room">
      {people.map((person) => (
        <li key={person.userId} className={person.online ? styles.online : styles.away}>
          <span className={styles.dot} aria-hidden="true" />
          <span className={styles.name}>
            {person.displayName}
            {person.userId === viewerId && ' (you)'}
          </span>
          <span className={styles.meta}>
            {ROLE_LABELS[person.role]} · {person.online ? 'online' : 'away'}
          </span>
          {onRemove && person.role !== 'interviewer' && (
            <button
              type="button"
              className={styles.remove}
              aria-label={`Remove ${person.displayName} from the session`}
              onClick={() => onRemove(person)}
            >
              Remove
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
