import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

// PGlite is a single-process database: two processes writing one data directory corrupt it.
// A lock file holding the owner's pid keeps a second server or CLI command out, and tells the
// user which process holds the directory. A lock left by a process that no longer runs is stale
// and taken over.

export interface LockOwner {
  pid: number;
  command: string;
  since: string;
}

export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The data directory ${dataDir} is in use by process ${owner.pid} (${owner.command}, since ${owner.since}). ` +
        'Stop that process first, or set DATA_DIR to another directory.',
    );
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

/** Takes the directory's lock or throws DataDirInUseError; returns the function that releases it. */
export function lockDataDir(dataDir: string, command: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'marketgate.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      const owner: LockOwner = { pid: process.pid, command, since: new Date().toISOString() };
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (readOwner(path)?.pid === process.pid) rmSync(path, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(path);
      if (owner && owner.pid !== process.pid && isRunning(owner.pid)) throw new DataDirInUseError(dataDir, owner);
      if (owner && owner.pid === process.pid) {
        throw new DataDirInUseError(dataDir, owner);
      }
      rmSync(path, { force: true }); // stale: its owner is gone
    }
  }
  throw new Error(`Could not take the lock ${path}`);
}
