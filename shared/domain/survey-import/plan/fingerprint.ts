import type { Layout } from '../types';
import { normaliseLabel } from '../values/text-match';

/**
 * Identifies "the same source": the tool and its header texts, normalised. The next export from
 * the same survey has the same fingerprint, so its saved mapping is offered again. A survey that
 * gained or lost a question gets a new fingerprint (and a fresh proposal) on purpose.
 */
export function sourceFingerprint(layout: Pick<Layout, 'source' | 'columns'>): string {
  const text = [layout.source, ...layout.columns.map((c) => normaliseLabel(c.header))].join('\u001f');
  return `${layout.source}:${hash64(text)}`;
}

/** A 64-bit FNV-1a hash as 16 hex digits (two 32-bit lanes; no crypto needed for a lookup key). */
export function hash64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h1 >>> 13);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
