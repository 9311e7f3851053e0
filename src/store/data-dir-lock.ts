import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Raised when another live process holds the embedded database's folder. */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `The data folder ${dataDir} is in use by another Mentoría process (pid ${holderPid}). ` +
        'The embedded database allows one process only: stop the other one, or set DATABASE_URL to share a PostgreSQL server.',
    );
  }
}

export interface DataDirLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite has no lock of its own: two processes on one folder silently lose rows. This takes
 * an exclusive lock file (created with O_EXCL) holding our pid and host; a lock left by a
 * process that died on this host is taken over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'mentoria.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname() }));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: { pid?: number; host?: string } = {};
      try {
        holder = JSON.parse(readFileSync(path, 'utf8'));
      } catch {
        // Unreadable lock: a process died while writing it; treat as stale.
      }
      const pid = Number(holder.pid);
      const sameHost = !holder.host || holder.host === hostname();
      if (Number.isInteger(pid) && pid > 0 && (!sameHost || alive(pid))) {
        throw new DataDirInUseError(dataDir, pid);
      }
      try {
        unlinkSync(path);
      } catch {
        // Someone else removed the stale lock first; the next attempt decides.
      }
    }
  }
  throw new DataDirInUseError(dataDir, -1);
}
