/**
 * `npm run bench`: runs every suite in tests/bench/suites/ (or those named on the command line),
 * prints each figure and writes them all, with the machine they ran on, to
 * bench-results/latest.json (and a timestamped copy). Timings live here, never in pass/fail tests.
 *
 * A suite is a module exporting `name` and `run(): Promise<Record<string, number | string>>`.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const only = process.argv.slice(2);

interface Suite {
  name: string;
  run(): Promise<Record<string, number | string>>;
}

const all = readdirSync(join(here, 'suites'))
  .filter((f) => f.endsWith('.ts'))
  .sort();
// Named suites are picked by file name first, so one suite's imports cannot break another's run.
const byFile = all.filter((f) => only.some((o) => f.includes(o)));
const files = only.length && byFile.length ? byFile : all;
const results: Record<string, Record<string, number | string>> = {};
for (const f of files) {
  const suite = (await import(pathToFileURL(join(here, 'suites', f)).href)) as Suite;
  if (only.length && !byFile.length && !only.some((o) => suite.name.includes(o))) continue;
  console.log(`\n▶ ${suite.name}`);
  const started = Date.now();
  try {
    const figures = await suite.run();
    for (const [k, v] of Object.entries(figures)) console.log(`  ${k}: ${v}`);
    results[suite.name] = { ...figures, suiteSeconds: Number(((Date.now() - started) / 1000).toFixed(1)) };
  } catch (e) {
    console.error(`  failed: ${(e as Error).stack}`);
    results[suite.name] = { error: (e as Error).message };
  }
}

const out = {
  at: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  results,
};
const dir = join(root, 'bench-results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'latest.json'), JSON.stringify(out, null, 2));
writeFileSync(join(dir, `bench-${out.at.replace(/[:.]/g, '-')}.json`), JSON.stringify(out, null, 2));
console.log(`\nWrote ${join('bench-results', 'latest.json')}`);
