import type { DocumentChannel } from '@signal-room/room-client';

/** Open, and holding nothing this client has not had acknowledged. */
export const synced = (channel: DocumentChannel): boolean => {
  const { status, unsaved } = channel.getSnapshot();
  return status === 'synced' && !unsaved;
};
