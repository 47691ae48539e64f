/**
 * The command line as a script runs it, for the suites that time it (`scale`, `team`): `bin/workbench.mjs` under
 * /usr/bin/time, wall seconds from spawn to exit, CPU seconds (user + system, every thread: on a shared machine,
 * wall time minus this is waiting) and peak RSS; and the search mix both time.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { round } from '../stats';

export const root = fileURLToPath(new URL('../../..', import.meta.url));
const bin = join(root, 'bin', 'workbench.mjs');

/** The search queries the `scale` suite times on the laptop and the `team` suite on the server. */
export const SEARCH_MIX = [
  'NHS',
  'online',
  'internet',
  '"screen reader"',
  'pharm*',
  'appointment OR prescription',
  'broadband -slow',
  'dementia',
  'zebra',
  'rural AND access',
];

export function cli(args: string[]): { seconds: number; cpuSeconds: number; peakMiB: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'PEAK_KB %M CPU %U %S', process.execPath, bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 512 * 2 ** 20,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`workbench ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const m = /PEAK_KB (\d+) CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return {
    seconds,
    cpuSeconds: Number(m?.[2] ?? 0) + Number(m?.[3] ?? 0),
    peakMiB: round(Number(m?.[1] ?? 0) / 1024, 0),
    stdout: r.stdout,
  };
}
