import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where the task worker's script is (backend/task-worker.ts, bundled beside the code that starts it). */
export interface WorkerSpec {
  /** task-worker.mjs/.cjs beside the bundle that starts it. */
  file: string;
  /** Node options for the worker thread. */
  execArgv?: string[] | undefined;
}

/** The task worker bundled in `dir` (task-worker.mjs or .cjs, as `extension` says), if it is there. */
export function taskWorkerIn(dir: string, extension: string): string | undefined {
  const file = join(dir, `task-worker${extension}`);
  return existsSync(file) ? file : undefined;
}
