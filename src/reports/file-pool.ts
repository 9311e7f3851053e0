import { Worker } from 'node:worker_threads';
import type { Locale } from '../config.ts';
import { DomainError, type DomainErrorCode } from '../domain/errors.ts';
import type { Cycle, Gender } from '../domain/model.ts';
import type { Acting } from '../services/deps.ts';
import type { LinkKind } from '../services/links.ts';
import type { DatabaseTimeouts } from '../store/db.ts';

export interface ReportFile {
  name: string;
  mimeType: string;
  content: Buffer;
}

/** Everything a file is built from, as plain data (it crosses to a worker thread). */
export interface FileRequest {
  acting: Acting;
  cycle: Cycle;
  kind: LinkKind;
  /** Whoever reads it: the file's words and dates are theirs. */
  reader: { locale: Locale; gender: Gender | null; timezone: string };
  /** The public address whose /verify/ page checks a diploma's number. */
  verifyBase?: string | undefined;
  /** The caller's "now" (certificates issued on the way are dated with it). */
  now: Date;
}

/** Builds report files somewhere other than the event loop that acknowledges chat requests. */
export interface FileBuilder {
  build(request: FileRequest): Promise<ReportFile>;
  close(): Promise<void>;
}

/** How a worker reaches the database: its own small pool to the same server. */
export interface WorkerDatabase {
  url: string;
  prepared: boolean;
  timeouts?: DatabaseTimeouts | undefined;
}

export type WorkerReply =
  | { id: number; file: { name: string; mimeType: string; content: Uint8Array } }
  | {
      id: number;
      error: { code?: DomainErrorCode; details?: Record<string, string | number>; message: string };
    };

interface Task {
  id: number;
  request: FileRequest;
  resolve: (file: ReportFile) => void;
  reject: (error: Error) => void;
}

/**
 * A few worker threads that build report files (results xlsx and CSV, diplomas PDF, the chart):
 * each reads the database through a pool of its own, renders, and hands back the bytes, so an
 * export of a large cohort never holds up the acknowledgements of the process that asked for it.
 * Requests queue when every worker is busy; a worker that dies fails only the file it was building
 * and is replaced at the next request. Idle workers do not keep the process alive.
 */
export class FilePool implements FileBuilder {
  private readonly workers = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Task>();
  private readonly queue: Task[] = [];
  private next = 1;
  private closed = false;

  constructor(
    private readonly options: {
      size: number;
      database: WorkerDatabase;
      onError?: (error: unknown) => void;
    },
  ) {}

  build(request: FileRequest): Promise<ReportFile> {
    if (this.closed) return Promise.reject(new Error('file pool closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.next++, request, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.workers.size < this.options.size ? this.spawn() : undefined);
      if (!worker) return;
      const task = this.queue.shift() as Task;
      this.busy.set(worker, task);
      worker.ref();
      worker.postMessage({ id: task.id, request: task.request });
    }
  }

  private spawn(): Worker {
    const here = import.meta.url;
    // Under a TypeScript loader (tests, `npm run dev`) the worker runs the source; built, dist/.
    const source = here.endsWith('.ts');
    const worker = new Worker(new URL(source ? './file-worker.ts' : './file-worker.js', here), {
      workerData: { database: this.options.database },
      ...(source ? { execArgv: ['--import', 'tsx'] } : {}),
    });
    this.workers.add(worker);
    worker.on('message', (reply: WorkerReply) => {
      const task = this.busy.get(worker);
      if (!task || task.id !== reply.id) return;
      this.busy.delete(worker);
      this.idle.push(worker);
      worker.unref();
      if ('file' in reply) {
        const { content, ...rest } = reply.file;
        task.resolve({
          ...rest,
          content: Buffer.from(content.buffer, content.byteOffset, content.byteLength),
        });
      } else if (reply.error.code) task.reject(new DomainError(reply.error.code, reply.error.details ?? {}));
      else task.reject(new Error(reply.error.message));
      this.pump();
    });
    worker.on('error', (error) => this.options.onError?.(error));
    worker.on('exit', () => {
      this.workers.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      const task = this.busy.get(worker);
      this.busy.delete(worker);
      task?.reject(new Error('the file worker stopped'));
      if (!this.closed) this.pump();
    });
    return worker;
  }

  /** Ends the workers; files being built fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('file pool closed'));
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }
}
