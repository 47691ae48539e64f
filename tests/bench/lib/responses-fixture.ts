/**
 * The 100,000-response export and the workspace it is imported into, shared by the responses
 * benchmarks (import, search, campaigns). The export is the one the import-parse suite uses
 * (SurveyMonkey CSV, 100,000 responses × 20 questions, generated once by the generator CLI in a
 * child process and cached under /tmp); the imported workspace is cached beside it so the search
 * and campaign suites can run on their own.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Router } from '#electron/services/router/router';
import { SettingsStore } from '#electron/services/core/settings/settings-store';
import { createWorkspace } from '#electron/services/workspace/workspace-service';
import { backupPathFor, journalPathFor, openReadOnly } from '#electron/services/core/db/workspace-file';
import { benchDraft } from '../../generators/drafts';
import { builtTaskWorker } from '../../harness/task-worker';

export const COUNT = 100_000;
export const EXPORT_FILE = `/tmp/cw-bench-import-v1-surveymonkey-${COUNT}.csv`;
export const WORKSPACE_FILE = `/tmp/cw-bench-responses-v2-${COUNT}.consult`;
const root = fileURLToPath(new URL('../../..', import.meta.url));

export function ensureExport(): string {
  return generateExport(EXPORT_FILE, {
    count: COUNT,
    layout: 'surveymonkey',
    draft: 'bench',
    seed: 1,
    openLengths: '85,15,0',
  });
}

/**
 * A survey export made by the generator CLI in a child process (its heap is not the suite's), unless `out` is
 * already there (cached under /tmp between runs).
 */
export function generateExport(
  out: string,
  o: { count: number; layout: string; draft: 'bench' | 'example'; seed: number; openLengths?: string },
): string {
  if (existsSync(out)) return out;
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'tests/generators/cli.ts'),
      ...['--count', String(o.count), '--layout', o.layout, '--format', 'csv', '--draft', o.draft],
      ...['--seed', String(o.seed), ...(o.openLengths ? ['--open-lengths', o.openLengths] : []), '--out', out],
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error(`could not generate ${out}`);
  return out;
}

/**
 * A Router over real services with a throwaway settings folder, recording job progress messages; `background` as in the
 * app's backend, which reads survey exports in its import worker.
 */
export function benchRouter(opts: { background?: boolean } = {}): {
  router: Router;
  marks: { at: number; message: string }[];
  done: () => Promise<void>;
} {
  const marks: { at: number; message: string }[] = [];
  const config = mkdtempSync(join(tmpdir(), 'cw-bench-config-'));
  const router = new Router(
    {
      settings: new SettingsStore(config),
      clock: () => new Date(),
      actor: 'bench',
      env: {
        version: 'bench',
        shell: 'cli',
        nativeDialogs: false,
        platform: process.platform,
        defaultFolder: tmpdir(),
      },
      background: !!opts.background,
      ...(opts.background ? { taskWorker: { file: builtTaskWorker() } } : {}),
    },
    (_s, event, payload) => {
      if (event === 'job.progress')
        marks.push({ at: performance.now(), message: (payload as { message: string }).message });
    },
  );
  return {
    router,
    marks,
    done: async () => {
      await router.shutdown();
      rmSync(config, { recursive: true, force: true });
    },
  };
}

/** The imported 100,000-response workspace (imported now if the import suite has not left one). */
export async function ensureImported(): Promise<string> {
  if (existsSync(WORKSPACE_FILE)) {
    const ro = await openReadOnly(WORKSPACE_FILE, { integrityCheck: false });
    const n = ro.db.scalar<number>('SELECT count(*) FROM response') ?? 0;
    ro.db.close();
    if (n === COUNT) return WORKSPACE_FILE;
  }
  await freshWorkspace();
  const b = benchRouter();
  try {
    const opened = await b.router.dispatch('bench', 'workspace.open', { path: WORKSPACE_FILE });
    if (!opened.ok) throw new Error(opened.error.message);
    const r = await b.router.dispatch('bench', 'responses.import', { paths: [ensureExport()] });
    if (!r.ok) throw new Error(r.error.message);
  } finally {
    await b.done();
  }
  return WORKSPACE_FILE;
}

/** An empty workspace with the 20-question benchmark draft at WORKSPACE_FILE. */
export async function freshWorkspace(): Promise<void> {
  for (const p of [
    WORKSPACE_FILE,
    journalPathFor(WORKSPACE_FILE),
    backupPathFor(WORKSPACE_FILE),
    `${WORKSPACE_FILE}.lock`,
  ])
    if (existsSync(p)) rmSync(p);
  const ws = await createWorkspace(WORKSPACE_FILE, 'Benchmark', 'bench', undefined, benchDraft());
  ws.close();
}
