import { clearBrowserOutboxes } from '@signal-room/room-client';
import { logout } from '../api/client';
import { setAuth } from './auth-store';

/**
 * Ends the sign-in on the server, so a copy of the token stops working too, and forgets here
 * what the browser kept for the person: the token and the room commands still unsent, which
 * may hold private notes. The request is made first, while the token is stored for it to carry;
 * the browser forgets at once all the same, without waiting on a server that may not answer
 * (the token then lapses at its expiry).
 */
export function signOut(): Promise<void> {
  const revoked = logout();
  clearBrowserOutboxes(localStorage);
  setAuth(null);
  return revoked.catch(() => undefined);
}
