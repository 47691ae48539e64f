// `npm run dist`: build, then package installers with electron-builder (config: build/electron-builder.yml).
// Needs the Electron binary and electron-builder's tools, which are downloaded from GitHub: run it
// on a machine with network access. `--check` instead packages an unpacked app against a stand-in
// Electron folder (no network) and checks what went into app.asar — the offline smoke test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './build-node.mjs';

const check = process.argv.includes('--check');
const bin = (n) => join(root, 'node_modules', '.bin', n);

if (!process.argv.includes('--no-build')) {
  const built = spawnSync(process.execPath, [join(root, 'build', 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

if (!check) {
  const args = process.argv.slice(2).filter((a) => a !== '--no-build');
  const r = spawnSync(bin('electron-builder'), ['--config', 'build/electron-builder.yml', ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}

const fake = mkdtempSync(join(tmpdir(), 'cw-fake-electron-'));
const out = mkdtempSync(join(tmpdir(), 'cw-dist-check-'));
try {
  const version = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  mkdirSync(fake, { recursive: true });
  writeFileSync(join(fake, 'electron'), '#!/bin/sh\necho stand-in\n', { mode: 0o755 });
  writeFileSync(join(fake, 'version'), `v${version}`);
  // Fuses are flipped inside the real Electron binary, which the stand-in is not: leave them out here.
  const config = readFileSync(join(root, 'build', 'electron-builder.yml'), 'utf8').replace(
    /^electronFuses:\n(?:[ ]+.*\n)+/m,
    '',
  );
  const configPath = join(out, 'electron-builder-check.yml');
  writeFileSync(configPath, config);
  const r = spawnSync(
    bin('electron-builder'),
    [
      '--config',
      configPath,
      '--projectDir',
      root,
      '--linux',
      'dir',
      `-c.electronDist=${fake}`,
      `-c.electronVersion=${version}`,
      `-c.directories.output=${join(out, 'release')}`,
      `-c.directories.buildResources=${join(root, 'build')}`,
    ],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
    },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
  const { listPackage } = await import('@electron/asar');
  const files = listPackage(join(out, 'release', 'linux-unpacked', 'resources', 'app.asar'), { isPack: false }).map(
    (f) => f.replaceAll('\\', '/'),
  );
  const need = [
    '/package.json',
    '/dist/electron/main.cjs',
    '/dist/electron/preload.cjs',
    '/dist/electron/backend-worker.cjs',
    '/dist/electron/task-worker.cjs',
    '/dist/renderer/index.html',
    '/node_modules/sql.js/package.json',
    '/node_modules/@resvg/resvg-js/package.json',
  ];
  const unpacked = join(out, 'release', 'linux-unpacked', 'resources', 'app.asar.unpacked');
  for (const f of [
    'dist/electron/backend-worker.cjs',
    'dist/electron/task-worker.cjs',
    'dist/electron/sql-wasm.wasm',
    'node_modules/@resvg/resvg-js/index.js',
  ]) {
    if (!existsSync(join(unpacked, f))) {
      console.error(`Not unpacked from app.asar: ${f}`);
      process.exit(1);
    }
  }
  const missing = need.filter((f) => !files.includes(f));
  const forbidden = files.filter(
    (f) =>
      f.startsWith('/tests/') ||
      f.startsWith('/electron/') ||
      f.endsWith('.consult') ||
      f.includes('/node_modules/electron/') ||
      f.includes('/node_modules/vitest/'),
  );
  if (missing.length || forbidden.length) {
    console.error(
      `app.asar is wrong.\nMissing: ${missing.join(', ') || 'none'}\nShould not be ` +
        `there: ${forbidden.slice(0, 10).join(', ') || 'none'}`,
    );
    process.exit(1);
  }
  console.log(
    `Packaging check passed: app.asar holds ${files.length} entries, including the app and its runtime ` +
      `dependencies, and no sources, tests or dev tools.`,
  );
} finally {
  rmSync(fake, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
}
