import type { RoomClient } from '@signal-room/room-client';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { CallView } from './call-session';
import { CallSession } from './call-session';

/** The room's call for as long as the room is open in this tab. */
export function useCall(
  client: RoomClient,
  viewerId: string,
): { call: CallView; session: CallSession } {
  const [session] = useState(() => new CallSession(client, viewerId));
  useEffect(() => () => session.close(), [session]);
  const call = useSyncExternalStore(session.subscribe, session.getSnapshot);
  return { call, session };
}
