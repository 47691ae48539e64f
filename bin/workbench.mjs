#!/usr/bin/env node
// `npx workbench …` from the repository root. Rebuilds the Node bundles first when a source has
// changed since they were built (a stat of each path the build's stamp lists: source-stamp.mjs),
// so the command always runs the code in the working tree.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stampIsCurrent } from '../build/scripts/source-stamp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'node', 'cli.mjs');

if (!existsSync(cli) || !stampIsCurrent(root, join(root, 'dist', 'node', '.built'))) {
  const { buildNode } = await import(pathToFileURL(join(root, 'build', 'scripts', 'build-node.mjs')).href);
  await buildNode();
}
await import(pathToFileURL(cli).href);
