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
