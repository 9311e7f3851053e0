import { mkdirSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';

/** Raised when another live process holds the embedded database's folder. */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `The data folder ${dataDir} is in use by another Mentoría process${holderPid > 0 ? ` (pid ${holderPid})` : ''}. ` +
        'The embedded database allows one process only: stop the other one, or set DATABASE_URL to share a PostgreSQL server.',
    );
  }
}

export interface DataDirLock {
  release(): void;
}

const SOCKET = 'mentoria.lock.sock';
/** The pid file of earlier versions: pids are reused (our own, pid 1 in a container), so it is ignored. */
const LEGACY_LOCK = 'mentoria.lock';

/**
 * Asks whoever listens on the lock socket who they are: their pid, or -1 when they answer
 * nothing in time; `undefined` when nobody listens (the socket a dead process left behind).
 */
function holderOf(path: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const socket = connect(path);
    let answer = '';
    const done = (pid: number | undefined) => {
      socket.destroy();
      resolve(pid);
    };
    const timer = setTimeout(() => done(-1), 1_000);
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('end', () => {
      clearTimeout(timer);
      const pid = Number((JSON.parse(answer || '{}') as { pid?: unknown }).pid);
      done(Number.isInteger(pid) && pid > 0 ? pid : -1);
    });
    socket.on('error', () => {
      clearTimeout(timer);
      done(undefined);
    });
  });
}

function listen(path: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((client) => client.end(JSON.stringify({ pid: process.pid })));
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      // The lock must not keep the process alive on its own.
      server.unref();
      resolve(server);
    });
  });
}

/**
 * PGlite has no lock of its own: two processes on one folder silently lose rows. Node has no
 * file lock, so the lock is a Unix socket listening in the folder: it dies with its process
 * (a crash, a container restart), and a socket nobody answers on is stale and taken over.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, SOCKET);
  for (let attempt = 0; attempt < 3; attempt++) {
    let server: Server;
    try {
      server = await listen(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      const holder = await holderOf(path);
      if (holder !== undefined) throw new DataDirInUseError(dataDir, holder);
      try {
        unlinkSync(path);
      } catch {
        // Another process removed the stale socket first; the next attempt decides.
      }
      continue;
    }
    try {
      unlinkSync(join(dataDir, LEGACY_LOCK));
    } catch {
      // No lock file of an earlier version.
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      server.close();
      try {
        unlinkSync(path);
      } catch {
        // Already gone: nothing to release.
      }
    };
    process.once('exit', release);
    return { release };
  }
  throw new DataDirInUseError(dataDir, -1);
}
