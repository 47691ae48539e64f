// The stamp the Node build leaves (dist/node/.built): the mtime of every folder and .ts file under
// electron/ and shared/ when the build read them. The command line (bin/workbench.mjs) rebuilds
// when any of them differs — a file edited, or a folder whose entries changed (a file added,
// removed or renamed) — by a stat of each listed path, with no walk of the source tree.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SOURCE_ROOTS = ['electron', 'shared'];

/** Every folder and .ts file under the source roots, with its mtime (a walk: the build does this once). */
export function takeStamp(root) {
  const paths = {};
  const walk = (dir) => {
    paths[relative(root, dir)] = statSync(dir).mtimeMs;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.ts')) paths[relative(root, p)] = statSync(p).mtimeMs;
    }
  };
  for (const r of SOURCE_ROOTS) walk(join(root, r));
  return { version: 1, paths };
}

export function writeStamp(file, stamp) {
  writeFileSync(file, JSON.stringify(stamp));
}

/** True when the stamp still describes the sources: no listed path changed or went missing. */
export function stampIsCurrent(root, file) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
  if (stamp?.version !== 1 || typeof stamp.paths !== 'object') return false;
  for (const [p, mtime] of Object.entries(stamp.paths)) {
    const st = statSync(join(root, p), { throwIfNoEntry: false });
    if (!st || st.mtimeMs !== mtime) return false;
  }
  return true;
}
