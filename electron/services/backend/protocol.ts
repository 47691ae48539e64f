import type { AppEvents } from '#shared/ipc/contract';
import type { Result } from '#shared/core/errors';
import type { Services } from '../core/session';

/** Messages between a host thread (Electron main, browser host) and the backend worker. */
export type ToWorker =
  | { type: 'call'; id: number; sessionId: string; channel: string; input: unknown; jobId?: string }
  | { type: 'end-session'; id: number; sessionId: string }
  | { type: 'shutdown'; id: number };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'done'; id: number }
  | { type: 'event'; sessionId: string; event: keyof AppEvents; payload: unknown };

/** What the worker is started with (structured-clonable: no functions). */
export interface WorkerConfig {
  configDir: string;
  actor: string;
  env: Services['env'];
  snapshotEveryMs: number;
  /** The task worker's script (Services.taskWorker); by default the one beside the backend worker's. */
  taskWorkerFile?: string | undefined;
}
