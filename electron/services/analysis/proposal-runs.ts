import { AppError } from '#shared/core/errors';
import type { ProposalResult } from '#shared/analysis/proposals';
import type { ProposalRunView, ProposalView } from '#shared/coding/types';
import type { Db } from '../core/db/database';

/**
 * The model's runs as kept in the workspace (proposal_run, migration 0010), read for the proposals page, the coding
 * queue (each answer's proposals; the most informative answer next) and bulk coding (target 'proposals'). Written by
 * proposals.ts. Apart from it so that bulk coding and the queue can read runs without the training code.
 */
/** What a run stores: the model's output in response ids (no text, nothing personal). */
export interface StoredRun {
  confident: number;
  themes: ProposalResult['themes'];
  /** [response id, [[theme id, confidence], …]] for every answer that was uncoded, proposals best first. */
  proposals: Array<[number, Array<[string, number]>]>;
  /** Uncoded response ids, most informative to code next first. */
  informative: number[];
  agreement: ProposalRunView['agreement'];
}

export interface RunRow {
  id: number;
  question_id: string;
  at: string;
  by: string;
  coded: number;
}

// A run's proposals are read on every queue move and coding key: its JSON (about 1 MB at 20,000 answers) is read and
// parsed once per run and workspace (runs never change once written), not on each call.
const parsed = new WeakMap<Db, Map<number, StoredRun>>();
export function storedRun(db: Db, row: RunRow): StoredRun {
  let runs = parsed.get(db);
  if (!runs) parsed.set(db, (runs = new Map<number, StoredRun>()));
  let s = runs.get(row.id);
  if (!s) {
    if (runs.size > 8) runs.clear();
    const json = db.scalar<string>('SELECT result FROM proposal_run WHERE id = ?', [row.id])!;
    runs.set(row.id, (s = JSON.parse(json) as StoredRun));
  }
  return s;
}

const RUN_COLUMNS = 'SELECT id, question_id, at, by, coded FROM proposal_run';
export function runRow(db: Db, questionId: string, runId?: number): RunRow | undefined {
  return runId === undefined
    ? db.get<RunRow>(`${RUN_COLUMNS} WHERE question_id = ? ORDER BY id DESC LIMIT 1`, [questionId])
    : db.get<RunRow>(`${RUN_COLUMNS} WHERE id = ? AND question_id = ?`, [runId, questionId]);
}

/** The proposals of the latest run for one answer still uncoded (empty when coded since, or none). */
export function proposalsFor(db: Db, questionId: string, responseId: number): ProposalView[] {
  const row = runRow(db, questionId);
  if (!row) return [];
  const hit = storedRun(db, row).proposals.find(([rid]) => rid === responseId);
  return hit ? hit[1].map(([themeId, confidence]) => ({ themeId, confidence })) : [];
}

/** The most informative uncoded answer to code next (after `after`), from the latest run; null when none is left. */
export function nextInformative(db: Db, questionId: string, uncoded: (rid: number) => boolean, after?: number) {
  const row = runRow(db, questionId);
  if (!row) return null;
  return storedRun(db, row).informative.find((rid) => rid !== after && uncoded(rid)) ?? null;
}

/**
 * A run's answers proposed for a theme at or above a confidence and still without it (bulk.ts target
 * 'proposals'), least confident first so the check shows the doubtful ones; with each one's confidence.
 */
export function proposalTargets(
  db: Db,
  questionId: string,
  target: { runId: number; themeId: string; minConfidence: number; excludeIds?: readonly number[] | undefined },
): Array<{ responseId: number; confidence: number }> {
  const row = runRow(db, questionId, target.runId);
  if (!row) throw new AppError('not-found', 'Those proposals are no longer there. Propose themes again.');
  const skip = new Set(target.excludeIds ?? []);
  const out: Array<{ responseId: number; confidence: number }> = [];
  for (const [rid, ps] of storedRun(db, row).proposals) {
    const c = ps.find(([t]) => t === target.themeId)?.[1];
    if (c !== undefined && c >= target.minConfidence && !skip.has(rid)) out.push({ responseId: rid, confidence: c });
  }
  return out.sort((a, b) => a.confidence - b.confidence || a.responseId - b.responseId);
}

export function proposalsForRun(run: StoredRun, responseId: number): string[] {
  return (run.proposals.find(([rid]) => rid === responseId)?.[1] ?? []).map(([t]) => t);
}
