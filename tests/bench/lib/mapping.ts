/**
 * Mapping measures for assisted coding (issue 20), on a labelled question (gambling-xs.ts): a share of
 * the answers is coded from the ground truth — at random, or chosen by the active-learning loop — and
 * the proposals for the rest are scored.
 *
 * - F1 per answer averaged over the uncoded answers: scikit-learn's
 *   `f1_score(average="samples", zero_division=1)`, i.e. 2·tp / (proposed + actual), and 1 when an answer
 *   has no theme in the truth and none proposed. `iai`: the same but such an answer scores 0 (i.AI Consult's
 *   scoring).
 * - Confident precision: of the (answer, theme) proposals with confidence ≥ the result's `confident`, the
 *   share in the truth. Confident coverage: the share of uncoded answers with at least one confident
 *   proposal. An answer with no theme in the truth cannot be covered correctly, only wrongly (a confident
 *   proposal for it counts against precision), so coverage counts every uncoded answer in its base.
 */
import { type ProposalInput, type ProposalResult, informativeOrder, proposeThemes } from '#shared/analysis/proposals';
import { seededRandom } from '#shared/core/hash';
import type { GamblingQuestion } from './gambling-xs';

export interface MappingScore {
  f1: number;
  iai: number;
  /** Confident proposals made and right; answers with one. */
  confidentMade: number;
  confidentRight: number;
  covered: number;
  uncoded: number;
  /** Milliseconds in proposeThemes for this score's model. */
  ms: number;
  /**
   * The F1 if every trained theme were proposed exactly where the truth has it and nothing else: the
   * ceiling that themes with too few coded examples (never proposed) leave.
   */
  ceiling: number;
}

type Tuning = Pick<ProposalInput, 'tuning' | 'minExamples'> & { useStance?: boolean };

function inputFor(q: GamblingQuestion, coded: ReadonlySet<string>, seed: number, t: Tuning): ProposalInput {
  const stance = (id: string) => (t.useStance ? q.stance.get(id) : undefined);
  return {
    questionText: q.question,
    themes: q.themes,
    coded: q.responses
      .filter((r) => coded.has(r.id))
      .map((r) => ({ ...r, themeIds: q.labels.get(r.id) ?? [], stance: stance(r.id) })),
    uncoded: q.responses.filter((r) => !coded.has(r.id)).map((r) => ({ ...r, stance: stance(r.id) })),
    seed,
    ...(t.minExamples ? { minExamples: t.minExamples } : {}),
    ...(t.tuning ? { tuning: t.tuning } : {}),
  };
}

/** Scores a result's proposals against the truth. */
export function scoreProposals(q: GamblingQuestion, result: ProposalResult, ms = 0): MappingScore {
  let f1 = 0;
  let iai = 0;
  let confidentMade = 0;
  let confidentRight = 0;
  let covered = 0;
  let ceiling = 0;
  const trained = new Set(result.themes.filter((t) => t.trained).map((t) => t.themeId));
  for (const a of result.proposals) {
    const truth = new Set(q.labels.get(a.id) ?? []);
    const reachable = [...truth].filter((t) => trained.has(t)).length;
    ceiling += truth.size ? (2 * reachable) / (reachable + truth.size) : 1;
    let tp = 0;
    for (const t of a.themes) if (truth.has(t.themeId)) tp++;
    const d = a.themes.length + truth.size;
    f1 += d === 0 ? 1 : (2 * tp) / d;
    iai += d === 0 ? 0 : (2 * tp) / d;
    let any = false;
    for (const t of a.themes)
      if (t.confidence >= result.confident) {
        confidentMade++;
        if (truth.has(t.themeId)) confidentRight++;
        any = true;
      }
    if (any) covered++;
  }
  const n = result.proposals.length || 1;
  return {
    f1: f1 / n,
    iai: iai / n,
    confidentMade,
    confidentRight,
    covered,
    uncoded: result.proposals.length,
    ms,
    ceiling: ceiling / n,
  };
}

function propose(q: GamblingQuestion, coded: ReadonlySet<string>, seed: number, t: Tuning, batch?: number) {
  const t0 = performance.now();
  const result = proposeThemes({ ...inputFor(q, coded, seed, t), ...(batch ? { batch } : {}) });
  return { result, ms: performance.now() - t0 };
}

/** A random `share` of the answers coded; the rest scored. */
export function randomShare(q: GamblingQuestion, share: number, seed: number, t: Tuning = {}): MappingScore {
  const rnd = seededRandom(seed * 7919 + q.part);
  const ids = q.responses.map((r) => r.id);
  for (let i = ids.length - 1; i > 0; i--) {
    const k = Math.floor(rnd() * (i + 1));
    [ids[i], ids[k]] = [ids[k]!, ids[i]!];
  }
  const coded = new Set(ids.slice(0, Math.round(share * ids.length)));
  const { result, ms } = propose(q, coded, seed, t);
  return scoreProposals(q, result, ms);
}

/**
 * The analyst codes in rounds: first a diverse sample (`informativeOrder`), then each round the model's
 * most informative answers (`ProposalResult.informative`), `round` of the answers at a time, retraining
 * after each. Scores the rest at each of `shares` (ascending).
 */
export function activeShares(
  q: GamblingQuestion,
  shares: readonly number[],
  seed: number,
  t: Tuning = {},
  round = 0.02,
): MappingScore[] {
  const n = q.responses.length;
  const step = Math.max(1, Math.round(round * n));
  const coded = new Set<string>(informativeOrder(q.responses, { seed, count: step }).slice(0, step));
  const out: MappingScore[] = [];
  for (const share of shares) {
    const target = Math.round(share * n);
    for (;;) {
      const { result, ms } = propose(q, coded, seed, t, Math.min(step, Math.max(1, target - coded.size)));
      if (coded.size >= target) {
        out.push(scoreProposals(q, result, ms));
        break;
      }
      for (const id of result.informative.slice(0, Math.min(step, target - coded.size))) coded.add(id);
    }
  }
  return out;
}

/** Random `share` coded with an initial sample from `informativeOrder` instead of at random (no rounds). */
export function diverseShare(q: GamblingQuestion, share: number, seed: number, t: Tuning = {}): MappingScore {
  const k = Math.round(share * q.responses.length);
  const coded = new Set(informativeOrder(q.responses, { seed, count: k }).slice(0, k));
  const { result, ms } = propose(q, coded, seed, t);
  return scoreProposals(q, result, ms);
}
