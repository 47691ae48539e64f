/**
 * The 100,000-response export and the workspace it is imported into, shared by the responses
 * benchmarks (import, search, campaigns). The export is the one the import-parse suite uses
 * (SurveyMonkey CSV, 100,000 responses × 20 questions, generated once by the generator CLI in a
 * child process and cached under /tmp); the imported workspace is cached beside it so the search
 * and campaign suites can run on their own.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const COUNT = 100_000;
export const EXPORT_FILE = `/tmp/cw-bench-import-v1-surveymonkey-${COUNT}.csv`;
export const WORKSPACE_FILE = `/tmp/cw-bench-responses-v1-${COUNT}.consult`;
const root = fileURLToPath(new URL('../../..', import.meta.url));

export function ensureExport(): string {
  if (existsSync(EXPORT_FILE)) return EXPORT_FILE;
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'tests/generators/cli.ts'), '--count', String(COUNT), '--layout', 'surveymonkey', '--format', 'csv', '--draft', 'bench', '--open-lengths', '85,15,0', '--seed', '1', '--out', EXPORT_FILE],
    { cwd: root, stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error('could not generate the benchmark export');
  return EXPORT_FILE;
}
