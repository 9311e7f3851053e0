import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../domain/errors.ts';
import { openPostgres } from '../store/db.ts';
import type { FileRequest, WorkerDatabase, WorkerReply } from './file-pool.ts';
import { buildReportFileHere } from './files.ts';

/**
 * A report-file worker (`FilePool`): reads the database through its own small pool and builds the
 * file, off the server's event loop. The bytes go back transferred, not copied.
 */
const { database } = workerData as { database: WorkerDatabase };
// Files wait, acknowledgements do not: on Linux a thread has its own nice value, and this one
// yields the CPU to the server's event loop whenever both want it.
try {
  setPriority(19);
} catch {
  // Not allowed here (some platforms): the worker still runs, at the process's priority.
}
const opened = openPostgres(database.url, {
  max: 2,
  prepared: database.prepared,
  timeouts: database.timeouts,
});
const port = parentPort;

port?.on('message', async ({ id, request }: { id: number; request: FileRequest }) => {
  try {
    const now = new Date(request.now);
    const file = await buildReportFileHere({ db: opened.db, clock: { now: () => now } }, request);
    // A Buffer may be a view into a shared pool: hand over a copy of just its bytes.
    const content = new Uint8Array(file.content);
    const reply: WorkerReply = { id, file: { name: file.name, mimeType: file.mimeType, content } };
    port.postMessage(reply, [content.buffer]);
  } catch (error) {
    const reply: WorkerReply = {
      id,
      error:
        error instanceof DomainError
          ? { code: error.code, details: error.details, message: error.message }
          : { message: error instanceof Error ? error.message : String(error) },
    };
    port.postMessage(reply);
  }
});
