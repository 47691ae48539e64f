import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * No import loops in the app's own code (electron/, shared/, renderer/src/): a loop means two
 * files that cannot be understood, tested or moved apart. Every import counts, `import type` and
 * `import()` included. Strongly connected components by Tarjan's algorithm.
 */
const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const FOLDERS = ['electron', 'shared', 'renderer/src'];
const SPEC = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)'([^']+)'/gm;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function resolveSpec(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('.')) base = resolve(dirname(from), spec);
  else if (spec.startsWith('#shared/')) base = join(ROOT, 'shared', spec.slice('#shared/'.length));
  else if (spec.startsWith('#electron/')) base = join(ROOT, 'electron', spec.slice('#electron/'.length));
  else return null;
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')])
    if (existsSync(c) && statSync(c).isFile()) return c;
  return null;
}

function loops(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.map((f) => relative(ROOT, f)).sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('the import graph', () => {
  it('has no loops', () => {
    const graph = new Map<string, Set<string>>();
    for (const folder of FOLDERS) {
      for (const file of sourceFiles(join(ROOT, folder))) {
        const deps = new Set<string>();
        for (const m of readFileSync(file, 'utf8').matchAll(SPEC)) {
          const target = resolveSpec(file, m[1]!);
          if (target) deps.add(target);
        }
        graph.set(file, deps);
      }
    }
    expect(graph.size).toBeGreaterThan(300);
    expect(loops(graph)).toEqual([]);
  });
});
