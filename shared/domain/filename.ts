/**
 * File names per GOV.UK guidance: lowercase, words joined by hyphens, meaningful out of context,
 * and no "draft", "final" or version markers.
 */
const NOISE = new Set(['draft', 'final', 'v', 'version', 'copy']);

export function slugify(text: string, fallback = 'consultation'): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((w) => w && !NOISE.has(w) && !/^v\d+$/.test(w));
  let slug = '';
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > 80) break;
    slug = next;
  }
  return slug || fallback;
}
