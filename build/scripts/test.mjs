// `npm test`: every check, in order, stopping at the first failure.
// Type checks per folder → lint (with the import rules) → build → unit/integration (vitest) → e2e (Playwright +
// Chromium).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from './build-node.mjs';
import { chromiumForTests } from './find-browser.mjs';

const bin = (name) => join(root, 'node_modules', '.bin', name);
const steps = [
  ['typecheck shared/', [bin('tsc'), '-p', 'shared']],
  ['typecheck electron/', [bin('tsc'), '-p', 'electron']],
  ['typecheck electron/preload/', [bin('tsc'), '-p', 'electron/preload']],
  ['typecheck renderer/', [bin('tsc'), '-p', 'renderer']],
  ['typecheck tests/', [bin('tsc'), '-p', 'tests']],
  ['typecheck build/', [bin('tsc'), '-p', 'build']],
  ['lint', [bin('eslint'), '-c', 'build/eslint.config.js', '--max-warnings', '0', '.']],
  ['build', [process.execPath, 'build/scripts/build.mjs']],
  [
    'packaging check (electron-builder, offline)',
    [process.execPath, 'build/scripts/dist.mjs', '--check', '--no-build'],
  ],
  ['unit and integration tests', [bin('vitest'), 'run', '-c', 'tests/vitest.config.ts']],
  ['end-to-end tests (Chromium)', [bin('playwright'), 'test', '-c', 'tests/playwright.config.ts']],
  [
    'Electron shell tests (skipped without the Electron binary)',
    [bin('playwright'), 'test', '-c', 'tests/playwright-electron.config.ts'],
  ],
];

const only = process.argv.slice(2);
const selected = (name) => !only.length || only.some((o) => name.includes(o));
const env = { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' };

// The browser first: a machine without one learns it now, in one line, not after the other checks.
if (steps.some(([name]) => name.startsWith('end-to-end') && selected(name))) {
  const browser = await chromiumForTests();
  if (browser.problem) {
    console.log(`\nnpm test: ${browser.problem}`);
    process.exit(1);
  }
  env.CHROMIUM_PATH = browser.path;
  console.log(`Browser for the end-to-end tests: ${browser.path}`);
}

const results = [];
for (const [name, [cmd, ...args]] of steps) {
  if (!selected(name)) continue;
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  results.push(`${r.status === 0 ? '✔' : '✘'} ${name} (${secs} s)`);
  if (r.status !== 0) {
    console.log(`\n${results.join('\n')}\n\nFAILED: ${name}`);
    process.exit(r.status ?? 1);
  }
}
console.log(`\n${results.join('\n')}\n\nAll checks passed.`);
