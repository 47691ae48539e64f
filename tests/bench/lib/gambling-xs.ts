/**
 * The gambling_XS evaluation set from i.AI Consult (peer-data/i-ai-consult/gambling_XS, MIT
 * licence): 2 open questions × 100 synthetic answers with multi-label ground-truth themes made
 * by ThemeFinder's LLM pipeline. Used to measure offline theme suggestions against it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const GAMBLING_XS = '/work/shared/reference/peer-data/i-ai-consult/gambling_XS';

export interface GamblingQuestion {
  part: number;
  question: string;
  responses: Array<{ id: string; text: string }>;
  themes: Array<{ id: string; label: string }>;
  /** Ground truth: theme id → response ids. */
  truth: Map<string, Set<string>>;
}

const jsonl = (p: string) =>
  readFileSync(p, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);

export function loadGamblingXs(root = GAMBLING_XS): GamblingQuestion[] {
  return [1, 2].map((part) => {
    const q = JSON.parse(readFileSync(join(root, 'inputs', `question_part_${part}`, 'question.json'), 'utf8')) as {
      question_text: string;
    };
    const responses = jsonl(join(root, 'inputs', `question_part_${part}`, 'responses.jsonl')).map((r) => ({
      id: String(r.response_id),
      text: String(r.response),
    }));
    const out = join(root, 'outputs', 'mapping', '2025-07-22', `question_part_${part}`);
    const themes = (
      JSON.parse(readFileSync(join(out, 'themes.json'), 'utf8')) as Array<{ topic_id: string; topic_label: string }>
    ).map((t) => ({ id: t.topic_id, label: t.topic_label }));
    const truth = new Map<string, Set<string>>();
    for (const m of jsonl(join(out, 'mapping.jsonl'))) {
      for (const l of m.labels as string[]) {
        if (!truth.has(l)) truth.set(l, new Set());
        truth.get(l)!.add(String(m.response_id));
      }
    }
    return { part, question: q.question_text, responses, themes, truth };
  });
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
    for (const s of suggested) {
      const pred = new Set(s.memberIds);
      let tp = 0;
      for (const r of pred) if (gold.has(r)) tp++;
      if (!tp) continue;
      const p = tp / pred.size;
      const rc = tp / gold.size;
      best = Math.max(best, (2 * p * rc) / (p + rc));
    }
    perTheme[id] = best;
  }
  const vals = Object.values(perTheme);
  return { mean: vals.reduce((a, b) => a + b, 0) / (vals.length || 1), perTheme };
}

/**
 * One-to-one matched F1: each ground-truth theme (with at least one response) is paired with a
 * different suggested theme, the pairing chosen to maximise the total F1 over responses (the
 * Hungarian method); a ground-truth theme left without a partner (fewer suggestions than themes)
 * scores 0. The mean over ground-truth themes, so suggesting many overlapping themes cannot raise
 * it the way it can raise bestMatchF1, where one suggestion may be the best match of several themes.
 */
export function matchedF1(
  truth: Map<string, Set<string>>,
  suggested: ReadonlyArray<{ memberIds: readonly string[] }>,
): { mean: number; perTheme: Record<string, number> } {
  const gold = [...truth].filter(([, g]) => g.size > 0);
  const preds = suggested.map((s) => new Set(s.memberIds));
  const f1 = gold.map(([, g]) =>
    preds.map((p) => {
      let tp = 0;
      for (const r of p) if (g.has(r)) tp++;
      return tp ? (2 * tp) / (p.size + g.size) : 0;
    }),
  );
  const pairs = assignMax(f1, gold.length, preds.length);
  const perTheme: Record<string, number> = {};
  gold.forEach(([id], i) => (perTheme[id] = pairs[i]! >= 0 ? f1[i]![pairs[i]!]! : 0));
  const vals = Object.values(perTheme);
  return { mean: vals.reduce((a, b) => a + b, 0) / (vals.length || 1), perTheme };
}

/**
 * Maximum-weight one-to-one assignment of rows to columns (Hungarian method, O(n³) on the square
 * matrix padded with zeros): the column of each row, or -1 when it falls on padding.
 */
function assignMax(w: number[][], rows: number, cols: number): number[] {
  const n = Math.max(rows, cols);
  const cost = (i: number, j: number) => -(i < rows && j < cols ? w[i]![j]! : 0);
  // Potentials u (rows) and v (columns), 1-based with column 0 as the virtual start.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1); // p[j]: row matched to column j
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
        const cur = cost(i0 - 1, j - 1) - u[i0]! - v[j]!;
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
  const out = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= n; j++) if (p[j]! - 1 < rows && j - 1 < cols) out[p[j]! - 1] = j - 1;
  return out;
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
