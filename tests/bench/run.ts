/**
 * `npm run bench`: runs every suite in tests/bench/suites/ (or those named on the command line),
 * prints each figure and writes them all, with the machine they ran on, to
 * bench-results/latest.json (and a timestamped copy). Timings live here, never in pass/fail tests.
 *
 * A suite is a module exporting `name` and `run(): Promise<Record<string, number | string>>`.
 *
 * Each suite runs in a process of its own (this script again, with `--suite <file> --out <json>`),
 * so one suite's heap — three gigabytes after the 100,000-response suites — does not slow the next
 * one's garbage collection: the app's backend holds one workspace, not every suite's leftovers.
 * Children get `--expose-gc`, so suites can measure the memory a step adds.
 *
 * Options for a suite pass through the environment, so they reach its process and no suite name
 * filter sees them: `--set DIR` (repeatable) gives the `themes` suite the labelled sets to score
 * (BENCH_SETS, separated by the path delimiter), instead of its three defaults.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { cpus, totalmem } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const args = process.argv.slice(2);
for (let i = args.indexOf('--set'); i >= 0; i = args.indexOf('--set')) {
  const dir = args[i + 1];
  if (!dir) throw new Error('--set needs a folder');
  // Relative to where `npm run bench` was typed (npm runs the script from the package's root).
  const abs = resolve(process.env.INIT_CWD ?? process.cwd(), dir);
  process.env.BENCH_SETS = process.env.BENCH_SETS ? `${process.env.BENCH_SETS}${delimiter}${abs}` : abs;
  args.splice(i, 2);
}

interface Suite {
  name: string;
  run(): Promise<Record<string, number | string>>;
}

type Figures = Record<string, number | string>;

/** In a child: run one suite file and write its name and figures to `out`. */
async function runOne(file: string, out: string): Promise<void> {
  const suite = (await import(pathToFileURL(join(here, 'suites', file)).href)) as Suite;
  console.log(`\n▶ ${suite.name}`);
  const started = Date.now();
  let figures: Figures;
  try {
    figures = await suite.run();
    for (const [k, v] of Object.entries(figures)) console.log(`  ${k}: ${v}`);
    figures = { ...figures, suiteSeconds: Number(((Date.now() - started) / 1000).toFixed(1)) };
  } catch (e) {
    console.error(`  failed: ${(e as Error).stack}`);
    figures = { error: (e as Error).message };
  }
  writeFileSync(out, JSON.stringify({ name: suite.name, figures }));
}

const suiteAt = args.indexOf('--suite');
if (suiteAt >= 0) {
  await runOne(args[suiteAt + 1]!, args[args.indexOf('--out') + 1]!);
  process.exit(0);
}

const only = args;
const all = readdirSync(join(here, 'suites'))
  .filter((f) => f.endsWith('.ts'))
  .sort();
// Named suites are picked by file name (or, failing that, by the suite's name in its child).
const byFile = all.filter((f) => only.some((o) => f.includes(o)));
const files = only.length && byFile.length ? byFile : all;
const results: Record<string, Figures> = {};
const scratch = mkdtempSync(join(tmpdir(), 'cw-bench-run-'));
try {
  for (const f of files) {
    if (only.length && !byFile.length) {
      const suite = (await import(pathToFileURL(join(here, 'suites', f)).href)) as Suite;
      if (!only.some((o) => suite.name.includes(o))) continue;
    }
    const out = join(scratch, `${f}.json`);
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--suite', f, '--out', out],
      { stdio: 'inherit', cwd: root },
    );
    try {
      const r = JSON.parse(readFileSync(out, 'utf8')) as { name: string; figures: Figures };
      results[r.name] = r.figures;
    } catch {
      console.error(`  ${f}: the suite's process ended (${child.signal ?? `exit ${child.status}`}) without figures`);
      results[f.replace(/\.ts$/, '')] = {
        error: `process ended (${child.signal ?? `exit ${child.status}`}) without figures`,
      };
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const out = {
  at: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  results,
};
const dir = join(root, 'bench-results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'latest.json'), JSON.stringify(out, null, 2));
writeFileSync(join(dir, `bench-${out.at.replace(/[:.]/g, '-')}.json`), JSON.stringify(out, null, 2));
console.log(`\nWrote ${join('bench-results', 'latest.json')}`);
