import type { RoomClientSnapshot } from '@signal-room/room-client';
import { RoomClient, browserStorage } from '@signal-room/room-client';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { getAuth } from '../auth/auth-store';

/** Connects to one session's room for as long as the component is mounted. */
export function useRoom(sessionId: string): { room: RoomClientSnapshot; client: RoomClient } {
  const [client] = useState(
    () =>
      new RoomClient({
        sessionId,
        token: () => getAuth()?.token ?? null,
        viewerId: getAuth()?.user.id ?? null,
        // Unsent commands survive a reload or a crash of the tab; sign-out clears them.
        storage: browserStorage(localStorage, sessionId),
      }),
  );
  useEffect(() => {
    client.start();
    return () => client.stop();
  }, [client]);
  const room = useSyncExternalStore(client.subscribe, client.getSnapshot);
  return { room, client };
}

/** The current time, re-rendered every `intervalMs`: for timers that must tick on screen. */
export function useNow(intervalMs = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
