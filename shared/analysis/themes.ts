/**
 * Offline theme suggestions for one question's open answers: candidate themes, each with key
 * phrases, a suggested label (the theme's most typical phrase), its most typical answers as
 * examples, and the answers in it. No network, no language model, no embeddings: words and phrases
 * weighted by TF-IDF, reduced by latent semantic analysis (so answers using related words can meet),
 * clustered by spherical k-means. Suggestions only — the analyst accepts, renames, merges or rejects
 * each one (see `applyThemeReview`); nothing is applied to answers without a person.
 *
 * Pipeline:
 * 1. Words folded (text.ts), stop words dropped (English plus consultation boilerplate such as
 *    "I think", "the proposal"), light stemming (stemming.ts). Blank answers ("", "-", "n/a",
 *    "not provided"…) are set aside and never counted.
 * 2. Features: stems and two-word phrases of adjacent content words, kept if they occur in at
 *    least 2 answers. TF-IDF weights with sublinear term frequency; words of the question itself
 *    weigh half (everyone repeats them).
 * 3. LSA: a seeded randomised truncated SVD projects answers onto the main directions of
 *    co-occurrence, then vectors are normalised.
 * 4. Spherical k-means with k-means++ seeding and restarts; k chosen from the data by the
 *    simplified silhouette over a range around √(n/2), unless given. With a stance for each answer
 *    (`stance`: say its answer to a linked agree/disagree question), the themes are found within
 *    each stance separately, k shared between the stances by their numbers of answers, and each
 *    theme is tagged with its stance: "the cost" said by supporters and by opponents are two themes,
 *    not one mixing both.
 * 5. Members, more than one theme an answer (answers often make several points): an answer's
 *    nearest centre makes it a primary member, and it joins every other theme (of its stance) whose
 *    centre it stands out as close to: similarity at least the mean over the answers outside that
 *    theme plus `joinZ` of their standard deviations, and at least `secondaryRatio` of its
 *    similarity to its own theme.
 * 6. Each theme is described by the phrases most over-represented in it (class-based TF-IDF),
 *    shown in their commonest written form; its label is its most typical phrase, a short piece
 *    (a sentence or clause of 3 to 12 words) of one of the answers nearest its centre: the piece
 *    whose words are most over-represented in the theme for its length, the more so the more of the
 *    theme's answers say it word for word; examples are the answers nearest its centre.
 * Above 6,000 answers (`sampleSize`), steps 3 and 4 learn from an evenly spread sample: the LSA
 * directions and the centres come from it (with stances, each stance's share of it), every other
 * answer is projected into the same space and assigned to its nearest centre, and two passes over
 * all answers refine the centres.
 *
 * Deterministic: the same answers and options give the same suggestions.
 */
import { hashString, hex32, seededRandom } from '../core/hash';
import { STOP_WORDS, stem } from './stemming';
import { normaliseText, words } from './text';

export interface ThemeDoc {
  id: string;
  text: string;
}

export interface ThemeOptions {
  /** Number of themes, or 'auto' (default) to choose from the data. */
  k?: number | 'auto';
  /** Range for automatic k. Defaults: 4 and min(40, n/8, √n + 2). */
  minK?: number;
  maxK?: number;
  /** The question: its words count half, since most answers repeat them. */
  questionText?: string;
  extraStopWords?: readonly string[];
  /** Example answers per theme. Default 3. */
  examples?: number;
  /** Key phrases per theme. Default 8. */
  keyPhrases?: number;
  /**
   * An answer joins another theme only when its similarity to that theme's centre is at least this
   * share of its similarity to its own. 1 turns joining off. Default 0.5.
   */
  secondaryRatio?: number;
  /**
   * An answer joins every other theme (of its stance) whose centre it stands out as close to: its
   * similarity to that centre at least the mean similarity of the answers outside the theme plus this
   * many standard deviations of theirs (and secondaryRatio holds). Infinity turns joining off.
   * Default 1.
   */
  joinZ?: number;
  /**
   * Each answer's stance (answer id → label), such as its answer to a linked closed question
   * ("Agree", "Disagree"). Themes are then found within each stance separately (k is shared between
   * the stances by their numbers of answers), an answer joins only themes of its own stance, and each
   * theme is tagged with its stance. Answers with no stance, or of a stance fewer than 5 answers
   * share, are themed together (or, fewer than 5 of them, put in the nearest theme of any stance).
   */
  stance?: ReadonlyMap<string, string>;
  /** LSA dimensions; 0 clusters the TF-IDF vectors directly. Default min(50, n/4). */
  dims?: number;
  /** k-means restarts (the best is kept). Default 4. */
  restarts?: number;
  seed?: number;
  /**
   * With more answers than this, the space and the themes are learned from an evenly spread sample
   * of this many, and every other answer is assigned to its nearest theme. Default 6,000.
   */
  sampleSize?: number;
}

export interface ThemeSuggestion {
  /** Stable id derived from the key phrases. */
  id: string;
  /**
   * A suggested name: the theme's most typical phrase, a short piece of one of the answers nearest
   * its centre (the key phrases when no piece fits).
   */
  label: string;
  /** The stance of the theme's answers, when stances were given (absent for answers of no stance). */
  stance?: string;
  /** Phrases most characteristic of the theme, best first, in their commonest written form. */
  keyPhrases: string[];
  /** Answers in the theme, most typical first (primary members, then those that joined it). */
  memberIds: string[];
  /** Answers whose closest theme this is. */
  primaryCount: number;
  size: number;
  /** The most typical answers. */
  examples: Array<{ id: string; text: string }>;
  /** Mean similarity of primary members to the centre, 0–1: how tight the theme is. */
  cohesion: number;
}

export interface ThemeSuggestionResult {
  themes: ThemeSuggestion[];
  /** Blank or non-answers ("-", "n/a", "not provided", "no comment"): not in any theme. */
  blankIds: string[];
  /** Answers with no word shared with any other answer: nothing to group them by. */
  unassignedIds: string[];
  k: number;
}

const BLANKS = new Set([
  '',
  'na',
  'n a',
  'none',
  'nil',
  'no',
  'nothing',
  'no comment',
  'no comments',
  'not provided',
  'not answered',
  'no response',
  'no answer',
  'see above',
  'as above',
  'x',
  'nothing to add',
  'no further comments',
  'not applicable',
  'dont know',
  'unsure',
]);

/** Whether an answer is a non-answer that must never be counted in a theme. */
export function isBlankAnswer(text: string | null | undefined): boolean {
  if (!text) return true;
  return BLANKS.has(normaliseText(text));
}

interface Vocab {
  index: Map<string, number>;
  terms: string[];
  df: number[];
}

/** Content terms of one answer: stems and adjacent-stem bigrams, with surface forms for labels. */
function termsOf(text: string, stop: ReadonlySet<string>, surface: Map<string, Map<string, number>>): string[] {
  const out: string[] = [];
  let prev: string | null = null;
  let prevWord = '';
  for (const w of words(text)) {
    if (stop.has(w) || w.length < 2 || /^\d+$/.test(w)) {
      prev = null;
      continue;
    }
    const s = stem(w);
    if (stop.has(s)) {
      prev = null;
      continue;
    }
    out.push(s);
    note(surface, s, w);
    if (prev !== null && prev !== s) {
      const bi = `${prev} ${s}`;
      out.push(bi);
      note(surface, bi, `${prevWord} ${w}`);
    }
    prev = s;
    prevWord = w;
  }
  return out;
}

function note(surface: Map<string, Map<string, number>>, term: string, form: string): void {
  let m = surface.get(term);
  if (!m) surface.set(term, (m = new Map<string, number>()));
  m.set(form, (m.get(form) ?? 0) + 1);
}

/** Sparse vectors: per document, term indices and weights (L2-normalised). */
interface Sparse {
  idx: Int32Array[];
  val: Float64Array[];
}

function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) s += a[ao + i]! * b[bo + i]!;
  return s;
}

/** Similarity of the centre the last nearestCentre call found (a second return value, without allocating). */
let nearestSim = -Infinity;

/**
 * The centre (of k, rows of C) with the largest dot product with row `io` of X; the first on ties.
 * Four centres at a time, so each of the row's values is read once per four centres: each sum is
 * still made in the same order as dot(), so the results are the same to the last bit. The
 * assignment step of k-means is most of the time suggestions take.
 */
function nearestCentre(X: Float64Array, io: number, C: Float64Array, k: number, d: number): number {
  let bc = 0;
  let bs = -Infinity;
  let c = 0;
  for (; c + 4 <= k; c += 4) {
    const o0 = c * d;
    const o1 = o0 + d;
    const o2 = o1 + d;
    const o3 = o2 + d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = 0; j < d; j++) {
      const x = X[io + j]!;
      s0 += x * C[o0 + j]!;
      s1 += x * C[o1 + j]!;
      s2 += x * C[o2 + j]!;
      s3 += x * C[o3 + j]!;
    }
    if (s0 > bs) {
      bs = s0;
      bc = c;
    }
    if (s1 > bs) {
      bs = s1;
      bc = c + 1;
    }
    if (s2 > bs) {
      bs = s2;
      bc = c + 2;
    }
    if (s3 > bs) {
      bs = s3;
      bc = c + 3;
    }
  }
  for (; c < k; c++) {
    const s = dot(X, io, C, c * d, d);
    if (s > bs) {
      bs = s;
      bc = c;
    }
  }
  nearestSim = bs;
  return bc;
}

function normaliseRows(m: Float64Array, rows: number, d: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * d;
    const n = Math.sqrt(dot(m, o, m, o, d));
    if (n > 0) for (let i = 0; i < d; i++) m[o + i]! /= n;
  }
}

/** Box–Muller normal from a uniform generator. */
function gaussian(rnd: () => number): number {
  const u = Math.max(rnd(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

/**
 * Orthonormalises the columns of an n×c row-major matrix in place by Cholesky QR, done twice for
 * accuracy ("CholeskyQR2"): row-by-row passes suit the row-major layout. Columns that are
 * (numerically) dependent on earlier ones become zero.
 */
function orthonormalise(m: Float64Array, n: number, c: number): void {
  for (let pass = 0; pass < 2; pass++) {
    // G = MᵀM (upper triangle).
    const G = new Float64Array(c * c);
    for (let i = 0; i < n; i++) {
      const o = i * c;
      for (let a = 0; a < c; a++) {
        const va = m[o + a]!;
        if (va === 0) continue;
        for (let b = a; b < c; b++) G[a * c + b]! += va * m[o + b]!;
      }
    }
    // G = RᵀR (Cholesky, R upper triangular); tiny pivots mark dependent columns.
    const R = new Float64Array(c * c);
    const dead = new Uint8Array(c);
    for (let j = 0; j < c; j++) {
      let dj = G[j * c + j]!;
      for (let p = 0; p < j; p++) dj -= R[p * c + j]! ** 2;
      if (dj <= 1e-12 * Math.max(1, G[j * c + j]!)) {
        dead[j] = 1;
        continue;
      }
      const rjj = Math.sqrt(dj);
      R[j * c + j] = rjj;
      for (let k = j + 1; k < c; k++) {
        let v = G[j * c + k]!;
        for (let p = 0; p < j; p++) v -= R[p * c + j]! * R[p * c + k]!;
        R[j * c + k] = v / rjj;
      }
    }
    // M ← M R⁻¹, row by row (forward substitution on each row).
    const row = new Float64Array(c);
    for (let i = 0; i < n; i++) {
      const o = i * c;
      for (let j = 0; j < c; j++) {
        if (dead[j]) {
          row[j] = 0;
          continue;
        }
        let v = m[o + j]!;
        for (let p = 0; p < j; p++) if (!dead[p]) v -= row[p]! * R[p * c + j]!;
        row[j] = v / R[j * c + j]!;
      }
      m.set(row, o);
    }
  }
}

/** Eigen-decomposition of a symmetric c×c matrix by cyclic Jacobi: eigenvalues and column eigenvectors. */
function symmetricEigen(a: Float64Array, c: number): { values: Float64Array; vectors: Float64Array } {
  const A = Float64Array.from(a);
  const V = new Float64Array(c * c);
  for (let i = 0; i < c; i++) V[i * c + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < c; p++) for (let q = p + 1; q < c; q++) off += A[p * c + q]! ** 2;
    if (off < 1e-18) break;
    for (let p = 0; p < c; p++) {
      for (let q = p + 1; q < c; q++) {
        const apq = A[p * c + q]!;
        if (Math.abs(apq) < 1e-15) continue;
        const theta = (A[q * c + q]! - A[p * c + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cs = 1 / Math.sqrt(t * t + 1);
        const sn = t * cs;
        for (let k = 0; k < c; k++) {
          const akp = A[k * c + p]!;
          const akq = A[k * c + q]!;
          A[k * c + p] = cs * akp - sn * akq;
          A[k * c + q] = sn * akp + cs * akq;
        }
        for (let k = 0; k < c; k++) {
          const apk = A[p * c + k]!;
          const aqk = A[q * c + k]!;
          A[p * c + k] = cs * apk - sn * aqk;
          A[q * c + k] = sn * apk + cs * aqk;
        }
        for (let k = 0; k < c; k++) {
          const vkp = V[k * c + p]!;
          const vkq = V[k * c + q]!;
          V[k * c + p] = cs * vkp - sn * vkq;
          V[k * c + q] = sn * vkp + cs * vkq;
        }
      }
    }
  }
  const values = new Float64Array(c);
  for (let i = 0; i < c; i++) values[i] = A[i * c + i]!;
  return { values, vectors: V };
}

/**
 * Rank-d LSA document vectors (nAll×d, row-major, rows L2-normalised) from sparse TF-IDF rows, by
 * randomised SVD with two power iterations (Halko, Martinsson and Tropp 2011).
 *
 * With `fit` (the rows of a sample), the directions are learned from those rows only and every row
 * is then projected onto them ("folding in": a row's coordinates are x·V_B, the right singular
 * vectors of the sample, times Σ as for the sample's own rows). The SVD's cost grows with the rows
 * it is learned from; the projection is one pass over the non-zeros.
 */
function lsa(
  all: Sparse,
  nAll: number,
  V: number,
  d: number,
  rnd: () => number,
  fit: readonly number[] | null = null,
): Float64Array {
  const x: Sparse = fit ? { idx: fit.map((r) => all.idx[r]!), val: fit.map((r) => all.val[r]!) } : all;
  const n = fit ? fit.length : nAll;
  const c = Math.min(d + 10, n, V);
  // Y = X Ω
  const omega = new Float64Array(V * c);
  for (let i = 0; i < omega.length; i++) omega[i] = gaussian(rnd);
  const Y = new Float64Array(n * c);
  const mulX = (M: Float64Array, out: Float64Array) => {
    // out (n×c) = X (n×V) · M (V×c)
    out.fill(0);
    for (let r = 0; r < n; r++) {
      const idx = x.idx[r]!;
      const val = x.val[r]!;
      const o = r * c;
      for (let e = 0; e < idx.length; e++) {
        const mo = idx[e]! * c;
        const v = val[e]!;
        for (let j = 0; j < c; j++) out[o + j]! += v * M[mo + j]!;
      }
    }
  };
  const mulXt = (M: Float64Array, out: Float64Array) => {
    // out (V×c) = Xᵀ (V×n) · M (n×c)
    out.fill(0);
    for (let r = 0; r < n; r++) {
      const idx = x.idx[r]!;
      const val = x.val[r]!;
      const o = r * c;
      for (let e = 0; e < idx.length; e++) {
        const mo = idx[e]! * c;
        const v = val[e]!;
        for (let j = 0; j < c; j++) out[mo + j]! += v * M[o + j]!;
      }
    }
  };
  mulX(omega, Y);
  orthonormalise(Y, n, c);
  const Z = new Float64Array(V * c);
  for (let it = 0; it < 2; it++) {
    mulXt(Y, Z);
    orthonormalise(Z, V, c);
    mulX(Z, Y);
    orthonormalise(Y, n, c);
  }
  // B = Qᵀ X (c×V) is held as its transpose Z = Xᵀ Q (V×c); BBᵀ = ZᵀZ (c×c).
  mulXt(Y, Z);
  const BBt = new Float64Array(c * c);
  for (let v = 0; v < V; v++) {
    const o = v * c;
    for (let i = 0; i < c; i++) {
      const zi = Z[o + i]!;
      if (zi === 0) continue;
      for (let j = i; j < c; j++) BBt[i * c + j]! += zi * Z[o + j]!;
    }
  }
  for (let i = 0; i < c; i++) for (let j = 0; j < i; j++) BBt[i * c + j] = BBt[j * c + i]!;
  const { values, vectors } = symmetricEigen(BBt, c);
  const order = Array.from({ length: c }, (_, i) => i).sort((a, b) => values[b]! - values[a]!);
  const dd = Math.min(d, c);
  if (fit) {
    // X ≈ Q·B = Q·U_B·Σ·V_Bᵀ, and Z = Xᵀ·Q = Bᵀ, so V_B = Z·U_B·Σ⁻¹ and a sample row's coordinates
    // Q·U_B·Σ are x·V_B: W below is V_B (V×dd); a direction with no weight (Σ = 0) stays zero.
    const W = new Float64Array(V * dd);
    for (let k = 0; k < dd; k++) {
      const col = order[k]!;
      const sigma = Math.sqrt(Math.max(values[col]!, 0));
      if (!(sigma > 0)) continue;
      for (let v = 0; v < V; v++) {
        const zo = v * c;
        let s = 0;
        for (let j = 0; j < c; j++) s += Z[zo + j]! * vectors[j * c + col]!;
        W[v * dd + k] = s / sigma;
      }
    }
    const out = new Float64Array(nAll * dd);
    for (let r = 0; r < nAll; r++) {
      const idx = all.idx[r]!;
      const val = all.val[r]!;
      const o = r * dd;
      for (let e = 0; e < idx.length; e++) {
        const wo = idx[e]! * dd;
        const w = val[e]!;
        for (let k = 0; k < dd; k++) out[o + k]! += w * W[wo + k]!;
      }
    }
    normaliseRows(out, nAll, dd);
    return out;
  }
  // Document coordinates: Q · U_B · Σ (n×dd) — Σ is √eigenvalue.
  const out = new Float64Array(n * dd);
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < dd; k++) {
      const col = order[k]!;
      const sigma = Math.sqrt(Math.max(values[col]!, 0));
      let s = 0;
      for (let j = 0; j < c; j++) s += Y[r * c + j]! * vectors[j * c + col]!;
      out[r * dd + k] = s * sigma;
    }
  }
  normaliseRows(out, n, dd);
  return out;
}

interface KMeansResult {
  assign: Int32Array;
  centroids: Float64Array;
  sims: Float64Array;
  score: number;
}

/** Spherical k-means on dense unit rows (n×d) with k-means++ seeding. */
function sphericalKMeans(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  rnd: () => number,
  maxIter = 40,
): KMeansResult {
  const C = new Float64Array(k * d);
  // k-means++: each new centre drawn with probability ∝ squared distance to the nearest centre.
  const first = Math.floor(rnd() * n);
  C.set(X.subarray(first * d, first * d + d), 0);
  const best = new Float64Array(n).fill(-Infinity);
  for (let c = 1; c < k; c++) {
    let total = 0;
    const dist = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = dot(X, i * d, C, (c - 1) * d, d);
      if (s > best[i]!) best[i] = s;
      const dd = Math.max(0, 1 - best[i]!);
      dist[i] = dd * dd;
      total += dist[i]!;
    }
    let pickIdx = Math.floor(rnd() * n);
    if (total > 0) {
      let r = rnd() * total;
      for (let i = 0; i < n; i++) {
        r -= dist[i]!;
        if (r <= 0) {
          pickIdx = i;
          break;
        }
      }
    }
    C.set(X.subarray(pickIdx * d, pickIdx * d + d), c * d);
  }
  const assign = new Int32Array(n).fill(-1);
  const sims = new Float64Array(n);
  for (let it = 0; it < maxIter; it++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const bc = nearestCentre(X, i * d, C, k, d);
      sims[i] = nearestSim;
      if (assign[i] !== bc) {
        assign[i] = bc;
        changed++;
      }
    }
    // New centres: normalised means; an empty cluster takes the worst-fitting answer.
    C.fill(0);
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const c = assign[i]!;
      counts[c]!++;
      for (let j = 0; j < d; j++) C[c * d + j]! += X[i * d + j]!;
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        let worst = 0;
        for (let i = 1; i < n; i++) if (sims[i]! < sims[worst]!) worst = i;
        C.set(X.subarray(worst * d, worst * d + d), c * d);
        sims[worst] = 1;
        changed++;
      }
    }
    normaliseRows(C, k, d);
    // Stop when (almost) nothing moves: the last 0.1% changing sides does not change a theme.
    if (changed <= n * 0.001) break;
  }
  let score = 0;
  for (let i = 0; i < n; i++) score += sims[i]!;
  return { assign, centroids: C, sims, score };
}

/** Lloyd passes from given centres over all rows (centres are copied, not changed in place). */
function refine(X: Float64Array, n: number, d: number, k: number, centres: Float64Array, passes: number): KMeansResult {
  const C = Float64Array.from(centres);
  const assign = new Int32Array(n);
  const sims = new Float64Array(n);
  for (let pass = 0; pass <= passes; pass++) {
    for (let i = 0; i < n; i++) {
      assign[i] = nearestCentre(X, i * d, C, k, d);
      sims[i] = nearestSim;
    }
    if (pass === passes) break;
    const next = new Float64Array(k * d);
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const c = assign[i]!;
      counts[c]!++;
      for (let j = 0; j < d; j++) next[c * d + j]! += X[i * d + j]!;
    }
    // A centre that lost all its answers keeps its place.
    for (let c = 0; c < k; c++) if (counts[c] === 0) next.set(C.subarray(c * d, c * d + d), c * d);
    normaliseRows(next, k, d);
    C.set(next);
  }
  let score = 0;
  for (let i = 0; i < n; i++) score += sims[i]!;
  return { assign, centroids: C, sims, score };
}

/**
 * Simplified silhouette: for each point, (b − a) / max(a, b) with a, b the distances to its own and the nearest other
 * centre.
 */
function simplifiedSilhouette(X: Float64Array, n: number, d: number, r: KMeansResult, k: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const own = r.assign[i]!;
    const a = 1 - dot(X, i * d, r.centroids, own * d, d);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own) b = Math.min(b, 1 - dot(X, i * d, r.centroids, c * d, d));
    const m = Math.max(a, b);
    total += m > 0 ? (b - a) / m : 0;
  }
  return total / n;
}

export function suggestThemes(docs: readonly ThemeDoc[], opts: ThemeOptions = {}): ThemeSuggestionResult {
  const seed = opts.seed ?? 1;
  const rnd = seededRandom(seed);
  const stop = new Set([...STOP_WORDS, ...(opts.extraStopWords ?? []).map((w) => normaliseText(w))]);
  const questionTerms = new Set(opts.questionText ? termsOf(opts.questionText, stop, new Map()) : []);
  const surface = new Map<string, Map<string, number>>();

  // 1. Terms per answer; blanks set aside.
  const blankIds: string[] = [];
  const live: number[] = [];
  const docTerms: string[][] = [];
  const vocab: Vocab = { index: new Map(), terms: [], df: [] };
  docs.forEach((d, i) => {
    if (isBlankAnswer(d.text)) {
      blankIds.push(d.id);
      return;
    }
    const t = termsOf(d.text, stop, surface);
    live.push(i);
    docTerms.push(t);
    for (const term of new Set(t)) {
      let k = vocab.index.get(term);
      if (k === undefined) {
        k = vocab.terms.length;
        vocab.index.set(term, k);
        vocab.terms.push(term);
        vocab.df.push(0);
      }
      vocab.df[k]!++;
    }
  });

  // 2. TF-IDF over terms in at least 2 answers.
  const nLive = live.length;
  const minDf = Math.max(2, Math.ceil(nLive * 0.0005));
  const keep = new Int32Array(vocab.terms.length).fill(-1);
  const terms: string[] = [];
  const df: number[] = [];
  vocab.terms.forEach((t, i) => {
    if (vocab.df[i]! >= minDf && vocab.df[i]! < nLive) {
      keep[i] = terms.length;
      terms.push(t);
      df.push(vocab.df[i]!);
    }
  });
  const V = terms.length;
  const idf = df.map((f) => Math.log((1 + nLive) / (1 + f)) + 1);
  const x: Sparse = { idx: [], val: [] };
  const rows: number[] = []; // index into live of each clustered answer
  const unassignedIds: string[] = [];
  docTerms.forEach((t, li) => {
    const tf = new Map<number, number>();
    for (const term of t) {
      const k = keep[vocab.index.get(term)!]!;
      if (k >= 0) tf.set(k, (tf.get(k) ?? 0) + 1);
    }
    if (!tf.size) {
      unassignedIds.push(docs[live[li]!]!.id);
      return;
    }
    const idx = Int32Array.from([...tf.keys()].sort((a, b) => a - b));
    const val = new Float64Array(idx.length);
    let norm = 0;
    idx.forEach((k, e) => {
      const w = (1 + Math.log(tf.get(k)!)) * idf[k]! * (questionTerms.has(terms[k]!) ? 0.5 : 1);
      val[e] = w;
      norm += w * w;
    });
    norm = Math.sqrt(norm);
    for (let e = 0; e < val.length; e++) val[e]! /= norm;
    x.idx.push(idx);
    x.val.push(val);
    rows.push(li);
  });
  const n = rows.length;
  if (n < 3 || V === 0) {
    return { themes: [], blankIds, unassignedIds: [...unassignedIds, ...rows.map((li) => docs[live[li]!]!.id)], k: 0 };
  }

  // 3. Dense vectors: LSA, or the TF-IDF rows themselves when small enough.
  const dims = Math.max(0, Math.min(opts.dims ?? Math.min(50, Math.floor(n / 4)), V));
  let d: number;
  let X: Float64Array;
  // Large inputs: the themes are learned from an evenly spread sample (every answer has the same
  // chance whatever order the answers come in; no randomness, so the same answers give the same
  // sample), and the other answers are placed in the same space and assigned to the nearest theme.
  const sampleSize = Math.max(10, opts.sampleSize ?? 6000);
  const learnFrom =
    n > sampleSize ? Array.from({ length: sampleSize }, (_, i) => Math.floor((i * n) / sampleSize)) : null;
  if (dims >= 2) {
    X = lsa(x, n, V, dims, rnd, learnFrom);
    d = X.length / n;
  } else {
    d = V;
    X = new Float64Array(n * V);
    for (let r = 0; r < n; r++) x.idx[r]!.forEach((k, e) => (X[r * V + k] = x.val[r]![e]!));
  }

  // 4. Themes within each stance group (one group without a stance): k given, or the best simplified
  // silhouette over a range, judged on a sample of at most 1,500 answers with one quick run per k;
  // then the final clustering with restarts.
  const restarts = Math.max(1, opts.restarts ?? 4);
  const run = (k: number, M: Float64Array, rows: number, tries: number, iters: number): KMeansResult => {
    let best: KMeansResult | null = null;
    for (let r = 0; r < tries; r++) {
      const res = sphericalKMeans(M, rows, d, k, rnd, iters);
      if (!best || res.score > best.score) best = res;
    }
    return best!;
  };
  // The number of themes in all: given, or chosen on all the answers (whatever their stance).
  let kTotal: number;
  if (typeof opts.k === 'number') kTotal = Math.max(1, Math.min(opts.k, n));
  else {
    const lo = Math.max(2, Math.min(opts.minK ?? 4, Math.floor(n / 2)));
    const hi = Math.max(
      lo,
      Math.min(opts.maxK ?? Math.min(40, Math.floor(n / 8), Math.round(Math.sqrt(n)) + 2), n - 1),
    );
    const m = Math.min(n, 1500);
    const sample = new Float64Array(m * d);
    for (let i = 0; i < m; i++) {
      const r = Math.floor((i * n) / m);
      sample.set(X.subarray(r * d, r * d + d), i * d);
    }
    const step = Math.max(1, Math.round((hi - lo) / 10));
    let bestScore = -Infinity;
    kTotal = lo;
    for (let kk = lo; kk <= hi; kk += step) {
      const s = simplifiedSilhouette(sample, m, d, run(kk, sample, m, 1, 15), kk);
      if (s > bestScore) {
        bestScore = s;
        kTotal = kk;
      }
    }
  }
  const { groups, strays } = stanceGroups(
    opts.stance,
    rows.map((li) => docs[live[li]!]!.id),
  );
  const kOf = allocate(
    kTotal,
    groups.map((g) => (g.rows ? g.rows.length : n)),
  );
  // Each group's centres, learned from its own answers (from an evenly spread sample of them above
  // sampleSize, then refined with two passes over all of them), one after the other in one array.
  const k = kOf.reduce((a, b) => a + b, 0);
  const centroids = new Float64Array(k * d);
  const assign = new Int32Array(n);
  const sims = new Float64Array(n);
  const centreGroup = new Int32Array(k);
  let offset = 0;
  groups.forEach((g, gi) => {
    const kg = kOf[gi]!;
    const count = g.rows ? g.rows.length : n;
    let M = X;
    if (g.rows) {
      M = new Float64Array(count * d);
      g.rows.forEach((r, i) => M.set(X.subarray(r * d, r * d + d), i * d));
    }
    // A stance's share of the sample is its share of the answers (at least 1,000, or all of them).
    const cap = g.rows ? Math.max(Math.round((sampleSize * count) / n), Math.min(sampleSize, 1000)) : sampleSize;
    let res: KMeansResult;
    if (count > cap) {
      const sample = new Float64Array(cap * d);
      for (let i = 0; i < cap; i++) {
        const r = Math.floor((i * count) / cap);
        sample.set(M.subarray(r * d, r * d + d), i * d);
      }
      res = refine(M, count, d, kg, run(kg, sample, cap, restarts, 30).centroids, 2);
    } else res = run(kg, M, count, restarts, 40);
    centroids.set(res.centroids, offset * d);
    centreGroup.fill(gi, offset, offset + kg);
    for (let i = 0; i < count; i++) {
      const r = g.rows ? g.rows[i]! : i;
      assign[r] = offset + res.assign[i]!;
      sims[r] = res.sims[i]!;
    }
    offset += kg;
  });
  const groupOf = new Int32Array(n);
  groups.forEach((g, gi) => g.rows?.forEach((r) => (groupOf[r] = gi)));
  // The few answers of no stance (or of stances too small for themes of their own): the nearest theme of any stance.
  for (const r of strays) {
    assign[r] = nearestCentre(X, r * d, centroids, k, d);
    sims[r] = nearestSim;
    groupOf[r] = centreGroup[assign[r]!]!;
  }

  // 5. Members. Primary: the nearest centre (of the answer's stance group). An answer also joins
  // every other theme of its group whose centre it stands out as close to, against the answers
  // outside that theme: similarity at least their mean plus joinZ standard deviations (outside, so
  // that a theme holding a third of the answers does not raise its own bar), and at least
  // secondaryRatio of its similarity to its own theme.
  const ratio = opts.secondaryRatio ?? 0.5;
  const z = opts.joinZ ?? 1;
  const primary: Array<Array<[number, number]>> = Array.from({ length: k }, () => []);
  const secondary: Array<Array<[number, number]>> = Array.from({ length: k }, () => []);
  for (let r = 0; r < n; r++) primary[assign[r]!]!.push([r, sims[r]!]);
  if (ratio < 1 && Number.isFinite(z)) {
    const S = new Float64Array(n * k);
    const mean = new Float64Array(k);
    const sq = new Float64Array(k);
    const count = new Float64Array(k);
    for (let r = 0; r < n; r++) {
      const g = groupOf[r]!;
      for (let c = 0; c < k; c++) {
        if (centreGroup[c] !== g) continue;
        const s = dot(X, r * d, centroids, c * d, d);
        S[r * k + c] = s;
        if (assign[r] === c) continue;
        count[c]!++;
        mean[c]! += s;
        sq[c]! += s * s;
      }
    }
    const bar = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      const m = Math.max(1, count[c]!);
      const mu = mean[c]! / m;
      bar[c] = mu + z * Math.sqrt(Math.max(0, sq[c]! / m - mu * mu));
    }
    for (let r = 0; r < n; r++) {
      const own = assign[r]!;
      const s0 = sims[r]!;
      if (s0 <= 0) continue;
      for (let c = 0; c < k; c++) {
        if (c === own || centreGroup[c] !== groupOf[r]) continue;
        const s = S[r * k + c]!;
        if (s >= bar[c]! && s >= ratio * s0) secondary[c]!.push([r, s]);
      }
    }
  }

  // 6. Key phrases by class-based TF-IDF: share of the theme's answers using a term, times its lift over all answers.
  const nKey = opts.keyPhrases ?? 8;
  const nEx = opts.examples ?? 3;
  const themes: ThemeSuggestion[] = [];
  for (let c = 0; c < k; c++) {
    const prim = primary[c]!.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    if (!prim.length) continue;
    const sec = secondary[c]!.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const dfc = new Map<number, number>();
    for (const [r] of prim) for (const t of x.idx[r]!) dfc.set(t, (dfc.get(t) ?? 0) + 1);
    const scored = [...dfc]
      .filter(([, f]) => f >= Math.min(2, prim.length))
      .map(([t, f]) => {
        const share = f / prim.length;
        const lift = share / (df[t]! / n);
        // Phrases read better than single words: a small bonus for two-word terms.
        return { t, score: share * Math.log(1 + lift) * (terms[t]!.includes(' ') ? 1.2 : 1) };
      })
      .sort((a, b) => b.score - a.score || terms[a.t]!.localeCompare(terms[b.t]!));
    // For the typical phrase, a word weighs its share of the theme times the log of its lift: a word no
    // commoner in the theme than anywhere ("honestly", the question's words) adds nothing to a piece.
    const weights = new Map<string, number>();
    for (const [t, f] of dfc) {
      const lift = f / prim.length / (df[t]! / n);
      if (f >= Math.min(2, prim.length) && lift > 1) weights.set(terms[t]!, (f / prim.length) * Math.log(lift));
    }
    const termWeight = (term: string) => weights.get(term) ?? 0;
    // Phrases, best first: a word inside a chosen phrase is skipped; a two-word phrase that chains
    // onto a chosen one ("mental health" + "health support") extends it ("mental health support").
    const chosen: Array<{ parts: string[]; shown: string[]; terms: string[] }> = [];
    for (const { t } of scored) {
      if (chosen.length >= nKey) break;
      const term = terms[t]!;
      const parts = term.split(' ');
      const shown = (commonest(surface.get(term)) ?? term).split(' ');
      if (parts.length === 1) {
        if (chosen.some((c) => c.parts.includes(term))) continue;
        chosen.push({ parts, shown, terms: [term] });
        continue;
      }
      const head = chosen.find((c) => c.parts.length > 1 && c.parts[0] === parts[1] && !c.parts.includes(parts[0]!));
      const tail = chosen.find(
        (c) => c.parts.length > 1 && c.parts[c.parts.length - 1] === parts[0] && !c.parts.includes(parts[1]!),
      );
      if (head && head.parts.length < 4) {
        head.parts.unshift(parts[0]!);
        head.shown.unshift(shown[0]!);
        head.terms.push(term);
      } else if (tail && tail.parts.length < 4) {
        tail.parts.push(parts[1]!);
        tail.shown.push(shown[shown.length - 1]!);
        tail.terms.push(term);
      } else if (!chosen.some((c) => c.parts.length > 1 && parts.some((p) => c.parts.includes(p)))) {
        // A single word now inside this phrase gives way to it.
        const i = chosen.findIndex((c) => c.parts.length === 1 && parts.includes(c.parts[0]!));
        if (i >= 0) chosen.splice(i, 1);
        chosen.push({ parts, shown, terms: [term] });
      }
    }
    // Single words that ended up inside a longer phrase are dropped.
    const phrases = chosen
      .filter(
        (c) =>
          c.parts.length > 1 || !chosen.some((o) => o !== c && o.parts.length > 1 && o.parts.includes(c.parts[0]!)),
      )
      .map((c) => c.shown.join(' '));
    const ids = [...prim, ...sec].map(([r]) => docs[live[rows[r]!]!]!.id);
    const cohesion = prim.reduce((s, [, v]) => s + v, 0) / prim.length;
    // A name reads as one idea, not a list of words ("Reliable bus service", not "Reliable bus service,
    // councils cuts, left thousands"): the strongest phrase; two single words are joined by "and".
    // The key phrases stay beside it for the analyst to read.
    const [first, second] = phrases;
    const label =
      typicalPhrase(
        prim.slice(0, TYPICAL_FROM),
        prim.slice(0, TYPICAL_RECURRING_IN),
        (r) => docs[live[rows[r]!]!]!.text,
        termWeight,
        stop,
      ) ?? (!first ? '' : !first.includes(' ') && second && !second.includes(' ') ? `${first} and ${second}` : first);
    const stance = groups[centreGroup[c]!]!.stance;
    themes.push({
      id: `suggested-${hex32(hashString(chosen.map((ch) => ch.terms.join('+')).join('|') + `#${c}`))}`,
      label: label ? label[0]!.toUpperCase() + label.slice(1) : `Theme ${c + 1}`,
      ...(stance !== null && { stance }),
      keyPhrases: phrases,
      memberIds: ids,
      primaryCount: prim.length,
      size: ids.length,
      examples: prim.slice(0, nEx).map(([r]) => {
        const doc = docs[live[rows[r]!]!]!;
        return { id: doc.id, text: doc.text };
      }),
      cohesion,
    });
  }
  themes.sort((a, b) => b.primaryCount - a.primaryCount || a.id.localeCompare(b.id));
  return { themes, blankIds, unassignedIds, k };
}

function commonest(m: Map<string, number> | undefined): string | null {
  if (!m) return null;
  let best: string | null = null;
  let bc = -1;
  for (const [f, c] of m) if (c > bc || (c === bc && f < best!)) [best, bc] = [f, c];
  return best;
}

/** Answers of one stance, as rows of the clustered answers; rows null: every answer. */
interface StanceGroup {
  stance: string | null;
  rows: number[] | null;
}

/** A stance with fewer answers than this has no themes of its own. */
const MIN_STANCE_ANSWERS = 5;

/**
 * The clustered answers by stance (stances in code-point order), then the answers of no stance or of
 * a stance with fewer than MIN_STANCE_ANSWERS, as a group of no stance when there are that many of them,
 * or else as strays to put in the nearest theme of any stance. Without a stance map, or when one stance
 * remains, one group of every answer (tagged with the stance when every answer has it).
 */
function stanceGroups(
  stance: ReadonlyMap<string, string> | undefined,
  ids: readonly string[],
): { groups: StanceGroup[]; strays: number[] } {
  if (!stance) return { groups: [{ stance: null, rows: null }], strays: [] };
  const by = new Map<string, number[]>();
  const rest: number[] = [];
  ids.forEach((id, r) => {
    const s = stance.get(id)?.trim();
    if (!s) return rest.push(r);
    let g = by.get(s);
    if (!g) by.set(s, (g = []));
    g.push(r);
  });
  const groups: StanceGroup[] = [];
  for (const s of [...by.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const rows = by.get(s)!;
    if (rows.length >= MIN_STANCE_ANSWERS) groups.push({ stance: s, rows });
    else rest.push(...rows);
  }
  rest.sort((a, b) => a - b);
  if (groups.length === 0) return { groups: [{ stance: null, rows: null }], strays: [] };
  if (groups.length === 1)
    return { groups: [{ stance: rest.length ? null : groups[0]!.stance, rows: null }], strays: [] };
  if (rest.length >= MIN_STANCE_ANSWERS) return { groups: [...groups, { stance: null, rows: rest }], strays: [] };
  return { groups, strays: rest };
}

/**
 * Themes per group: `total` shared in proportion to the groups' sizes by largest remainder (ties to the
 * earlier group), at least one a group and no more than it has answers.
 */
function allocate(total: number, sizes: readonly number[]): number[] {
  if (sizes.length === 1) return [Math.min(total, sizes[0]!)];
  const n = sizes.reduce((a, b) => a + b, 0);
  const exact = sizes.map((s) => (total * s) / n);
  const k = exact.map((e, i) => Math.min(sizes[i]!, Math.max(1, Math.floor(e))));
  let left = total - k.reduce((a, b) => a + b, 0);
  const order = exact
    .map((_, i) => i)
    .sort((a, b) => exact[b]! - Math.floor(exact[b]!) - (exact[a]! - Math.floor(exact[a]!)) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    if (k[i]! < sizes[i]!) {
      k[i]!++;
      left--;
    }
  }
  return k;
}

/** The typical phrase is looked for in this many answers nearest a theme's centre. */
const TYPICAL_FROM = 10;
/** A piece that recurs word for word is more typical: counted in this many answers nearest a theme's centre. */
const TYPICAL_RECURRING_IN = 200;
/** A typical phrase has at least and at most this many words. */
const TYPICAL_MIN_WORDS = 3;
const TYPICAL_MAX_WORDS = 12;
/** Words that link a piece to what came before ("but", "and so", "I really think"), dropped from its start. */
const LEADING_LINK = new RegExp(
  '^(?:(?:and|but|or|so|because|as|since|which|while|whilst|although|though|however|also|then|thus|therefore|' +
    'hence|plus|yes|no|overall|honestly|frankly|personally|to be honest|in my (?:opinion|view))\\b[\\s,]*|' +
    '(?:i|we) (?:\\w+ly )?(?:think|believe|feel)(?: that)?\\b\\s*)+',
  'i',
);

/**
 * Short pieces of an answer that can name a theme: its sentences of TYPICAL_MIN_WORDS to TYPICAL_MAX_WORDS
 * words, or, of a longer sentence, its clauses (split at commas, brackets and dashes) and its opening
 * clauses together, of that length; without a
 * leading link word ("but", "and so", "I think"), closing punctuation or a quotation mark left open.
 */
function fragments(text: string): string[] {
  const out: string[] = [];
  const wordCount = (piece: string) => piece.split(/\s+/).filter(Boolean).length;
  const add = (piece: string) => {
    let clean = piece
      .trim()
      .replace(LEADING_LINK, '')
      .replace(/[\s.,;:!?…-]+$/, '')
      .trim();
    // A quotation mark opened and not closed, or closed and not opened, is dropped.
    for (const [open, close] of [
      ['“', '”'],
      ['‘', '’'],
    ] as const)
      if (clean.split(open).length !== clean.split(close).length)
        clean = clean.replaceAll(open, '').replaceAll(close, '');
    if (clean.split('"').length % 2 === 0) clean = clean.replaceAll('"', '');
    // A single quotation mark opening a word (not an apostrophe inside one) with none closing one.
    if (/(^|\s)'\w/.test(clean) && !/\w'(\s|$)/.test(clean)) clean = clean.replace(/(^|\s)'(?=\w)/g, '$1');
    clean = clean.trim();
    const count = wordCount(clean);
    if (count >= TYPICAL_MIN_WORDS && count <= TYPICAL_MAX_WORDS) out.push(clean);
  };
  for (const sentence of text.split(/(?<=[.!?…])\s+|[\r\n]+|;\s*/)) {
    if (wordCount(sentence) <= TYPICAL_MAX_WORDS + 1) {
      add(sentence);
      continue;
    }
    // A long sentence: its opening clauses, as written, as far as they are short enough; and each clause.
    const parts = sentence.split(/(\s*[,()–—:]\s*|\s+-\s+)/);
    let opening = parts[0]!;
    for (let j = 2; j < parts.length && wordCount(opening + parts[j - 1]! + parts[j]!) <= TYPICAL_MAX_WORDS; j += 2) {
      opening += parts[j - 1]! + parts[j]!;
      add(opening);
    }
    for (let j = 0; j < parts.length; j += 2) add(parts[j]!);
  }
  return out;
}

/**
 * A theme's most typical phrase: of the pieces of its answers nearest the centre (`near`, nearest first), the one
 * whose words weigh most in the theme (`weight`: over-representation of a stem or two-word phrase) for its length (a
 * piece's weight over √words, at least four, so a long piece must earn its length and a very short one has no edge),
 * and that most of the theme's answers say in those very words: the score is raised by the share of the answers
 * nearest the centre (`among`) that contain the piece. Ties go to the nearer answer, then the shorter piece. Null when
 * no piece has a word of weight.
 */
function typicalPhrase(
  near: ReadonlyArray<readonly [number, number]>,
  among: ReadonlyArray<readonly [number, number]>,
  text: (row: number) => string,
  weight: (term: string) => number,
  stop: ReadonlySet<string>,
): string | null {
  const flat = (t: string) => t.toLowerCase().replace(/\s+/g, ' ');
  const amongTexts = among.map(([r]) => flat(text(r)));
  let best: string | null = null;
  let bestScore = 0;
  for (const [r] of near) {
    for (const piece of fragments(text(r))) {
      let w = 0;
      for (const term of new Set(termsOf(piece, stop, new Map()))) w += weight(term);
      if (w <= 0) continue;
      const said = flat(piece);
      let saying = 0;
      for (const t of amongTexts) if (t.includes(said)) saying++;
      const score = (w / Math.sqrt(Math.max(4, piece.split(/\s+/).length))) * (1 + saying / amongTexts.length);
      // Ties go to the nearer answer's piece, unless another is shorter.
      if (score > bestScore + 1e-12 || (best !== null && score > bestScore - 1e-12 && piece.length < best.length)) {
        best = piece;
        bestScore = Math.max(score, bestScore);
      }
    }
  }
  return best;
}
