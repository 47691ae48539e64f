import { AppError } from '#shared/core/errors';
import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import type { Draft } from '#shared/domain/draft/model';
import { passageOf } from '#shared/coding/codable';
import { quoteConsent, quoteStatus } from '#shared/coding/consent';
import type { QuoteView } from '#shared/coding/types';
import { audit } from '../core/audit';
import { analysisQuestions, findQuestion } from './questions';
import { requireCodableText } from './answer-text';

/**
 * Quotes: passages (or whole answers) marked as quotable. The respondent's confidentiality and
 * consent travel with each quote from the respondent record every time it is read (never copied),
 * so a correction to the respondent is reflected at once; publication refuses any quote that may
 * not be published (shared/report prepareReport), naming it.
 */
interface QuoteRow {
  id: number;
  response_id: number;
  question_id: string;
  start_offset: number | null;
  end_offset: number | null;
  text: string;
  note: string;
  theme_ids: string;
  marked_by: string;
  marked_at: string;
  removed_at: string | null;
  is_organisation: number | null;
  organisation: string | null;
  respondent_type: string | null;
  confidential_requested: number | null;
  publish_consent: string | null;
  quote_consent: string | null;
}

const SELECT = `SELECT q.*, p.is_organisation, o.organisation, p.respondent_type, p.confidential_requested,
    p.publish_consent, p.quote_consent
  FROM quote q LEFT JOIN response r ON r.id = q.response_id LEFT JOIN respondent p ON p.id = r.respondent_id
  LEFT JOIN respondent_organisation o ON o.respondent_id = p.id`;

/** How a respondent is described under a quote: never a person's name. */
export function attributionOf(r: {
  is_organisation: number | null;
  organisation: string | null;
  respondent_type: string | null;
}): string {
  const type = r.respondent_type?.trim() ?? '';
  if (r.is_organisation && r.organisation?.trim())
    return type ? `${r.organisation.trim()} (${type.charAt(0).toLowerCase()}${type.slice(1)})` : r.organisation.trim();
  if (r.is_organisation) return type || 'An organisation';
  return type || 'Individual respondent';
}

/** The organisation an attribution names, if any (as attributionOf writes it). */
function organisationOf(r: { is_organisation: number | null; organisation: string | null }): string | null {
  return r.is_organisation && r.organisation?.trim() ? r.organisation.trim() : null;
}

function toView(r: QuoteRow, numbers: Map<string, string>): QuoteView {
  const consent = quoteConsent({
    confidentialRequested: r.confidential_requested === 1,
    publishConsent: r.publish_consent,
    quoteConsent: r.quote_consent,
  });
  let themeIds: string[];
  try {
    themeIds = JSON.parse(r.theme_ids) as string[];
  } catch {
    themeIds = [];
  }
  return {
    id: r.id,
    responseId: r.response_id,
    questionId: r.question_id,
    questionNumber: numbers.get(r.question_id) ?? '',
    start: r.start_offset,
    end: r.end_offset,
    text: r.text,
    note: r.note,
    themeIds,
    markedBy: r.marked_by,
    markedAt: r.marked_at,
    attribution: attributionOf(r),
    organisation: organisationOf(r),
    anonymousAttribution: attributionOf({ ...r, organisation: null }),
    confidential: consent.confidential,
    publishConsent: consent.publishConsent,
    status: quoteStatus(consent),
    removed: r.removed_at !== null,
  };
}

/** The coding queue shows quotes beside their answer, where the question number is already on screen. */
const NO_NUMBERS = new Map<string, string>();

export function quotesForAnswer(db: Db, responseId: number, questionId: string): QuoteView[] {
  return db
    .all<QuoteRow>(`${SELECT} WHERE q.response_id = ? AND q.question_id = ? AND q.removed_at IS NULL ORDER BY q.id`, [
      responseId,
      questionId,
    ])
    .map((r) => toView(r, NO_NUMBERS));
}

/** Quotes, for one question or all, in question order; removed ones only when asked. */
export function listQuotes(
  db: Db,
  draft: Draft,
  opts: { questionId?: string | undefined; includeRemoved?: boolean | undefined } = {},
): QuoteView[] {
  const qs = analysisQuestions(draft, true);
  const numbers = new Map(qs.map((q) => [q.id, q.number]));
  const order = new Map(qs.map((q, i) => [q.id, i]));
  const where = [opts.includeRemoved ? '1' : 'q.removed_at IS NULL', opts.questionId ? 'q.question_id = ?' : '1'];
  return db
    .all<QuoteRow>(
      `${SELECT} WHERE ${where.join(' AND ')} AND r.status = 'active' ORDER BY q.id`,
      opts.questionId ? [opts.questionId] : [],
    )
    .map((r) => toView(r, numbers))
    .sort((a, b) => (order.get(a.questionId) ?? 1e9) - (order.get(b.questionId) ?? 1e9) || a.id - b.id);
}

export interface MarkQuoteInput {
  responseId: number;
  questionId: string;
  /** A passage of the coded text; the whole answer when left out. */
  passage?: { start: number; end: number } | undefined;
  note?: string | undefined;
  themeIds?: string[] | undefined;
}

export function markQuote(
  file: WorkspaceFile,
  draft: Draft,
  input: MarkQuoteInput,
  now: Date,
  actor: string,
): QuoteView {
  const q = findQuestion(draft, input.questionId);
  const id = file.mutate((db) => {
    const text = requireCodableText(db, q, input.responseId);
    const p = input.passage
      ? passageOf(text, input.passage.start, input.passage.end)
      : { start: null, end: null, text: text.trim() };
    if (!p)
      throw new AppError('invalid-input', 'Select some of the answer’s words to mark them as a quote.', {
        field: 'passage',
      });
    const known = new Set(db.all<{ id: string }>('SELECT id FROM theme').map((t) => t.id));
    const themeIds = (input.themeIds ?? []).filter((t) => known.has(t));
    db.run(
      'INSERT INTO quote (response_id, question_id, start_offset, end_offset, text, note, theme_ids, marked_by, ' +
        'marked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        input.responseId,
        q.id,
        p.start,
        p.end,
        p.text,
        (input.note ?? '').trim(),
        JSON.stringify(themeIds),
        actor,
        now.toISOString(),
      ],
    );
    const quoteId = db.scalar<number>('SELECT max(id) FROM quote')!;
    audit(db, now, actor, 'analysis.quote-mark', `quote ${quoteId}`, {
      responseId: input.responseId,
      questionId: q.id,
    });
    return quoteId;
  });
  return listQuotes(file.db, draft, { includeRemoved: true }).find((x) => x.id === id)!;
}

/** Remove a quote, or put it back (undo). */
export function removeQuote(file: WorkspaceFile, id: number, restore: boolean, now: Date, actor: string): void {
  file.mutate((db) => {
    const r = db.get<{ removed_at: string | null }>('SELECT removed_at FROM quote WHERE id = ?', [id]);
    if (!r) throw new AppError('not-found', 'That quote does not exist.');
    if (restore && r.removed_at) db.run('UPDATE quote SET removed_at = NULL, removed_by = NULL WHERE id = ?', [id]);
    else if (!restore && !r.removed_at)
      db.run('UPDATE quote SET removed_at = ?, removed_by = ? WHERE id = ?', [now.toISOString(), actor, id]);
    else return;
    audit(db, now, actor, restore ? 'analysis.quote-restore' : 'analysis.quote-remove', `quote ${id}`);
  });
}

export function updateQuote(
  file: WorkspaceFile,
  id: number,
  patch: { note?: string | undefined; themeIds?: string[] | undefined },
  now: Date,
  actor: string,
): void {
  file.mutate((db) => {
    if (!db.get('SELECT 1 FROM quote WHERE id = ?', [id]))
      throw new AppError('not-found', 'That quote does not exist.');
    if (patch.note !== undefined) db.run('UPDATE quote SET note = ? WHERE id = ?', [patch.note.trim(), id]);
    if (patch.themeIds !== undefined)
      db.run('UPDATE quote SET theme_ids = ? WHERE id = ?', [JSON.stringify([...new Set(patch.themeIds)]), id]);
    audit(db, now, actor, 'analysis.quote-change', `quote ${id}`);
  });
}
