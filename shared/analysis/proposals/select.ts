/**
 * Which answers to code next. Greedy selection that trades an answer's own worth (how typical it is,
 * for a first sample; how uncertain the model is about it, once there is a model) against its
 * similarity to the answers already picked, so a batch is not ten copies of one point.
 */
import { seededRandom } from '../../core/hash';
import { type SparseRows, denseDot } from './features';

/**
 * Order of `candidates` (rows of `x`): the first `batch` picked greedily by worth × (1 − similarity
 * to the closest already picked, or to `avoid` rows), the rest by worth, best first. Ties and near-ties
 * are broken by a seeded jitter of ±`jitter` (relative), so different seeds give different samples.
 */
export function greedyDiverse(
  x: SparseRows,
  candidates: Int32Array,
  worth: Float64Array,
  opts: { batch: number; seed: number; jitter?: number; pool?: number; avoid?: Int32Array },
): Int32Array {
  const n = candidates.length;
  const rnd = seededRandom(opts.seed);
  const jitter = opts.jitter ?? 0.1;
  const w = Float64Array.from(worth, (v) => v * (1 - jitter + 2 * jitter * rnd()));
  const byWorth = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => w[b]! - w[a]! || a - b);
  const pool = byWorth.slice(0, Math.min(n, Math.max(opts.pool ?? 0, opts.batch * 10)));
  const m = pool.length;
  const closest = new Float64Array(m);
  const dense = new Float64Array(x.dim);
  const near = (row: number) => {
    for (let e = x.ptr[row]!; e < x.ptr[row + 1]!; e++) dense[x.idx[e]!] = x.val[e]!;
    for (let i = 0; i < m; i++) {
      const r = candidates[pool[i]!]!;
      let s = 0;
      for (let e = x.ptr[r]!; e < x.ptr[r + 1]!; e++) s += x.val[e]! * dense[x.idx[e]!]!;
      if (s > closest[i]!) closest[i] = s;
    }
    for (let e = x.ptr[row]!; e < x.ptr[row + 1]!; e++) dense[x.idx[e]!] = 0;
  };
  // Avoid the neighbourhoods of answers already coded (the most similar few hundred are enough).
  if (opts.avoid) for (const r of opts.avoid.subarray(0, 500)) near(r);
  const taken = new Uint8Array(n);
  const out: number[] = [];
  const batch = Math.min(opts.batch, m);
  for (let k = 0; k < batch; k++) {
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < m; i++) {
      if (taken[pool[i]!]) continue;
      const s = w[pool[i]!]! * Math.max(0, 1 - closest[i]!);
      if (s > bestScore) {
        bestScore = s;
        best = i;
      }
    }
    if (best < 0) break;
    taken[pool[best]!] = 1;
    out.push(pool[best]!);
    near(candidates[pool[best]!]!);
  }
  for (const i of byWorth) if (!taken[i]) out.push(i);
  return Int32Array.from(out);
}

/**
 * How typical each candidate is: its mean similarity to all of them (its dot product with their mean
 * vector). Answers like many others teach the model about many others.
 */
export function typicality(x: SparseRows, candidates: Int32Array): Float64Array {
  const mean = new Float64Array(x.dim);
  for (const r of candidates) for (let e = x.ptr[r]!; e < x.ptr[r + 1]!; e++) mean[x.idx[e]!]! += x.val[e]!;
  const out = new Float64Array(candidates.length);
  for (let i = 0; i < candidates.length; i++) out[i] = denseDot(x, candidates[i]!, mean) / candidates.length;
  return out;
}
