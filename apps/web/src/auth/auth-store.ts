import type { AuthResponse } from '@signal-room/protocol';
import { authResponseSchema } from '@signal-room/protocol';
import { useSyncExternalStore } from 'react';

const KEY = 'signal-room.auth';
const listeners = new Set<() => void>();

function read(): AuthResponse | null {
  try {
    const parsed = authResponseSchema.safeParse(JSON.parse(localStorage.getItem(KEY) ?? 'null'));
    if (!parsed.success) return null;
    return Date.parse(parsed.data.expiresAt) > Date.now() ? parsed.data : null;
  } catch {
    return null;
  }
}

let current = read();

function publish(): void {
  current = read();
  for (const listener of listeners) listener();
}

// Another tab signing in or out changes this one too.
window.addEventListener('storage', (event) => {
  if (event.key === KEY) publish();
});

export const getAuth = (): AuthResponse | null => current;

export function setAuth(auth: AuthResponse | null): void {
  if (auth) localStorage.setItem(KEY, JSON.stringify(auth));
  else localStorage.removeItem(KEY);
  publish();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The signed-in user and token, or null; re-renders on sign-in and sign-out in any tab. */
export const useAuth = (): AuthResponse | null => useSyncExternalStore(subscribe, getAuth);
