/**
 * Campaign detection: many respondents sending the same text (an organised "form letter"),
 * usually with their own words added before, after or inside it, and sometimes lightly reworded
 * or with typos. Each campaign is returned once, with its template text (shown once, instead of
 * thousands of copies) and, for every member, the text the member added — kept so it can be
 * searched and read, since it is the only part of a campaign response that is new.
 *
 * Method (scales to 100,000 answers in seconds, memory linear in the text):
 * 1. Words are folded (case, accents, apostrophes; see text.ts) and hashed; identical texts are
 *    collapsed first, so 10,000 exact copies cost one.
 * 2. Each text becomes the set of its overlapping k-word sequences (shingles, k = 4 by default).
 *    Shingles of `ignoreTexts` (for example the question itself, which people quote) are removed.
 * 3. MinHash: 128 seeded hash permutations give each text a signature whose agreement with
 *    another's estimates their Jaccard similarity. LSH banding (b bands of r rows, chosen from the
 *    threshold) puts likely-similar texts in the same bucket; only those are compared.
 * 4. A candidate pair is verified exactly: the share of the shorter text's shingles found in the
 *    other (the overlap coefficient). This, not Jaccard, is the similarity `threshold` means: a
 *    template with a long personal paragraph added is still recognised as the template.
 * 5. Verified pairs are joined (union-find). Each group's template is the set of shingles found
 *    in at least half of its members; members that do not contain enough of the template
 *    (`threshold`) are released — this splits two campaigns joined by someone who used both — and
 *    released texts are regrouped among themselves.
 * 6. A sweep compares every remaining text with every template (through an index of template
 *    shingles), catching members with additions so long that no pair passed the LSH stage.
 * 7. Groups with at least `minSize` respondents are campaigns. The template text shown is the
 *    sentences of the most typical member that are mostly made of template shingles; a member's
 *    additions are its sentences that are not (and runs of 4 or more non-template words inside
 *    template sentences).
 *
 * Deterministic: the same input and options give the same groups and ids.
 */
import { combineHash, fmix32, hex32, IntMap, seededRandom } from '../core/hash';
import { sentenceRanges, tokenize, wordHashSet, WordBuffer } from './text';

export interface CampaignDoc {
  id: string;
  text: string;
}

export interface CampaignOptions {
  /**
   * Similarity needed, 0–1: the share of the shorter text's word sequences that must appear in the
   * other (and of the template in each member). Default 0.5. Higher finds only near-copies.
   */
  threshold?: number;
  /** Respondents needed to call a group a campaign. Default 5. */
  minSize?: number;
  /** Words per shingle. Default 4. */
  shingleSize?: number;
  /** MinHash permutations. Default 128. */
  numPerm?: number;
  /** Texts with fewer words are not considered (short answers such as "I agree" are not campaigns). Default 15. */
  minWords?: number;
  /**
   * Word sequences two texts (or a text and a template) must share, unless the shared part is also
   * most of the longer one. Stops a common sentence ("Information must show a date or I will not
   * trust it.") from tying unrelated answers together. Default 20 (about 23 running words).
   */
  minShared?: number;
  /** Texts whose word sequences should not count as shared, e.g. the question text. */
  ignoreTexts?: readonly string[];
  seed?: number;
  /** Called as each phase starts, for a progress display. */
  onPhase?: (phase: CampaignPhase) => void;
}

export type CampaignPhase = 'reading' | 'signatures' | 'comparing' | 'grouping' | 'sweeping' | 'extracting';

export interface CampaignGroup {
  /** Stable id derived from the template. */
  id: string;
  /** Members in input order. */
  memberIds: string[];
  size: number;
  /** The template text, shown once. */
  template: string;
  /** The member whose text the template was cut from. */
  representativeId: string;
  /** How much of the template each member contains (0–1): lowest, mean and median. */
  similarity: { min: number; mean: number; median: number };
  /** Members whose text is exactly the representative's (after folding case and punctuation). */
  identicalCount: number;
  /** Every member's own additions ('' when they sent the template alone). */
  additions: Record<string, string>;
}

export interface CampaignResult {
  groups: CampaignGroup[];
  stats: {
    documents: number;
    /** Long enough to consider. */
    considered: number;
    uniqueTexts: number;
    /** Exact comparisons made, and how many passed. */
    comparisons: number;
    verifiedPairs: number;
    /** Respondents in campaigns. */
    inCampaigns: number;
    bands: number;
    rows: number;
  };
}

const TARGET = 0.75;
/**
 * LSH rows per band: the most selective setting that still makes two equal-length texts at the
 * threshold candidates with probability ≥ 0.75. A campaign member needs only one link to any other
 * member (most are far above the threshold), and the template sweep catches the rest, so
 * per-pair certainty is not needed — and fewer rows flood buckets with answers that merely share
 * common phrases.
 */
export function chooseBanding(threshold: number, numPerm: number): { bands: number; rows: number } {
  // Two texts of equal length with overlap t have Jaccard t / (2 − t); aim a little lower to allow
  // for unequal lengths.
  const j = threshold / (2 - threshold);
  // At least 2 rows: single-value bands put every text sharing one common phrase in one bucket.
  for (let r = 8; r >= 2; r--) {
    const b = Math.floor(numPerm / r);
    if (1 - Math.pow(1 - Math.pow(j, r), b) >= TARGET) return { bands: b, rows: r };
  }
  return { bands: Math.floor(numPerm / 2), rows: 2 };
}

/** Growable Int32 list. */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(cap = 1024) {
    this.data = new Int32Array(cap);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = v;
  }
}

/**
 * Hash of the k words starting at i: each word hash multiplied by a different odd constant,
 * combined, then mixed once. Kept to 30 bits so hashes are small integers in V8 (fast Map keys).
 */
const MULT = [0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f, 0x165667b1, 0xd3a2646c | 1, 0xfd7046c5, 0xb55a4f09];
function shingleAt(tokens: Uint32Array, i: number, k: number): number {
  let h = 0;
  for (let j = 0; j < k; j++) h = (h + Math.imul(tokens[i + j]! ^ (h >>> 13), MULT[j & 7]!)) | 0;
  return fmix32(h) & 0x3fffffff;
}

/** The set of k-word shingle hashes of a text (as splitByTemplate expects for a template). */
export function shingleSet(text: string, k = 4): Set<number> {
  const buf = new WordBuffer();
  const len = tokenize(text, buf);
  const out = new Set<number>();
  for (let i = 0; i + k <= len; i++) out.add(shingleAt(buf.hashes, i, k));
  return out;
}

/** Shingle hashes of a token-hash sequence, written into `out` (unsorted). Returns the count. */
function shingleHashes(tokens: Uint32Array, len: number, k: number, out: Uint32Array): number {
  let m = 0;
  for (let i = 0; i + k <= len; i++) out[m++] = shingleAt(tokens, i, k);
  return m;
}

/** Size of the intersection of two sorted, duplicate-free ranges of one or two arrays. */
function intersectCount(a: Uint32Array, a0: number, a1: number, b: Uint32Array, b0: number, b1: number): number {
  let i = a0;
  let j = b0;
  let c = 0;
  while (i < a1 && j < b1) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      c++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return c;
}

/** Links are not words anyone wrote: two answers citing pages of one site are not a campaign. */
const LINK = /\b(?:https?:\/\/|www\.)\S+/gi;
const withoutLinks = (text: string): string =>
  text.includes('://') || text.includes('www.') ? text.replace(LINK, ' ') : text;

/**
 * Answers that are mostly a few set strings — a choice's options in a column read as text: at
 * least 80% of 20 or more answers are 2 to 15 strings of at most 200 characters, each given by 3
 * people or more. A campaign is people's own prose; these are not looked at for campaigns.
 */
export function looksLikeChoices(docs: readonly CampaignDoc[]): boolean {
  if (docs.length < 20) return false;
  // Counted by exact text first, so each different text is folded once, not each copy.
  const exact = new Map<string, number>();
  for (const d of docs) if (d.text.length <= 200) exact.set(d.text, (exact.get(d.text) ?? 0) + 1);
  const counts = new Map<string, number>();
  for (const [text, n] of exact) {
    const key = text.trim().toLowerCase().replace(/\s+/g, ' ');
    counts.set(key, (counts.get(key) ?? 0) + n);
  }
  const common = [...counts.values()].filter((n) => n >= Math.max(3, 0.02 * docs.length));
  return common.length >= 2 && common.length <= 15 && common.reduce((a, n) => a + n, 0) / docs.length >= 0.8;
}

export function detectCampaigns(docs: readonly CampaignDoc[], opts: CampaignOptions = {}): CampaignResult {
  const threshold = opts.threshold ?? 0.5;
  const minSize = Math.max(2, opts.minSize ?? 5);
  const k = Math.max(1, opts.shingleSize ?? 4);
  const P = Math.max(16, opts.numPerm ?? 128);
  const minWords = Math.max(k, opts.minWords ?? 15);
  const minShared = Math.max(1, opts.minShared ?? 20);
  const seed = opts.seed ?? 0x5eed;
  const { bands, rows } = chooseBanding(threshold, P);
  const n = docs.length;
  const buf = new WordBuffer();

  // Shingles to ignore (the question text and the like).
  const ignore = new Set<number>();
  let scratch = new Uint32Array(1024);
  for (const t of opts.ignoreTexts ?? []) {
    const len = tokenize(t, buf);
    if (scratch.length < len) scratch = new Uint32Array(len * 2);
    const m = shingleHashes(buf.hashes, len, k, scratch);
    for (let i = 0; i < m; i++) ignore.add(scratch[i]!);
  }

  // 1–2. Tokenise, collapse identical texts, shingle the unique ones.
  opts.onPhase?.('reading');
  const uniqueOf = new Int32Array(n).fill(-1);
  const exact = new Map<string, number>();
  const uRep = new IntList();
  const uWeight = new IntList();
  const shingles = new IntList(1 << 16);
  const shOff = new IntList();
  shOff.push(0);
  // The same characters again (a campaign's exact copies) are the same unique text, or skipped
  // again, without reading their words a second time.
  const firstOfText = new Map<string, number>();
  for (let d = 0; d < n; d++) {
    const raw = docs[d]!.text;
    const seen = firstOfText.get(raw);
    if (seen !== undefined) {
      const u = uniqueOf[seen]!;
      if (u >= 0) {
        uniqueOf[d] = u;
        uWeight.data[u]!++;
      }
      continue;
    }
    firstOfText.set(raw, d);
    const len = tokenize(withoutLinks(raw), buf);
    if (len < minWords) continue;
    let h1 = 0x1234567;
    let h2 = 0x7654321;
    const toks = buf.hashes;
    for (let i = 0; i < len; i++) {
      h1 = combineHash(h1, toks[i]!);
      h2 = fmix32((h2 ^ toks[i]!) + i);
    }
    const key = `${h1}.${h2}.${len}`;
    const u = exact.get(key);
    if (u !== undefined) {
      uniqueOf[d] = u;
      uWeight.data[u]!++;
      continue;
    }
    if (scratch.length < len) scratch = new Uint32Array(len * 2);
    let m = shingleHashes(toks, len, k, scratch);
    const sorted = scratch.subarray(0, m).sort();
    // Unique, and not ignored.
    let w = 0;
    for (let i = 0; i < m; i++) {
      const x = sorted[i]!;
      if ((w > 0 && sorted[w - 1] === x) || ignore.has(x)) continue;
      sorted[w++] = x;
    }
    m = w;
    if (m === 0) continue;
    const id = uRep.length;
    exact.set(key, id);
    uniqueOf[d] = id;
    uRep.push(d);
    uWeight.push(1);
    for (let i = 0; i < m; i++) shingles.push(sorted[i]! | 0);
    shOff.push(shingles.length);
  }
  const U = uRep.length;
  const sh = new Uint32Array(shingles.data.buffer, 0, shingles.length);
  const off = shOff.data;
  const weight = uWeight.data;
  const size = (u: number) => off[u + 1]! - off[u]!;
  /**
   * The similarity test, for two texts or a template and a text: the shorter must be mostly in the
   * longer, and what they share must be substantial or most of the longer one too.
   */
  const similarEnough = (inter: number, a: number, b: number) =>
    inter >= threshold * Math.min(a, b) && (inter >= minShared || inter >= threshold * Math.max(a, b));
  const similar = (u: number, v: number) =>
    similarEnough(intersectCount(sh, off[u]!, off[u + 1]!, sh, off[v]!, off[v + 1]!), size(u), size(v));

  // 3. MinHash signatures.
  opts.onPhase?.('signatures');
  const rnd = seededRandom(seed);
  const A = new Int32Array(P);
  const B = new Int32Array(P);
  for (let p = 0; p < P; p++) {
    A[p] = (Math.floor(rnd() * 0x7fffffff) * 2 + 1) | 0;
    B[p] = Math.floor(rnd() * 0xffffffff) | 0;
  }
  // Each permutation is x ↦ xorshift(a·x + b) on 32-bit integers (a odd: a bijection). Values stay
  // signed 32-bit so V8 keeps them unboxed; the minimum under signed order is just as good.
  // Four permutations at a time over a text's shingles: their constants and running minimums stay
  // in registers and each shingle is read once per four, where one permutation at a time per
  // shingle read and wrote a minimum in memory for every shingle (same values, a third the time).
  const sig = new Int32Array(U * P);
  const P4 = P - (P % 4);
  for (let u = 0; u < U; u++) {
    const s0 = off[u]!;
    const s1 = off[u + 1]!;
    const base = u * P;
    for (let p = 0; p < P4; p += 4) {
      const a0 = A[p]!;
      const a1 = A[p + 1]!;
      const a2 = A[p + 2]!;
      const a3 = A[p + 3]!;
      const b0 = B[p]!;
      const b1 = B[p + 1]!;
      const b2 = B[p + 2]!;
      const b3 = B[p + 3]!;
      let m0 = 0x7fffffff;
      let m1 = 0x7fffffff;
      let m2 = 0x7fffffff;
      let m3 = 0x7fffffff;
      for (let s = s0; s < s1; s++) {
        const x = sh[s]! | 0;
        let h0 = (Math.imul(x, a0) + b0) | 0;
        let h1 = (Math.imul(x, a1) + b1) | 0;
        let h2 = (Math.imul(x, a2) + b2) | 0;
        let h3 = (Math.imul(x, a3) + b3) | 0;
        h0 ^= h0 >>> 15;
        h1 ^= h1 >>> 15;
        h2 ^= h2 >>> 15;
        h3 ^= h3 >>> 15;
        if (h0 < m0) m0 = h0;
        if (h1 < m1) m1 = h1;
        if (h2 < m2) m2 = h2;
        if (h3 < m3) m3 = h3;
      }
      sig[base + p] = m0;
      sig[base + p + 1] = m1;
      sig[base + p + 2] = m2;
      sig[base + p + 3] = m3;
    }
    for (let p = P4; p < P; p++) {
      let min = 0x7fffffff;
      for (let s = s0; s < s1; s++) {
        let h = (Math.imul(sh[s]! | 0, A[p]!) + B[p]!) | 0;
        h ^= h >>> 15;
        if (h < min) min = h;
      }
      sig[base + p] = min;
    }
  }

  opts.onPhase?.('comparing');
  // 4–5. LSH buckets; verify against up to 4 leaders per bucket; union verified pairs.
  const parent = new Int32Array(U);
  for (let u = 0; u < U; u++) parent[u] = u;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const edges = new IntList();
  let comparisons = 0;
  const LEADERS = 4;
  const slots = new Int32Array(U * LEADERS);
  const slotCount = new Uint8Array(U);
  const buckets = new IntMap(U);
  for (let b = 0; b < bands; b++) {
    buckets.clear();
    let nb = 0;
    for (let u = 0; u < U; u++) {
      let key = 0x9747b28c ^ b;
      const base = u * P + b * rows;
      for (let r = 0; r < rows; r++) key = combineHash(key, sig[base + r]! >>> 0);
      key &= 0x3fffffff;
      const bucket = buckets.get(key);
      if (bucket < 0) {
        buckets.set(key, nb);
        slots[nb * LEADERS] = u;
        slotCount[nb] = 1;
        nb++;
        continue;
      }
      let joined = false;
      const cnt = slotCount[bucket]!;
      for (let l = 0; l < cnt; l++) {
        const v = slots[bucket * LEADERS + l]!;
        if (find(u) === find(v)) {
          joined = true;
          break;
        }
        comparisons++;
        if (similar(u, v)) {
          parent[find(v)] = find(u);
          edges.push(u);
          edges.push(v);
          joined = true;
          break;
        }
      }
      if (!joined && cnt < LEADERS) {
        slots[bucket * LEADERS + cnt] = u;
        slotCount[bucket] = cnt + 1;
      }
    }
  }
  const verifiedPairs = edges.length / 2;

  opts.onPhase?.('grouping');
  // 5. Templates per component, releasing members that do not contain enough of it; released
  // texts are regrouped by the pairs verified among them, for a few rounds.
  const groupOf = new Int32Array(U).fill(-1);
  interface Group {
    template: Uint32Array;
    members: number[];
  }
  const groups: Group[] = [];
  const components = (pool: Iterable<number>, useEdgesOnly: boolean): number[][] => {
    const byRoot = new Map<number, number[]>();
    if (useEdgesOnly) {
      // Rebuild connectivity from the edges among the pool only.
      const inPool = new Set(pool);
      for (const u of inPool) parent[u] = u;
      for (let e = 0; e < edges.length; e += 2) {
        const u = edges.data[e]!;
        const v = edges.data[e + 1]!;
        if (inPool.has(u) && inPool.has(v)) {
          const ru = find(u);
          const rv = find(v);
          if (ru !== rv) parent[rv] = ru;
        }
      }
      for (const u of inPool) {
        const r = find(u);
        const l = byRoot.get(r);
        if (l) l.push(u);
        else byRoot.set(r, [u]);
      }
    } else {
      for (const u of pool) {
        const r = find(u);
        const l = byRoot.get(r);
        if (l) l.push(u);
        else byRoot.set(r, [u]);
      }
    }
    return [...byRoot.values()].filter((c) => c.reduce((s, u) => s + weight[u]!, 0) >= 2);
  };
  // Verified-pair degree (weighted by copies): the best-connected text is the seed of its group.
  const degree = new Float64Array(U);
  for (let e = 0; e < edges.length; e += 2) {
    degree[edges.data[e]!]! += weight[edges.data[e + 1]!]!;
    degree[edges.data[e + 1]!]! += weight[edges.data[e]!]!;
  }
  const templateOf = (component: number[]): Uint32Array => {
    // Start from the best-connected text and what is close to it, so a chain that joined two
    // campaigns (or a campaign and a few stray answers) yields the main campaign's template.
    let seed = component[0]!;
    for (const u of component) if (degree[u]! + weight[u]! > degree[seed]! + weight[seed]!) seed = u;
    const seedSet = sh.subarray(off[seed]!, off[seed + 1]!);
    const members = component.filter(
      (u) =>
        u === seed ||
        similarEnough(intersectCount(seedSet, 0, seedSet.length, sh, off[u]!, off[u + 1]!), seedSet.length, size(u)),
    );
    // Sample large groups: the template is what most members share, so 400 texts are plenty.
    let sample = members;
    if (members.length > 400) {
      const step = members.length / 400;
      sample = Array.from({ length: 400 }, (_, i) => members[Math.floor(i * step)]!);
    }
    const freq = new Map<number, number>();
    let total = 0;
    for (const u of sample) {
      const w = weight[u]!;
      total += w;
      for (let s = off[u]!; s < off[u + 1]!; s++) freq.set(sh[s]!, (freq.get(sh[s]!) ?? 0) + w);
    }
    const keep: number[] = [];
    for (const [x, f] of freq) if (f * 2 >= total) keep.push(x);
    if (keep.length >= 3) return Uint32Array.from(keep).sort();
    // No shared core (a chain of pairwise matches): fall back to the most typical member's text.
    let best = sample[0]!;
    let bestScore = -1;
    for (const u of sample) {
      let sc = 0;
      for (let s = off[u]!; s < off[u + 1]!; s++) sc += freq.get(sh[s]!)!;
      sc /= size(u);
      if (sc > bestScore) {
        bestScore = sc;
        best = u;
      }
    }
    return sh.slice(off[best]!, off[best + 1]!);
  };
  const containsTemplate = (t: Uint32Array, u: number) =>
    similarEnough(intersectCount(t, 0, t.length, sh, off[u]!, off[u + 1]!), t.length, size(u));

  let pending = components(
    Array.from({ length: U }, (_, u) => u),
    false,
  );
  for (let round = 0; round < 4 && pending.length; round++) {
    const released: number[] = [];
    for (const comp of pending) {
      const template = templateOf(comp);
      const keep: number[] = [];
      for (const u of comp) (containsTemplate(template, u) ? keep : released).push(u);
      if (!keep.length) continue;
      const g = groups.length;
      groups.push({ template, members: keep });
      for (const u of keep) groupOf[u] = g;
    }
    pending = released.length ? components(released, true) : [];
  }

  // 6. Sweep: every text not in a group against every template.
  opts.onPhase?.('sweeping');
  if (groups.length) {
    // Template shingle → chain of groups having it (head in an IntMap, links in typed arrays).
    let total = 0;
    for (const g of groups) total += g.template.length;
    const head = new IntMap(total);
    const chainGroup = new Int32Array(total);
    const chainNext = new Int32Array(total);
    let c = 0;
    groups.forEach((g, gi) => {
      for (const x of g.template) {
        chainGroup[c] = gi;
        chainNext[c] = head.get(x);
        head.set(x, c);
        c++;
      }
    });
    const hits = new Int32Array(groups.length);
    const touched: number[] = [];
    for (let u = 0; u < U; u++) {
      if (groupOf[u] !== -1) continue;
      touched.length = 0;
      for (let s = off[u]!; s < off[u + 1]!; s++) {
        for (let e = head.get(sh[s]!); e >= 0; e = chainNext[e]!) {
          const g = chainGroup[e]!;
          if (hits[g] === 0) touched.push(g);
          hits[g]!++;
        }
      }
      let best = -1;
      let bestScore = 0;
      for (const g of touched) {
        const tl = groups[g]!.template.length;
        const score = hits[g]! / Math.min(tl, size(u));
        if (similarEnough(hits[g]!, tl, size(u)) && score > bestScore) {
          bestScore = score;
          best = g;
        }
        hits[g] = 0;
      }
      if (best >= 0) {
        groupOf[u] = best;
        groups[best]!.members.push(u);
      }
    }
  }

  // 7. Campaigns: groups with enough respondents; template text and additions.
  opts.onPhase?.('extracting');
  const docsOfUnique = new Map<number, number[]>();
  for (let d = 0; d < n; d++) {
    const u = uniqueOf[d]!;
    if (u < 0 || groupOf[u]! < 0) continue;
    const l = docsOfUnique.get(u);
    if (l) l.push(d);
    else docsOfUnique.set(u, [d]);
  }
  const out: CampaignGroup[] = [];
  const usedIds = new Set<string>();
  let inCampaigns = 0;
  for (const g of groups) {
    const respondents = g.members.reduce((s, u) => s + weight[u]!, 0);
    if (respondents < minSize) continue;
    const tset = new Set(g.template);
    // The most typical member: highest Jaccard with the template, then most copies.
    let rep = g.members[0]!;
    let repScore = -1;
    const sims: Array<[number, number]> = [];
    for (const u of g.members) {
      const inter = intersectCount(g.template, 0, g.template.length, sh, off[u]!, off[u + 1]!);
      const jac = inter / (g.template.length + size(u) - inter);
      sims.push([inter / Math.min(g.template.length, size(u)), weight[u]!]);
      if (jac > repScore + 1e-12 || (Math.abs(jac - repScore) <= 1e-12 && weight[u]! > weight[rep]!)) {
        repScore = jac;
        rep = u;
      }
    }
    const repDoc = docs[uRep.data[rep]!]!;
    const repSplit = splitByTemplate(repDoc.text, tset, k, buf);
    const templateWords = wordHashSet(repSplit.template, buf);
    const additions: Record<string, string> = {};
    const memberDocs: number[] = [];
    for (const u of g.members) {
      const ds = docsOfUnique.get(u) ?? [];
      const add = splitByTemplate(docs[uRep.data[u]!]!.text, tset, k, buf, templateWords).additions;
      for (const d of ds) {
        additions[docs[d]!.id] = add;
        memberDocs.push(d);
      }
    }
    memberDocs.sort((a, b) => a - b);
    sims.sort((a, b) => a[0] - b[0]);
    let acc = 0;
    let median = sims[0]![0];
    for (const [s, w] of sims) {
      acc += w;
      if (acc * 2 >= respondents) {
        median = s;
        break;
      }
    }
    const mean = sims.reduce((s, [v, w]) => s + v * w, 0) / respondents;
    let id = `campaign-${hex32(g.template.reduce((h, x) => combineHash(h, x), 0x2f1e))}`;
    for (let i = 2; usedIds.has(id); i++) id = `${id}-${i}`;
    usedIds.add(id);
    inCampaigns += respondents;
    out.push({
      id,
      memberIds: memberDocs.map((d) => docs[d]!.id),
      size: respondents,
      template: repSplit.template,
      representativeId: repDoc.id,
      similarity: { min: sims[0]![0], mean, median },
      identicalCount: weight[rep]!,
      additions,
    });
  }
  out.sort((a, b) => b.size - a.size || a.id.localeCompare(b.id));
  return {
    groups: out,
    stats: {
      documents: n,
      considered: uniqueOf.reduce((s, u) => s + (u >= 0 ? 1 : 0), 0),
      uniqueTexts: U,
      comparisons,
      verifiedPairs,
      inCampaigns,
      bands,
      rows,
    },
  };
}

/**
 * Splits a member's text into the template part and the member's own additions: sentences whose
 * words are mostly covered by template shingles belong to the template; the rest are additions,
 * and so are runs of 4 or more uncovered words inside a template sentence when at least 3 of them
 * are words the template never uses (a clause of the member's own, not a typo or a synonym).
 * `templateWords` holds the template's word hashes; without it every such run counts.
 */
export function splitByTemplate(
  text: string,
  template: ReadonlySet<number>,
  k: number,
  buf: WordBuffer = new WordBuffer(),
  templateWords?: ReadonlySet<number>,
): { template: string; additions: string } {
  const len = tokenize(text, buf);
  const covered = new Uint8Array(len);
  for (let i = 0; i + k <= len; i++) if (template.has(shingleAt(buf.hashes, i, k))) covered.fill(1, i, i + k);
  const hashes = buf.hashes.slice(0, len);
  const starts = buf.starts.slice(0, len);
  const ends = buf.ends.slice(0, len);
  const sentences = sentenceRanges(text);
  let t = 0;
  const templateParts: Array<[number, number]> = [];
  const additionParts: string[] = [];
  for (const [s, e] of sentences) {
    const first = t;
    while (t < len && starts[t]! < e) t++;
    const last = t; // tokens [first, last) are in this sentence
    const words = last - first;
    let cov = 0;
    for (let i = first; i < last; i++) cov += covered[i]!;
    if (words === 0 || cov * 2 >= words) {
      templateParts.push([s, e]);
      // Runs of own words inside a template sentence ("I, as a nurse of 20 years, support…").
      let runStart = -1;
      for (let i = first; i <= last; i++) {
        const un = i < last && !covered[i];
        if (un && runStart < 0) runStart = i;
        else if (!un && runStart >= 0) {
          let fresh = 0;
          if (templateWords) for (let j = runStart; j < i; j++) fresh += templateWords.has(hashes[j]!) ? 0 : 1;
          if (i - runStart >= 4 && (!templateWords || fresh >= 3))
            additionParts.push(text.slice(starts[runStart]!, ends[i - 1]!));
          runStart = -1;
        }
      }
    } else additionParts.push(text.slice(s, e));
  }
  // Template text: the template sentences with the original spacing between neighbours.
  let templateText = '';
  for (let i = 0; i < templateParts.length; i++) {
    const [s, e] = templateParts[i]!;
    if (i > 0) {
      const prevEnd = templateParts[i - 1]![1];
      const between = text.slice(prevEnd, s);
      templateText += /^\s*$/.test(between) ? between || ' ' : ' ';
    }
    templateText += text.slice(s, e);
  }
  return { template: templateText, additions: additionParts.join(' ') };
}
