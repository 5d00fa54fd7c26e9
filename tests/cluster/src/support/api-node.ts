import { resolve } from 'node:path';
import type { Exit } from './processes';
import { Child, waitUntil } from './processes';

const root = resolve(__dirname, '../../../..');

export interface NodeSettings {
  name: string;
  port: number;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  jwtSecret: string;
}

/** Whether the node's health check answers 200 (it does only while its database answers). */
export const healthy = (url: string): Promise<boolean> =>
  fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) }).then(
    (response) => response.ok,
    () => false,
  );

/**
 * One process of the built API (`dist/apps/api/main.js`), configured only through its
 * environment, as a deployment runs it. A node that exits without being told to is a crash,
 * and `assertAlive` says so with what it printed.
 */
export class ApiNode {
  readonly url: string;
  private child: Child | null = null;
  private stopping = false;

  constructor(readonly settings: NodeSettings) {
    this.url = `http://127.0.0.1:${settings.port}`;
  }

  async start(): Promise<void> {
    // Only what this cluster sets: an inherited DATABASE_URL or REDIS_URL would point elsewhere.
    const inherited: NodeJS.ProcessEnv = { ...process.env };
    for (const key of ['DATABASE_URL', 'REDIS_URL', 'REDIS_PREFIX', 'DATA_DIR', 'NODE_OPTIONS'])
      delete inherited[key];
    const { port, databaseUrl, redisUrl, redisPrefix, jwtSecret } = this.settings;
    const child = Child.spawn(process.execPath, ['dist/apps/api/main.js'], {
      cwd: root,
      env: {
        ...inherited,
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        REDIS_PREFIX: redisPrefix,
        JWT_SECRET: jwtSecret,
        PUBLIC_URL: this.url,
        // The streams below are bursts from one socket, retried in bursts after a fault; the
        // limiters are not under test here.
        COMMAND_RATE_PER_SECOND: '1000',
        COMMAND_RATE_PER_USER: '1000',
        JOINS_PER_USER: '1000',
      },
    });
    this.child = child;
    this.stopping = false;
    await waitUntil(
      `node ${this.settings.name} to become healthy`,
      () => {
        if (!child.running) throw new Error(`node ${this.settings.name} exited:\n${child.tail()}`);
        return healthy(this.url);
      },
      60_000,
      100,
    );
  }

  get running(): boolean {
    return this.child?.running ?? false;
  }

  get log(): string {
    return this.child?.log ?? '';
  }

  /** Sends a signal; the promise is the exit. */
  signal(signal: NodeJS.Signals): Promise<Exit> {
    const child = this.child;
    if (!child) throw new Error(`node ${this.settings.name} is not running`);
    this.stopping = true;
    return child.kill(signal);
  }

  /** Fails if the node died on its own (a crash, an unhandled rejection). */
  assertAlive(): void {
    if (this.stopping || !this.child || this.child.running) return;
    throw new Error(`node ${this.settings.name} crashed:\n${this.child.tail()}`);
  }

  async stop(): Promise<void> {
    if (!this.child?.running) return;
    this.stopping = true;
    const exit = this.child.kill('SIGTERM');
    const timer = setTimeout(() => void this.child?.kill('SIGKILL'), 20_000);
    await exit;
    clearTimeout(timer);
  }
}
