import type { DocumentChannel } from '@signal-room/room-client';
import { waitUntil } from './processes';

/** Open, and holding nothing this client has not had acknowledged. */
export const synced = (channel: DocumentChannel): boolean => {
  const { status, unsaved } = channel.getSnapshot();
  return status === 'synced' && !unsaved;
};

/**
 * Waits for every channel to be synced and `done`; a timeout says where each one stands
 * (its status, what it has not had stored, and `held`), so a failed run shows which side fell
 * behind and how.
 */
export async function convergence(
  what: string,
  channels: Record<string, DocumentChannel>,
  done: (channel: DocumentChannel) => boolean,
  held: (channel: DocumentChannel) => string,
  timeoutMs: number,
): Promise<void> {
  const all = Object.values(channels);
  await waitUntil(
    what,
    () => all.every((channel) => synced(channel) && done(channel)),
    timeoutMs,
  ).catch((error: unknown) => {
    const standing = Object.entries(channels).map(([name, channel]) => {
      const { status, unsaved, error: refusal } = channel.getSnapshot();
      const flags = [status, unsaved ? 'unsaved' : 'saved', refusal?.code].filter(Boolean);
      return `${name}: ${flags.join(', ')}, ${held(channel)}`;
    });
    throw new Error(`${String(error)}; ${standing.join('; ')}`);
  });
}
