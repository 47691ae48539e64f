/**
 * Organisation names as respondents type them ("The Royal College of Nursing", "Royal College Of
 * Nursing Ltd", "RCN", "Royal Colege of Nursing") normalised to a comparison key, and grouped into
 * suggested merges for the official to confirm. Nothing is merged here: the caller shows each
 * cluster (variants with their counts, and why they were grouped) and records the official's
 * decision.
 *
 * Key rules, in order: accents and case folded; "&" and "+" read as "and"; apostrophes and full
 * stops removed ("U.K." → "uk", "St John's" → "st johns"); other punctuation is a space; a few
 * abbreviations expanded (assoc, dept, govt, intl, natl, univ…) and US spellings of "center" and
 * "organization" folded; a leading "the" dropped; then trailing legal forms and country tags
 * removed repeatedly (Ltd, Limited, PLC, LLP, LP, CIC, CIO, Inc, LLC, UK, GB); and a trailing
 * acronym of the name itself ("… Nursing (RCN)") dropped.
 */

const ABBREVIATIONS: Record<string, string> = {
  assoc: 'association',
  assn: 'association',
  dept: 'department',
  govt: 'government',
  intl: 'international',
  natl: 'national',
  univ: 'university',
  uni: 'university',
  ctee: 'committee',
  cttee: 'committee',
  mgmt: 'management',
  svcs: 'services',
  center: 'centre',
  organization: 'organisation',
  organizations: 'organisations',
};

const TRAILING = new Set([
  'ltd',
  'limited',
  'plc',
  'llp',
  'lp',
  'cic',
  'cio',
  'inc',
  'incorporated',
  'llc',
  'uk',
  'gb',
]);
/** Words ignored for the loose key and acronyms. */
const MINOR = new Set(['of', 'for', 'the', 'and', 'in', 'on', 'at', 'to']);

function tokensOf(name: string): string[] {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[&+]/g, ' and ')
    .replace(/['’‘`.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return s ? s.split(' ').map((w) => ABBREVIATIONS[w] ?? w) : [];
}

function initials(tokens: readonly string[], skipMinor: boolean): string {
  return tokens
    .filter((t) => !skipMinor || !MINOR.has(t))
    .map((t) => t[0])
    .join('');
}

/** The comparison key of an organisation name ("The R.C.N. Ltd" → "rcn"). Empty for an empty name. */
export function normaliseOrganisationName(name: string): string {
  const all = tokensOf(name);
  let t = all.slice();
  if (t[0] === 'the' && t.length > 1) t.shift();
  let changed = true;
  while (changed && t.length > 1) {
    changed = false;
    const last = t[t.length - 1]!;
    if (TRAILING.has(last)) {
      t.pop();
      changed = true;
    } else if (
      t.length > 2 &&
      last.length >= 2 &&
      (last === initials(t.slice(0, -1), true) || last === initials(t.slice(0, -1), false))
    ) {
      t.pop();
      changed = true;
    }
  }
  if (!t.length) t = all;
  return t.join(' ');
}

/** The key without minor words ("department of transport" and "department for transport" meet). */
function looseKey(key: string): string {
  const t = key.split(' ').filter((w) => !MINOR.has(w));
  return t.length ? t.join(' ') : key;
}

/** Levenshtein distance, stopping early once it must exceed `max`. */
function levenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

export type MergeReason = 'same-normalised-name' | 'similar-spelling' | 'acronym';

export interface OrganisationVariant {
  /** The name as typed (white space tidied). */
  name: string;
  count: number;
  key: string;
}

export interface OrganisationCluster {
  /** Stable id: the key of the most used variant. */
  id: string;
  /** The variant to offer as the merged name: the most used, then the longest. */
  suggestedName: string;
  variants: OrganisationVariant[];
  /** Responses across all variants. */
  total: number;
  reasons: MergeReason[];
  /** 'high' when only normalisation grouped them; 'medium' when spelling or acronym matching did. */
  confidence: 'high' | 'medium';
}

export interface OrganisationMergeOptions {
  /** Spelling similarity (1 − edit distance / length) needed to suggest a merge. Default 0.9. */
  similarity?: number;
  /** Match acronyms ("RCN") to the one name whose initials they are. Default true. */
  acronyms?: boolean;
}

/**
 * Suggested merge clusters from organisation names as typed (one entry per response; blanks are
 * ignored). Only clusters with at least two different variants are returned, largest first.
 */
export function suggestOrganisationMerges(
  names: readonly string[],
  opts: OrganisationMergeOptions = {},
): OrganisationCluster[] {
  const similarity = opts.similarity ?? 0.9;
  const useAcronyms = opts.acronyms ?? true;

  const variantCounts = new Map<string, number>();
  for (const raw of names) {
    const name = raw.replace(/\s+/g, ' ').trim();
    if (name) variantCounts.set(name, (variantCounts.get(name) ?? 0) + 1);
  }
  const variants: OrganisationVariant[] = [...variantCounts]
    .map(([name, count]) => ({ name, count, key: normaliseOrganisationName(name) }))
    .filter((v) => v.key);

  // Union-find over distinct keys.
  const keys = [...new Set(variants.map((v) => v.key))];
  const keyIndex = new Map(keys.map((k, i) => [k, i]));
  const parent = keys.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const linkReasons = new Map<number, Set<MergeReason>>();
  const union = (a: number, b: number, reason: MergeReason) => {
    const ra = find(a);
    const rb = find(b);
    const reasons = new Set([...(linkReasons.get(ra) ?? []), ...(linkReasons.get(rb) ?? []), reason]);
    if (ra !== rb) parent[rb] = ra;
    linkReasons.set(find(a), reasons);
  };

  // Same loose key ("of" vs "for").
  const byLoose = new Map<string, number>();
  keys.forEach((k, i) => {
    const lk = looseKey(k);
    const first = byLoose.get(lk);
    if (first === undefined) byLoose.set(lk, i);
    else union(first, i, 'similar-spelling');
  });

  // Similar spelling: compare keys sharing their first or last four characters (a typo rarely
  // touches both ends), within a length window, with the same numbers in them.
  const blocks = new Map<string, number[]>();
  keys.forEach((k, i) => {
    if (k.length < 6) return;
    for (const b of [`^${k.slice(0, 4)}`, `$${k.slice(-4)}`]) {
      const list = blocks.get(b);
      if (list) list.push(i);
      else blocks.set(b, [i]);
    }
  });
  const digits = keys.map((k) => k.replace(/\D/g, ''));
  const compare = (x: number, y: number): boolean => {
    const a = keys[x]!;
    const b = keys[y]!;
    const allowed = Math.floor((1 - similarity) * Math.max(a.length, b.length) + 1e-9);
    if (Math.abs(a.length - b.length) > allowed) return false;
    // Numbers must match exactly: "Unit 3 Trust" and "Unit 4 Trust" are different bodies.
    if (find(x) === find(y) || digits[x] !== digits[y]) return true;
    if (levenshtein(a, b, allowed) <= allowed) union(x, y, 'similar-spelling');
    return true;
  };
  const WINDOW = 12;
  for (const [block, list] of blocks) {
    if (list.length < 2) continue;
    if (list.length <= 100) {
      list.sort((a, b) => keys[a]!.length - keys[b]!.length);
      for (let x = 0; x < list.length; x++)
        for (let y = x + 1; y < list.length; y++) if (!compare(list[x]!, list[y]!)) break;
      continue;
    }
    // A crowded block ("national …", "… council"): compare neighbours in sorted order only,
    // by the text read from the end that the block does not fix.
    const rev = (i: number) => [...keys[i]!].reverse().join('');
    const sortKey = new Map(list.map((i) => [i, block.startsWith('^') ? keys[i]! : rev(i)]));
    list.sort((a, b) => (sortKey.get(a)! < sortKey.get(b)! ? -1 : sortKey.get(a)! > sortKey.get(b)! ? 1 : a - b));
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < Math.min(list.length, x + 1 + WINDOW); y++) compare(list[x]!, list[y]!);
  }

  // Acronyms: a one-word key of 2–8 letters equal to the initials of exactly one longer name.
  if (useAcronyms) {
    const byInitials = new Map<string, Set<number>>();
    keys.forEach((k, i) => {
      const t = k.split(' ');
      if (t.length < 2) return;
      for (const ini of new Set([initials(t, true), initials(t, false)])) {
        if (ini.length < 2) continue;
        const set = byInitials.get(ini) ?? new Set<number>();
        set.add(find(i));
        byInitials.set(ini, set);
      }
    });
    keys.forEach((k, i) => {
      if (k.includes(' ') || k.length < 2 || k.length > 8 || !/^[a-z]+$/.test(k)) return;
      const targets = byInitials.get(k);
      if (targets && targets.size === 1) union([...targets][0]!, i, 'acronym');
    });
  }

  const clusters = new Map<number, OrganisationVariant[]>();
  for (const v of variants) {
    const root = find(keyIndex.get(v.key)!);
    const list = clusters.get(root);
    if (list) list.push(v);
    else clusters.set(root, [v]);
  }
  const out: OrganisationCluster[] = [];
  for (const [root, list] of clusters) {
    if (list.length < 2) continue;
    list.sort((a, b) => b.count - a.count || b.name.length - a.name.length || a.name.localeCompare(b.name));
    const reasons = new Set<MergeReason>(linkReasons.get(root) ?? []);
    const distinctKeys = new Set(list.map((v) => v.key));
    // Variants sharing a key were grouped by normalisation alone.
    if (distinctKeys.size < list.length) reasons.add('same-normalised-name');
    const reasonList = (['same-normalised-name', 'similar-spelling', 'acronym'] as const).filter((r) => reasons.has(r));
    out.push({
      id: list[0]!.key,
      suggestedName: list[0]!.name,
      variants: list,
      total: list.reduce((s, v) => s + v.count, 0),
      reasons: reasonList,
      confidence: reasonList.every((r) => r === 'same-normalised-name') ? 'high' : 'medium',
    });
  }
  return out.sort((a, b) => b.total - a.total || a.id.localeCompare(b.id));
}
