import { AppError } from '#shared/core/errors';
import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import type { Draft } from '#shared/domain/draft/model';
import { MAIN_CODER_SET, type CodingSource, type OperationView } from '#shared/coding/types';
import { toMatchExpression } from '../responses/search';
import { completeSearchIndex } from '../responses/search-backlog';
import { audit } from '../core/audit';
import { findQuestion, questionLabel } from './questions';
import { codableOf, codedSet } from './coding';
import { questionThemes } from './codebook';
import { answerRow, textOf } from './answer-text';
import { proposalTargets } from './proposal-runs';

/** Answers shown with their text when a bulk coding is checked (the rest are counted). */
export const PREVIEW_ANSWERS = 200;

/**
 * Coding many answers at once — a search result, a campaign's members, or a list of responses —
 * as one operation that can be undone as a whole. Only answers that hold text to code are coded;
 * answers that already have the theme are left as they are (and not touched by the undo).
 */
export type BulkTarget =
  | { kind: 'search'; query: string }
  | { kind: 'campaign'; campaignId: number }
  | { kind: 'responses'; responseIds: number[] }
  /** The model's proposals of this theme at or above a confidence (proposal-runs.ts), less any the analyst unticked. */
  | { kind: 'proposals'; runId: number; minConfidence: number; excludeIds?: number[] | undefined };

export interface BulkEnv {
  now: Date;
  actor: string;
  signal?: AbortSignal | undefined;
  progress?: ((done: number, total: number, message: string) => void) | undefined;
}

export interface BulkOutcome {
  opId: number | null;
  /** Answers the theme was added to. */
  applied: number;
  /** Matched answers that already had it. */
  alreadyCoded: number;
  /** A check (dryRun): every answer that would be coded, and the first of them with their text to read. */
  responseIds?: number[];
  preview?: Array<{ responseId: number; text: string; confidence?: number }>;
  /** Matches with no text to code for this question (or set aside as duplicates). */
  skipped: number;
}

function targetResponses(db: Db, questionId: string, themeId: string, target: BulkTarget): number[] {
  switch (target.kind) {
    case 'proposals': {
      // Proposals are for answers no person has coded: one coded (or marked read) since the run is left as it is.
      const coded = codedSet(db, MAIN_CODER_SET, questionId);
      return proposalTargets(db, questionId, { ...target, themeId })
        .map((p) => p.responseId)
        .filter((rid) => !coded.has(rid));
    }
    case 'search': {
      const match = toMatchExpression(target.query);
      return db
        .all<{ rid: number }>(
          'SELECT DISTINCT a.response_id AS rid FROM answer_fts CROSS JOIN answer a ON a.id = answer_fts.docid ' +
            'CROSS JOIN response r ON r.id = a.response_id WHERE answer_fts MATCH ? AND a.question_id = ? AND ' +
            "r.status = 'active'",
          [match, questionId],
        )
        .map((r) => r.rid);
    }
    case 'campaign': {
      if (!db.get('SELECT 1 FROM campaign WHERE id = ?', [target.campaignId]))
        throw new AppError(
          'not-found',
          `There is no campaign ${target.campaignId}. Detection may have been run again.`,
        );
      return db
        .all<{ rid: number }>(
          'SELECT response_id AS rid FROM campaign_member WHERE campaign_id = ? AND removed_at IS NULL ORDER BY ' +
            'response_id',
          [target.campaignId],
        )
        .map((r) => r.rid);
    }
    case 'responses':
      return [...new Set(target.responseIds)];
  }
}

const describe = (target: BulkTarget, themeName: string, question: string): string =>
  target.kind === 'search'
    ? `“${themeName}” added to answers to ${question} matching “${target.query}”`
    : target.kind === 'campaign'
      ? `“${themeName}” added to campaign ${target.campaignId}’s answers to ${question}`
      : target.kind === 'proposals'
        ? `“${themeName}” accepted where the model proposed it at ${Math.round(target.minConfidence * 100)}% ` +
          `confidence or more, for answers to ${question}`
        : `“${themeName}” added ` +
          `to ${target.responseIds.length === 1 ? '1 answer' : `${target.responseIds.length} answers`} ` +
          `to ${question}`;

/**
 * Apply a theme to every answer the target picks out. With `dryRun`, only counts what would change.
 * `source` is 'bulk' for searches and campaigns, 'suggestion' when an accepted suggestion's answers
 * are coded.
 */
export function bulkCode(
  file: WorkspaceFile,
  draft: Draft,
  input: {
    questionId: string;
    themeId: string;
    target: BulkTarget;
    dryRun?: boolean | undefined;
    source?: CodingSource | undefined;
    description?: string | undefined;
  },
  env: BulkEnv,
): BulkOutcome {
  const q = findQuestion(draft, input.questionId);
  const db = file.db;
  const theme = questionThemes(db, q.id).find((t) => t.id === input.themeId);
  if (!theme)
    throw new AppError('invalid-input', 'Choose a theme from this question’s codebook (not deleted, not a heading).', {
      field: 'themeId',
    });
  env.progress?.(0, 3, 'Finding the answers');
  const codable = new Set(codableOf(db, q));
  if (input.target.kind === 'search') completeSearchIndex(file); // a search must not miss answers still being indexed
  const wanted = targetResponses(file.db, q.id, theme.id, input.target);
  const already = new Set(
    db
      .all<{ response_id: number }>(
        'SELECT response_id FROM coding WHERE coder_set = ? AND question_id = ? AND theme_id = ? AND ' +
          'start_offset IS NULL AND removed_at IS NULL',
        [MAIN_CODER_SET, q.id, theme.id],
      )
      .map((r) => r.response_id),
  );
  const toCode = wanted.filter((r) => codable.has(r) && !already.has(r));
  const alreadyCoded = wanted.filter((r) => codable.has(r) && already.has(r)).length;
  const skipped = wanted.length - toCode.length - alreadyCoded;
  const confidence =
    input.target.kind === 'proposals'
      ? new Map(
          proposalTargets(db, q.id, { ...input.target, themeId: theme.id }).map((p) => [p.responseId, p.confidence]),
        )
      : null;
  if (input.dryRun)
    return {
      opId: null,
      applied: toCode.length,
      alreadyCoded,
      skipped,
      responseIds: toCode,
      // The answers themselves, to read before coding (and untick any that do not belong).
      preview: toCode.slice(0, PREVIEW_ANSWERS).map((rid) => ({
        responseId: rid,
        text: textOf(q, answerRow(db, rid, q.id)),
        ...(confidence ? { confidence: confidence.get(rid)! } : {}),
      })),
    };
  if (toCode.length === 0) return { opId: null, applied: 0, alreadyCoded, skipped };
  if (env.signal?.aborted) throw new AppError('cancelled', 'Cancelled. Nothing was changed.');
  env.progress?.(1, 3, `Coding ${toCode.length} answers`);
  const proposals = input.target.kind === 'proposals';
  const kind: OperationView['kind'] = proposals
    ? 'proposal'
    : input.source === 'suggestion'
      ? 'suggestion'
      : input.target.kind === 'search'
        ? 'bulk-search'
        : input.target.kind === 'campaign'
          ? 'bulk-campaign'
          : 'bulk-responses';
  const opId = file.mutate((wdb) => {
    const id = addCodingsOp(wdb, {
      kind,
      description: input.description ?? describe(input.target, theme.name, questionLabel(q)),
      questionId: q.id,
      themeId: theme.id,
      responseIds: toCode,
      source: proposals ? 'proposal' : (input.source ?? 'bulk'),
      now: env.now,
      actor: env.actor,
    });
    audit(wdb, env.now, env.actor, 'analysis.bulk-code', `operation ${id}`, {
      questionId: q.id,
      themeId: theme.id,
      target:
        input.target.kind === 'responses'
          ? { kind: 'responses', count: input.target.responseIds.length }
          : input.target.kind === 'proposals'
            ? {
                kind: 'proposals',
                runId: input.target.runId,
                minConfidence: input.target.minConfidence,
                unticked: input.target.excludeIds?.length ?? 0,
              }
            : input.target,
      // Proposals: machine-proposed, accepted by this person after the check showed them.
      ...(proposals ? { machineProposed: true, acceptedBy: env.actor } : {}),
      applied: toCode.length,
    });
    return id;
  });
  env.progress?.(3, 3, 'Done');
  return { opId, applied: toCode.length, alreadyCoded, skipped };
}

/** Inside a mutation: record an operation and add its whole-answer codings (callers skip answers already coded). */
export function addCodingsOp(
  db: Db,
  op: {
    kind: OperationView['kind'];
    description: string;
    questionId: string;
    themeId: string;
    responseIds: readonly number[];
    source: CodingSource;
    now: Date;
    actor: string;
  },
): number {
  const at = op.now.toISOString();
  db.run(
    'INSERT INTO coding_op (kind, description, question_id, theme_id, count, at, by) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [op.kind, op.description, op.questionId, op.themeId, op.responseIds.length, at, op.actor],
  );
  const id = db.scalar<number>('SELECT max(id) FROM coding_op')!;
  for (const rid of op.responseIds) {
    db.run(
      'INSERT INTO coding (response_id, question_id, theme_id, coder_set, coder, source, op_id, at) VALUES (?, ' +
        '?, ?, ?, ?, ?, ?, ?)',
      [rid, op.questionId, op.themeId, MAIN_CODER_SET, op.actor, op.source, id, at],
    );
  }
  return id;
}

interface OpRow {
  id: number;
  kind: OperationView['kind'];
  description: string;
  question_id: string | null;
  theme_id: string | null;
  count: number;
  at: string;
  by: string;
  undone_at: string | null;
  undone_by: string | null;
}

export function listOperations(db: Db, limit = 50): OperationView[] {
  return db.all<OpRow>('SELECT * FROM coding_op ORDER BY id DESC LIMIT ?', [limit]).map((r) => ({
    id: r.id,
    kind: r.kind,
    description: r.description,
    questionId: r.question_id,
    themeId: r.theme_id,
    count: r.count,
    at: r.at,
    by: r.by,
    undoneAt: r.undone_at,
    undoneBy: r.undone_by,
  }));
}

/**
 * Undo an operation: its codings are removed, codings it removed come back, conflict decisions it made are reopened.
 */
export function undoOperation(
  file: WorkspaceFile,
  opId: number,
  now: Date,
  actor: string,
): { removed: number; restored: number } {
  return file.mutate((db) => {
    const op = db.get<OpRow>('SELECT * FROM coding_op WHERE id = ?', [opId]);
    if (!op) throw new AppError('not-found', 'That operation does not exist.');
    if (op.undone_at) throw new AppError('conflict', `That was already undone on ${op.undone_at.slice(0, 10)}.`);
    const at = now.toISOString();
    const removed =
      db.scalar<number>('SELECT count(*) FROM coding WHERE op_id = ? AND removed_at IS NULL', [opId]) ?? 0;
    db.run('UPDATE coding SET removed_at = ?, removed_by = ? WHERE op_id = ? AND removed_at IS NULL', [
      at,
      actor,
      opId,
    ]);
    // Bring back what it removed, unless the same whole-answer coding has been added again since.
    const back = db.all<{
      id: number;
      coder_set: string;
      response_id: number;
      question_id: string;
      theme_id: string;
      start_offset: number | null;
    }>('SELECT id, coder_set, response_id, question_id, theme_id, start_offset FROM coding WHERE removed_op = ?', [
      opId,
    ]);
    let restored = 0;
    for (const c of back) {
      if (
        c.start_offset === null &&
        db.get(
          'SELECT 1 FROM coding WHERE coder_set = ? AND response_id = ? AND question_id = ? AND theme_id = ? ' +
            'AND start_offset IS NULL AND removed_at IS NULL',
          [c.coder_set, c.response_id, c.question_id, c.theme_id],
        )
      )
        continue;
      db.run('UPDATE coding SET removed_at = NULL, removed_by = NULL, removed_op = NULL WHERE id = ?', [c.id]);
      restored++;
    }
    db.run(
      'UPDATE package_item SET resolution = NULL, resolved_op = NULL, resolved_by = NULL, resolved_at = NULL ' +
        'WHERE resolved_op = ?',
      [opId],
    );
    db.run('UPDATE coding_op SET undone_at = ?, undone_by = ? WHERE id = ?', [at, actor, opId]);
    audit(db, now, actor, 'analysis.undo', `operation ${opId}`, { removed, restored });
    return { removed, restored };
  });
}
