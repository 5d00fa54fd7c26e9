import { createHmac } from 'node:crypto';
import type { IceServers } from '@signal-room/protocol';
import type { IceConfig } from '../config';

/**
 * The ICE servers one person's browser may use now. TURN credentials follow coturn's
 * `use-auth-secret` scheme: the username is the expiry (epoch seconds) and the user id, the
 * password the base64 HMAC-SHA1 of the username under the shared secret, so the TURN server
 * checks them without asking us and they stop working by themselves.
 */
export function iceServersFor(config: IceConfig, userId: string, now: number): IceServers {
  const iceServers: IceServers['iceServers'] = [];
  if (config.servers.length > 0) iceServers.push({ urls: config.servers });
  if (config.turnUrls.length === 0 || !config.turnSecret) return { iceServers, expiresAt: null };
  const expiresAt = Math.floor(now / 1000) + config.turnTtlSeconds;
  const username = `${expiresAt}:${userId}`;
  const credential = createHmac('sha1', config.turnSecret).update(username).digest('base64');
  iceServers.push({ urls: config.turnUrls, username, credential });
  return { iceServers, expiresAt: expiresAt * 1000 };
}
