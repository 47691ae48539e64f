import { Worker } from 'node:worker_threads';
import { dirname, extname } from 'node:path';
import { taskWorkerIn } from '../core/workers/worker-spec';
import type { AppEvents } from '#shared/ipc/contract';
import type { Result } from '#shared/core/errors';
import type { FromWorker, ToWorker, WorkerConfig } from './protocol';
import { lockPathFor, readLock } from '../core/files/lock';
import { safeUnlink } from '../core/files/atomic-write';

/** The task worker bundled beside the backend worker (backend-worker.mjs → task-worker.mjs), if there is one. */
export const taskWorkerBeside = (workerFile: string): string | undefined =>
  taskWorkerIn(dirname(workerFile), extname(workerFile));

type Pending = { resolve: (v: unknown) => void };
export type BackendEventListener = (sessionId: string, event: keyof AppEvents, payload: unknown) => void;

/**
 * The host side of the backend worker: sends calls, matches replies, relays events.
 *
 * If the worker dies (a bug, out of memory), calls in flight fail with a clear error and a new
 * worker starts. Every change it had acknowledged is in the journal; the lock files it held carry
 * this process's pid, so they would look "open in another window" — they are removed, and each
 * window is told its workspace closed, so reopening replays the journal.
 */
export class BackendClient {
  private worker!: Worker;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private listeners = new Set<BackendEventListener>();
  private ready!: Promise<void>;
  private stopping = false;
  private stopped = false;
  /** Workspaces open per session, as the worker last reported: the locks to release after a crash. */
  private openPaths = new Map<string, string>();
  restarts = 0;

  constructor(
    private readonly workerFile: string,
    private readonly config: WorkerConfig,
  ) {
    this.start();
  }

  private start(): void {
    const taskWorkerFile = this.config.taskWorkerFile ?? taskWorkerBeside(this.workerFile);
    const worker = new Worker(this.workerFile, {
      workerData: { ...this.config, ...(taskWorkerFile ? { taskWorkerFile } : {}) },
    });
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      const onMsg = (m: FromWorker) => {
        if (m.type === 'ready') {
          worker.off('message', onMsg);
          resolve();
        }
      };
      worker.on('message', onMsg);
      worker.once('error', reject);
    });
    worker.on('message', (m: FromWorker) => this.onMessage(m));
    worker.on('error', (e) => console.error('[backend] worker error:', e));
    worker.on('exit', (code) => this.onExit(worker, code));
  }

  private onExit(worker: Worker, code: number): void {
    if (worker !== this.worker) return;
    for (const [, p] of this.pending) {
      p.resolve({
        ok: false,
        error: {
          code: 'internal',
          message:
            `The backend stopped unexpectedly (exit ${code}). Your saved changes are kept: open the workspace ` +
            `again.`,
        },
      });
    }
    this.pending.clear();
    if (this.stopping) {
      this.stopped = true;
      return;
    }
    console.error(`[backend] worker exited unexpectedly (code ${code}); restarting`);
    for (const path of this.openPaths.values()) {
      const lock = readLock(lockPathFor(path));
      if (lock && lock !== 'unreadable' && lock.pid === process.pid) safeUnlink(lockPathFor(path));
    }
    const sessions = [...this.openPaths.keys()];
    this.openPaths.clear();
    this.restarts += 1;
    this.start();
    const message =
      'Consultation Workbench restarted its background process after a problem. Every change that was saved is ' +
      'kept: open your workspace again.';
    for (const s of sessions) {
      for (const l of this.listeners) {
        l(s, 'workspace.state', null);
        l(s, 'backend.restarted', { message });
      }
    }
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  private onMessage(m: FromWorker): void {
    if (m.type === 'result') {
      this.pending.get(m.id)?.resolve(m.result);
      this.pending.delete(m.id);
    } else if (m.type === 'done') {
      this.pending.get(m.id)?.resolve(undefined);
      this.pending.delete(m.id);
    } else if (m.type === 'event') {
      if (m.event === 'workspace.state') {
        const path = (m.payload as { path?: unknown } | null)?.path;
        if (typeof path === 'string') this.openPaths.set(m.sessionId, path);
        else this.openPaths.delete(m.sessionId);
      }
      for (const l of this.listeners) l(m.sessionId, m.event, m.payload);
    }
  }

  private async send<T>(build: (id: number) => ToWorker): Promise<T> {
    if (this.stopped) {
      return { ok: false, error: { code: 'internal', message: 'The backend is not running. Restart the app.' } } as T;
    }
    await this.ready;
    const id = this.nextId++;
    return new Promise<T>((resolve) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void });
      this.worker.postMessage(build(id));
    });
  }

  call(sessionId: string, channel: string, input: unknown, jobId?: string): Promise<Result<unknown>> {
    return this.send((id) => ({ type: 'call', id, sessionId, channel, input, ...(jobId ? { jobId } : {}) }));
  }

  endSession(sessionId: string): Promise<void> {
    this.openPaths.delete(sessionId);
    return this.send((id) => ({ type: 'end-session', id, sessionId }));
  }

  onEvent(listener: BackendEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** For tests: kill the worker thread abruptly, as a crash would. */
  async crashForTest(): Promise<void> {
    await this.worker.terminate();
  }

  /** Close every workspace cleanly (snapshot, remove journal, release lock), then stop the thread. */
  async shutdown(): Promise<void> {
    if (this.stopped) return;
    this.stopping = true;
    await this.send((id) => ({ type: 'shutdown', id }));
    await this.worker.terminate();
    this.stopped = true;
  }
}
