import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT_DIR = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

export const ROOT = ROOT_DIR;
export const CLI_BUNDLE = join(ROOT, 'dist', 'node', 'cli.mjs');

/** Run `npx workbench …` the way a script would (through bin/workbench.mjs, which rebuilds if stale). */
export function workbench(
  args: string[],
  opts: { cwd?: string; input?: string } = {},
): SpawnSyncReturns<string> & { json: () => unknown } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'workbench.mjs'), ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    input: opts.input,
    maxBuffer: 256 * 1024 * 1024,
  });
  return Object.assign(r, { json: () => JSON.parse(r.stdout) as unknown });
}

/** Make sure dist/node is current (the CLI rebuilds itself when sources changed). */
export function ensureCliBuilt(): void {
  const r = workbench(['--help']);
  if (r.status !== 0) throw new Error(`could not build the CLI: ${r.stderr}`);
}
