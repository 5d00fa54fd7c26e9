import type { DocumentId } from '@signal-room/domain';
import type { DocumentSnapshot, RoomClient } from '@signal-room/room-client';
import { DocumentChannel } from '@signal-room/room-client';
import { useEffect, useState, useSyncExternalStore } from 'react';

const NOT_OPEN: DocumentSnapshot = {
  status: 'connecting',
  access: null,
  error: null,
  unsaved: false,
};
const noSubscription = () => () => undefined;

/**
 * One shared document of the room, kept in step over the room's connection for as long as the
 * component is mounted. Made in an effect, so a remount (React's strict mode does one) closes
 * the first channel and opens a fresh one.
 */
export function useDocument(
  client: RoomClient,
  documentId: DocumentId,
): { channel: DocumentChannel | null; snapshot: DocumentSnapshot } {
  const [channel, setChannel] = useState<DocumentChannel | null>(null);
  useEffect(() => {
    const opened = DocumentChannel.follow(client, documentId);
    setChannel(opened);
    return () => {
      opened.close();
      setChannel(null);
    };
  }, [client, documentId]);
  const snapshot = useSyncExternalStore(
    channel?.subscribe ?? noSubscription,
    channel?.getSnapshot ?? (() => NOT_OPEN),
  );
  return { channel, snapshot };
}
