/** Where the task worker's script is (workers/task-worker.ts, bundled beside the code that starts it). */
export interface WorkerSpec {
  /** task-worker.mjs/.cjs beside the bundle that starts it. */
  file: string;
  /** Node options for the worker thread. */
  execArgv?: string[] | undefined;
}
