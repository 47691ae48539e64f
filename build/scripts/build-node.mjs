// Bundle every Node-side entry point (and the two preloads) with esbuild. Fast (~0.3 s), so the
// CLI rebuilds itself when sources change (see bin/workbench.mjs).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { takeStamp, writeStamp } from './source-stamp.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// Inlined into the Node programs although they are packages: zod's ~100 small modules cost the
// command line ~20 ms of resolving and compiling on every start; bundled, a few.
const INLINED = new Set(['zod']);
const externalPackages = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
  .filter((name) => !INLINED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

const common = { bundle: true, sourcemap: 'linked', logLevel: 'warning', absWorkingDir: root, legalComments: 'none' };

export async function buildNode() {
  mkdirSync(join(dist, 'node'), { recursive: true });
  // Taken before the sources are read, so an edit made during the build is seen next time.
  const stamp = takeStamp(root);
  await Promise.all([
    // Node programs: ESM, dependencies left in node_modules, split into chunks at dynamic imports
    // so a command loads only what it needs (the router's handler groups: router/handler-groups.ts).
    build({
      ...common,
      entryPoints: {
        cli: 'electron/cli/main.ts',
        host: 'electron/host/main.ts',
        'backend-worker': 'electron/services/backend/worker-entry.ts',
        'task-worker': 'electron/services/backend/task-worker.ts',
      },
      outdir: join(dist, 'node'),
      outExtension: { '.js': '.mjs' },
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: externalPackages,
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
    }),
    // Electron main: CommonJS, electron and dependencies external.
    build({
      ...common,
      entryPoints: { main: 'electron/main/main.ts' },
      outdir: join(dist, 'electron'),
      outExtension: { '.js': '.cjs' },
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      packages: 'external',
    }),
    // The backend worker for the packaged desktop app: every JavaScript dependency inlined, so the
    // worker thread never has to resolve modules inside app.asar (it is unpacked beside it). Only
    // the native chart renderer stays external (unpacked from the asar too); sql.js's WASM is
    // copied next to the bundle, where sql.js looks for it.
    build({
      ...common,
      entryPoints: {
        'backend-worker': 'electron/services/backend/worker-entry.ts',
        'task-worker': 'electron/services/backend/task-worker.ts',
      },
      outdir: join(dist, 'electron'),
      outExtension: { '.js': '.cjs' },
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      // pg-native: node-postgres's optional native driver, never installed: pg falls back to its JavaScript client.
      external: ['@resvg/resvg-js', 'electron', 'pg-native'],
    }),
    // Sandboxed preload: cannot require() node_modules, so everything but 'electron' is inlined.
    build({
      ...common,
      entryPoints: { preload: 'electron/preload/preload.ts' },
      outdir: join(dist, 'electron'),
      outExtension: { '.js': '.cjs' },
      platform: 'browser',
      format: 'cjs',
      target: 'chrome130',
      external: ['electron'],
    }),
    // The browser host's window.workbench bridge: a classic script for the page.
    build({
      ...common,
      entryPoints: { 'host-bridge': 'electron/preload/host-bridge.ts' },
      outdir: join(dist, 'node'),
      platform: 'browser',
      format: 'iife',
      target: 'chrome120',
    }),
  ]);
  copyFileSync(join(root, 'node_modules', 'sql.js', 'dist', 'sql-wasm.wasm'), join(dist, 'electron', 'sql-wasm.wasm'));
  writeStamp(join(dist, 'node', '.built'), stamp);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildNode();
}
