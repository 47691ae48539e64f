import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
let built: string | null = null;

/**
 * The task worker (survey imports, workbooks) as the app ships it (dist/node/task-worker.mjs), bundled from the current
 * sources once per process (esbuild, about a second): a worker thread runs JavaScript files, and
 * Node 20 does not apply tsx inside one.
 */
export function builtTaskWorker(): string {
  if (built) return built;
  const r = spawnSync(process.execPath, [join(root, 'build/scripts/build-node.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not bundle the task worker');
  built = join(root, 'dist/node/task-worker.mjs');
  return built;
}
