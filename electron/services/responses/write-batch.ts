import type { Db } from '../core/db/database';
import { AppError } from '#shared/core/errors';
import { answerOptions, CLOSED_TYPES, OTHER_OPTION_ID, type Draft } from '#shared/domain/draft/model';
import type {
  IntakeChannel,
  ColumnMapping,
  NormalisedAnswer,
  RejectedRow,
  ResponseIssue,
} from '#shared/domain/survey-import/types';
import type { BatchFormat, BatchSummary, RespondentDetails, ResponseSource } from '#shared/domain/responses/store';
import { audit } from '../core/audit';
import {
  personalColumns,
  pushRespondentValues,
  RESPONDENT_INSERT_COLUMNS,
  RESPONDENT_INSERT_PREFIX,
  respondentRow,
} from './respondent-columns';
import { indexAnswersFrom, indexRespondentsFrom } from './search-index';
import { deferIndexing } from './search-backlog';
import { ANSWER_SLOTS, firstAnswerId } from './answer-ids';

/**
 * Writes one batch — the batch record, its respondents, responses and answers, its rejected rows,
 * and their search index entries — inside the caller's mutation, so it is all there or none of it
 * is. Ids are assigned here from the AUTOINCREMENT sequences (never reused), which lets the search
 * index be built for the whole batch with one INSERT … SELECT per index.
 */
export interface StoredAnswer {
  questionId: string;
  optionIds: string[];
  /** Free text: the open answer, or closed values that matched no option. */
  text: string;
  otherText?: string | undefined;
  explanation?: string | undefined;
  unmatched?: string[] | undefined;
  /** Closed questions: the cell as received. */
  value?: string | undefined;
}

export interface IncomingResponse {
  sourceRow: number | null;
  externalId?: string | undefined;
  submittedAt?: string | undefined;
  startedAt?: string | undefined;
  channel: IntakeChannel;
  respondent: RespondentDetails;
  answers: StoredAnswer[];
  issues: ResponseIssue[];
  source?: ResponseSource | undefined;
  /** Cells kept as received ([column index, value]: the batch's headers name the columns). */
  extra?: [number, string][] | undefined;
}

export interface BatchRecord {
  sourceName: string;
  sha256: string | null;
  channel: IntakeChannel;
  format: BatchFormat;
  sourceKind: BatchSummary['sourceKind'];
  fingerprint: string | null;
  mapping: ColumnMapping | null;
  /** Encoding, delimiter, sheet, header rows, warnings, blank rows: shown with the batch. */
  details: Record<string, unknown>;
  rowsRead: number;
  blankCount: number;
}

export interface WriteContext {
  now: Date;
  actor: string;
  /** Called every few thousand responses (the write cannot be cancelled, but it can say how far it is). */
  progress?: (done: number, total: number) => void;
  /**
   * Leave a large batch's search index to the backlog (search-backlog.ts), built after the import
   * returns: the app's backend does this; the CLI and tests index at once.
   */
  deferSearchIndex?: boolean | undefined;
  /** Let go of each response once written (the caller will not look at them again). */
  release?: boolean | undefined;
}

/** Batches smaller than this are indexed at once even when indexing may be deferred (under a quarter of a second). */
export const DEFER_INDEX_FROM = 5000;

/**
 * Turns mapped survey answers into stored answers for a draft. Closed answers keep the cell as it
 * was received in `value` — unless the chosen options (and "Other" text) say exactly the same, in
 * the same order ("Tablet;Smart TV;" is Tablet then Smart TV): most cells, and storing them again
 * would add a third of the import's string writes.
 */
export function answerStorer(draft: Pick<Draft, 'questions'>): (a: NormalisedAnswer) => StoredAnswer {
  const labels = new Map<string, Map<string, string>>();
  for (const q of draft.questions)
    if (CLOSED_TYPES.has(q.type)) labels.set(q.id, new Map(answerOptions(q).map((o) => [o.id, o.label])));
  return (a) => {
    const opts = labels.get(a.questionId);
    if (!opts)
      return {
        questionId: a.questionId,
        optionIds: a.optionIds,
        text: a.text,
        otherText: a.otherText,
        explanation: a.explanation,
        unmatched: a.unmatched,
      };
    return {
      questionId: a.questionId,
      optionIds: a.optionIds,
      text: a.unmatched?.length ? a.unmatched.join('; ') : '',
      otherText: a.otherText,
      explanation: a.explanation,
      unmatched: a.unmatched,
      value: a.text && !sayTheSame(a, opts) ? a.text : undefined,
    };
  };
}

function sayTheSame(a: NormalisedAnswer, labels: ReadonlyMap<string, string>): boolean {
  if (a.unmatched?.length) return false;
  const expected = a.optionIds.map((id) =>
    id === OTHER_OPTION_ID && a.otherText !== undefined ? a.otherText : (labels.get(id) ?? '\u0000'),
  );
  if (expected.length === 1 && a.text.trim() === expected[0]) return true;
  const pieces = a.text
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return pieces.length === expected.length && pieces.every((p, i) => p === expected[i]);
}

/** The next id a table will give (AUTOINCREMENT tables never give an id twice; others give max + 1). */
export function nextId(db: Db, table: string): number {
  const seq = db.scalar<number>('SELECT seq FROM sqlite_sequence WHERE name = ?', [table]);
  const max = db.scalar<number>(`SELECT max(id) FROM ${table}`);
  return Math.max(seq ?? 0, max ?? 0) + 1;
}

const RESPONSE_INSERT_PREFIX =
  'INSERT INTO response (id, batch_id, respondent_id, channel, external_id, source_row, submitted_at, ' +
  'started_at, issues, source, extra, created_at)';
const RESPONSE_INSERT_COLUMNS = 12;
const REJECTED_INSERT = 'INSERT INTO rejected_row (batch_id, source_row, reason, raw) VALUES (?, ?, ?, ?)';

/**
 * Rows are written several to a statement, all the same shape: SQLite's cost per statement (the
 * AUTOINCREMENT sequence is read and written back once per statement, not per row) and the call
 * into WASM are shared by the rows, and with values bound through the C API (db/fast-run.ts) a
 * NULL costs nothing, so answers need no statement per combination of fields. 64 answers (or 32
 * responses) a statement measured fastest: more gained nothing.
 */
const ANSWERS_PER_STATEMENT = 64;
const RESPONSES_PER_STATEMENT = 32;
const ANSWER_COLUMNS = 8;

const multiRowSql = new Map<string, string>();
/** `INSERT … VALUES (?, …), (?, …)…`: `rows` rows of `columns` values (the SQL made once per shape). */
export function multiRow(insert: string, columns: number, rows: number): string {
  const key = `${rows}\u0000${insert}`;
  let sql = multiRowSql.get(key);
  if (!sql) {
    const row = `(${new Array<string>(columns).fill('?').join(', ')})`;
    sql = `${insert} VALUES ${new Array<string>(rows).fill(row).join(', ')}`;
    multiRowSql.set(key, sql);
  }
  return sql;
}

const ANSWER_INSERT =
  'INSERT INTO answer (id, question_id, option_ids, text, other_text, explanation, unmatched, value)';

/** Where rows are written: the database, or a list of statements to send to it (an import worker). */
export interface RowSink {
  run(sql: string, values: (string | number | null)[]): void;
}

/** Values waiting to be written as one multi-row INSERT. */
class RowBuffer {
  values: (string | number | null)[] = [];
  rows = 0;
  constructor(
    private readonly sink: RowSink,
    private readonly insert: string,
    private readonly columns: number,
  ) {}
  flush(): void {
    if (!this.rows) return;
    this.sink.run(multiRow(this.insert, this.columns, this.rows), this.values);
    this.values = [];
    this.rows = 0;
  }
}

/** Queues one response's answers, numbered from `firstId` on. */
function queueAnswers(buf: RowBuffer, firstId: number, answers: readonly StoredAnswer[]): void {
  if (answers.length > ANSWER_SLOTS)
    throw new AppError(
      'invalid-input',
      `A response has ${answers.length} answers; at most ${ANSWER_SLOTS} are kept per response.`,
    );
  for (let k = 0; k < answers.length; k++) {
    const a = answers[k]!;
    buf.values.push(
      firstId + k,
      a.questionId,
      a.optionIds.length ? JSON.stringify(a.optionIds) : null,
      a.text,
      blankToNull(a.otherText),
      blankToNull(a.explanation),
      a.unmatched?.length ? JSON.stringify(a.unmatched) : null,
      blankToNull(a.value),
    );
    if (++buf.rows === ANSWERS_PER_STATEMENT) buf.flush();
  }
}

const blankToNull = (s: string | undefined): string | null => (s === undefined || s === '' ? null : s);

/** The batch record alone (also used for a typed letter). Returns its id. */
export function insertBatchRecord(
  db: Db,
  b: BatchRecord,
  imported: number,
  rejected: number,
  ctx: Pick<WriteContext, 'now' | 'actor'>,
): number {
  const id = nextId(db, 'import_batch');
  db.run(
    'INSERT INTO import_batch (id, source_name, sha256, channel, format, source_kind, fingerprint, mapping, ' +
      'details, rows_read, imported_count, rejected_count, blank_count, imported_at, imported_by) VALUES (?, ?, ?, ' +
      '?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [
      id,
      b.sourceName,
      b.sha256,
      b.channel,
      b.format,
      b.sourceKind,
      b.fingerprint,
      b.mapping ? JSON.stringify(b.mapping) : null,
      JSON.stringify(b.details),
      b.rowsRead,
      imported,
      rejected,
      b.blankCount,
      ctx.now.toISOString(),
      ctx.actor,
    ],
  );
  return id;
}

/** The first ids a batch's respondents and responses will take. */
export interface FirstIds {
  respondent: number;
  response: number;
}

export const firstIdsOf = (db: Db): FirstIds => ({
  respondent: nextId(db, 'respondent'),
  response: nextId(db, 'response'),
});

/**
 * A batch's respondents, responses and answers as multi-row INSERTs into a sink, numbered on from
 * `first`: the same statements whether they run here or are built in an import worker and run
 * by the thread that holds the database (survey-import/import-survey.ts).
 */
export class ResponseRows {
  private readonly respondents: RowBuffer;
  private readonly rows: RowBuffer;
  private readonly answers: RowBuffer;
  count = 0;

  constructor(
    sink: RowSink,
    private readonly batchId: number,
    private readonly first: FirstIds,
    private readonly personal: ReadonlySet<string>,
    private readonly at: string,
  ) {
    this.respondents = new RowBuffer(sink, RESPONDENT_INSERT_PREFIX, RESPONDENT_INSERT_COLUMNS);
    this.rows = new RowBuffer(sink, RESPONSE_INSERT_PREFIX, RESPONSE_INSERT_COLUMNS);
    this.answers = new RowBuffer(sink, ANSWER_INSERT, ANSWER_COLUMNS);
  }

  add(r: IncomingResponse): void {
    const respondentId = this.first.respondent + this.count;
    const responseId = this.first.response + this.count;
    this.count++;
    pushRespondentValues(
      this.respondents.values,
      respondentId,
      this.batchId,
      respondentRow(r.respondent, this.personal),
    );
    this.respondents.rows++;
    this.rows.values.push(
      responseId,
      this.batchId,
      respondentId,
      r.channel,
      blankToNull(r.externalId),
      r.sourceRow,
      blankToNull(r.submittedAt),
      blankToNull(r.startedAt),
      r.issues.length ? JSON.stringify(r.issues) : null,
      r.source ? JSON.stringify(r.source) : null,
      r.extra?.length ? JSON.stringify(r.extra) : null,
      this.at,
    );
    if (++this.rows.rows === RESPONSES_PER_STATEMENT) this.flushResponses();
    queueAnswers(this.answers, firstAnswerId(responseId), r.answers);
  }

  /** Write what is still queued. */
  flush(): void {
    this.flushResponses();
    this.answers.flush();
  }

  // A response refers to its respondent (a foreign key checked row by row): respondents go first.
  private flushResponses(): void {
    this.respondents.flush();
    this.rows.flush();
  }
}

/** The search index for a batch's rows: built now, or left to the backlog (WriteContext.deferSearchIndex). */
export function indexBatchRows(db: Db, first: FirstIds, count: number, deferSearchIndex: boolean | undefined): void {
  if (count > 0 && deferSearchIndex && count >= DEFER_INDEX_FROM) {
    deferIndexing(db, 'respondent', first.respondent, first.respondent + count - 1);
    deferIndexing(
      db,
      'answer',
      firstAnswerId(first.response),
      firstAnswerId(first.response + count - 1) + ANSWER_SLOTS - 1,
    );
  } else if (count > 0) {
    indexRespondentsFrom(db, first.respondent);
    indexAnswersFrom(db, firstAnswerId(first.response));
  }
}

/** Insert responses (with respondents and answers) into an existing batch. Returns the first response id. */
export function insertResponses(
  db: Db,
  batchId: number,
  responses: readonly IncomingResponse[],
  ctx: WriteContext,
): { firstResponseId: number; count: number } {
  const first = firstIdsOf(db);
  const rows = new ResponseRows(db, batchId, first, personalColumns(db, 'respondent'), ctx.now.toISOString());
  const total = responses.length;
  for (let i = 0; i < total; i++) {
    rows.add(responses[i]!);
    if (ctx.release) (responses as (IncomingResponse | undefined)[])[i] = undefined;
    if (ctx.progress && (i + 1) % 5000 === 0) ctx.progress(i + 1, total);
  }
  rows.flush();
  indexBatchRows(db, first, total, ctx.deferSearchIndex);
  return { firstResponseId: first.response, count: total };
}

/** Rejected rows of a batch, kept with the reason and the raw row. */
function insertRejected(db: Db, batchId: number, rejected: readonly RejectedRow[]): void {
  for (const r of rejected)
    db.run(REJECTED_INSERT, [batchId, r.sourceRow, r.reason, JSON.stringify(Object.entries(r.raw))]);
}

/** After a batch's rows: its rejected rows and the audit entry. */
export function closeBatch(
  db: Db,
  batchId: number,
  batch: BatchRecord,
  imported: number,
  rejected: readonly RejectedRow[],
  ctx: Pick<WriteContext, 'now' | 'actor'>,
): void {
  insertRejected(db, batchId, rejected);
  audit(db, ctx.now, ctx.actor, 'responses.import', `batch ${batchId}`, {
    source: batch.sourceName,
    sha256: batch.sha256,
    format: batch.format,
    imported,
    rejected: rejected.length,
  });
}

/** A whole batch: record, responses, rejected rows, audit entry. Call inside one mutation. */
export function writeBatch(
  db: Db,
  batch: BatchRecord,
  responses: readonly IncomingResponse[],
  rejected: readonly RejectedRow[],
  ctx: WriteContext,
): { batchId: number; firstResponseId: number } {
  const batchId = insertBatchRecord(db, batch, responses.length, rejected.length, ctx);
  const { firstResponseId } = insertResponses(db, batchId, responses, ctx);
  closeBatch(db, batchId, batch, responses.length, rejected, ctx);
  return { batchId, firstResponseId };
}
