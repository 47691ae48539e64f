import { AppError } from '#shared/core/errors';
import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import { answerOptions, type Draft } from '#shared/domain/draft/model';
import { passageOf } from '#shared/coding/codable';
import { SENTIMENTS, type Sentiment } from '#shared/coding/sentiment';
import {
  MAIN_CODER_SET,
  type AnnotationView,
  type AnswerForCoding,
  type AnswerListRow,
  type CodingProgress,
  type CodingView,
  type QueueView,
  type ThemeCountsResult,
  type CampaignCounting,
} from '#shared/coding/types';
import { percent0dp } from '#shared/analysis/tallies';
import { findQuestion, type AnalysisQuestion } from './questions';
import { answerData, codableResponses, responseIndex, type ResponseIndex } from './data-cache';
import { questionThemes } from './codebook';
import { nextInformative, proposalsFor } from './proposal-runs';
import { quotesForAnswer } from './quotes';
import { answerRow, requireCodableText, textOf } from './answer-text';
import { includeMask } from './tallies';
import { readSettings } from './settings';

/**
 * Coding open answers: themes on whole answers or on highlighted passages, per-answer sentiment,
 * memo and "complete" flag, the keyboard queue (next uncoded, next, previous), progress and theme
 * counts. Every coding row says who coded it, when, and how (manual, bulk, suggestion, package).
 * Removing a coding keeps the row (removed_at), so the history of who coded what stays and bulk
 * operations can be undone exactly.
 */
interface CodingRow {
  id: number;
  theme_id: string;
  start_offset: number | null;
  end_offset: number | null;
  passage: string | null;
  coder: string;
  source: CodingView['source'];
  at: string;
}

export function codingsOf(db: Db, coderSet: string, responseId: number, questionId: string): CodingView[] {
  return db
    .all<CodingRow>(
      `SELECT c.id, c.theme_id, c.start_offset, c.end_offset, c.passage, c.coder, c.source, c.at
       FROM coding c JOIN theme t ON t.id = c.theme_id
       WHERE c.coder_set = ? AND c.question_id = ? AND c.response_id = ? AND c.removed_at IS NULL
         AND t.archived_at IS NULL
       ORDER BY c.start_offset IS NOT NULL, c.start_offset, c.id`,
      [coderSet, questionId, responseId],
    )
    .map((r) => ({
      id: r.id,
      themeId: r.theme_id,
      passage:
        r.start_offset !== null && r.end_offset !== null
          ? { start: r.start_offset, end: r.end_offset, text: r.passage ?? '' }
          : null,
      coder: r.coder,
      source: r.source,
      at: r.at,
    }));
}

export function annotationOf(db: Db, coderSet: string, responseId: number, questionId: string): AnnotationView {
  const r = db.get<{
    sentiment: Sentiment | null;
    memo: string;
    complete: number;
    updated_by: string;
    updated_at: string;
  }>(
    'SELECT sentiment, memo, complete, updated_by, updated_at FROM annotation WHERE coder_set = ? AND ' +
      'question_id = ? AND response_id = ?',
    [coderSet, questionId, responseId],
  );
  return r
    ? { sentiment: r.sentiment, memo: r.memo, complete: r.complete === 1, by: r.updated_by, at: r.updated_at }
    : { sentiment: null, memo: '', complete: false, by: null, at: null };
}

/** Response ids whose answer to the question is coded by this coder set: a theme (not deleted) or marked complete. */
export function codedSet(db: Db, coderSet: string, questionId: string): Set<number> {
  const out = new Set<number>();
  for (const r of db.all<{ response_id: number }>(
    'SELECT DISTINCT c.response_id FROM coding c JOIN theme t ON t.id = c.theme_id WHERE c.coder_set = ? AND ' +
      'c.question_id = ? AND c.removed_at IS NULL AND t.archived_at IS NULL',
    [coderSet, questionId],
  ))
    out.add(r.response_id);
  for (const r of db.all<{ response_id: number }>(
    'SELECT response_id FROM annotation WHERE coder_set = ? AND question_id = ? AND complete = 1',
    [coderSet, questionId],
  ))
    out.add(r.response_id);
  return out;
}

export function progressOf(codable: Int32Array, coded: ReadonlySet<number>): CodingProgress {
  let n = 0;
  for (const rid of codable) if (coded.has(rid)) n++;
  return { total: codable.length, coded: n, uncoded: codable.length - n };
}

/** The counted responses whose answer to the question holds text to code, ascending. */
export function codableOf(db: Db, q: AnalysisQuestion): Int32Array {
  return codableResponses(responseIndex(db), answerData(db), q.id, !q.closed);
}

function contextOf(db: Db, responseId: number): AnswerForCoding['context'] {
  const r = db.get<{ channel: string; respondent_type: string | null; is_organisation: number }>(
    'SELECT r.channel, p.respondent_type, p.is_organisation FROM response r JOIN respondent p ON p.id = ' +
      'r.respondent_id WHERE r.id = ?',
    [responseId],
  );
  const c = db.get<{ id: number; label: string }>(
    'SELECT c.id, c.label FROM campaign_member m JOIN campaign c ON c.id = m.campaign_id WHERE m.response_id = ' +
      "? AND m.removed_at IS NULL AND c.status = 'confirmed' ORDER BY c.id LIMIT 1",
    [responseId],
  );
  return {
    respondentType: r?.respondent_type ?? null,
    organisation: r?.is_organisation === 1,
    channel: r?.channel ?? '',
    campaign: c ? c.label.trim() || `Campaign ${c.id}` : null,
  };
}

export function answerForCoding(
  db: Db,
  q: AnalysisQuestion,
  responseId: number,
  codable: Int32Array,
  coderSet = MAIN_CODER_SET,
): AnswerForCoding {
  const a = answerRow(db, responseId, q.id);
  const labels = new Map((q.question ? answerOptions(q.question) : []).map((o) => [o.id, o.label]));
  let choices: string[] = [];
  if (a?.option_ids) {
    try {
      choices = (JSON.parse(a.option_ids) as string[]).map((id) => labels.get(id) ?? id);
    } catch {
      choices = [];
    }
  }
  const position = bisect(codable, responseId);
  return {
    responseId,
    questionId: q.id,
    text: textOf(q, a),
    choices,
    codings: codingsOf(db, coderSet, responseId, q.id),
    annotation: annotationOf(db, coderSet, responseId, q.id),
    quotes: quotesForAnswer(db, responseId, q.id),
    position: codable[position] === responseId ? position + 1 : 0,
    total: codable.length,
    context: contextOf(db, responseId),
    // The model's proposals for this answer, shown beside the themes (never applied without a keypress).
    proposals: coderSet === MAIN_CODER_SET ? proposalsFor(db, q.id, responseId) : [],
  };
}

/** Index of the first element ≥ value. */
function bisect(a: Int32Array, value: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export type QueueMove =
  'current' | 'first' | 'next' | 'previous' | 'next-uncoded' | 'previous-uncoded' | 'next-informative';

/**
 * The answer the queue shows: `current` (the given response, or the first uncoded), `next` and
 * `previous` by response order, `next-uncoded` (after the given response, wrapping round) or
 * `previous-uncoded`. The answer is null when there is nothing (left) to show.
 */
export function queue(
  db: Db,
  draft: Draft,
  input: { questionId: string; responseId?: number | undefined; move: QueueMove; coderSet?: string | undefined },
): QueueView {
  const q = findQuestion(draft, input.questionId);
  const coderSet = input.coderSet ?? MAIN_CODER_SET;
  const codable = codableOf(db, q);
  const coded = codedSet(db, coderSet, q.id);
  const progress = progressOf(codable, coded);
  const themes = questionThemes(db, q.id);
  const n = codable.length;
  const at = input.responseId === undefined ? -1 : bisect(codable, input.responseId);
  const exact = at >= 0 && at < n && codable[at] === input.responseId;
  const uncodedFrom = (start: number, step: 1 | -1): number => {
    for (let k = 0; k < n; k++) {
      const i = (((start + step * k) % n) + n) % n;
      if (!coded.has(codable[i]!)) return i;
    }
    return -1;
  };
  let idx = -1;
  switch (input.move) {
    case 'first':
      idx = n ? 0 : -1;
      break;
    case 'current':
      idx = exact ? at : uncodedFrom(0, 1);
      if (idx < 0 && n) idx = 0;
      break;
    case 'next':
      idx = input.responseId === undefined ? 0 : exact ? at + 1 : at;
      if (idx >= n) idx = n - 1;
      break;
    case 'previous':
      idx = input.responseId === undefined ? 0 : at - 1;
      if (idx < 0) idx = n ? 0 : -1;
      break;
    case 'next-uncoded':
      idx = n ? uncodedFrom(input.responseId === undefined ? 0 : exact ? at + 1 : at, 1) : -1;
      break;
    case 'previous-uncoded':
      idx = n ? uncodedFrom(input.responseId === undefined ? n - 1 : at - 1, -1) : -1;
      break;
    case 'next-informative': {
      // The answer the model would learn most from; in response order when there are no proposals yet.
      const rid = nextInformative(
        db,
        q.id,
        (r) => !coded.has(r) && codable[bisect(codable, r)] === r,
        input.responseId,
      );
      idx = rid !== null ? bisect(codable, rid) : n ? uncodedFrom(exact ? at + 1 : Math.max(at, 0), 1) : -1;
      break;
    }
  }
  const answer = idx >= 0 && idx < n ? answerForCoding(db, q, codable[idx]!, codable, coderSet) : null;
  return { questionId: q.id, answer, progress, themes };
}

export interface CodeInput {
  responseId: number;
  questionId: string;
  themeId: string;
  /** toggle (default): whole-answer theme on or off; add / remove: set it. With a passage: add a passage coding. */
  action?: 'toggle' | 'add' | 'remove' | undefined;
  passage?: { start: number; end: number } | undefined;
}

function checkTheme(db: Db, q: AnalysisQuestion, themeId: string): void {
  const t = questionThemes(db, q.id).find((x) => x.id === themeId);
  if (t) return;
  const any = db.get<{ archived_at: string | null; codable: number }>(
    'SELECT archived_at, codable FROM theme WHERE id = ?',
    [themeId],
  );
  if (!any) throw new AppError('not-found', 'That theme is not in the codebook.', { field: 'themeId' });
  if (any.archived_at)
    throw new AppError('conflict', 'That theme was deleted. Restore it to use it again.', { field: 'themeId' });
  if (!any.codable)
    throw new AppError(
      'invalid-input',
      'That theme is a heading that groups other themes: code with one of the themes under it.',
      { field: 'themeId' },
    );
  throw new AppError('invalid-input', 'That theme is for other questions.', { field: 'themeId' });
}

/** Add or remove a theme on an answer (or add it on a passage). Returns the answer's codings. */
export function code(
  file: WorkspaceFile,
  draft: Draft,
  input: CodeInput,
  now: Date,
  actor: string,
  coderSet = MAIN_CODER_SET,
): CodingView[] {
  const q = findQuestion(draft, input.questionId);
  file.mutate((db) => {
    const text = requireCodableText(db, q, input.responseId);
    checkTheme(db, q, input.themeId);
    const at = now.toISOString();
    if (input.passage) {
      const p = passageOf(text, input.passage.start, input.passage.end);
      if (!p)
        throw new AppError('invalid-input', 'Select some of the answer’s words to code a passage.', {
          field: 'passage',
        });
      const dup = db.get(
        'SELECT 1 FROM coding WHERE coder_set = ? AND response_id = ? AND question_id = ? AND theme_id = ? AND ' +
          'start_offset = ? AND end_offset = ? AND removed_at IS NULL',
        [coderSet, input.responseId, q.id, input.themeId, p.start, p.end],
      );
      if (!dup && input.action !== 'remove') {
        db.run(
          'INSERT INTO coding (response_id, question_id, theme_id, coder_set, coder, source, start_offset, ' +
            'end_offset, passage, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [input.responseId, q.id, input.themeId, coderSet, actor, 'manual', p.start, p.end, p.text, at],
        );
      }
      return;
    }
    const existing = db.get<{ id: number }>(
      'SELECT id FROM coding WHERE coder_set = ? AND response_id = ? AND question_id = ? AND theme_id = ? AND ' +
        'start_offset IS NULL AND removed_at IS NULL',
      [coderSet, input.responseId, q.id, input.themeId],
    );
    const action = input.action ?? 'toggle';
    if (existing && (action === 'toggle' || action === 'remove'))
      db.run('UPDATE coding SET removed_at = ?, removed_by = ? WHERE id = ?', [at, actor, existing.id]);
    else if (!existing && (action === 'toggle' || action === 'add'))
      db.run(
        'INSERT INTO coding (response_id, question_id, theme_id, coder_set, coder, source, at) VALUES (?, ?, ?, ' +
          '?, ?, ?, ?)',
        [
          input.responseId,
          q.id,
          input.themeId,
          coderSet,
          actor,
          // Shown to the coder as the model's proposal for this answer: machine-proposed, person-accepted.
          coderSet === MAIN_CODER_SET &&
          proposalsFor(db, q.id, input.responseId).some((p) => p.themeId === input.themeId)
            ? 'proposal'
            : 'manual',
          at,
        ],
      );
  });
  return codingsOf(file.db, coderSet, input.responseId, q.id);
}

/** Remove one coding (a passage, usually) by id. */
export function removeCoding(
  file: WorkspaceFile,
  codingId: number,
  now: Date,
  actor: string,
): { responseId: number; questionId: string } {
  return file.mutate((db) => {
    const c = db.get<{ response_id: number; question_id: string; removed_at: string | null }>(
      'SELECT response_id, question_id, removed_at FROM coding WHERE id = ?',
      [codingId],
    );
    if (!c) throw new AppError('not-found', 'That coding does not exist.');
    if (!c.removed_at)
      db.run('UPDATE coding SET removed_at = ?, removed_by = ? WHERE id = ?', [now.toISOString(), actor, codingId]);
    return { responseId: c.response_id, questionId: c.question_id };
  });
}

export interface AnnotateInput {
  responseId: number;
  questionId: string;
  /** null clears it. */
  sentiment?: Sentiment | null | undefined;
  memo?: string | undefined;
  complete?: boolean | undefined;
}

export function annotate(
  file: WorkspaceFile,
  draft: Draft,
  input: AnnotateInput,
  now: Date,
  actor: string,
  coderSet = MAIN_CODER_SET,
): AnnotationView {
  const q = findQuestion(draft, input.questionId);
  if (
    input.sentiment !== undefined &&
    input.sentiment !== null &&
    !(SENTIMENTS as readonly string[]).includes(input.sentiment)
  )
    throw new AppError('invalid-input', 'Unknown sentiment.', { field: 'sentiment' });
  file.mutate((db) => {
    requireCodableText(db, q, input.responseId);
    const before = annotationOf(db, coderSet, input.responseId, q.id);
    const next = {
      sentiment: input.sentiment !== undefined ? input.sentiment : before.sentiment,
      memo: input.memo !== undefined ? input.memo : before.memo,
      complete: input.complete !== undefined ? input.complete : before.complete,
    };
    if (next.sentiment === before.sentiment && next.memo === before.memo && next.complete === before.complete) return;
    db.run(
      `INSERT INTO annotation (coder_set, response_id, question_id, sentiment, memo, complete, updated_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(coder_set, question_id, response_id) DO UPDATE SET sentiment = excluded.sentiment,
         memo = excluded.memo, complete = excluded.complete, updated_by = excluded.updated_by,
         updated_at = excluded.updated_at`,
      [coderSet, input.responseId, q.id, next.sentiment, next.memo, next.complete ? 1 : 0, actor, now.toISOString()],
    );
  });
  return annotationOf(file.db, coderSet, input.responseId, q.id);
}

/** Response id → theme ids (not deleted) for a question's answers, one coder set. */
export function themesByResponse(db: Db, coderSet: string, questionId: string): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const r of db.all<{ response_id: number; theme_id: string }>(
    'SELECT c.response_id, c.theme_id FROM coding c JOIN theme t ON t.id = c.theme_id WHERE c.coder_set = ? AND ' +
      'c.question_id = ? AND c.removed_at IS NULL AND t.archived_at IS NULL',
    [coderSet, questionId],
  )) {
    let s = out.get(r.response_id);
    if (!s) out.set(r.response_id, (s = new Set()));
    s.add(r.theme_id);
  }
  return out;
}

export function sentimentsByResponse(db: Db, coderSet: string, questionId: string): Map<number, Sentiment> {
  return new Map(
    db
      .all<{ response_id: number; sentiment: Sentiment }>(
        'SELECT response_id, sentiment FROM annotation WHERE coder_set = ? AND question_id = ? AND sentiment IS ' +
          'NOT NULL',
        [coderSet, questionId],
      )
      .map((r) => [r.response_id, r.sentiment]),
  );
}

const emptySentiment = (): Record<Sentiment | 'none', number> => ({
  agree: 0,
  disagree: 0,
  mixed: 0,
  unclear: 0,
  none: 0,
});

/**
 * Respondents coded with each theme of a question (whole answer or passage, counted once), among
 * the responses in the figures (campaigns as the settings say), with the sentiment of those
 * answers. `coded` (the base) counts answers with a theme or marked complete.
 */
export function themeCounts(
  db: Db,
  draft: Draft,
  questionId: string,
  campaigns?: CampaignCounting,
  index: ResponseIndex = responseIndex(db),
): ThemeCountsResult {
  const q = findQuestion(draft, questionId);
  const include = includeMask(index, campaigns ?? readSettings(db).campaigns);
  const counted = (rid: number) => {
    const p = rid < index.pos.length ? index.pos[rid]! : -1;
    return p >= 0 && include[p] === 1;
  };
  const byResponse = themesByResponse(db, MAIN_CODER_SET, q.id);
  const sentiments = sentimentsByResponse(db, MAIN_CODER_SET, q.id);
  const coded = codedSet(db, MAIN_CODER_SET, q.id);
  let base = 0;
  const sentiment = emptySentiment();
  for (const rid of coded) {
    if (!counted(rid)) continue;
    base++;
    sentiment[sentiments.get(rid) ?? 'none']++;
  }
  const themes = questionThemes(db, q.id);
  const counts = new Map(themes.map((t) => [t.id, { n: 0, s: emptySentiment() }]));
  for (const [rid, set] of byResponse) {
    if (!counted(rid)) continue;
    for (const t of set) {
      const c = counts.get(t);
      if (!c) continue;
      c.n++;
      c.s[sentiments.get(rid) ?? 'none']++;
    }
  }
  return {
    questionId: q.id,
    coded: base,
    sentiment,
    themes: themes.map((t) => {
      const c = counts.get(t.id)!;
      return { themeId: t.id, name: t.name, count: c.n, percent: percent0dp(c.n, base), sentiment: c.s };
    }),
  };
}

export interface AnswerListInput {
  questionId: string;
  offset: number;
  limit: number;
  filter?: 'all' | 'coded' | 'uncoded' | undefined;
  themeId?: string | undefined;
}

/** A page of a question's answers to code, with their themes: for lists of a theme's answers and the grid. */
export function answerList(db: Db, draft: Draft, input: AnswerListInput): { total: number; rows: AnswerListRow[] } {
  const q = findQuestion(draft, input.questionId);
  const codable = codableOf(db, q);
  const coded = codedSet(db, MAIN_CODER_SET, q.id);
  const byResponse = themesByResponse(db, MAIN_CODER_SET, q.id);
  let ids = Array.from(codable);
  if (input.filter === 'coded') ids = ids.filter((r) => coded.has(r));
  else if (input.filter === 'uncoded') ids = ids.filter((r) => !coded.has(r));
  if (input.themeId) ids = ids.filter((r) => byResponse.get(r)?.has(input.themeId!));
  const page = ids.slice(input.offset, input.offset + input.limit);
  const sentiments = sentimentsByResponse(db, MAIN_CODER_SET, q.id);
  const completes = new Set(
    db
      .all<{ response_id: number }>(
        'SELECT response_id FROM annotation WHERE coder_set = ? AND question_id = ? AND complete = 1',
        [MAIN_CODER_SET, q.id],
      )
      .map((r) => r.response_id),
  );
  const rows = page.map((rid) => {
    const text = textOf(q, answerRow(db, rid, q.id)).replace(/\s+/g, ' ');
    return {
      responseId: rid,
      excerpt: text.length > 300 ? `${text.slice(0, 297)}…` : text,
      themeIds: [...(byResponse.get(rid) ?? [])],
      sentiment: sentiments.get(rid) ?? null,
      complete: completes.has(rid),
    };
  });
  return { total: ids.length, rows };
}
