/**
 * Close to the machine's limit (issue 19): Microsoft Forms-style CSVs of the example consultation
 * (11 questions and the about-you fields) at 100,000 and 500,000 responses (in files of 100,000:
 * the importer reads files up to 512 MB), each measured beside the raw limit in the same run.
 * - raw limit: papaparse parsing the file, better-sqlite3 (native SQLite, no durability: journal
 *   off, synchronous off) inserting one row per response and one per non-empty cell, then an FTS5
 *   index built over the answers in one go — no mapping, no checks;
 * - the command line end to end, as a script runs it (`node bin/workbench.mjs import`, one command
 *   per file): read, detect the layout, map, write, search index, the durable file; wall and CPU
 *   time and /usr/bin/time's peak RSS;
 *   at 100,000 also with duplicate and campaign detection;
 * - opening the imported workspace (`info`, wall clock from spawn), and in one process through the
 *   Router as the window calls it: open, search p50/p95 over a mix of queries, the first tallies
 *   of every closed question, the personal-data scan (the review list's first call, wall and CPU);
 * - at 100,000: the government response and the analysis workbook exported by the command line
 *   (publication level, --allow-unfinished: nothing is coded), wall, CPU and peak RSS.
 * BENCH_SCALE_COUNTS=100000 (comma-separated) picks the sizes; the exports are cached in /tmp.
 */
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { rawDatabase } from '../lib/raw-limit';
import { testRouter } from '../../harness/router';
import { generateExport } from '../lib/responses-fixture';
import { CLOSED_TYPES, orderedQuestions } from '#shared/domain/draft/model';
import { exampleDraft } from '#shared/domain/draft/example';
import { percentile, round } from '../stats';
import { cli, SEARCH_MIX } from '../lib/cli-run';

export const name = 'scale';

const COUNTS = (process.env['BENCH_SCALE_COUNTS'] ?? '100000,500000').split(',').map(Number);

/** Responses per export file: the importer reads files up to 512 MB, so a larger consultation comes in parts. */
const PART = 100_000;

/** The export(s) of `count` responses: parts of 100,000 (seeds 1, 2, …), each cached in /tmp. */
function ensureExports(count: number): string[] {
  const parts: string[] = [];
  for (let i = 0; i * PART < count; i++) {
    const n = Math.min(PART, count - i * PART);
    const file = `/tmp/cw-bench-scale-v1-msforms-${n}${i ? `-part${i + 1}` : ''}.csv`;
    parts.push(generateExport(file, { count: n, layout: 'microsoft-forms', draft: 'example', seed: i + 1 }));
  }
  return parts;
}

/**
 * papaparse + better-sqlite3 insert + a one-shot FTS5 build, no durability: the floor for an import. The file is
 * streamed (a 500,000-response export is longer than the longest string V8 makes), rows inserted as they are parsed.
 */
async function rawLimit(files: string[]): Promise<{ seconds: number; insert: number; fts: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'cw-bench-raw-'));
  try {
    const t0 = performance.now();
    const { db, insertResponse: insR, insertAnswer: insA } = rawDatabase(join(dir, 'raw.db'), { durable: false });
    db.exec('BEGIN');
    let id = 0;
    for (const file of files) {
      let header = true;
      await new Promise<void>((resolve, reject) => {
        Papa.parse<string[]>(createReadStream(file, 'utf8'), {
          step: (res) => {
            const row = res.data;
            if (header || row.length < 2) return void (header = false);
            insR.run(++id, row[0] ?? null);
            for (let c = 1; c < row.length; c++) if (row[c] !== '') insA.run(id, c, row[c]);
          },
          complete: () => resolve(),
          error: (e: Error) => reject(e),
        });
      });
    }
    db.exec('COMMIT');
    const t1 = performance.now();
    db.exec(
      `CREATE VIRTUAL TABLE answer_fts USING fts5(text, content='answer', content_rowid='id', ` +
        `tokenize="unicode61 remove_diacritics 2"); INSERT INTO answer_fts(answer_fts) VALUES('rebuild');`,
    );
    db.close();
    const t2 = performance.now();
    return { seconds: (t2 - t0) / 1000, insert: (t1 - t0) / 1000, fts: (t2 - t1) / 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function freshWorkspace(dir: string, label: string): string {
  const ws = join(dir, `${label}.consult`);
  cli(['new', ws, '--title', 'Scale', '--template', 'example']);
  return ws;
}

export async function run(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const closed = orderedQuestions(exampleDraft())
    .filter((q) => CLOSED_TYPES.has(q.type))
    .map((q) => q.id);
  for (const count of COUNTS) {
    const k = `${count / 1000}k`;
    const files = ensureExports(count);
    out[`${k}_fileMB`] = round(files.reduce((a, f) => a + statSync(f).size, 0) / 1e6, 1);
    out[`${k}_files`] = files.length;
    const dir = mkdtempSync(join(tmpdir(), `cw-bench-scale-${k}-`));
    try {
      const cpu0 = process.cpuUsage();
      const raw = await rawLimit(files);
      const cpu = process.cpuUsage(cpu0);
      out[`${k}_rawLimitSeconds`] = round(raw.seconds, 2);
      out[`${k}_rawLimitCpuSeconds`] = round((cpu.user + cpu.system) / 1e6, 2);
      out[`${k}_rawParseAndInsertSeconds`] = round(raw.insert, 2);
      out[`${k}_rawFtsSeconds`] = round(raw.fts, 2);

      const ws = freshWorkspace(dir, 'plain');
      // Part by part, as an official imports a consultation too big for one file: each a command of its own.
      let seconds = 0;
      let cpuSeconds = 0;
      let peakMiB = 0;
      for (const file of files) {
        const imp = cli(['import', ws, file, '--no-detect']);
        const imported = (JSON.parse(imp.stdout) as { imported: number }).imported;
        if (imported !== Math.min(PART, count)) throw new Error(`${file}: imported ${imported}`);
        seconds += imp.seconds;
        cpuSeconds += imp.cpuSeconds;
        peakMiB = Math.max(peakMiB, imp.peakMiB);
        out[`${k}_cliImportLastPartSeconds`] = round(imp.seconds, 2);
      }
      out[`${k}_cliImportSeconds`] = round(seconds, 2);
      out[`${k}_cliImportToRaw`] = round(seconds / raw.seconds, 2);
      out[`${k}_cliImportCpuSeconds`] = round(cpuSeconds, 2);
      out[`${k}_cliImportCpuToRawCpu`] = round(cpuSeconds / ((cpu.user + cpu.system) / 1e6), 2);
      out[`${k}_cliImportPeakRssMiB`] = peakMiB;
      out[`${k}_workspaceMiB`] = round(statSync(ws).size / 2 ** 20, 1);
      if (count <= 100_000) {
        const wsD = freshWorkspace(dir, 'detect');
        const withDetection = cli(['import', wsD, files[0]!]);
        out[`${k}_cliImportWithDetectionSeconds`] = round(withDetection.seconds, 2);
        rmSync(wsD, { force: true });
      }
      const infos = [0, 1, 2].map(() => cli(['info', ws]).seconds);
      out[`${k}_cliInfoSeconds`] = round(percentile(infos, 50), 2);

      // In one process, as the window calls it.
      const { call, router } = testRouter(dir);
      const t0 = performance.now();
      await call('workspace.open', { path: ws });
      out[`${k}_openMs`] = round(performance.now() - t0, 0);
      const t1 = performance.now();
      await call('analysis.tallies', { questionIds: closed });
      out[`${k}_firstTalliesMs`] = round(performance.now() - t1, 0);
      await call('responses.search', { query: 'warm' });
      const times: number[] = [];
      // CPU time as well: on a shared machine the wall clock also counts waiting for a core.
      const cpuTimes: number[] = [];
      for (let round_ = 0; round_ < 3; round_++)
        for (const query of SEARCH_MIX) {
          const s0 = performance.now();
          const c0 = process.cpuUsage();
          await call('responses.search', { query, limit: 50 });
          const c = process.cpuUsage(c0);
          times.push(performance.now() - s0);
          cpuTimes.push((c.user + c.system) / 1000);
        }
      out[`${k}_searchP50Ms`] = round(percentile(times, 50), 1);
      out[`${k}_searchP95Ms`] = round(percentile(times, 95), 1);
      out[`${k}_searchCpuP50Ms`] = round(percentile(cpuTimes, 50), 1);
      out[`${k}_searchCpuP95Ms`] = round(percentile(cpuTimes, 95), 1);
      // Every answer whose text would be published is read through the personal-data finder on the first call.
      const p0 = performance.now();
      const pc0 = process.cpuUsage();
      const scan = await call('responses.personalData', { limit: 50 });
      const pc = process.cpuUsage(pc0);
      out[`${k}_personalDataScanMs`] = round(performance.now() - p0, 0);
      out[`${k}_personalDataScanCpuMs`] = round((pc.user + pc.system) / 1000, 0);
      out[`${k}_personalDataAnswersScanned`] = scan.answersScanned;
      await call('workspace.close', {});
      await router.shutdown();
      if (count <= 100_000)
        for (const [kind, ext, key] of [
          ['government-response-docx', 'docx', 'governmentResponse'],
          ['analysis-xlsx', 'xlsx', 'analysisXlsx'],
        ] as const) {
          const e = cli(['export', ws, kind, join(dir, `out.${ext}`), '--allow-unfinished']);
          out[`${k}_${key}ExportSeconds`] = round(e.seconds, 2);
          out[`${k}_${key}ExportCpuSeconds`] = round(e.cpuSeconds, 2);
          out[`${k}_${key}ExportPeakRssMiB`] = e.peakMiB;
        }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (COUNTS.includes(100_000) && COUNTS.includes(500_000))
    for (const f of [
      'rawLimitSeconds',
      'cliImportSeconds',
      'cliInfoSeconds',
      'openMs',
      'firstTalliesMs',
      'searchP95Ms',
    ])
      out[`growth500kOver100k_${f}`] = round(Number(out[`500k_${f}`]) / Number(out[`100k_${f}`]), 2);
  return out;
}
