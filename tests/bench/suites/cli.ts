/**
 * The command line as a script calls it: `node bin/workbench.mjs <command>` (what `npx workbench`
 * runs, without npm's own start-up) for info, search and check, on the shipped example and on the
 * 100,000-response workspace; `npx workbench info` once for comparison; and Node starting with
 * nothing to do, the floor. Each figure is the median of several runs, in milliseconds, wall clock
 * from spawn to exit.
 *
 * BENCH_CLI_ROOT=<a checkout with node_modules and a build> measures another tree (a "before").
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureImported } from '../lib/responses-fixture';
import { percentile, round } from '../stats';

export const name = 'cli';

const root = process.env['BENCH_CLI_ROOT'] ?? fileURLToPath(new URL('../../..', import.meta.url));
const RUNS = 9;

function timeRun(cmd: string, args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  const ms = performance.now() - t0;
  // check exits 1 while the draft has errors: a finding, not a failure of the command.
  if (r.status !== 0 && !(args.includes('check') && r.status === 1))
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

function median(cmd: string, args: string[], runs = RUNS): { p50: number; min: number } {
  timeRun(cmd, args); // warm the file cache (and, the first time, the CLI's own build)
  const times = Array.from({ length: runs }, () => timeRun(cmd, args));
  return { p50: round(percentile(times, 50), 0), min: round(Math.min(...times), 0) };
}

export async function run(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'cw-bench-cli-'));
  const bin = join(root, 'bin', 'workbench.mjs');
  const node = process.execPath;
  const out: Record<string, number | string> = { root };
  try {
    const example = join(dir, 'example.consult');
    timeRun(node, [bin, 'new', example, '--title', 'Bench example', '--template', 'example']);
    out['nodeAloneMs'] = median(node, ['-e', '']).p50;
    for (const [label, args] of [
      ['info', ['info', example]],
      ['search', ['search', example, 'online']],
      ['check', ['check', example]],
    ] as const) {
      const m = median(node, [bin, ...args]);
      out[`example_${label}_p50Ms`] = m.p50;
      out[`example_${label}_minMs`] = m.min;
    }
    out['example_npxInfo_p50Ms'] = median('npx', ['--no-install', 'workbench', 'info', example], 5).p50;
    const big = await ensureImported();
    for (const [label, args] of [
      ['info', ['info', big]],
      ['search', ['search', big, 'online']],
      ['check', ['check', big]],
    ] as const) {
      out[`100k_${label}_p50Ms`] = median(node, [bin, ...args], 3).p50;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
