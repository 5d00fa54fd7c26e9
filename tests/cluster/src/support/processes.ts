import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** The machine's own services: the suite never binds, stops or connects to these. */
const RESERVED_PORTS = new Set([5432, 6379]);

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** A port nobody listens on now, never one of the machine's own database ports. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', reject);
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    if (port > 0 && !RESERVED_PORTS.has(port)) return port;
  }
}

/** Polls `check` until it is true; the error names what was awaited. */
export async function waitUntil(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 50,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await sleep(everyMs);
  }
}

/** `promise`, or a rejection naming `what` once `ms` have passed. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs a program to completion; a non-zero exit rejects with its output. */
export function run(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${stderr || stdout}`));
      else resolve(stdout);
    });
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A child process whose output is kept (for failure messages) and whose exit can be awaited. */
export class Child {
  readonly exited: Promise<Exit>;
  private output = '';

  private constructor(readonly process: ChildProcess) {
    process.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    process.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) =>
      process.once('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  static spawn(command: string, args: readonly string[], options: SpawnOptions): Child {
    return new Child(spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** The last part of what the process printed, for assertion messages. */
  tail(chars = 4000): string {
    return this.output.slice(-chars);
  }

  get log(): string {
    return this.output;
  }

  /** Sends a signal and waits for the exit; a process already gone is not an error. */
  async kill(signal: NodeJS.Signals): Promise<Exit> {
    if (this.running) this.process.kill(signal);
    return this.exited;
  }
}
