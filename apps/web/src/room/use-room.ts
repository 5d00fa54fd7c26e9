import { useEffect, useState, useSyncExternalStore } from 'react';
import { getAuth } from '../auth/auth-store';
import type { RoomSnapshot } from './room-store';
import { RoomStore } from './room-store';

/** Connects to one session's room for as long as the component is mounted. */
export function useRoom(sessionId: string): { room: RoomSnapshot; store: RoomStore } {
  const [store] = useState(() => new RoomStore(sessionId, () => getAuth()?.token ?? null));
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  const room = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return { room, store };
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
