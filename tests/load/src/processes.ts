import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { sleep } from './stats';

export const root = resolve(__dirname, '../../..');
const monitor = resolve(__dirname, 'loop-monitor.cjs');

/** Open files a server may hold: one per socket, and more than the usual default of 1024. */
const WANTED_FILES = 65_536;
const KEPT_LOG_LINES = 200;
/** USER_HZ, the unit of CPU times in /proc: 100 on every Linux that Node supports. */
const CLOCK_TICKS = 100;

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
  samples: number;
}

interface ProbeAnswer {
  probe: string;
  id: number;
  loop: LoopDelay;
}

/** A server process this benchmark started, with the probe preloaded into it. */
export class ServerProcess {
  /** The last lines the process printed, for when it fails to start. */
  readonly log: string[] = [];
  /** Every server this run started and has not stopped, so an interrupted run stops them all. */
  static readonly running = new Set<ServerProcess>();
  /** Warnings and errors it logged since `countComplaints()`, counted by their first line. */
  complaints: Record<string, number> = {};
  private nextProbe = 0;

  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    // Chunks do not end at line ends: each stream keeps its unfinished line for the next one.
    const keep = (): ((chunk: Buffer) => void) => {
      let unfinished = '';
      return (chunk) => {
        const lines = (unfinished + chunk.toString()).split('\n');
        unfinished = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) this.keepLine(line);
      };
    };
    child.stdout?.on('data', keep());
    child.stderr?.on('data', keep());
  }

  private keepLine(line: string): void {
    this.log.push(line);
    if (this.log.length > KEPT_LOG_LINES) this.log.shift();
    const complaint = complaintIn(line);
    if (complaint) this.complaints[complaint] = (this.complaints[complaint] ?? 0) + 1;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /**
   * Starts `node <args>` on `port` through bash, so the open-files limit can be raised first
   * (to the hard limit when that is below what we ask for), and waits until `readyPath` answers.
   */
  static async start(options: {
    name: string;
    port: number;
    args: string[];
    env: NodeJS.ProcessEnv;
    readyPath: string;
    startupMs?: number;
  }): Promise<ServerProcess> {
    const url = `http://127.0.0.1:${options.port}`;
    const raise = `ulimit -n ${WANTED_FILES} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"`;
    const child = spawn(
      'bash',
      ['-c', raise, process.execPath, '--expose-gc', '-r', monitor, ...options.args],
      {
        cwd: root,
        env: { ...options.env, NODE_OPTIONS: '' },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      },
    );
    const server = new ServerProcess(options.name, url, child);
    ServerProcess.running.add(server);
    const deadline = Date.now() + (options.startupMs ?? 120_000);
    for (;;) {
      if (server.exited) {
        throw new Error(`${options.name} exited at start-up:\n${server.log.join('\n')}`);
      }
      const ready = await fetch(`${url}${options.readyPath}`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) return server;
      if (Date.now() > deadline) {
        await server.stop();
        throw new Error(`${options.name} did not start in time:\n${server.log.join('\n')}`);
      }
      await sleep(250);
    }
  }

  /**
   * Asks the preloaded probe for its loop delay ('reset' starts a new window). A server
   * whose event loop is too busy to answer in time gets null rather than stopping the run.
   */
  probe(probe: 'read' | 'reset' | 'gc', timeoutMs = 30_000): Promise<ProbeAnswer | null> {
    const id = (this.nextProbe += 1);
    return new Promise((resolvePromise) => {
      const timer = setTimeout(() => {
        this.child.off('message', onMessage);
        resolvePromise(null);
      }, timeoutMs);
      const onMessage = (message: unknown): void => {
        const answer = message as Partial<ProbeAnswer> | null;
        if (answer?.id !== id) return;
        clearTimeout(timer);
        this.child.off('message', onMessage);
        resolvePromise(answer as ProbeAnswer);
      };
      this.child.on('message', onMessage);
      if (this.exited) return resolvePromise(null);
      this.child.send({ probe, id });
    });
  }

  /** Resident set size from /proc, in bytes, after a full GC so the heap has settled. */
  async rss(): Promise<number> {
    // Twice, a moment apart: the second collection finds what finalizers of the first freed.
    await this.probe('gc');
    await sleep(300);
    await this.probe('gc');
    await sleep(300);
    return residentBytes(this.pid);
  }

  /** The open-files limit the process actually runs with. */
  openFilesLimit(): number | null {
    try {
      const limits = readFileSync(`/proc/${this.pid}/limits`, 'utf8');
      const line = limits.split('\n').find((l) => l.startsWith('Max open files'));
      return line ? Number(line.split(/\s{2,}/)[1]) : null;
    } catch {
      return null;
    }
  }

  async stop(): Promise<void> {
    ServerProcess.running.delete(this);
    if (this.exited) return;
    const exited = new Promise<void>((done) => this.child.once('exit', () => done()));
    this.child.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
    if (!stopped) {
      this.child.kill('SIGKILL');
      await exited;
    }
  }
}

interface PinoLine {
  level?: unknown;
  msg?: unknown;
  err?: { message?: unknown };
}

/**
 * What a log line complains of, if it is a warning or worse: pino's JSON lines by their level
 * (40 and up), anything else by its words. The first line of the message names it.
 */
function complaintIn(line: string): string | null {
  let entry: PinoLine;
  try {
    entry = JSON.parse(line) as PinoLine;
  } catch {
    return /\b(warn|warning|error)\b/i.test(line) ? line.slice(0, 200) : null;
  }
  if (typeof entry.level !== 'number' || entry.level < 40) return null;
  const message = [entry.msg, entry.err?.message].filter((part) => typeof part === 'string');
  const first = (message.join(' — ').split('\n')[0] ?? '').slice(0, 200);
  return `${entry.level >= 50 ? 'error' : 'warning'}: ${first}`;
}

export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (!kib) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kib) * 1024;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat. */
export function cpuMillis(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The commit the product was built from, and whether its sources differed from it. */
export function productVersion(): string {
  const git = (args: string[]): string =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  try {
    const commit = git(['rev-parse', '--short', 'HEAD']);
    const changed = git(['status', '--porcelain', '--', 'apps/api', 'libs']);
    return changed ? `${commit} with uncommitted changes in apps/api or libs` : commit;
  } catch {
    return 'unknown (no git)';
  }
}

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  /** The 1, 5 and 15 minute load averages, as `uptime` prints them. */
  load: string;
}

export function machine(): Machine {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    load: loadAverage(),
  };
}

export const loadAverage = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
