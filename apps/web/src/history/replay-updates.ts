import type { DocumentReplay } from '@signal-room/protocol';
import type { ReplayUpdate } from '../workspace';

const bytesOf = (base64: string): Uint8Array =>
  Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

/**
 * The stored updates decoded, each timed no earlier than the one before: the store's order is
 * the order to apply them in, and two commits in flight at once may stamp their times out of it.
 */
export function decodeReplay(updates: DocumentReplay['updates']): ReplayUpdate[] {
  let latest = -Infinity;
  return updates.map(({ at, authorId, update }) => {
    latest = Math.max(latest, at);
    return { at: latest, authorId, update: bytesOf(update) };
  });
}

/** How many of the times (never falling) are at or before `wall`. */
export function countAt(times: readonly number[], wall: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((times[middle] ?? Infinity) <= wall) low = middle + 1;
    else high = middle;
  }
  return low;
}
