import { AppError } from '#shared/core/errors';
import type { Db } from '../core/db/database';
import { answerOptions, orderedQuestions, questionNumbers, type Draft } from '#shared/domain/draft/model';
import type { IntakeChannel, ResponseIssue } from '#shared/domain/survey-import/types';
import {
  GENERAL_COMMENTS_ID,
  GENERAL_COMMENTS_LABEL,
  type AnswerView,
  type CorrectionView,
  type ResponseDetail,
  type ResponseFilters,
  type ResponseList,
  type ResponseListRow,
  type ResponseSource,
  type ResponseStatus,
} from '#shared/domain/responses/store';
import { filterSql } from './filters';
import { answersOf } from './answer-ids';
import { detailsFromRow, RESPONDENT_SELECT_COLUMNS } from './respondent-columns';

/**
 * Browsing: a page of responses for the virtualised table (offset + limit, so 100,000 rows are
 * never sent at once), the total for its scroll height, and one response in full with its answers
 * as the draft now numbers them, its corrections, campaigns and duplicate groups.
 */
export interface ListQuery {
  filters?: ResponseFilters | undefined;
  offset: number;
  limit: number;
  order?: 'asc' | 'desc' | undefined;
}

interface ListDbRow {
  id: number;
  batch_id: number;
  source_name: string;
  source_row: number | null;
  channel: string;
  submitted_at: string | null;
  status: string;
  name: string | null;
  organisation: string | null;
  respondent_type: string | null;
  region: string | null;
  is_organisation: number;
  has_personal: number;
  confidential_requested: number;
  answered: number;
  campaigns: string | null;
  excerpt: string | null;
}

export function countResponses(db: Db, filters: ResponseFilters = {}): number {
  const f = filterSql(filters);
  const w = f.where.length ? `WHERE ${f.where.join(' AND ')}` : '';
  return (
    db.scalar<number>(`SELECT count(*) FROM response r JOIN respondent p ON p.id = r.respondent_id ${w}`, f.params) ?? 0
  );
}

export function listResponses(db: Db, q: ListQuery): ResponseList {
  const f = filterSql(q.filters);
  const w = f.where.length ? `WHERE ${f.where.join(' AND ')}` : '';
  const total = countResponses(db, q.filters);
  const rows = db.all<ListDbRow>(
    `SELECT r.id, r.batch_id, b.source_name, r.source_row, r.channel, r.submitted_at, r.status,
            p.name, p.organisation, p.respondent_type, p.region, p.is_organisation, p.has_personal,
            p.confidential_requested,
            (SELECT count(*) FROM answer a WHERE ${answersOf('a', 'r.id')}) AS answered,
            (SELECT group_concat(m.campaign_id) FROM campaign_member m JOIN campaign c ON c.id = m.campaign_id
              WHERE m.response_id = r.id AND m.removed_at IS NULL AND c.status <> 'rejected') AS campaigns,
            (SELECT substr(coalesce(nullif(trim(a.text), ''), nullif(trim(a.explanation), ''),
                nullif(trim(a.other_text), '')), 1, 200)
              FROM answer a WHERE ${answersOf('a', 'r.id')}
                AND (a.text <> '' OR nullif(trim(a.explanation), '') IS NOT NULL
                  OR nullif(trim(a.other_text), '') IS NOT NULL)
              ORDER BY a.id LIMIT 1) AS excerpt
     FROM response r JOIN respondent p ON p.id = r.respondent_id JOIN import_batch b ON b.id = r.batch_id
     ${w} ORDER BY r.id ${q.order === 'desc' ? 'DESC' : 'ASC'} LIMIT ? OFFSET ?`,
    [...f.params, q.limit, q.offset],
  );
  return { total, offset: q.offset, rows: rows.map(toListRow) };
}

function toListRow(r: ListDbRow): ResponseListRow {
  return {
    id: r.id,
    batchId: r.batch_id,
    sourceName: r.source_name,
    sourceRow: r.source_row,
    channel: r.channel as IntakeChannel,
    submittedAt: r.submitted_at,
    status: r.status as ResponseStatus,
    name: r.name,
    organisation: r.organisation,
    respondentType: r.respondent_type,
    region: r.region,
    isOrganisation: r.is_organisation === 1,
    hasPersonalData: r.has_personal === 1,
    confidential: r.confidential_requested === 1,
    answered: r.answered,
    campaignIds: r.campaigns ? r.campaigns.split(',').map(Number) : [],
    excerpt: (r.excerpt ?? '').replace(/\s+/g, ' ').trim(),
  };
}

/** Number and text of each question (and the general-comments pseudo-question), for labelling answers. */
export function questionLabels(
  draft: Draft,
): Map<string, { number: string; text: string; options: Map<string, string>; order: number }> {
  const nums = questionNumbers(draft);
  const out = new Map<string, { number: string; text: string; options: Map<string, string>; order: number }>();
  orderedQuestions(draft).forEach((q, i) =>
    out.set(q.id, {
      number: nums.get(q.id) ?? '',
      text: q.text,
      options: new Map(answerOptions(q).map((o) => [o.id, o.label])),
      order: i,
    }),
  );
  out.set(GENERAL_COMMENTS_ID, { number: '', text: GENERAL_COMMENTS_LABEL, options: new Map(), order: 1e6 });
  return out;
}

interface AnswerDbRow {
  id: number;
  question_id: string;
  option_ids: string | null;
  text: string;
  other_text: string | null;
  explanation: string | null;
  unmatched: string | null;
  value: string | null;
}

export function answerViews(db: Db, responseId: number, draft: Draft): AnswerView[] {
  const labels = questionLabels(draft);
  const rows = db.all<AnswerDbRow>(
    `SELECT id, question_id, option_ids, text, other_text, explanation, unmatched, value FROM answer a ` +
      `WHERE ${answersOf('a', '?')}`,
    [responseId, responseId],
  );
  return rows
    .map((a) => {
      const l = labels.get(a.question_id);
      const optionIds = a.option_ids ? (JSON.parse(a.option_ids) as string[]) : [];
      const v: AnswerView = {
        id: a.id,
        questionId: a.question_id,
        optionIds,
        text: a.text,
        number: l?.number ?? '',
        questionText: l?.text ?? 'A question that is no longer in the consultation',
        optionLabels: optionIds.map((id) => l?.options.get(id) ?? id),
        value: a.value,
      };
      if (a.other_text !== null) v.otherText = a.other_text;
      if (a.explanation !== null) v.explanation = a.explanation;
      if (a.unmatched) v.unmatched = JSON.parse(a.unmatched) as string[];
      return { v, order: l?.order ?? 2e6 };
    })
    .sort((x, y) => x.order - y.order || x.v.id - y.v.id)
    .map((x) => x.v);
}

export function responseDetail(db: Db, id: number, draft: Draft): ResponseDetail {
  const respondentColumns = RESPONDENT_SELECT_COLUMNS.split(', ')
    .map((c) => `p.${c}`)
    .join(', ');
  const r = db.get<Record<string, string | number | null>>(
    `SELECT r.*, b.source_name, b.format, b.imported_at, b.details AS batch_details, p.id AS respondent_id,
            ${respondentColumns},
            p.is_organisation, p.confidential_requested, p.has_personal, m.canonical_name AS canonical_organisation
     FROM response r JOIN respondent p ON p.id = r.respondent_id JOIN import_batch b ON b.id = r.batch_id
     LEFT JOIN organisation_merge m ON m.variant_key = p.org_key AND m.reverted_at IS NULL
     WHERE r.id = ?`,
    [id],
  );
  if (!r) throw new AppError('not-found', `There is no response ${id}. Its batch may have been undone.`);
  const corrections = db
    .all<{
      id: number;
      target: CorrectionView['target'];
      question_id: string | null;
      field: string;
      old_value: string | null;
      new_value: string | null;
      reason: string;
      at: string;
      by: string;
    }>('SELECT * FROM response_correction WHERE response_id = ? ORDER BY at DESC, id DESC', [id])
    .map((c) => ({
      id: c.id,
      target: c.target,
      questionId: c.question_id,
      field: c.field,
      oldValue: c.old_value,
      newValue: c.new_value,
      reason: c.reason,
      at: c.at,
      by: c.by,
    }));
  const campaigns = db
    .all<{ id: number; status: string; addition: string; removed_at: string | null }>(
      'SELECT c.id, c.status, m.addition, m.removed_at FROM campaign_member m JOIN campaign c ON c.id = ' +
        'm.campaign_id WHERE m.response_id = ? ORDER BY c.id',
      [id],
    )
    .map((c) => ({
      id: c.id,
      status: c.status as ResponseDetail['campaigns'][number]['status'],
      addition: c.addition,
      removed: c.removed_at !== null,
    }));
  const duplicateGroups = db
    .all<{ id: number; kind: string; status: string }>(
      'SELECT g.id, g.kind, g.status FROM duplicate_member d JOIN duplicate_group g ON g.id = d.group_id WHERE ' +
        'd.response_id = ? ORDER BY g.id',
      [id],
    )
    .map((g) => ({
      id: g.id,
      kind: g.kind as 'exact' | 'same-person',
      status: g.status as 'open' | 'resolved' | 'dismissed',
    }));
  const canonical = r['canonical_organisation'] as string | null;
  return {
    id,
    batch: {
      id: r['batch_id'] as number,
      sourceName: r['source_name'] as string,
      format: r['format'] as ResponseDetail['batch']['format'],
      importedAt: r['imported_at'] as string,
    },
    sourceRow: r['source_row'] as number | null,
    channel: r['channel'] as IntakeChannel,
    externalId: r['external_id'] as string | null,
    submittedAt: r['submitted_at'] as string | null,
    startedAt: r['started_at'] as string | null,
    status: r['status'] as ResponseStatus,
    duplicateOf: r['duplicate_of'] as number | null,
    respondent: {
      id: r['respondent_id'] as number,
      fields: detailsFromRow(r),
      isOrganisation: r['is_organisation'] === 1,
      confidentialRequested: r['confidential_requested'] === 1,
      hasPersonalData: r['has_personal'] === 1,
      canonicalOrganisation: canonical && canonical !== r['organisation'] ? canonical : null,
    },
    answers: answerViews(db, id, draft),
    issues: r['issues'] ? (JSON.parse(r['issues'] as string) as ResponseIssue[]) : [],
    source: r['source'] ? (JSON.parse(r['source'] as string) as ResponseSource) : null,
    kept: keptCells(r['extra'] as string | null, r['batch_details'] as string | null),
    campaigns,
    duplicateGroups,
    corrections,
  };
}

/** A response's cells kept as received, under the batch's headers. */
export function keptCells(extra: string | null, batchDetails: string | null): { header: string; value: string }[] {
  if (!extra) return [];
  const headers = ((batchDetails ? (JSON.parse(batchDetails) as { headers?: string[] }).headers : undefined) ??
    []) as string[];
  return (JSON.parse(extra) as [number, string][]).map(([i, value]) => ({
    header: headers[i] || `Column ${i + 1}`,
    value,
  }));
}
