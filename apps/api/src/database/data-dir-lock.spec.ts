import { spawn } from 'node:child_process';
import type { ChildProcess, ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import fs, {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { ConfigError } from '../config';
import { lockDataDir } from './data-dir-lock';
import { openDataSource } from './data-source';

let root: string;
let dataDir: string;
let lockPath: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'signal-room-lock-'));
  dataDir = join(root, 'pglite');
  lockPath = `${dataDir}.lock`;
});

afterEach(() => {
  jest.restoreAllMocks();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

const inUse = (pid: number) =>
  new ConfigError(
    `The data folder ${dataDir} is in use by process ${pid}; set DATA_DIR or stop it.`,
  );

async function refusal(opening: Promise<unknown>): Promise<unknown> {
  return opening.then(
    () => 'opened',
    (error: unknown) => error,
  );
}

function writeLock(owner: unknown): void {
  writeFileSync(lockPath, JSON.stringify(owner));
}

const lockOwner = () => JSON.parse(readFileSync(lockPath, 'utf8')) as { pid: number };

async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
}

interface Holder {
  child: ChildProcessByStdio<Writable, Readable, null>;
  pid: number;
}

/**
 * A separate node process that takes the folder through this module and holds it until its stdin
 * closes, then exits normally.
 */
async function holderProcess(): Promise<Holder> {
  const script = `
    require(${JSON.stringify(join(__dirname, 'data-dir-lock.ts'))})
      .lockDataDir(${JSON.stringify(dataDir)})
      .then(() => {
        console.log('holding ' + process.pid);
        process.stdin.resume();
      });`;
  const child = spawn(
    process.execPath,
    ['-r', require.resolve('@swc-node/register'), '-e', script],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  // The pid arrives on a marked line once the lock is taken (whatever else the loader prints);
  // an exit before it is reported as such.
  const pid = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const held = /^holding (\d+)$/m.exec(out);
      if (held) resolve(Number(held[1]));
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`the holder exited (${signal ?? code}) before taking the lock: ${out}`)),
    );
  });
  expect(pid).toBe(child.pid);
  return { child, pid };
}

describe('the embedded database', () => {
  const config = () => ({ kind: 'embedded' as const, dataDir });
  const addUser = (dataSource: DataSource, email: string) =>
    dataSource.manager.save(UserEntity, { email, passwordHash: 'not-a-hash', displayName: email });

  it('refuses a second open of its folder, naming the holder, while the first stays usable', async () => {
    const first = await openDataSource(config());
    try {
      const error = await refusal(openDataSource(config()));
      expect(error).toBeInstanceOf(ConfigError);
      expect(error).toEqual(inUse(process.pid));
      await addUser(first, 'first@example.test');
      expect(await first.manager.countBy(UserEntity, {})).toBe(1);
    } finally {
      await first.destroy();
    }
  }, 60_000);

  it('frees its folder when it closes, so the folder reopens with its data', async () => {
    const first = await openDataSource(config());
    await addUser(first, 'kept@example.test');
    expect(lockOwner().pid).toBe(process.pid);
    await first.destroy();
    expect(existsSync(lockPath)).toBe(false);

    const again = await openDataSource(config());
    try {
      expect(await again.manager.countBy(UserEntity, { email: 'kept@example.test' })).toBe(1);
    } finally {
      await again.destroy();
    }
  }, 60_000);
});

describe('the data folder lock', () => {
  it('takes over a lock left by a process that is gone', async () => {
    const dead = spawn(process.execPath, ['-e', '']);
    await exited(dead);
    writeLock({ pid: dead.pid, startedAt: new Date().toISOString() });

    const lock = await lockDataDir(dataDir);
    expect(lockOwner().pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock left by an earlier process with our pid, as in a restarted container', async () => {
    writeLock({ pid: process.pid, startedAt: '2000-01-01T00:00:00.000Z' });

    const lock = await lockDataDir(dataDir);
    expect(lockOwner()).toEqual({
      pid: process.pid,
      startedAt: expect.not.stringMatching(/^2000/),
    });
    lock.release();
  });

  it('waits for a lock still being written instead of taking it over', async () => {
    writeFileSync(lockPath, '');
    // The parent process stands in for a live starter that has not written its pid yet.
    setTimeout(() => writeLock({ pid: process.ppid, startedAt: new Date().toISOString() }), 200);

    expect(await refusal(lockDataDir(dataDir))).toEqual(inUse(process.ppid));
  });

  it('takes over an unreadable lock once it is older than any write', async () => {
    writeFileSync(lockPath, '{"pid":');
    const aMinuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lockPath, aMinuteAgo, aMinuteAgo);

    const lock = await lockDataDir(dataDir);
    expect(lockOwner().pid).toBe(process.pid);
    lock.release();
  });

  it('lets only one of two starters that judged the same lock stale take it', async () => {
    const dead = spawn(process.execPath, ['-e', '']);
    await exited(dead);
    writeLock({ pid: dead.pid, startedAt: new Date().toISOString() });
    const rival = { pid: process.ppid, startedAt: new Date().toISOString() };
    // Just before this starter moves the stale lock aside, a rival does the same and locks anew.
    const rename = fs.renameSync;
    jest.spyOn(fs, 'renameSync').mockImplementationOnce((from, to) => {
      rename(from, `${lockPath}.rival`);
      fs.unlinkSync(`${lockPath}.rival`);
      writeLock(rival);
      rename(from, to);
    });

    expect(await refusal(lockDataDir(dataDir))).toEqual(inUse(rival.pid));
    expect(lockOwner()).toEqual(rival);
  });

  it('refuses while another process holds the folder, and takes it once that one is killed', async () => {
    const holder = await holderProcess();
    expect(await refusal(lockDataDir(dataDir))).toEqual(inUse(holder.pid));

    holder.child.kill('SIGKILL');
    await exited(holder.child);
    const lock = await lockDataDir(dataDir);
    expect(lockOwner().pid).toBe(process.pid);
    lock.release();
  });

  it('is freed when its process exits normally', async () => {
    const holder = await holderProcess();
    expect(lockOwner().pid).toBe(holder.pid);

    holder.child.stdin.end();
    await exited(holder.child);
    expect(holder.child.exitCode).toBe(0);
    expect(existsSync(lockPath)).toBe(false);
  });
});
