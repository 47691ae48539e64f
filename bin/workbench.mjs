#!/usr/bin/env node
// `npx workbench …` from the repository root. Rebuilds the Node bundles first when any source is
// newer than them, so the command always runs the code in the working tree.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', 'node', '.built');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (Math.max(newestSource(join(root, 'electron')), newestSource(join(root, 'shared'))) > builtAt) {
  const { buildNode } = await import(pathToFileURL(join(root, 'build', 'scripts', 'build-node.mjs')).href);
  await buildNode();
}
await import(pathToFileURL(join(root, 'dist', 'node', 'cli.mjs')).href);
