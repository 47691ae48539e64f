import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { AppError } from '#shared/core/errors';
import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import type { Draft } from '#shared/domain/draft/model';
import { suggestThemes, type ThemeSuggestionResult } from '#shared/analysis/themes';
import { applyThemeReview, type ThemeDecision } from '#shared/analysis/theme-review';
import { MAIN_CODER_SET, type SuggestionRunView, type ThemeView } from '#shared/coding/types';
import { audit } from '../core/audit';
import { findQuestion, questionLabel, type AnalysisQuestion } from './questions';
import { codableOf } from './coding';
import { textOf, type AnswerRow } from './answer-text';
import { addThemes, listThemes } from './codebook';
import { addCodingsOp } from './bulk';

/**
 * Offline theme suggestions for one question's open answers (shared/analysis suggestThemes: TF-IDF
 * of words and phrases, LSA, spherical k-means; no network, no model). A run is kept until the
 * analyst reviews it: accept (optionally renamed), merge into another suggestion, or reject.
 * Accepting creates codebook themes; the suggested answers are coded with them only when the
 * analyst says so, as source 'suggestion' in an operation that can be undone. Nothing is applied
 * without a person.
 */
export interface SuggestEnv {
  now: Date;
  actor: string;
  signal: AbortSignal;
  progress: (done: number, total: number, message: string) => void;
}

const cancelled = () => new AppError('cancelled', 'Cancelled. Nothing was changed.');

/** The question's answers to code, with their text, in response order. */
export function codableTexts(db: Db, q: AnalysisQuestion): Array<{ id: string; text: string }> {
  const codable = new Set(codableOf(db, q));
  const out: Array<{ id: string; text: string }> = [];
  for (const r of db.all<AnswerRow & { response_id: number }>(
    'SELECT response_id, text, other_text, explanation, option_ids FROM answer WHERE question_id = ? ORDER BY id',
    [q.id],
  )) {
    if (!codable.has(r.response_id)) continue;
    const text = textOf(q, r);
    if (text) out.push({ id: String(r.response_id), text });
  }
  return out;
}

/**
 * Each answer's stance, when the question itself asks for one (agree or disagree, yes or no, with a box to explain):
 * themes are then found among those who agree and those who disagree separately, so "the cost" said for and against
 * is two themes. The five-point scale is taken as agree / neither / disagree. Null for any other question.
 */
export function stanceOf(db: Db, q: AnalysisQuestion): Map<string, string> | null {
  const type = q.question?.type;
  if (type !== 'likert_agree5' && type !== 'yes_no') return null;
  const fold: Record<string, string> = {
    'likert-strongly-agree': 'Agree',
    'likert-agree': 'Agree',
    'likert-neither': 'Neither',
    'likert-disagree': 'Disagree',
    'likert-strongly-disagree': 'Disagree',
    'likert-dont-know': 'Don’t know',
    yes: 'Yes',
    no: 'No',
    'dont-know': 'Don’t know',
  };
  const out = new Map<string, string>();
  for (const r of db.all<{ response_id: number; option_ids: string | null }>(
    'SELECT response_id, option_ids FROM answer WHERE question_id = ? AND option_ids IS NOT NULL',
    [q.id],
  )) {
    let ids: unknown;
    try {
      ids = JSON.parse(r.option_ids!);
    } catch {
      continue;
    }
    const s = Array.isArray(ids) && ids.length === 1 ? fold[String(ids[0])] : undefined;
    if (s) out.set(String(r.response_id), s);
  }
  return out.size ? out : null;
}

function toView(row: {
  id: number;
  question_id: string;
  at: string;
  by: string;
  result: string;
  reviewed_at: string | null;
}): SuggestionRunView {
  const r = JSON.parse(row.result) as ThemeSuggestionResult & { answers: number; campaignAnswers?: number };
  return {
    id: row.id,
    questionId: row.question_id,
    at: row.at,
    by: row.by,
    answers: r.answers,
    campaignAnswers: r.campaignAnswers ?? 0,
    blank: r.blankIds.length,
    unassigned: r.unassignedIds.length,
    suggestions: r.themes.map((t) => ({
      id: t.id,
      label: t.label,
      ...(t.stance ? { stance: t.stance } : {}),
      keyPhrases: t.keyPhrases,
      size: t.size,
      primaryCount: t.primaryCount,
      cohesion: t.cohesion,
      examples: t.examples.map((e) => ({ responseId: Number(e.id), text: e.text })),
    })),
    reviewedAt: row.reviewed_at,
  };
}

export async function runSuggestions(
  file: WorkspaceFile,
  draft: Draft,
  input: { questionId: string; k?: number | undefined },
  env: SuggestEnv,
): Promise<SuggestionRunView> {
  const q = findQuestion(draft, input.questionId);
  if (!q.codable)
    throw new AppError('invalid-input', 'This question has no written answers to suggest themes for.', {
      field: 'questionId',
    });
  env.progress(0, 3, 'Reading the answers');
  // A confirmed campaign is a group already known (its letters are alike, so it came back as the top
  // suggestion): its members are left out here and coded together with "A campaign's answers".
  const inCampaigns = new Set(
    file.db
      .all<{ response_id: number }>(
        'SELECT DISTINCT m.response_id FROM campaign_member m JOIN campaign c ON c.id = m.campaign_id ' +
          "WHERE c.status = 'confirmed' AND m.removed_at IS NULL",
      )
      .map((r) => String(r.response_id)),
  );
  const all = codableTexts(file.db, q);
  const docs = inCampaigns.size ? all.filter((d) => !inCampaigns.has(d.id)) : all;
  const campaignAnswers = all.length - docs.length;
  if (docs.length < 10)
    throw new AppError(
      'conflict',
      `There ${docs.length === 1 ? 'is 1 answer' : `are ${docs.length} answers`} to ${questionLabel(q)}: at ` +
        `least 10 are needed to suggest themes.`,
    );
  // Let a cancel request through before the long, uninterruptible computation starts.
  await yieldToEvents();
  if (env.signal.aborted) throw cancelled();
  env.progress(1, 3, `Looking for themes in ${docs.length.toLocaleString('en-GB')} answers`);
  const stance = stanceOf(file.db, q);
  const result = suggestThemes(docs, { k: input.k ?? 'auto', questionText: q.text, ...(stance ? { stance } : {}) });
  await yieldToEvents();
  if (env.signal.aborted) throw cancelled();
  env.progress(2, 3, 'Saving the suggestions');
  const id = file.mutate((db) => {
    db.run('INSERT INTO suggestion_run (question_id, at, by, params, result) VALUES (?, ?, ?, ?, ?)', [
      q.id,
      env.now.toISOString(),
      env.actor,
      JSON.stringify({ k: input.k ?? 'auto' }),
      JSON.stringify({ ...result, answers: docs.length, campaignAnswers }),
    ]);
    const runId = db.scalar<number>('SELECT max(id) FROM suggestion_run')!;
    audit(db, env.now, env.actor, 'analysis.suggest', `run ${runId}`, {
      questionId: q.id,
      answers: docs.length,
      suggestions: result.themes.length,
    });
    return runId;
  });
  env.progress(3, 3, 'Done');
  return getRun(file.db, id)!;
}

export function getRun(db: Db, id: number): SuggestionRunView | null {
  const row = db.get<{
    id: number;
    question_id: string;
    at: string;
    by: string;
    result: string;
    reviewed_at: string | null;
  }>('SELECT id, question_id, at, by, result, reviewed_at FROM suggestion_run WHERE id = ?', [id]);
  return row ? toView(row) : null;
}

/** The newest run for a question (reviewed or not), or null. */
export function latestRun(db: Db, questionId: string): SuggestionRunView | null {
  const id = db.scalar<number>('SELECT max(id) FROM suggestion_run WHERE question_id = ?', [questionId]);
  return id ? getRun(db, id) : null;
}

export interface ReviewOutcome {
  created: ThemeView[];
  /** Codings added to the suggested answers (only when asked). */
  applied: number;
  opIds: number[];
  problems: string[];
  /** Without applyToMembers: each new theme's suggested answers (codable), for the analyst to check and code. */
  suggested?: Array<{ themeId: string; responseIds: number[] }>;
}

/**
 * The analyst's decisions on a run. `applyToMembers` codes each accepted theme's suggested answers
 * (after the analyst confirmed it in the UI).
 */
export function reviewSuggestions(
  file: WorkspaceFile,
  draft: Draft,
  input: { runId: number; decisions: ThemeDecision[]; applyToMembers: boolean },
  now: Date,
  actor: string,
): ReviewOutcome {
  const row = file.db.get<{ question_id: string; result: string }>(
    'SELECT question_id, result FROM suggestion_run WHERE id = ?',
    [input.runId],
  );
  if (!row) throw new AppError('not-found', 'Those suggestions are no longer there. Suggest themes again.');
  const q = findQuestion(draft, row.question_id);
  const result = JSON.parse(row.result) as ThemeSuggestionResult;
  if (!input.decisions.some((d) => d.action === 'accept')) {
    if (!input.decisions.length)
      throw new AppError('invalid-input', 'Accept, merge or reject at least one suggestion.', { field: 'decisions' });
  }
  const reviewed = applyThemeReview(result.themes, input.decisions, {
    questionId: q.id,
    themeId: () => randomUUID().toUpperCase(),
  });
  const codable = new Set(codableOf(file.db, q));
  const opIds: number[] = [];
  let applied = 0;
  file.mutate((db) => {
    addThemes(db, reviewed.themes, 'suggestion', now, actor);
    if (input.applyToMembers) {
      for (const t of reviewed.themes) {
        const members = (reviewed.suggestedMembers[t.id] ?? []).map(Number).filter((rid) => codable.has(rid));
        if (!members.length) continue;
        const already = new Set(
          db
            .all<{ response_id: number }>(
              'SELECT response_id FROM coding WHERE coder_set = ? AND question_id = ? AND theme_id = ? AND ' +
                'start_offset IS NULL AND removed_at IS NULL',
              [MAIN_CODER_SET, q.id, t.id],
            )
            .map((r) => r.response_id),
        );
        const ids = members.filter((m) => !already.has(m));
        opIds.push(
          addCodingsOp(db, {
            kind: 'suggestion',
            description: `Suggested theme “${t.name}” applied to ${ids.length} answers to ${questionLabel(q)}`,
            questionId: q.id,
            themeId: t.id,
            responseIds: ids,
            source: 'suggestion',
            now,
            actor,
          }),
        );
        applied += ids.length;
      }
    }
    db.run('UPDATE suggestion_run SET reviewed_at = ?, reviewed_by = ? WHERE id = ?', [
      now.toISOString(),
      actor,
      input.runId,
    ]);
    audit(db, now, actor, 'analysis.suggestions-review', `run ${input.runId}`, {
      accepted: input.decisions.filter((d) => d.action === 'accept').length,
      merged: input.decisions.filter((d) => d.action === 'merge').length,
      rejected: input.decisions.filter((d) => d.action === 'reject').length,
      themes: reviewed.themes.map((t) => t.id),
      applied,
    });
  });
  const ids = new Set(reviewed.themes.map((t) => t.id));
  const suggested = input.applyToMembers
    ? undefined
    : reviewed.themes.map((t) => ({
        themeId: t.id,
        responseIds: (reviewed.suggestedMembers[t.id] ?? []).map(Number).filter((rid) => codable.has(rid)),
      }));
  return {
    created: listThemes(file.db).filter((t) => ids.has(t.id)),
    applied,
    opIds,
    problems: reviewed.problems,
    ...(suggested ? { suggested } : {}),
  };
}
