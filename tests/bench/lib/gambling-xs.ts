/**
 * Labelled consultation sets in the layout of i.AI Consult's gambling_XS evaluation set
 * (peer-data/i-ai-consult/gambling_XS, MIT licence: 2 open questions × 100 synthetic answers with
 * multi-label ground-truth themes made by ThemeFinder's LLM pipeline), and any other folder laid out
 * the same way (peer-data's converted ibm-argkp and themefinder-generation-gambling):
 *
 *   inputs/question_part_N/question.json      {"question_text": …}
 *   inputs/question_part_N/responses.jsonl    {"response_id", "response"} a line
 *   outputs/mapping/<folder>/question_part_N/themes.json    [{"topic_id", "topic_label", "topic_description"?}]
 *   outputs/mapping/<folder>/question_part_N/mapping.jsonl  {"response_id", "labels": [...], "stance"|"position"?}
 *   outputs/mapping/<folder>/question_part_N/sentiment.jsonl  {"response_id", "position"} (optional)
 *
 * The parts are found from inputs/, the ground-truth folder from outputs/mapping/ (the last by name
 * holding the parts' themes, so a dated folder or `ground_truth` both work).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const GAMBLING_XS = '/work/shared/reference/peer-data/i-ai-consult/gambling_XS';

export interface GamblingQuestion {
  part: number;
  question: string;
  responses: Array<{ id: string; text: string }>;
  themes: Array<{ id: string; label: string; description?: string }>;
  /** Ground truth: theme id → response ids. */
  truth: Map<string, Set<string>>;
  /** Ground truth per response: its theme ids (empty when it expresses none of the themes). */
  labels: Map<string, string[]>;
  /**
   * The respondent's stance where the set gives one (a closed question's answer: ArgKP's pro/con,
   * ThemeFinder's Yes/No, gambling_XS's AGREE/DISAGREE), by response id.
   */
  stance: Map<string, string>;
}

const jsonl = (p: string) =>
  readFileSync(p, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** The question parts of a set (N of each inputs/question_part_N with responses), ascending. */
export function setParts(root: string): number[] {
  const dir = join(root, 'inputs');
  return readdirSync(dir)
    .map((f) => /^question_part_(\d+)$/.exec(f))
    .filter((m): m is RegExpExecArray => !!m && existsSync(join(dir, m[0], 'responses.jsonl')))
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

/** The ground-truth folder under outputs/mapping: the last by name holding the first part's themes. */
export function truthFolder(root: string, parts: readonly number[] = setParts(root)): string {
  const dir = join(root, 'outputs', 'mapping');
  const found = readdirSync(dir)
    .filter((f) => existsSync(join(dir, f, `question_part_${parts[0]}`, 'themes.json')))
    .sort();
  if (!found.length) throw new Error(`no ground truth for question_part_${parts[0]} under ${dir}`);
  return join(dir, found[found.length - 1]!);
}

/** Every question of a set in gambling_XS's layout, with its themes and ground truth. */
export function loadLabelledSet(root: string): GamblingQuestion[] {
  const parts = setParts(root);
  const truthDir = truthFolder(root, parts);
  return parts.map((part) => {
    const inDir = join(root, 'inputs', `question_part_${part}`);
    const q = existsSync(join(inDir, 'question.json'))
      ? (JSON.parse(readFileSync(join(inDir, 'question.json'), 'utf8')) as { question_text?: string })
      : {};
    const responses = jsonl(join(inDir, 'responses.jsonl')).map((r) => ({
      id: String(r.response_id),
      text: typeof r.response === 'string' ? r.response : '',
    }));
    const out = join(truthDir, `question_part_${part}`);
    const themes = (
      JSON.parse(readFileSync(join(out, 'themes.json'), 'utf8')) as Array<{
        topic_id: string;
        topic_label: string;
        topic_description?: string;
      }>
    ).map((t) => ({
      id: String(t.topic_id),
      label: t.topic_label,
      ...(t.topic_description ? { description: t.topic_description } : {}),
    }));
    const truth = new Map<string, Set<string>>();
    const labels = new Map<string, string[]>(responses.map((r) => [r.id, []]));
    const stance = new Map<string, string>();
    for (const m of jsonl(join(out, 'mapping.jsonl'))) {
      const id = String(m.response_id);
      const ls = ((m.labels as unknown[] | undefined) ?? []).map(String);
      labels.set(id, [...new Set(ls)]);
      for (const l of ls) {
        if (!truth.has(l)) truth.set(l, new Set());
        truth.get(l)!.add(id);
      }
      const s = m.stance ?? m.position;
      if (typeof s === 'string' && s) stance.set(id, s);
    }
    if (existsSync(join(out, 'sentiment.jsonl')))
      for (const m of jsonl(join(out, 'sentiment.jsonl')))
        if (typeof m.position === 'string' && !stance.has(String(m.response_id)))
          stance.set(String(m.response_id), m.position);
    return { part, question: q.question_text ?? '', responses, themes, truth, labels, stance };
  });
}

/** gambling_XS itself (the default) or any set in its layout. */
export function loadGamblingXs(root = GAMBLING_XS): GamblingQuestion[] {
  return loadLabelledSet(root);
}

/**
 * For each ground-truth theme (with at least one response), the best F1 over responses achieved by
 * any suggested theme; returns the mean and the per-theme figures.
 */
export function bestMatchF1(
  truth: Map<string, Set<string>>,
  suggested: ReadonlyArray<{ memberIds: readonly string[] }>,
): { mean: number; perTheme: Record<string, number> } {
  const perTheme: Record<string, number> = {};
  for (const [id, gold] of truth) {
    if (!gold.size) continue;
    let best = 0;
    for (const s of suggested) best = Math.max(best, setF1(gold, s.memberIds));
    perTheme[id] = best;
  }
  const vals = Object.values(perTheme);
  return { mean: vals.reduce((a, b) => a + b, 0) / (vals.length || 1), perTheme };
}

/** F1 of a predicted member list against a gold set. */
export function setF1(gold: ReadonlySet<string>, predicted: readonly string[]): number {
  const pred = new Set(predicted);
  let tp = 0;
  for (const r of pred) if (gold.has(r)) tp++;
  if (!tp) return 0;
  const p = tp / pred.size;
  const rc = tp / gold.size;
  return (2 * p * rc) / (p + rc);
}

/**
 * One-to-one matched F1: each ground-truth theme (with at least one response) paired with at most one
 * suggested theme and each suggestion with at most one truth theme, the pairing that maximises the
 * total F1 (Hungarian algorithm); unmatched truth themes score 0; the mean over truth themes. Unlike
 * `bestMatchF1`, suggesting many themes cannot raise it.
 */
export function matchedF1(
  truth: Map<string, Set<string>>,
  suggested: ReadonlyArray<{ memberIds: readonly string[] }>,
): number {
  const gold = [...truth.values()].filter((g) => g.size);
  if (!gold.length) return 0;
  const n = Math.max(gold.length, suggested.length);
  // Cost = 1 − F1, padded to square with cost 1 (no match).
  const cost = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) =>
      i < gold.length && j < suggested.length ? 1 - setF1(gold[i]!, suggested[j]!.memberIds) : 1,
    ),
  );
  const match = hungarian(cost);
  let sum = 0;
  for (let i = 0; i < gold.length; i++) sum += 1 - cost[i]![match[i]!]!;
  return sum / gold.length;
}

/** Minimum-cost assignment for a square cost matrix: row → column (Kuhn–Munkres with potentials, O(n³)). */
function hungarian(a: number[][]): number[] {
  const n = a.length;
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1); // column j matched to row p[j] (1-based; 0 = none)
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = a[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]!]! += delta;
          v[j]! -= delta;
        } else minv[j]! -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0);
  }
  const rowTo = new Array<number>(n).fill(-1);
  for (let j = 1; j <= n; j++) if (p[j]) rowTo[p[j]! - 1] = j - 1;
  return rowTo;
}

/**
 * Each response's position on the question (sentiment.jsonl: AGREE, DISAGREE or UNCLEAR), from the
 * same LLM pipeline as the themes: the stand-in, in evaluation, for the answer to a linked closed
 * question that suggestThemes' `stance` option takes.
 */
export function gamblingXsStances(part: number, root = GAMBLING_XS): Map<string, string> {
  const file = join(root, 'outputs', 'mapping', '2025-07-22', `question_part_${part}`, 'sentiment.jsonl');
  return new Map(jsonl(file).map((m) => [String(m.response_id), String(m.position)]));
}
