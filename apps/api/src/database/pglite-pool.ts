import { EventEmitter } from 'node:events';
import type { PGlite, Results } from '@electric-sql/pglite';

type QueryCallback = (error: Error | null, result?: Results<unknown>) => void;
type Release = (error?: Error) => void;
type ConnectCallback = (error: Error | null, client?: PgliteClient, release?: Release) => void;

/** The part of a `pg` client TypeORM's Postgres driver uses, over the one PGlite session. */
class PgliteClient extends EventEmitter {
  constructor(private readonly db: PGlite) {
    super();
  }

  query(text: string, paramsOrCallback?: unknown[] | QueryCallback, callback?: QueryCallback) {
    const params = Array.isArray(paramsOrCallback) ? paramsOrCallback : undefined;
    const done = typeof paramsOrCallback === 'function' ? paramsOrCallback : callback;
    const result = this.db.query(text, params);
    if (!done) return result;
    result.then(
      (rows) => done(null, rows),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    );
    return undefined;
  }
}

/**
 * A `pg`-style pool that lends PGlite's single session to one holder at a time. PGlite has one
 * session: sharing it between holders would let one request's statements land inside another
 * request's transaction (and commit or roll back with it). Waiters queue in arrival order.
 */
class PglitePool extends EventEmitter {
  private readonly client: PgliteClient;
  private held = false;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly db: PGlite) {
    super();
    this.client = new PgliteClient(db);
  }

  connect(callback?: ConnectCallback): Promise<PgliteClient> | undefined {
    const acquired = this.acquire();
    if (!callback) return acquired;
    acquired.then(
      (client) => callback(null, client, () => this.release()),
      (error: Error) => callback(error),
    );
    return undefined;
  }

  async query(text: string, params?: unknown[]): Promise<Results<unknown>> {
    const client = await this.acquire();
    try {
      return await (client.query(text, params) as Promise<Results<unknown>>);
    } finally {
      this.release();
    }
  }

  end(callback?: (error?: Error) => void): Promise<void> {
    const closed = this.db.close();
    closed.then(
      () => callback?.(),
      (error: Error) => callback?.(error),
    );
    return closed;
  }

  private acquire(): Promise<PgliteClient> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve(this.client);
    }
    return new Promise((resolve) => this.waiting.push(() => resolve(this.client)));
  }

  private release(): void {
    const next = this.waiting.shift();
    // PGlite answers as promises, so a queue of holders handing over to each other would run as
    // one long chain of microtasks: timers and sockets (heartbeats) would starve behind it.
    if (next) setImmediate(next);
    else this.held = false;
  }
}

/** A stand-in for the `pg` module, handed to TypeORM as its driver: every pool is the same one. */
export function pgliteDriver(db: PGlite) {
  const pool = new PglitePool(db);
  return {
    Pool: class {
      constructor() {
        return pool;
      }
    },
  };
}
