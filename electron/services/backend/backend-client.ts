import { Worker } from 'node:worker_threads';
import type { AppEvents } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import type { FromWorker, ToWorker, WorkerConfig } from './protocol';

type Pending = { resolve: (v: unknown) => void };
export type BackendEventListener = (sessionId: string, event: keyof AppEvents, payload: unknown) => void;

/**
 * The host side of the backend worker: sends calls, matches replies, relays events. If the worker
 * dies, calls in flight fail with a clear error (their changes, if acknowledged, are in the journal).
 */
export class BackendClient {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private listeners = new Set<BackendEventListener>();
  private ready: Promise<void>;
  private exited = false;

  constructor(workerFile: string, config: WorkerConfig) {
    this.worker = new Worker(workerFile, { workerData: config });
    this.ready = new Promise((resolve, reject) => {
      const onMsg = (m: FromWorker) => {
        if (m.type === 'ready') {
          this.worker.off('message', onMsg);
          resolve();
        }
      };
      this.worker.on('message', onMsg);
      this.worker.once('error', reject);
    });
    this.worker.on('message', (m: FromWorker) => this.onMessage(m));
    this.worker.on('error', (e) => console.error('[backend] worker error:', e));
    this.worker.on('exit', (code) => {
      this.exited = true;
      for (const [, p] of this.pending) {
        p.resolve({ ok: false, error: { code: 'internal', message: `The backend stopped unexpectedly (exit ${code}). Restart the app; saved changes are kept.` } });
      }
      this.pending.clear();
    });
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
      for (const l of this.listeners) l(m.sessionId, m.event, m.payload);
    }
  }

  private send<T>(build: (id: number) => ToWorker): Promise<T> {
    if (this.exited) {
      return Promise.resolve({ ok: false, error: { code: 'internal', message: 'The backend is not running. Restart the app.' } } as T);
    }
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
    return this.send((id) => ({ type: 'end-session', id, sessionId }));
  }

  onEvent(listener: BackendEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Close every workspace cleanly (snapshot, remove journal, release lock), then stop the thread. */
  async shutdown(): Promise<void> {
    if (this.exited) return;
    await this.send((id) => ({ type: 'shutdown', id }));
    await this.worker.terminate();
  }
}
