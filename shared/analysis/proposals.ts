/**
 * Assisted coding (issue 20): learns from the answers an analyst has coded against a theme set and
 * proposes themes, each with a calibrated confidence, for the answers not yet coded. Offline and
 * pure: no network, no language model, no packages. Proposals are never codes until a person
 * accepts them.
 *
 * Method (shared/analysis/proposals/README.md has the measurements):
 * 1. Features (proposals/features.ts): TF-IDF of word stems, stem pairs and character 4-grams within
 *    words, each block normalised; document frequencies over every answer of the question. An answer's
 *    stance (a closed question's answer, when the caller gives one) is one more feature.
 * 2. Per theme, one-vs-rest L2-regularised logistic regression (proposals/logistic.ts, dual coordinate
 *    descent) on the coded answers, with the theme's label and description as one extra positive example
 *    (and a weaker negative for every other theme); positives weighted up by √(negatives / positives). An
 *    answer coded with no theme is a negative for every theme. A theme is trained once it has
 *    `MIN_EXAMPLES` coded answers; below that it is never proposed.
 * 3. Calibration: k-fold cross-validation over the coded answers gives every coded answer a held-out
 *    score per theme; Platt's sigmoid fitted to them (pooled over themes, then per theme shrunk towards
 *    the pooled one) turns scores into probabilities, so a confidence of 0.9 is right about 9 times in 10.
 * 4. Decision: a theme is proposed when its probability reaches the threshold that maximises the
 *    held-out F1 per answer (scikit-learn's `average="samples"`: an answer with no theme, and none
 *    proposed, counts as right).
 * 5. Most informative next (proposals/select.ts): answers the model is least sure of (probability near
 *    ½ for a trained theme) or that look like a theme with too few examples yet, picked greedily apart
 *    from each other and from the coded ones. With no model yet, `informativeOrder`: typical answers
 *    spread over the question.
 *
 * Deterministic: the same input (and seed) gives the same result.
 */
import { seededRandom } from '../core/hash';
import { type FeatureOptions, type SparseRows, denseDot, tfidf } from './proposals/features';
import { type Platt, fitPlatt, sigmoid, trainLogistic } from './proposals/logistic';
import { greedyDiverse, typicality } from './proposals/select';
import { isBlankAnswer } from './themes';

export interface ProposalTheme {
  id: string;
  label: string;
  description?: string;
}
export interface CodedAnswer {
  id: string;
  text: string;
  /** The themes a person coded; empty = coded as expressing none of the themes (a negative for each). */
  themeIds: readonly string[];
  /** The respondent's answer to the question's closed part ("Agree", "No"…), when there is one. */
  stance?: string;
}
export interface UncodedAnswer {
  id: string;
  text: string;
  stance?: string;
}
export interface ProposalInput {
  questionText?: string;
  themes: readonly ProposalTheme[];
  coded: readonly CodedAnswer[];
  uncoded: readonly UncodedAnswer[];
  seed?: number;
  /** Coded answers a theme needs before it is trained and proposed. Default MIN_EXAMPLES. */
  minExamples?: number;
  /** How many of `informative`'s first answers are chosen apart from each other. Default 20. */
  batch?: number;
  /** Model settings, for measurement; the defaults are the measured best. */
  tuning?: ProposalTuning;
}
export interface ProposalTuning {
  features?: FeatureOptions;
  /** Inverse regularisation of the logistic regression. Default 4. */
  C?: number;
  /** Cost of a theme's label-and-description example (an answer costs 1); 0 leaves them out. Default 1. */
  labelWeight?: number;
  /** Cost of a theme's label as a negative for the other themes, relative to labelWeight. Default 0.5. */
  labelNegative?: number;
  /** Positives cost (negatives / positives) ^ balance. Default 0.5. */
  balance?: number;
  /** Weight of the stance feature (when answers have one). Default 1. */
  stanceWeight?: number;
  /** Cross-validation folds. Default 5. */
  folds?: number;
  /** Ridge pulling each theme's sigmoid towards the pooled one (in answers' worth). Default 5. */
  calibrationRidge?: number;
  /** A fixed decision threshold instead of the cross-validated one. */
  threshold?: number;
  /** Informative order: worth of the likeliest answers of a theme short of examples. Default 3. */
  rareWeight?: number;
  /** Informative order: worth × typicality ^ density (uncertain but typical first). Default 1. */
  density?: number;
}
export interface ThemeProposal {
  themeId: string;
  /** Calibrated probability, 0–1, that the theme applies. */
  confidence: number;
}
export interface AnswerProposals {
  id: string;
  /** Themes proposed for this answer (probability ≥ the decision threshold), best first; may be empty. */
  themes: ThemeProposal[];
}
export interface ProposalResult {
  /** One per uncoded answer, in input order. */
  proposals: AnswerProposals[];
  /** Uncoded answer ids, most informative to code next first (active learning: uncertainty + diversity). */
  informative: string[];
  /**
   * Per theme: coded examples, whether the model is trained for it (≥ minExamples; an untrained theme is
   * never proposed), and the decision threshold on the confidence (one, cross-validated, for every theme).
   */
  themes: Array<{ themeId: string; examples: number; trained: boolean; threshold: number }>;
  /** The confidence at or above which a proposal is marked confident (default CONFIDENT). */
  confident: number;
}

export const MIN_EXAMPLES = 5;
/**
 * Proposals at or above this confidence are marked confident. On the bench sets at 20% coded (ibm-argkp,
 * themefinder-generation-gambling, gambling_XS) their precision is at least 0.9.
 */
export const CONFIDENT = 0.9;

/** Held-out answers enough to fit the calibration on; with more coded answers, fewer folds are run. */
const MAX_HELD_OUT = 1500;

const DEFAULTS: Required<Omit<ProposalTuning, 'features' | 'threshold'>> = {
  C: 4,
  labelWeight: 1,
  labelNegative: 0.5,
  balance: 0.5,
  stanceWeight: 1,
  folds: 5,
  calibrationRidge: 5,
  rareWeight: 3,
  density: 1,
};

/** Appends a one-hot column per category (−1 = none) of weight `weight`, renormalising each row. */
function withCategories(x: SparseRows, cats: Int32Array, k: number, weight: number): SparseRows {
  const n = x.ptr.length - 1;
  const ptr = new Int32Array(n + 1);
  const idx = new Int32Array(x.idx.length + n);
  const val = new Float32Array(x.idx.length + n);
  let nnz = 0;
  for (let r = 0; r < n; r++) {
    const has = cats[r]! >= 0;
    const scale = has ? 1 / Math.sqrt(1 + weight * weight) : 1;
    for (let e = x.ptr[r]!; e < x.ptr[r + 1]!; e++) {
      idx[nnz] = x.idx[e]!;
      val[nnz++] = x.val[e]! * scale;
    }
    if (has) {
      idx[nnz] = x.dim + cats[r]!;
      val[nnz++] = weight * scale;
    }
    ptr[r + 1] = nnz;
  }
  return { ptr, idx: idx.slice(0, nnz), val: val.slice(0, nnz), dim: x.dim + k };
}

/**
 * The rows of the model: coded answers (0 … nc−1), uncoded (nc … nc+nu−1), then one per theme, its label
 * and description; with a stance column per distinct stance when answers give more than one.
 */
function encode(input: ProposalInput, themes: readonly ProposalTheme[], t: typeof DEFAULTS & ProposalTuning) {
  const texts: string[] = [];
  for (const a of input.coded) texts.push(a.text);
  for (const a of input.uncoded) texts.push(a.text);
  for (const th of themes) texts.push(th.description ? `${th.label}. ${th.description}` : th.label);
  const x = tfidf(texts, t.features);
  const stances = new Map<string, number>();
  const cats = new Int32Array(texts.length).fill(-1);
  const stanceOf = (s: string | undefined) => {
    const k = s?.trim().toLowerCase();
    if (!k) return -1;
    if (!stances.has(k)) stances.set(k, stances.size);
    return stances.get(k)!;
  };
  input.coded.forEach((a, i) => (cats[i] = stanceOf(a.stance)));
  input.uncoded.forEach((a, i) => (cats[input.coded.length + i] = stanceOf(a.stance)));
  return stances.size > 1 && t.stanceWeight > 0 ? withCategories(x, cats, stances.size, t.stanceWeight) : x;
}

/**
 * Folds for cross-validation: a seeded shuffle, then ordered by each answer's rarest theme and dealt round
 * the folds, so every theme's examples spread evenly over them.
 */
function foldsOf(label: Uint8Array, examples: Int32Array, nc: number, folds: number, seed: number): Int32Array {
  const T = examples.length;
  const rnd = seededRandom(seed ^ 0x2545f491);
  const order = Array.from({ length: nc }, (_, i) => i);
  for (let i = nc - 1; i > 0; i--) {
    const k = Math.floor(rnd() * (i + 1));
    [order[i], order[k]] = [order[k]!, order[i]!];
  }
  const rarest = new Float64Array(nc).fill(Infinity);
  for (let i = 0; i < nc; i++)
    for (let j = 0; j < T; j++) if (label[i * T + j] && examples[j]! < rarest[i]!) rarest[i] = examples[j]!;
  order.sort((a, b) => rarest[a]! - rarest[b]!);
  const foldOf = new Int32Array(nc);
  order.forEach((i, k) => (foldOf[i] = k % folds));
  return foldOf;
}

/** F1 of one answer's proposed themes against its codes; 1 when both are empty (zero_division=1). */
function answerF1(tp: number, proposed: number, actual: number): number {
  const d = proposed + actual;
  return d === 0 ? 1 : (2 * tp) / d;
}

export function proposeThemes(input: ProposalInput): ProposalResult {
  const t = { ...DEFAULTS, ...input.tuning };
  const seed = input.seed ?? 1;
  const minExamples = input.minExamples ?? MIN_EXAMPLES;
  const batch = input.batch ?? 20;
  const themes: ProposalTheme[] = [];
  const themeAt = new Map<string, number>();
  for (const th of input.themes)
    if (!themeAt.has(th.id)) {
      themeAt.set(th.id, themes.length);
      themes.push(th);
    }
  const T = themes.length;
  const nc = input.coded.length;
  const nu = input.uncoded.length;
  const x = encode(input, themes, t);

  // Codes as a coded-answer × theme matrix.
  const label = new Uint8Array(nc * T);
  const actual = new Int32Array(nc);
  const examples = new Int32Array(T);
  input.coded.forEach((a, i) => {
    for (const id of new Set(a.themeIds)) {
      const j = themeAt.get(id);
      if (j === undefined) continue;
      label[i * T + j] = 1;
      examples[j]!++;
      actual[i]!++;
    }
  });
  const trained = Array.from({ length: T }, (_, j) => examples[j]! >= minExamples);
  const trainedIdx = [...trained.keys()].filter((j) => trained[j]);

  // Theme j's model on the coded answers `train` (and the theme rows): scores of the rows `score` into
  // out[k * T + j].
  const w = new Float64Array(x.dim);
  const fit = (j: number, train: readonly number[], score: readonly number[], out: Float64Array) => {
    let pos = 0;
    for (const i of train) pos += label[i * T + j]!;
    const posCost = t.C * Math.pow(Math.max(1, train.length - pos) / Math.max(1, pos), t.balance);
    const m = train.length + (t.labelWeight > 0 ? T : 0);
    const members = new Int32Array(m);
    const y = new Int8Array(m);
    const c = new Float64Array(m);
    train.forEach((i, k) => {
      members[k] = i;
      const p = label[i * T + j] === 1;
      y[k] = p ? 1 : -1;
      c[k] = p ? posCost : t.C;
    });
    if (t.labelWeight > 0)
      for (let k = 0; k < T; k++) {
        const at = train.length + k;
        members[at] = nc + nu + k;
        y[at] = k === j ? 1 : -1;
        c[at] = t.C * t.labelWeight * (k === j ? 1 : t.labelNegative);
      }
    const model = trainLogistic(x, members, y, c, { seed: seed + j }, w);
    for (let k = 0; k < score.length; k++) out[k * T + j] = denseDot(x, score[k]!, model.w) + model.bias;
  };

  // Held-out scores of the coded answers, fold by fold; with many coded answers only enough folds to
  // hold out about MAX_HELD_OUT of them.
  const folds = Math.max(2, Math.min(t.folds, Math.floor(nc / 2)));
  const foldOf = foldsOf(label, examples, nc, folds, seed);
  const foldsRun = Math.min(folds, Math.max(2, Math.ceil((MAX_HELD_OUT * folds) / Math.max(1, nc))));
  const coded = [...Array(nc).keys()];
  const heldOut = coded.filter((i) => foldOf[i]! < foldsRun);
  const oof = new Float64Array(nc * T);
  if (trainedIdx.length)
    for (let f = 0; f < foldsRun; f++) {
      const held = coded.filter((i) => foldOf[i] === f);
      const heldScores = new Float64Array(held.length * T);
      const train = coded.filter((i) => foldOf[i] !== f);
      for (const j of trainedIdx) fit(j, train, held, heldScores);
      held.forEach((i, k) => {
        for (const j of trainedIdx) oof[i * T + j] = heldScores[k * T + j]!;
      });
    }

  // Calibration: one sigmoid pooled over the trained themes, then each theme's own, shrunk towards it.
  const platt: Platt[] = Array.from({ length: T }, () => ({ a: 1, b: 0 }));
  if (trainedIdx.length) {
    const s: number[] = [];
    const pos: boolean[] = [];
    for (const j of trainedIdx)
      for (const i of heldOut) {
        s.push(oof[i * T + j]!);
        pos.push(label[i * T + j] === 1);
      }
    const pooled = fitPlatt(s, pos);
    for (const j of trainedIdx) {
      const sj = heldOut.map((i) => oof[i * T + j]!);
      const pj = heldOut.map((i) => label[i * T + j] === 1);
      platt[j] = fitPlatt(sj, pj, undefined, t.calibrationRidge, pooled);
    }
  }
  const prob = (j: number, s: number) => sigmoid(platt[j]!.a * s + platt[j]!.b);
  const threshold = t.threshold ?? bestThreshold();

  /** The threshold (0.1–0.9 by 0.025) with the best held-out F1 per answer; ties go to the one nearer ½. */
  function bestThreshold(): number {
    if (!trainedIdx.length) return 0.5;
    const p = new Float64Array(nc * T);
    for (const i of heldOut) for (const j of trainedIdx) p[i * T + j] = prob(j, oof[i * T + j]!);
    let best = -1;
    let at = 0.5;
    for (let k = 0; k <= 32; k++) {
      const th = 0.1 + k * 0.025;
      let sum = 0;
      for (const i of heldOut) {
        let tp = 0;
        let proposed = 0;
        for (const j of trainedIdx)
          if (p[i * T + j]! >= th) {
            proposed++;
            tp += label[i * T + j]!;
          }
        sum += answerF1(tp, proposed, actual[i]!);
      }
      if (sum > best + 1e-9 || (Math.abs(sum - best) <= 1e-9 && Math.abs(th - 0.5) < Math.abs(at - 0.5))) {
        best = sum;
        at = th;
      }
    }
    return at;
  }

  // Final models on every coded answer, scoring the uncoded. A theme short of examples gets a model too
  // (from its few examples and its label), used only to find answers worth coding for it.
  const uncodedRows = Array.from({ length: nu }, (_, u) => nc + u);
  const scores = new Float64Array(nu * T);
  for (let j = 0; j < T; j++) fit(j, coded, uncodedRows, scores);

  const blank = input.uncoded.map((a) => isBlankAnswer(a.text));
  const proposals: AnswerProposals[] = input.uncoded.map((a, u) => {
    const ps: ThemeProposal[] = [];
    if (!blank[u])
      for (const j of trainedIdx) {
        const confidence = prob(j, scores[u * T + j]!);
        if (confidence >= threshold) ps.push({ themeId: themes[j]!.id, confidence });
      }
    return { id: a.id, themes: ps.sort((p, q) => q.confidence - p.confidence) };
  });

  // Most informative next: the trained themes' uncertainty (4p(1 − p), 1 at p = ½), or the likeliest
  // answers of a theme short of examples (by rank: its model is too weak to calibrate), times typicality.
  const rows = Int32Array.from(uncodedRows);
  const typical = typicality(x, rows);
  const worth = new Float64Array(nu);
  if (!nc || !T) worth.set(typical);
  else {
    for (let u = 0; u < nu; u++)
      for (const j of trainedIdx) {
        const p = prob(j, scores[u * T + j]!);
        worth[u] = Math.max(worth[u]!, 4 * p * (1 - p));
      }
    const k = Math.max(1, batch);
    const candidates = Array.from({ length: nu }, (_, u) => u).filter((u) => !blank[u]);
    if (t.rareWeight > 0)
      for (let j = 0; j < T; j++) {
        if (trained[j]) continue;
        const top = candidates.sort((a, b) => scores[b * T + j]! - scores[a * T + j]! || a - b).slice(0, k);
        top.forEach((u, r) => (worth[u] = Math.max(worth[u]!, t.rareWeight * (1 - r / k))));
      }
    if (t.density > 0) for (let u = 0; u < nu; u++) worth[u]! *= Math.pow(Math.max(typical[u]!, 1e-6), t.density);
  }
  for (let u = 0; u < nu; u++) if (blank[u]) worth[u] = 0;
  const order = greedyDiverse(x, rows, worth, { batch, seed, avoid: Int32Array.from(coded) });
  return {
    proposals,
    informative: Array.from(order, (u) => input.uncoded[u]!.id),
    themes: themes.map((th, j) => ({ themeId: th.id, examples: examples[j]!, trained: trained[j]!, threshold })),
    confident: CONFIDENT,
  };
}

/**
 * Which answers to code first when nothing (or little) is coded yet: typical answers spread across
 * the question (greedy: typicality × distance from those already picked), then the rest by
 * typicality. Deterministic by seed; different seeds give different, equally spread, samples.
 * `count` answers are chosen for spread (default 50); every id is returned once.
 */
export function informativeOrder(
  answers: ReadonlyArray<{ id: string; text: string }>,
  opts: { seed?: number; count?: number } = {},
): string[] {
  const n = answers.length;
  if (!n) return [];
  const x = tfidf(answers.map((a) => a.text));
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const worth = typicality(x, rows);
  answers.forEach((a, i) => {
    if (isBlankAnswer(a.text)) worth[i] = 0;
  });
  const order = greedyDiverse(x, rows, worth, { batch: opts.count ?? 50, seed: opts.seed ?? 1, jitter: 0.3 });
  return Array.from(order, (i) => answers[i]!.id);
}
