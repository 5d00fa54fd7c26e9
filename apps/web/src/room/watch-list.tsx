import type { RoomState } from '@signal-room/domain';
import { formatOffset, signalById } from '@signal-room/domain';
import { useId } from 'react';
import type { Unsent } from '@signal-room/room-client';
import type { RoomActions } from './room-actions';
import styles from './watch-list.module.css';

interface WatchListProps {
  state: RoomState;
  unsent: Unsent;
  actions: RoomActions;
  offsetNow: () => number;
}

/**
 * What the candidate, auditing earlier rounds, wrote they had decided and never said: the
 * interviewer listens for each and ticks it when the candidate says it in their own words.
 */
export function WatchList({ state, unsent, actions, offsetNow }: WatchListProps) {
  const id = useId();
  if (state.watchFor.length === 0) return null;
  const closed = state.feedbackReleased || state.status === 'waiting';
  return (
    <section className={styles.panel} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className={styles.heading}>
        Watch for
      </h2>
      <p className={styles.intro}>
        The candidate&apos;s own notes from earlier rounds: decisions they made and never said.
        Listen for the intent, not the words, and tick it when they make it visible.
      </p>
      <ul className={styles.items}>
        {state.watchFor.map((item) => {
          // A tick or untick still in the outbox is already in the shown room.
          const seen = item.seenAtMs !== null;
          const signal = signalById(item.signal).name;
          return (
            <li key={item.id} className={styles.item}>
              <span className="badge">{signal}</span>
              <p className={styles.intent}>{item.intent}</p>
              {item.seenAtMs !== null && (
                <span className={styles.seen}>
                  heard at {formatOffset(item.seenAtMs)}
                  {unsent.items.has(item.id) && ' · not sent yet'}
                </span>
              )}
              <button
                type="button"
                className="button"
                aria-pressed={seen}
                disabled={closed}
                onClick={() =>
                  seen
                    ? actions.send('watch.untick', { itemId: item.id })
                    : actions.send('watch.tick', { itemId: item.id, offsetMs: offsetNow() })
                }
              >
                {/* One name in both states: aria-pressed says whether it is ticked. */}
                {seen && <span aria-hidden="true">✓ </span>}
                Heard
                <span className="visually-hidden">{`: ${signal}, ${item.intent}`}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
