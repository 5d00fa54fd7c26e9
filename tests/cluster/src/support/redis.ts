import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Child, freePort, waitUntil } from './processes';

/** Whether something on the port answers a Redis PING. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.write('PING\r\n');
  });
}

/**
 * A Redis server of the suite's own, a child process on a free port with nothing persisted; a
 * restart kills it and starts a new one on the same port, empty, as after a crash.
 */
export class PrivateRedis {
  readonly url: string;
  private child: Child | null = null;

  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {
    this.url = `redis://127.0.0.1:${port}`;
  }

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(
      mkdtempSync(join(tmpdir(), 'signal-room-cluster-redis-')),
      await freePort(),
    );
    await redis.resume();
    return redis;
  }

  get running(): boolean {
    return this.child?.running ?? false;
  }

  async resume(): Promise<void> {
    const child = Child.spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        this.dir,
      ],
      { cwd: this.dir },
    );
    this.child = child;
    await waitUntil(
      `redis-server on ${this.port} (${child.tail(500)})`,
      () => {
        if (!child.running) throw new Error(`redis-server exited at start:\n${child.tail()}`);
        return answersPing(this.port);
      },
      10_000,
    );
  }

  /** As a crash: SIGKILL, so clients see their connections drop without a goodbye. */
  async halt(): Promise<void> {
    await this.child?.kill('SIGKILL');
    this.child = null;
  }

  async destroy(): Promise<void> {
    await this.halt();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
