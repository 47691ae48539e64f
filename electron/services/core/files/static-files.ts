import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

export const contentTypeFor = (path: string): string =>
  TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

/**
 * Resolve a URL path inside `root`, refusing anything that would escape it (.., encoded
 * separators, absolute paths, NUL). Returns null when the request must be refused.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rel = normalize(decoded.replace(/^\/+/, ''));
  if (rel.startsWith('..') || rel.includes(`..${sep}`)) return null;
  const rootAbs = resolve(root);
  const full = resolve(join(rootAbs, rel));
  if (full !== rootAbs && !full.startsWith(rootAbs + sep)) return null;
  return full;
}

export async function readStatic(root: string, urlPath: string): Promise<{ body: Buffer; type: string } | null> {
  const full = resolveInside(root, urlPath === '/' ? '/index.html' : urlPath);
  if (!full) return null;
  try {
    const st = await stat(full);
    if (!st.isFile()) return null;
    return { body: await readFile(full), type: contentTypeFor(full) };
  } catch {
    return null;
  }
}
