/**
 * Sparse TF-IDF vectors of answers for the proposals model, in three blocks:
 * - word stems (text.ts folding, stemming.ts's light stemmer; stop words kept, since "not", "no" and
 *   "should" carry stance, and IDF weighs the common ones down);
 * - adjacent stem pairs;
 * - character n-grams within words (4 letters by default, the word padded with a space each side,
 *   as scikit-learn's `char_wb`): spelling slips and word forms the stemmer misses still meet.
 * Features are hashed (32-bit, by block) and kept when at least `minDf` answers hold them. Weights are
 * sublinear TF × smoothed IDF; each block is L2-normalised and weighted, then the whole vector is.
 *
 * Rows are compressed sparse rows (CSR) in typed arrays, so training and scoring run over flat memory.
 */
import { IntMap, fmix32 } from '../../core/hash';
import { stem } from '../stemming';
import { words } from '../text';

export interface SparseRows {
  /** Row r's entries are idx/val[ptr[r] .. ptr[r+1]), each column at most once (in no set order). */
  ptr: Int32Array;
  idx: Int32Array;
  val: Float32Array;
  /** Number of columns. */
  dim: number;
}

export interface FeatureOptions {
  /** Block weights (0 leaves a block out). Defaults: words 1, pairs 0.5, characters 1. */
  words?: number;
  pairs?: number;
  chars?: number;
  /** Character n-gram lengths. Default 4 only (3–5 measured no better, at twice the entries). */
  charMin?: number;
  charMax?: number;
  /** Smallest number of answers a feature must occur in. Default 2. */
  minDf?: number;
}

const enum Block {
  Word = 0,
  Pair = 1,
  Char = 2,
}
const SALT = [0x9e3779b1, 0x85ebca77, 0xc2b2ae3d];

/** Growable arrays of (hash, block) features of one answer. */
class Bag {
  h = new Uint32Array(512);
  n = 0;
  push(h: number): void {
    if (this.n === this.h.length) {
      const g = new Uint32Array(this.n * 2);
      g.set(this.h);
      this.h = g;
    }
    this.h[this.n++] = h;
  }
}

/** Features are hashed to 30 bits, the top 2 bits of the 32 holding the block. */
const blockOf = (h: number) => h >>> 30;
const withBlock = (h: number, b: Block) => ((h >>> 2) | (b << 30)) >>> 0;

function strHash(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

/** The hashed features of one text into `bag` (cleared first). */
function featuresOf(text: string, bag: Bag, o: Required<FeatureOptions>, stems: Map<string, string>): void {
  bag.n = 0;
  let prev = 0;
  let havePrev = false;
  for (const w of words(text)) {
    let s = stems.get(w);
    if (s === undefined) stems.set(w, (s = stem(w)));
    const hs = strHash(s, SALT[0]!);
    if (o.words > 0) bag.push(withBlock(hs, Block.Word));
    if (o.pairs > 0 && havePrev) bag.push(withBlock(fmix32((Math.imul(prev, 0x9e3779b1) ^ hs) >>> 0), Block.Pair));
    prev = hs;
    havePrev = true;
    if (o.chars > 0) {
      // " word " n-grams, hashed incrementally from each start.
      const L = w.length + 2;
      const at = (i: number) => (i === 0 || i === L - 1 ? 32 : w.charCodeAt(i - 1));
      for (let i = 0; i + o.charMin <= L; i++) {
        let h = SALT[2]! >>> 0;
        for (let j = 0; j < o.charMax && i + j < L; j++) {
          h = Math.imul(h ^ at(i + j), 0x01000193);
          if (j + 1 >= o.charMin) bag.push(withBlock(fmix32((h ^ (j + 1)) >>> 0), Block.Char));
        }
      }
    }
  }
}

/**
 * TF-IDF rows of `texts`. Document frequencies are counted over all the texts (the coded, the uncoded
 * and any theme descriptions: nothing about their labels), as a transductive model may.
 */
export function tfidf(texts: readonly string[], opts: FeatureOptions = {}): SparseRows {
  const o: Required<FeatureOptions> = {
    words: opts.words ?? 1,
    pairs: opts.pairs ?? 0.5,
    chars: opts.chars ?? 1,
    charMin: opts.charMin ?? 4,
    charMax: opts.charMax ?? 4,
    minDf: opts.minDf ?? 2,
  };
  const n = texts.length;
  const stems = new Map<string, string>();
  const bag = new Bag();
  // Pass 1: each answer's distinct features and counts, and the document frequencies.
  let keys = new Int32Array(1 << 16);
  let counts = new Uint16Array(1 << 16);
  const docPtr = new Int32Array(n + 1);
  let total = 0;
  const slot = new IntMap(1 << 16);
  let df = new Int32Array(1 << 16);
  let slotKey = new Uint32Array(1 << 16);
  for (let d = 0; d < n; d++) {
    featuresOf(texts[d]!, bag, o, stems);
    const h = bag.h.subarray(0, bag.n).sort();
    if (total + h.length > keys.length) {
      const cap = Math.max(keys.length * 2, total + h.length);
      const k2 = new Int32Array(cap);
      k2.set(keys.subarray(0, total));
      keys = k2;
      const c2 = new Uint16Array(cap);
      c2.set(counts.subarray(0, total));
      counts = c2;
    }
    for (let i = 0; i < h.length;) {
      let j = i + 1;
      while (j < h.length && h[j] === h[i]) j++;
      const key = h[i]!;
      counts[total] = Math.min(j - i, 65535);
      const k31 = key >>> 1;
      let s = slot.get(k31);
      if (s < 0) {
        s = slot.size;
        slot.set(k31, s);
        if (s >= df.length) {
          const d2 = new Int32Array(df.length * 2);
          d2.set(df);
          df = d2;
          const s2 = new Uint32Array(slotKey.length * 2);
          s2.set(slotKey);
          slotKey = s2;
        }
        slotKey[s] = key;
      }
      df[s]!++;
      keys[total++] = s;
      i = j;
    }
    docPtr[d + 1] = total;
  }
  // Columns: features in at least minDf answers, in slot order; IDF per column.
  const col = new Int32Array(slot.size).fill(-1);
  let dim = 0;
  for (let s = 0; s < slot.size; s++) if (df[s]! >= o.minDf) col[s] = dim++;
  const idf = new Float64Array(dim);
  const colBlock = new Uint8Array(dim);
  for (let s = 0; s < slot.size; s++) {
    const c = col[s]!;
    if (c < 0) continue;
    idf[c] = Math.log((1 + n) / (1 + df[s]!)) + 1;
    colBlock[c] = blockOf(slotKey[s]!);
  }
  // Pass 2: weights, normalised per block, weighted, normalised whole.
  const blockWeight = [o.words, o.pairs, o.chars];
  const ptr = new Int32Array(n + 1);
  const idx = new Int32Array(total);
  const val = new Float32Array(total);
  let nnz = 0;
  let longest = 0;
  for (let d = 0; d < n; d++) longest = Math.max(longest, docPtr[d + 1]! - docPtr[d]!);
  const tmpC = new Int32Array(longest);
  const tmpV = new Float64Array(longest);
  for (let d = 0; d < n; d++) {
    let m = 0;
    const norms = [0, 0, 0];
    for (let e = docPtr[d]!; e < docPtr[d + 1]!; e++) {
      const c = col[keys[e]!]!;
      if (c < 0) continue;
      const v = (1 + Math.log(counts[e]!)) * idf[c]!;
      tmpC[m] = c;
      tmpV[m] = v;
      norms[colBlock[c]!]! += v * v;
      m++;
    }
    let whole = 0;
    for (let i = 0; i < m; i++) {
      const b = colBlock[tmpC[i]!]!;
      const v = (tmpV[i]! / Math.sqrt(norms[b]!)) * blockWeight[b]!;
      tmpV[i] = v;
      whole += v * v;
    }
    whole = whole > 0 ? 1 / Math.sqrt(whole) : 0;
    for (let i = 0; i < m; i++) {
      idx[nnz] = tmpC[i]!;
      val[nnz] = tmpV[i]! * whole;
      nnz++;
    }
    ptr[d + 1] = nnz;
  }
  return { ptr, idx: idx.slice(0, nnz), val: val.slice(0, nnz), dim };
}

/** Dot product of row r with a dense vector. */
export function denseDot(x: SparseRows, r: number, w: Float64Array): number {
  let s = 0;
  for (let e = x.ptr[r]!; e < x.ptr[r + 1]!; e++) s += x.val[e]! * w[x.idx[e]!]!;
  return s;
}
