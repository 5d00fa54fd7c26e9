import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RunningProduct {
  url: string;
  stop(): Promise<void>;
}

const root = resolve(__dirname, '../../../..');

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The built product (`nx build api web`) as a user gets it from `npm start`: one process, API
 * and web on one port, on an embedded database in a folder of its own that is removed after.
 */
export async function startProduct(env: NodeJS.ProcessEnv = {}): Promise<RunningProduct> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'signal-room-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  // The embedded database on its own, whatever the shell says: the product refuses an empty
  // DATABASE_URL, so an inherited one (or a Redis to fan out through) is left out, not blanked.
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  delete inherited['DATABASE_URL'];
  delete inherited['REDIS_URL'];
  const child: ChildProcess = spawn(process.execPath, ['dist/apps/api/main.js'], {
    cwd: root,
    env: {
      ...inherited,
      ...env,
      PORT: String(port),
      DATA_DIR: dataDir,
      PUBLIC_URL: url,
      NODE_OPTIONS: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the product exited at start-up:\n${output}`);
    const healthy = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) throw new Error(`the product did not start in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
