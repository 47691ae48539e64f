/**
 * Syllables of an English word by the usual heuristic (vowel groups, less a silent final e, -es
 * and -ed): the method of the open-source readability libraries the standard cites (§6.4, S30).
 * Approximate by nature; good enough to rank sections, which is what the scores are for.
 */
const cache = new Map<string, number>();
const CACHE_LIMIT = 50_000;

export function syllables(word: string): number {
  let w = word.toLowerCase();
  const hit = cache.get(w);
  if (hit !== undefined) return hit;
  const key = w;
  w = w.normalize('NFD').replace(/[^a-z]/g, '');
  let n: number;
  if (!w) n = /\d/.test(key) ? 1 : 0;
  else if (w.length <= 3) n = 1;
  else {
    // "-es" after a hissing sound is a syllable of its own: responses, places, changes, boxes.
    const sibilantEs = /(?:[sxzcg]|[cs]h)es$/.test(w) ? 1 : 0;
    w = w.replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '').replace(/^y/, '');
    const groups = w.match(/[aeiouy]{1,2}/g);
    n = Math.max(1, (groups ? groups.length : 0) + sibilantEs);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, n);
  return n;
}
