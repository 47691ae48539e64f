/**
 * `npm run trial`: the fault and hostile-input trial, against the built command line (what ships).
 *
 *   inputs      1,000+ hostile files through every importer (CSV/TSV, XLSX/XLS/ODS, returned
 *               .docx/.xlsx forms, .eml, .msg, folders)
 *   kills       200 kill -9s at random moments in imports, exports and edits
 *   disk        a full disk (a small tmpfs), read-only folders and files
 *   workspaces  workspaces held open elsewhere, with random bytes changed, with journals cut
 *
 * Prints a table of outcomes (clear error / imported / unclear message / crash / hang / over
 * memory / lost) per family and writes every case to trial-results/latest.json (and a dated
 * copy). Exits 1 on any crash, hang, loss, memory over 2 GB or unclear refusal.
 *
 *   npm run trial                         everything, seed 1
 *   npm run trial -- --seed 7 inputs      one section, another seed (the same seed replays the same cases)
 *   npm run trial -- --inputs 200 --kills 40   smaller counts
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { FAILING, table, type CaseResult } from './lib/outcome';
import { ROOT } from './lib/run-cli';
import { runInputs } from './sections/inputs';
import { runKills } from './sections/kills';
import { runDisk } from './sections/disk';
import { runWorkspaces } from './sections/workspaces';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const seed = option('seed', 1);
const sections = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
const wanted = (s: string) => !sections.length || sections.includes(s);
const log = (line: string) => console.log(line);

// What ships: build the bundles first.
const build = spawnSync(process.execPath, [join(ROOT, 'build', 'scripts', 'build.mjs')], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const work = mkdtempSync(join(tmpdir(), 'cw-trial-'));
const results: CaseResult[] = [];
const started = Date.now();
try {
  if (wanted('inputs')) {
    log('\n▶ inputs: hostile files through every importer');
    results.push(...(await runInputs({ seed, count: option('inputs', 1000), work: join(work, 'inputs'), log })));
  }
  if (wanted('kills')) {
    log('\n▶ kills: kill -9 at random moments in imports, exports and edits');
    results.push(...(await runKills({ seed, count: option('kills', 200), work: join(work, 'kills'), log })));
  }
  if (wanted('disk')) {
    log('\n▶ disk: a full disk, read-only folders and files');
    results.push(...(await runDisk({ seed, work: join(work, 'disk'), log })));
  }
  if (wanted('workspaces')) {
    log('\n▶ workspaces: held open elsewhere, bytes changed, journals cut');
    results.push(...(await runWorkspaces({ seed, work: join(work, 'workspaces'), log })));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const failed = results.filter((r) => FAILING.has(r.outcome));
console.log(
  `\nOutcomes by family (seed ${seed}, ${results.length} cases, ${Math.round((Date.now() - started) / 1000)} s):\n`,
);
console.log(table(results, (r) => `${r.section}: ${r.family}`));
const peak = results.reduce((m, r) => Math.max(m, r.peakMiB), 0);
const slowest = results.reduce((m, r) => Math.max(m, r.ms), 0);
console.log(`\nPeak memory of any one run: ${peak} MiB. Slowest run: ${(slowest / 1000).toFixed(1)} s.`);
for (const f of failed.slice(0, 40)) console.log(`  ✘ ${f.outcome}: ${f.section}: ${f.family}: ${f.name}: ${f.detail}`);
if (failed.length > 40) console.log(`  … and ${failed.length - 40} more (trial-results/latest.json)`);

const dir = join(ROOT, 'trial-results');
mkdirSync(dir, { recursive: true });
const report = {
  at: new Date().toISOString(),
  seed,
  sections: sections.length ? sections : ['inputs', 'kills', 'disk', 'workspaces'],
  machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30) },
  seconds: Math.round((Date.now() - started) / 1000),
  peakMiB: peak,
  failed: failed.length,
  results,
};
writeFileSync(join(dir, 'latest.json'), JSON.stringify(report, null, 2));
writeFileSync(join(dir, `trial-${report.at.replace(/[:.]/g, '-')}.json`), JSON.stringify(report, null, 2));
const verdict = failed.length
  ? `FAILED: ${failed.length} case(s).`
  : 'No crash, hang, loss, unclear refusal or memory over 2 GB.';
console.log(`\n${verdict} Written to trial-results/latest.json.`);
process.exit(failed.length ? 1 : 0);
