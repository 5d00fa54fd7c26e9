import {
  closeSync,
  fstatSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { ConfigError } from '../config';

/** What a lock file holds: the process that owns the data folder. */
const ownerSchema = z.object({ pid: z.number().int().positive(), startedAt: z.string() });
type Owner = z.infer<typeof ownerSchema>;

const thisProcess: Owner = {
  pid: process.pid,
  startedAt: new Date(performance.timeOrigin).toISOString(),
};

// A starter creates the lock file and then writes it, so for a moment it is empty or partly
// written: only a file still unreadable after this long was left by a process that died between.
const MID_WRITE_MS = 3_000;
const REREAD_MS = 50;

export interface DataDirLock {
  /** Frees the folder; does nothing once it is no longer ours. */
  release(): void;
}

interface SeenLock {
  text: string;
  mtimeMs: number;
  owner: Owner | null;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

function parseOwner(text: string): Owner | null {
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The lock as it is now, or null when there is none. */
function readLock(path: string): SeenLock | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
  try {
    const text = readFileSync(fd, 'utf8');
    return { text, mtimeMs: fstatSync(fd).mtimeMs, owner: parseOwner(text) };
  } finally {
    closeSync(fd);
  }
}

function isAlive(owner: Owner): boolean {
  // In a container the server restarts as the same pid (often 1): our own pid is only a live
  // owner when its start time is ours too.
  if (owner.pid === process.pid) return owner.startedAt === thisProcess.startedAt;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, it is just not ours to signal.
    return errorCode(error) !== 'ESRCH';
  }
}

/** Creates the lock file if there is none; false when another one is there. */
function tryCreate(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    writeFileSync(fd, text);
  } catch (error) {
    unlinkSync(path);
    throw error;
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Moves a dead owner's lock out of the way. Two starters may both have judged it stale; rename is
 * atomic, so only one of them moves it, and the other finds it gone or moves the winner's fresh
 * lock instead, which it sees is not the one it judged and puts back (link never overwrites).
 */
function removeStale(path: string, stale: SeenLock): void {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  const moved = readLock(aside);
  try {
    if (moved !== null && (moved.text !== stale.text || moved.mtimeMs !== stale.mtimeMs)) {
      linkSync(aside, path);
    }
  } finally {
    unlinkSync(aside);
  }
}

function holding(path: string, text: string): DataDirLock {
  const release = (): void => {
    process.off('exit', release);
    if (readLock(path)?.text === text) unlinkSync(path);
  };
  process.on('exit', release);
  return { release };
}

/**
 * Takes the data folder for this process, through `<dataDir>.lock` beside it: PGlite has no lock
 * of its own, and two processes on one folder each acknowledge writes the other then overwrites.
 * A lock whose owner is gone (killed, crashed) is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const path = `${dataDir}.lock`;
  const text = JSON.stringify(thisProcess);
  const stopWaitingAt = Date.now() + MID_WRITE_MS;
  for (;;) {
    if (tryCreate(path, text)) return holding(path, text);
    const seen = readLock(path);
    if (seen === null) continue;
    if (seen.owner !== null && isAlive(seen.owner)) {
      throw new ConfigError(
        `The data folder ${dataDir} is in use by process ${seen.owner.pid}; set DATA_DIR or stop it.`,
      );
    }
    // Bounded by our own clock too, in case the file's time stamp lies ahead of it.
    const beingWritten =
      seen.owner === null && Date.now() - seen.mtimeMs < MID_WRITE_MS && Date.now() < stopWaitingAt;
    if (beingWritten) {
      await sleep(REREAD_MS);
      continue;
    }
    removeStale(path, seen);
  }
}
