import { isIPv6 } from 'node:net';

/** The first four groups of an IPv6 address, written out in full. */
function prefix64(address: string): string {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.padStart(4, '0'))
    .join(':')}::/64`;
}

/**
 * The address a request is counted against by the sign-in limits. Each proxy appends the address
 * it heard from to X-Forwarded-For, so with `trustedHops` proxies in front, the entry that many
 * places left of the socket's own peer is the client; entries further left were written by the
 * client itself and prove nothing. (Express's `trust proxy` set to a hop count reads it the same
 * way.) IPv6 counts by /64: one subscriber usually holds a whole /64 to pick addresses from.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedHops: number,
): string {
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer ?? 'unknown'];
  const address = chain[Math.max(0, chain.length - 1 - trustedHops)] ?? 'unknown';
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (v4) return v4;
  return isIPv6(address) ? prefix64(address.toLowerCase()) : address;
}
