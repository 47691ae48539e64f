import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { AppError } from '#shared/core/errors';
import { seededRandom } from '#shared/core/hash';
import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import type { Draft } from '#shared/domain/draft/model';
import { agreement } from '#shared/analysis/agreement';
import { MIN_EXAMPLES, proposeThemes, type CodedAnswer } from '#shared/analysis/proposals';
import { MAIN_CODER_SET, type ProposalRunView, type ProposedAnswer } from '#shared/coding/types';
import { audit } from '../core/audit';
import { findQuestion, questionLabel, type AnalysisQuestion } from './questions';
import { codedSet, themesByResponse } from './coding';
import { questionThemes } from './codebook';
import { answerRow, textOf } from './answer-text';
import { codableTexts } from './suggestions';
import { proposalsForRun, runRow, storedRun, type StoredRun } from './proposal-runs';

/**
 * Assisted coding: a model trained on the analysts' own codes for a question (shared/analysis/proposals: TF-IDF
 * and one-vs-rest logistic regression, on this computer, no network) proposes themes for the answers not yet
 * coded, each with a confidence. A proposal is never a code: a person accepts it (one answer at a time, correcting
 * as they go, or every proposal for a theme above a confidence after reading them, bulk.ts target 'proposals'),
 * and then it is a coding with source 'proposal', audited as machine-proposed and person-accepted.
 *
 * A run is kept (proposal_run, migration 0010) with what it was trained on; the views count against the codes as
 * they are now, so answers coded since drop out, and the page offers to train again when the codes have changed.
 */
export interface ProposeEnv {
  now: Date;
  actor: string;
  signal: AbortSignal;
  progress: (done: number, total: number, message: string) => void;
}

const cancelled = () => new AppError('cancelled', 'Cancelled. Nothing was changed.');

/** The analysts' codes for the question: coded answers with their themes (an answer marked complete has none). */
function codedAnswers(db: Db, q: AnalysisQuestion, texts: Map<number, string>): CodedAnswer[] {
  const themes = themesByResponse(db, MAIN_CODER_SET, q.id);
  const out: CodedAnswer[] = [];
  for (const rid of codedSet(db, MAIN_CODER_SET, q.id)) {
    const text = texts.get(rid);
    if (text !== undefined) out.push({ id: String(rid), text, themeIds: [...(themes.get(rid) ?? [])] });
  }
  return out.sort((a, b) => Number(a.id) - Number(b.id));
}

/**
 * The model as a second coder: trained on one half of the coded answers and tested on the other, both ways round,
 * compared with the analysts' codes by the same agreement measures as two people's (kappa per theme, averaged).
 */
function crossCheck(
  coded: readonly CodedAnswer[],
  input: Omit<Parameters<typeof proposeThemes>[0], 'coded' | 'uncoded'>,
): ProposalRunView['agreement'] {
  if (coded.length < 4 * MIN_EXAMPLES) return null;
  const rnd = seededRandom(7);
  const half = coded.map(() => rnd() < 0.5);
  const items = [];
  for (const side of [true, false]) {
    const train = coded.filter((_, i) => half[i] === side);
    const test = coded.filter((_, i) => half[i] !== side);
    const r = proposeThemes({ ...input, coded: train, uncoded: test });
    for (let i = 0; i < test.length; i++)
      items.push({
        itemId: test[i]!.id,
        coderA: test[i]!.themeIds,
        coderB: r.proposals[i]!.themes.map((t) => t.themeId),
      });
  }
  const trained = input.themes.map((t) => t.id);
  const a = agreement(items, trained);
  return { items: a.items, meanKappa: a.meanKappa, percentAgreement: a.percentAgreement, exactMatch: a.exactMatch };
}

export async function runProposals(
  file: WorkspaceFile,
  draft: Draft,
  input: { questionId: string },
  env: ProposeEnv,
): Promise<ProposalRunView> {
  const q = findQuestion(draft, input.questionId);
  if (!q.codable)
    throw new AppError('invalid-input', 'This question has no written answers to propose themes for.', {
      field: 'questionId',
    });
  env.progress(0, 4, 'Reading the answers and your codes');
  const db = file.db;
  const all = codableTexts(db, q);
  const texts = new Map(all.map((a) => [Number(a.id), a.text]));
  const coded = codedAnswers(db, q, texts);
  const codedIds = new Set(coded.map((c) => Number(c.id)));
  const uncoded = all.filter((a) => !codedIds.has(Number(a.id)));
  const themes = questionThemes(db, q.id);
  const examples = new Map<string, number>();
  for (const c of coded) for (const t of c.themeIds) examples.set(t, (examples.get(t) ?? 0) + 1);
  if (!themes.some((t) => (examples.get(t.id) ?? 0) >= MIN_EXAMPLES)) {
    const counts = themes
      .filter((t) => examples.get(t.id))
      .map((t) => `“${t.name}” has ${examples.get(t.id)}`)
      .join(', ');
    throw new AppError(
      'conflict',
      `Code at least ${MIN_EXAMPLES} answers to ${questionLabel(q)} with a theme before the app can propose it for ` +
        `the rest: ${counts ? `no theme has ${MIN_EXAMPLES} yet (${counts})` : 'no answer has a theme yet'}.`,
    );
  }
  if (!uncoded.length)
    throw new AppError('conflict', `Every answer to ${questionLabel(q)} is coded: there is nothing to propose.`);
  await yieldToEvents();
  if (env.signal.aborted) throw cancelled();
  const model = {
    questionText: q.text,
    themes: themes.map((t) => ({ id: t.id, label: t.name, description: t.description })),
  };
  env.progress(1, 4, `Learning from ${coded.length.toLocaleString('en-GB')} coded answers`);
  const result = proposeThemes({ ...model, coded, uncoded });
  await yieldToEvents();
  if (env.signal.aborted) throw cancelled();
  env.progress(2, 4, 'Comparing the model with your coding');
  const check = crossCheck(coded, model);
  await yieldToEvents();
  if (env.signal.aborted) throw cancelled();
  env.progress(3, 4, 'Saving the proposals');
  const stored: StoredRun = {
    confident: result.confident,
    themes: result.themes,
    proposals: result.proposals.map((p) => [Number(p.id), p.themes.map((t) => [t.themeId, round4(t.confidence)])]),
    informative: result.informative.map(Number),
    agreement: check,
  };
  const id = file.mutate((wdb) => {
    wdb.run('INSERT INTO proposal_run (question_id, at, by, coded, result) VALUES (?, ?, ?, ?, ?)', [
      q.id,
      env.now.toISOString(),
      env.actor,
      coded.length,
      JSON.stringify(stored),
    ]);
    const runId = wdb.scalar<number>('SELECT max(id) FROM proposal_run')!;
    audit(wdb, env.now, env.actor, 'analysis.propose', `proposal run ${runId}`, {
      questionId: q.id,
      trainedOn: coded.length,
      uncoded: uncoded.length,
      proposed: result.proposals.filter((p) => p.themes.length).length,
    });
    return runId;
  });
  env.progress(4, 4, 'Done');
  return proposalView(db, draft, q.id, id)!;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The latest run (or the one named) for a question, counted against the codes as they are now. */
export function proposalView(db: Db, draft: Draft, questionId: string, runId?: number): ProposalRunView | null {
  const q = findQuestion(draft, questionId);
  const row = runRow(db, q.id, runId);
  if (!row) return null;
  const run = storedRun(db, row);
  const coded = codedSet(db, MAIN_CODER_SET, q.id);
  const names = new Map(questionThemes(db, q.id).map((t) => [t.id, t.name]));
  const proposed = new Map<string, number>();
  const confident = new Map<string, number>();
  let uncoded = 0;
  let withProposal = 0;
  let withConfident = 0;
  for (const [rid, ps] of run.proposals) {
    if (coded.has(rid)) continue;
    uncoded++;
    const live = ps.filter(([t]) => names.has(t));
    if (live.length) withProposal++;
    if (live.some(([, c]) => c >= run.confident)) withConfident++;
    for (const [t, c] of live) {
      proposed.set(t, (proposed.get(t) ?? 0) + 1);
      if (c >= run.confident) confident.set(t, (confident.get(t) ?? 0) + 1);
    }
  }
  return {
    id: row.id,
    questionId: q.id,
    at: row.at,
    by: row.by,
    trainedOn: row.coded,
    codedNow: coded.size,
    confident: run.confident,
    uncoded,
    withProposal,
    withConfident,
    themes: run.themes
      .filter((t) => names.has(t.themeId))
      .map((t) => ({
        themeId: t.themeId,
        name: names.get(t.themeId)!,
        examples: t.examples,
        trained: t.trained,
        proposed: proposed.get(t.themeId) ?? 0,
        confidentCount: confident.get(t.themeId) ?? 0,
      })),
    minExamples: MIN_EXAMPLES,
    agreement: run.agreement,
  };
}

/**
 * Uncoded answers with their proposals, for reading and accepting one at a time: those proposed for `themeId` (or
 * any), least confident first (the ones most worth a person's eye) or most confident first.
 */
export function proposedAnswers(
  db: Db,
  draft: Draft,
  input: {
    questionId: string;
    runId: number;
    themeId?: string | undefined;
    order: 'least-confident' | 'most-confident';
    offset: number;
    limit: number;
  },
): { total: number; rows: ProposedAnswer[] } {
  const q = findQuestion(draft, input.questionId);
  const row = runRow(db, q.id, input.runId);
  if (!row) throw new AppError('not-found', 'Those proposals are no longer there. Propose themes again.');
  const run = storedRun(db, row);
  const coded = codedSet(db, MAIN_CODER_SET, q.id);
  const live = new Set(questionThemes(db, q.id).map((t) => t.id));
  const score = (ps: Array<[string, number]>) =>
    input.themeId ? (ps.find(([t]) => t === input.themeId)?.[1] ?? 0) : (ps[0]?.[1] ?? 0);
  const list = run.proposals
    .map(([rid, ps]) => [rid, ps.filter(([t]) => live.has(t))] as const)
    .filter(([rid, ps]) => !coded.has(rid) && ps.length && (!input.themeId || ps.some(([t]) => t === input.themeId)))
    .sort((a, b) =>
      input.order === 'least-confident'
        ? score(a[1]) - score(b[1]) || a[0] - b[0]
        : score(b[1]) - score(a[1]) || a[0] - b[0],
    );
  return {
    total: list.length,
    rows: list.slice(input.offset, input.offset + input.limit).map(([rid, ps]) => ({
      responseId: rid,
      text: textOf(q, answerRow(db, rid, q.id)),
      proposals: ps.map(([themeId, confidence]) => ({ themeId, confidence })),
    })),
  };
}

/**
 * One answer decided: the themes the analyst kept or chose. Those the run proposed are coded as 'proposal'
 * (machine-proposed, person-accepted), any other as 'manual'; no theme at all marks the answer complete (read, none
 * of the themes applies). Themes the answer already has are left as they are.
 */
export function acceptProposal(
  file: WorkspaceFile,
  draft: Draft,
  input: { runId: number; questionId: string; responseId: number; themeIds: readonly string[] },
  now: Date,
  actor: string,
): { coded: number; proposal: number } {
  const q = findQuestion(draft, input.questionId);
  const row = runRow(file.db, q.id, input.runId);
  if (!row) throw new AppError('not-found', 'Those proposals are no longer there. Propose themes again.');
  const live = new Set(questionThemes(file.db, q.id).map((t) => t.id));
  const bad = input.themeIds.find((t) => !live.has(t));
  if (bad)
    throw new AppError('invalid-input', 'Choose themes from this question’s codebook (not deleted, not a heading).', {
      field: 'themeIds',
    });
  if (
    !file.db.get(
      'SELECT 1 FROM answer a JOIN response r ON r.id = a.response_id WHERE a.response_id = ? AND ' +
        "a.question_id = ? AND r.status = 'active'",
      [input.responseId, q.id],
    )
  )
    throw new AppError('not-found', `Response ${input.responseId} has no answer to ${questionLabel(q)}.`);
  const proposed = new Set(proposalsForRun(storedRun(file.db, row), input.responseId));
  const at = now.toISOString();
  return file.mutate((db) => {
    const has = themesByResponseOne(db, q.id, input.responseId);
    let coded = 0;
    let proposal = 0;
    for (const t of input.themeIds) {
      if (has.has(t)) continue;
      const source = proposed.has(t) ? 'proposal' : 'manual';
      db.run(
        'INSERT INTO coding (response_id, question_id, theme_id, coder_set, coder, source, at) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?)',
        [input.responseId, q.id, t, MAIN_CODER_SET, actor, source, at],
      );
      coded++;
      if (source === 'proposal') proposal++;
    }
    if (!input.themeIds.length)
      db.run(
        `INSERT INTO annotation (coder_set, response_id, question_id, complete, updated_by, updated_at)
         VALUES (?, ?, ?, 1, ?, ?)
         ON CONFLICT(coder_set, question_id, response_id) DO UPDATE SET complete = 1,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        [MAIN_CODER_SET, input.responseId, q.id, actor, at],
      );
    audit(db, now, actor, 'analysis.proposals.accept', `response ${input.responseId}`, {
      questionId: q.id,
      runId: row.id,
      // Machine-proposed and person-accepted: which themes came from the model, which the person chose instead.
      accepted: input.themeIds.filter((t) => proposed.has(t)),
      added: input.themeIds.filter((t) => !proposed.has(t)),
      rejected: [...proposed].filter((t) => !input.themeIds.includes(t)),
    });
    return { coded, proposal };
  });
}

function themesByResponseOne(db: Db, questionId: string, responseId: number): Set<string> {
  return new Set(
    db
      .all<{ theme_id: string }>(
        'SELECT theme_id FROM coding WHERE coder_set = ? AND question_id = ? AND response_id = ? AND ' +
          'start_offset IS NULL AND removed_at IS NULL',
        [MAIN_CODER_SET, questionId, responseId],
      )
      .map((r) => r.theme_id),
  );
}
