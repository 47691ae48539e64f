/**
 * L2-regularised logistic regression on sparse rows, trained by dual coordinate descent (Yu, Huang
 * and Lin 2011, "Dual coordinate descent methods for logistic regression", as liblinear's dual
 * solver): each step solves one example's dual variable exactly (a safeguarded 1-D Newton) and
 * updates the weights, so an epoch costs one pass over the examples' entries. Examples carry their
 * own cost C_i (class balance, the theme descriptions' lesser weight). The bias is a constant feature
 * of value 1, regularised like the others (as liblinear does).
 *
 * And Platt scaling: a sigmoid σ(A·s + B) fitted by Newton's method to held-out scores, with Platt's
 * smoothed targets, turning scores into probabilities.
 */
import { seededRandom } from '../../core/hash';
import { type SparseRows, denseDot } from './features';

export interface LogisticModel {
  w: Float64Array;
  bias: number;
}

export interface TrainOptions {
  maxEpochs?: number;
  /** Stop when no dual step's gradient exceeds this. Default 0.01. */
  tol?: number;
  seed?: number;
}

/**
 * Trains on `rows` (entries `members` of `x`), labels `y` (+1 / −1) and costs `c` (one per member).
 * `w` is reused as the weight vector when given (cleared first).
 */
export function trainLogistic(
  x: SparseRows,
  members: Int32Array,
  y: Int8Array,
  c: Float64Array,
  opts: TrainOptions = {},
  w: Float64Array = new Float64Array(x.dim),
): LogisticModel {
  const n = members.length;
  const maxEpochs = opts.maxEpochs ?? 30;
  const tol = opts.tol ?? 0.01;
  const rnd = seededRandom(opts.seed ?? 1);
  w.fill(0);
  let bias = 0;
  const alpha = new Float64Array(n);
  const q = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const r = members[k]!;
    let s = 1; // the bias feature
    for (let e = x.ptr[r]!; e < x.ptr[r + 1]!; e++) s += x.val[e]! * x.val[e]!;
    q[k] = s;
    // Start inside (0, C): liblinear's min(0.001 C, 1e-8).
    alpha[k] = Math.min(0.001 * c[k]!, 1e-8);
    const a = alpha[k]! * y[k]!;
    for (let e = x.ptr[r]!; e < x.ptr[r + 1]!; e++) w[x.idx[e]!]! += a * x.val[e]!;
    bias += a;
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let epoch = 0; epoch < maxEpochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    let worst = 0;
    for (const k of order) {
      const r = members[k]!;
      const yk = y[k]!;
      const C = c[k]!;
      const b = yk * (denseDot(x, r, w) + bias);
      const a0 = alpha[k]!;
      const qa = q[k]!;
      // Minimise ½ q (s − a0)² + b (s − a0) + s log s + (C − s) log(C − s) over s in (0, C):
      // f(s) = q (s − a0) + b + log(s / (C − s)) = 0, increasing in s.
      const f0 = b + Math.log(a0 / (C - a0));
      worst = Math.max(worst, Math.abs(f0));
      let lo = 0;
      let hi = C;
      let s = a0;
      for (let it = 0; it < 30; it++) {
        const f = qa * (s - a0) + b + Math.log(s / (C - s));
        if (Math.abs(f) < 1e-9) break;
        if (f > 0) hi = s;
        else lo = s;
        let next = s - f / (qa + 1 / s + 1 / (C - s));
        if (!(next > lo && next < hi)) next = (lo + hi) / 2;
        if (next === s) break;
        s = next;
      }
      const d = (s - a0) * yk;
      if (d !== 0) {
        alpha[k] = s;
        for (let e = x.ptr[r]!; e < x.ptr[r + 1]!; e++) w[x.idx[e]!]! += d * x.val[e]!;
        bias += d;
      }
    }
    if (worst < tol) break;
  }
  return { w, bias };
}

/** The model's score (log-odds before calibration) for row r. */
export function score(x: SparseRows, r: number, m: LogisticModel): number {
  return denseDot(x, r, m.w) + m.bias;
}

export interface Platt {
  a: number;
  b: number;
}

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * Platt's sigmoid for scores `s` with labels `pos` (true = positive), each weighted by `weight` (default 1):
 * Newton's method on the log loss against targets (n₊ + 1)/(n₊ + 2) and 1/(n₋ + 2), with a ridge of
 * `ridge` pulling A and B towards `prior` (a theme's own sigmoid towards the one pooled over all themes;
 * the pooled one lightly towards the identity), so a handful of examples cannot give a runaway slope.
 */
export function fitPlatt(
  s: ArrayLike<number>,
  pos: ArrayLike<boolean>,
  weight?: ArrayLike<number>,
  ridge = 1e-3,
  prior: Platt = { a: 1, b: 0 },
): Platt {
  let np = 0;
  let nn = 0;
  for (let i = 0; i < s.length; i++) {
    const wt = weight ? weight[i]! : 1;
    if (pos[i]) np += wt;
    else nn += wt;
  }
  const hiT = (np + 1) / (np + 2);
  const loT = 1 / (nn + 2);
  // Regularised log loss, and Newton steps halved until it falls (Platt's backtracking).
  const loss = (a: number, b: number) => {
    let l = 0.5 * ridge * ((a - prior.a) ** 2 + (b - prior.b) ** 2);
    for (let i = 0; i < s.length; i++) {
      const wt = weight ? weight[i]! : 1;
      const z = a * s[i]! + b;
      const t = pos[i] ? hiT : loT;
      // −[t log σ(z) + (1 − t) log(1 − σ(z))] = log(1 + e^z) − t z, computed stably.
      l += wt * ((z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t * z);
    }
    return l;
  };
  let a = prior.a;
  let b = prior.b;
  let current = loss(a, b);
  for (let it = 0; it < 100; it++) {
    let g1 = ridge * (a - prior.a);
    let g2 = ridge * (b - prior.b);
    let h11 = ridge;
    let h22 = ridge;
    let h12 = 0;
    for (let i = 0; i < s.length; i++) {
      const wt = weight ? weight[i]! : 1;
      const p = sigmoid(a * s[i]! + b);
      const t = pos[i] ? hiT : loT;
      const d = (p - t) * wt;
      const v = Math.max(p * (1 - p), 1e-12) * wt;
      g1 += d * s[i]!;
      g2 += d;
      h11 += v * s[i]! * s[i]!;
      h22 += v;
      h12 += v * s[i]!;
    }
    const det = h11 * h22 - h12 * h12;
    if (!(det > 0)) break;
    const da = (h22 * g1 - h12 * g2) / det;
    const db = (h11 * g2 - h12 * g1) / det;
    let step = 1;
    let next = loss(a - da, b - db);
    while (next > current + 1e-12 && step > 1e-6) {
      step /= 2;
      next = loss(a - step * da, b - step * db);
    }
    if (step <= 1e-6) break;
    a -= step * da;
    b -= step * db;
    const gain = current - next;
    current = next;
    if (gain < 1e-10 * (1 + Math.abs(current))) break;
  }
  return { a, b };
}
