import { AppError } from '#shared/core/errors';
import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import type { RejectedRowView } from '#shared/domain/responses/store';
import type {
  IntakeChannel,
  ColumnMapping,
  Layout,
  RawTable,
  SourceFormat,
  SourceKind,
} from '#shared/domain/survey-import/types';
import { applyMapping } from '#shared/domain/survey-import/index';
import type { DayOrder } from '#shared/domain/survey-import/values/survey-dates';
import { loadDraft } from '../draft/draft-service';
import { audit } from '../core/audit';
import { validMapping } from '../survey-import/read-survey';
import { answerStorer, insertResponses } from './write-batch';

/**
 * The review list: rows an import could not read, each with the reason and the row as it was.
 * The official fixes values and accepts the row (it is read through its batch's mapping again and
 * becomes a response of that batch) or discards it with a reason. Nothing leaves without a trace.
 */
interface RejectedDbRow {
  id: number;
  batch_id: number;
  source_name: string;
  source_row: number;
  reason: string;
  raw: string;
  status: RejectedRowView['status'];
  response_id: number | null;
  note: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
}

function toView(r: RejectedDbRow): RejectedRowView {
  return {
    id: r.id,
    batchId: r.batch_id,
    sourceName: r.source_name,
    sourceRow: r.source_row,
    reason: r.reason,
    raw: JSON.parse(r.raw) as [string, string][],
    status: r.status,
    responseId: r.response_id,
    note: r.note,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
  };
}

export function listRejected(
  db: Db,
  q: {
    batchId?: number | undefined;
    status?: RejectedRowView['status'] | 'all' | undefined;
    offset?: number | undefined;
    limit?: number | undefined;
  },
): { total: number; rows: RejectedRowView[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (q.batchId) {
    where.push('x.batch_id = ?');
    params.push(q.batchId);
  }
  const status = q.status ?? 'open';
  if (status !== 'all') {
    where.push('x.status = ?');
    params.push(status);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db.scalar<number>(`SELECT count(*) FROM rejected_row x ${w}`, params) ?? 0;
  const rows = db.all<RejectedDbRow>(
    `SELECT x.*, b.source_name FROM rejected_row x JOIN import_batch b ON b.id = x.batch_id ${w} ORDER BY ` +
      `x.batch_id, x.source_row LIMIT ? OFFSET ?`,
    [...params, q.limit ?? 100, q.offset ?? 0],
  );
  return { total, rows: rows.map(toView) };
}

function getRejected(db: Db, id: number): RejectedDbRow {
  const r = db.get<RejectedDbRow>(
    'SELECT x.*, b.source_name FROM rejected_row x JOIN import_batch b ON b.id = x.batch_id WHERE x.id = ?',
    [id],
  );
  if (!r) throw new AppError('not-found', 'That rejected row no longer exists (its batch may have been undone).');
  if (r.status !== 'open')
    throw new AppError(
      'conflict',
      `That row was already ${r.status} on ${r.resolved_at?.slice(0, 10) ?? ''} by ${r.resolved_by ?? 'someone'}.`,
    );
  return r;
}

/** Accept a fixed row: it is mapped as its batch was, and becomes a response of that batch. */
export function acceptRejected(
  file: WorkspaceFile,
  id: number,
  values: [string, string][],
  now: Date,
  actor: string,
): { responseId: number } {
  return file.mutate((db) => {
    const row = getRejected(db, id);
    const batch = db.get<{
      id: number;
      mapping: string | null;
      details: string;
      source_kind: string;
      channel: string;
      format: string;
    }>('SELECT id, mapping, details, source_kind, channel, format FROM import_batch WHERE id = ?', [row.batch_id])!;
    if (!batch.mapping)
      throw new AppError(
        'invalid-input',
        'This row came from a file with no column mapping, so it cannot be read again. Type it in as a letter instead.',
      );
    const details = JSON.parse(batch.details) as { headers?: string[]; dayOrder?: DayOrder };
    const headers = details.headers ?? [];
    const original = JSON.parse(row.raw) as [string, string][];
    if (values.length !== original.length || values.some(([h], i) => h !== original[i]![0])) {
      throw new AppError(
        'invalid-input',
        'The fixed row must have the same columns as the rejected row, in the same order.',
      );
    }
    const draft = loadDraft(db);
    const mapping = validMapping(JSON.parse(batch.mapping) as ColumnMapping, draft, headers.length).mapping;
    const cells = values.map(([, v]) => v);
    const table: RawTable = {
      fileName: row.source_name,
      format: (['csv', 'xlsx', 'xls', 'ods', 'html'].includes(batch.format) ? batch.format : 'csv') as SourceFormat,
      cells: [cells],
      rowNumbers: [row.source_row],
      columnCount: cells.length,
      warnings: [],
    };
    const layout: Layout = {
      source: batch.source_kind as SourceKind,
      headerRowCount: 0,
      headerStart: 0,
      dataStart: 0,
      columns: headers.map((h, i) => ({
        index: i,
        header: h,
        headerParts: [h],
        role: 'question',
        because: 'from the batch',
      })),
      multiSeparator: ';',
      notes: [],
    };
    const result = applyMapping(table, layout, mapping, draft, {
      channel: batch.channel as IntakeChannel,
      ...(details.dayOrder ? { dayOrder: details.dayOrder } : {}),
    });
    if (result.rejected.length || !result.responses.length) {
      const why = result.rejected[0]?.reason ?? 'The row is blank.';
      throw new AppError('invalid-input', `The row still cannot be read: ${why}`, { field: 'row' });
    }
    const r = result.responses[0]!;
    const store = answerStorer(draft);
    const { firstResponseId } = insertResponses(
      db,
      batch.id,
      [
        {
          sourceRow: r.sourceRow,
          externalId: r.externalId,
          submittedAt: r.submittedAt,
          startedAt: r.startedAt,
          channel: r.channel,
          respondent: r.respondent,
          answers: r.answers.map(store),
          issues: r.issues,
        },
      ],
      { now, actor },
    );
    db.run(
      "UPDATE rejected_row SET status = 'accepted', response_id = ?, resolved_at = ?, resolved_by = ? WHERE id = ?",
      [firstResponseId, now.toISOString(), actor, id],
    );
    db.run('UPDATE import_batch SET imported_count = imported_count + 1 WHERE id = ?', [batch.id]);
    const changed = values.flatMap(([h, v], i) =>
      v !== original[i]![1] ? [{ column: h, old: original[i]![1], new: v }] : [],
    );
    audit(db, now, actor, 'responses.accept-rejected', `batch ${batch.id} row ${row.source_row}`, {
      responseId: firstResponseId,
      changed,
    });
    return { responseId: firstResponseId };
  });
}

export function discardRejected(file: WorkspaceFile, id: number, reason: string, now: Date, actor: string): void {
  if (!reason.trim()) throw new AppError('invalid-input', 'Give a reason for discarding the row.', { field: 'reason' });
  file.mutate((db) => {
    const row = getRejected(db, id);
    db.run("UPDATE rejected_row SET status = 'discarded', note = ?, resolved_at = ?, resolved_by = ? WHERE id = ?", [
      reason.trim(),
      now.toISOString(),
      actor,
      id,
    ]);
    audit(db, now, actor, 'responses.discard-rejected', `batch ${row.batch_id} row ${row.source_row}`, {
      reason: reason.trim(),
    });
  });
}
