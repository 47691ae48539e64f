import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCliBuilt } from './cli';

const root = fileURLToPath(new URL('../..', import.meta.url));
let built: string | null = null;

/**
 * The task worker (survey imports, workbooks) as the app ships it (dist/node/task-worker.mjs): a
 * worker thread runs JavaScript files, and Node 20 does not apply tsx inside one. Bundled from the
 * current sources only when they changed since the last build (bin/workbench.mjs checks the build's
 * stamp), never rebuilt while it is current: a rebuild rewrites dist/node in place, and a command
 * line another test file is running at that moment would read half-written chunks.
 */
export function builtTaskWorker(): string {
  if (built) return built;
  ensureCliBuilt();
  built = join(root, 'dist/node/task-worker.mjs');
  return built;
}
