/**
 * Import of 100,000 responses × 20 questions (the SurveyMonkey CSV of import-parse) end to end
 * through the real services — read, detect the layout and map in the import worker (the bundled
 * dist/node/task-worker.mjs) while every respondent, response and answer is written in one
 * mutation, saved to disk — via the Router as the app's backend calls it; the
 * full-text index is then built in the background (searchIndexReadySeconds, from the start). In the same run, the raw
 * baseline: papaparse parsing the same file and better-sqlite3 (native
 * SQLite) bulk-inserting one row per response and one per non-empty cell, in one transaction, with
 * an index on the response id. The imported workspace is kept for the search and campaign suites.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { rawDatabase } from '../lib/raw-limit';
import { openReadOnly } from '#electron/services/core/db/workspace-file';
import { benchRouter, COUNT, ensureExport, freshWorkspace, WORKSPACE_FILE } from '../lib/responses-fixture';
import { peakRssMiB, round } from '../stats';
import { backlogPending } from '#electron/services/responses/search-backlog';

export const name = 'import-responses';

function baseline(file: string): { seconds: number; parseSeconds: number; rows: number } {
  const dir = mkdtempSync(join(tmpdir(), 'cw-bench-baseline-'));
  try {
    const t0 = performance.now();
    const parsed = Papa.parse<string[]>(readFileSync(file, 'utf8'), { skipEmptyLines: false });
    const t1 = performance.now();
    const { db, insertResponse: insR, insertAnswer: insA } = rawDatabase(join(dir, 'baseline.db'), { durable: true });
    let rows = 0;
    db.transaction(() => {
      const data = parsed.data;
      for (let r = 2; r < data.length; r++) {
        const row = data[r]!;
        if (row.length < 2) continue;
        insR.run(r, row[0] ?? null);
        for (let c = 1; c < row.length; c++) {
          const v = row[c]!;
          if (v !== '') {
            insA.run(r, c, v);
            rows++;
          }
        }
      }
    })();
    db.close();
    const t2 = performance.now();
    return { seconds: (t2 - t0) / 1000, parseSeconds: (t1 - t0) / 1000, rows };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Record<string, number | string>> {
  const file = ensureExport();
  await freshWorkspace();
  // As the app's backend runs it: the search index of a large import is built after the import returns.
  const { router, marks, done } = benchRouter({ background: true });
  const opened = await router.dispatch('bench', 'workspace.open', { path: WORKSPACE_FILE });
  if (!opened.ok) throw new Error(opened.error.message);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await router.dispatch('bench', 'responses.import', { paths: [file] }, { jobId: 'bench-import' });
  const t1 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  if (!r.ok) throw new Error(r.error.message);
  const out = r.value as { imported: number; rejected: unknown[] };
  if (out.imported !== COUNT) throw new Error(`expected ${COUNT} responses, got ${out.imported}`);
  const db = router.session('bench').workspace!.db;
  const indexPending = backlogPending(db);
  while (backlogPending(db)) await new Promise((r) => setTimeout(r, 20));
  const tIndexed = performance.now();
  const peak = peakRssMiB();
  // The worker has read the file and settled the mapping; then its first slice of rows is written.
  const plannedAt = marks.find((m) => / rows$/.test(m.message))?.at ?? t1;
  const firstRowsAt = marks.find((m) => /: row [\d,]+ of/.test(m.message))?.at ?? t1;
  const t2 = performance.now();
  await router.dispatch('bench', 'workspace.close', {});
  const t3 = performance.now();
  await done();
  const answers = await answerCount();

  const base = baseline(file);
  const total = (t1 - t0) / 1000;
  return {
    fileMB: round(statSync(file).size / 1e6, 1),
    responses: out.imported,
    answers,
    rejected: out.rejected.length,
    importSeconds: round(total, 2),
    // The search index, built in the background after the import returned (a search meanwhile finishes it first).
    searchIndexDeferred: indexPending ? 'yes' : 'no',
    searchIndexReadySeconds: round((tIndexed - t0) / 1000, 2),
    // CPU time of this process during the import (all its threads): on a shared machine, wall time minus this is
    // waiting.
    importCpuSeconds: round((cpu.user + cpu.system) / 1e6, 2),
    loadAverageAtStart: round(loadavg()[0]!, 2),
    // Read in the import worker while the rows are written here: until the file is read and mapped…
    readAndPlanSeconds: round((plannedAt - t0) / 1000, 2),
    // …until the first slice of rows is written, and the rest (mapping overlapped with writing, then the save).
    firstRowsWrittenSeconds: round((firstRowsAt - t0) / 1000, 2),
    mapWriteAndSaveSeconds: round((t1 - plannedAt) / 1000, 2),
    closeSeconds: round((t3 - t2) / 1000, 2),
    responsesPerSecond: Math.round(COUNT / total),
    workspaceMiB: round(statSync(WORKSPACE_FILE).size / 2 ** 20, 1),
    rssBeforeMiB: round(rssBefore / 2 ** 20, 0),
    importPeakRssMiB: peak,
    baselineSeconds: round(base.seconds, 2),
    baselineParseSeconds: round(base.parseSeconds, 2),
    baselineRows: base.rows,
    ratioToBaseline: round(total / base.seconds, 2),
  };
}

async function answerCount(): Promise<number> {
  const ro = await openReadOnly(WORKSPACE_FILE, { integrityCheck: false });
  try {
    return ro.db.scalar<number>('SELECT count(*) FROM answer') ?? 0;
  } finally {
    ro.db.close();
  }
}
