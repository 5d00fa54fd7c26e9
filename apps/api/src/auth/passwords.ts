import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { AppException } from '../common/app-exception';

// scrypt is memory-hard and built into Node: no native addon to build or trust. The parameters
// travel with each hash, so they can be raised later without breaking older ones.
const N = 2 ** 15;
const r = 8;
const p = 1;
const KEY_LENGTH = 32;
const MAX_MEMORY = 128 * N * r * 2;

// Each hash takes a core and 32 MB for 100-200 ms, on libuv's pool of four threads that file and
// DNS work share. Unbounded, 16 bad sign-ins at once held a good one back 800 ms (issue 9); two
// at a time leave a core for everything else.
const RUNNING = 2;
// A queue longer than this would answer after clients gave up; they are told to retry instead.
const WAITING = 64;
// One client (an address) may not take the whole queue, so others still get in.
const WAITING_PER_CLIENT = 16;

/**
 * Password work, two hashes at a time. Those waiting are served client by client in turn, not
 * first come first served: a client with a burst queued gets one turn in each round, so someone
 * else's sign-in waits about as long as there are clients waiting, not as long as the burst.
 */
class HashQueue {
  private running = 0;
  private waiting = 0;
  // Insertion order is turn order: a client served goes to the back.
  private readonly turns = new Map<string, (() => void)[]>();

  async run<T>(client: string, work: () => Promise<T>): Promise<T> {
    if (this.running < RUNNING) this.running += 1;
    else await this.wait(client);
    try {
      return await work();
    } finally {
      this.handOver();
    }
  }

  private wait(client: string): Promise<void> {
    const queue = this.turns.get(client) ?? [];
    if (queue.length >= WAITING_PER_CLIENT) {
      throw new AppException(
        'RATE_LIMITED',
        'Too many sign-ins at once; retry shortly.',
        undefined,
        1,
      );
    }
    if (this.waiting >= WAITING) {
      throw new AppException(
        'UNAVAILABLE',
        'Too many sign-ins at once; retry shortly.',
        undefined,
        1,
      );
    }
    this.waiting += 1;
    this.turns.set(client, queue);
    return new Promise((resolve) => queue.push(resolve));
  }

  /** Gives the slot just freed to the next client in turn, or frees it. */
  private handOver(): void {
    const next = this.turns.entries().next();
    if (next.done) {
      this.running -= 1;
      return;
    }
    const [client, queue] = next.value;
    this.turns.delete(client);
    const start = queue.shift();
    if (queue.length > 0) this.turns.set(client, queue);
    this.waiting -= 1;
    start?.();
  }
}

const hashes = new HashQueue();

function derive(
  password: string,
  salt: Buffer,
  n: number,
  rr: number,
  pp: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password,
      salt,
      KEY_LENGTH,
      { N: n, r: rr, p: pp, maxmem: MAX_MEMORY * 2 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

/** `client` is whose request this is (its address): it decides the turn in the hash queue. */
export async function hashPassword(password: string, client: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await hashes.run(client, () => derive(password, salt, N, r, p));
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(
  password: string,
  stored: string,
  client: string,
): Promise<boolean> {
  const [scheme, n, rr, pp, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await hashes.run(client, () =>
    derive(password, Buffer.from(salt, 'base64'), Number(n), Number(rr), Number(pp)),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Verified against when an e-mail is unknown, so both failures take the same time. */
export const UNKNOWN_USER_HASH = `scrypt$${N}$${r}$${p}$${randomBytes(16).toString('base64')}$${randomBytes(KEY_LENGTH).toString('base64')}`;
