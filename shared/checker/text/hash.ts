/** FNV-1a, 32 bits, as 8 hex digits: short, stable fingerprints of matched text for finding keys. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Lower case, straight quotes, single spaces: small edits to spacing or quotes keep the same key. */
export function normaliseForKey(text: string): string {
  return text.toLowerCase().replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();
}
