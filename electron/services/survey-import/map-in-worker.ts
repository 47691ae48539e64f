import { AppError, type AppErrorShape } from '#shared/core/errors';
import type { Draft } from '#shared/domain/draft/model';
import type { RejectedRow } from '#shared/domain/survey-import/types';
import {
  finishedBatch,
  mapSurvey,
  planSurvey,
  type PlannedQuestions,
  type SurveyPlan,
  type SurveyPlanRequest,
} from './plan-survey';
import { ResponseRows, type BatchRecord, type FirstIds, type RowSink } from '../responses/write-batch';
import type { SavedMappingRow } from './read-survey';
import type { SourceFile } from '../responses/source-files';
import type { MessagePort } from 'node:worker_threads';
import { AckWindow } from '../core/workers/ack-window';
import { GarbageBound, releaseBytes } from '../core/heap';

/**
 * One survey export turned into the statements that store it, without a database: run in an
 * import worker thread (backend/task-worker.ts) while the thread that holds the workspace runs the
 * statements as they arrive (survey-import/import-survey.ts), so reading and mapping the file overlaps with
 * writing it. Run in the same thread when there is no worker (tests, the CLI from source): the
 * same code, the same statements.
 *
 * Messages, in order: `planned` (or `error`), then `rows` after each slice of the file, then
 * `end` (or `error`). Statements are complete multi-row INSERTs, numbered from the ids the job
 * gives, so the receiver only runs them.
 */
export interface SurveyStreamJob {
  file: Pick<SourceFile, 'path' | 'name' | 'bytes' | 'sha256' | 'type' | 'data'>;
  req: SurveyPlanRequest;
  draft: Draft;
  /** Every saved mapping, by fingerprint (the worker cannot look them up). */
  saved: [string, SavedMappingRow][];
  /** Respondent columns the schema marks as personal. */
  personal: string[];
  batchId: number;
  first: FirstIds;
  /** created_at of every response. */
  at: string;
}

export type SurveyStreamMessage =
  | {
      type: 'planned';
      warnings: string[];
      questions: Pick<PlannedQuestions, 'created' | 'sectionId' | 'newSectionTitle'> | null;
      batch: BatchRecord;
      mappingToSave: SurveyPlan['mappingToSave'] | null;
      total: number;
    }
  | { type: 'rows'; sql: string[]; ops: [number, (string | number | null)[]][]; done: number; total: number }
  | { type: 'end'; batch: BatchRecord; count: number; rejected: RejectedRow[]; unmatchedValues: number }
  | { type: 'error'; error: AppErrorShape };

/** Statements collected to be sent: each distinct SQL once per message, then indices. */
class OpCollector implements RowSink {
  sql: string[] = [];
  ops: [number, (string | number | null)[]][] = [];
  private index = new Map<string, number>();
  run(sql: string, values: (string | number | null)[]): void {
    let i = this.index.get(sql);
    if (i === undefined) {
      i = this.sql.length;
      this.sql.push(sql);
      this.index.set(sql, i);
    }
    this.ops.push([i, values]);
  }
  take(): { sql: string[]; ops: [number, (string | number | null)[]][] } {
    const out = { sql: this.sql, ops: this.ops };
    this.sql = [];
    this.ops = [];
    this.index.clear();
    return out;
  }
}

export function errorShape(e: unknown): AppErrorShape {
  if (e instanceof AppError) return e.toShape();
  const detail = (e as Error)?.message ?? String(e);
  return {
    code: 'internal',
    message: `Something went wrong while reading the file (${detail}). Nothing was imported.`,
  };
}

/**
 * Runs a job, handing each message to `post`. Never throws: a failure is the last message.
 * `afterRows` is awaited after each `rows` message (a worker waits there while the writer is
 * more than a few slices behind, so unwritten rows do not pile up in memory).
 */
export async function produceSurveyRows(
  job: SurveyStreamJob,
  post: (m: SurveyStreamMessage) => void,
  signal?: AbortSignal,
  afterRows?: () => Promise<void>,
): Promise<void> {
  try {
    const file = { ...job.file } as SourceFile;
    // The job must not keep the bytes alive once planSurvey has read them into the table (176 MB for a 100,000-response
    // export, held until the last row was written).
    job.file.data = new Uint8Array(0);
    const plan = planSurvey(file, job.req, job.draft, new Map(job.saved), true);
    post({
      type: 'planned',
      warnings: plan.warnings,
      questions: plan.questions,
      batch: plan.batch,
      mappingToSave: plan.mappingToSave ?? null,
      total: plan.batch.rowsRead,
    });
    const sink = new OpCollector();
    const rows = new ResponseRows(sink, job.batchId, job.first, new Set(job.personal), job.at);
    const result = await mapSurvey(
      plan,
      job.req,
      { signal, onSlice: (done, total) => post({ type: 'rows', ...sink.take(), done, total }), afterSlice: afterRows },
      (r) => rows.add(r),
    );
    rows.flush();
    const last = sink.take();
    if (last.ops.length) post({ type: 'rows', ...last, done: plan.batch.rowsRead, total: plan.batch.rowsRead });
    const batch = finishedBatch(plan, result, rows.count);
    post({
      type: 'end',
      batch,
      count: rows.count,
      rejected: result.rejected,
      unmatchedValues: result.unmatchedValues.reduce((s, u) => s + u.count, 0),
    });
  } catch (e) {
    post({ type: 'error', error: errorShape(e) });
  }
}

/** Slices of rows mapped but not yet written before the worker waits for the writer. */
const ROWS_AHEAD = 3;

/**
 * Garbage the worker may carry before it collects: about three slices' worth at 100,000 responses, where it collects
 * five times, each a pause of 60–150 ms (the table still held is marked).
 */
const GARBAGE_SLACK = 64 * 2 ** 20;

/**
 * The task worker's side of a streamed import: runs the job, posting each message to the thread
 * that holds the workspace, which acknowledges each slice it has written ({ written: n }). Once the
 * file is planned its bytes (transferred here) are freed, and the worker's heap is kept near what it
 * still holds while the table is let go a slice at a time (core/heap.ts).
 */
export function serveSurveyRows(job: SurveyStreamJob, port: MessagePort): void {
  const window = new AckWindow(ROWS_AHEAD);
  const bytes = job.file.data;
  const heap = new GarbageBound(GARBAGE_SLACK);
  const onAck = (m: { written: number }) => window.ack(m.written);
  port.on('message', onAck);
  void produceSurveyRows(
    job,
    (m) => {
      if (m.type === 'rows') window.send();
      port.postMessage(m);
      // The file is read into the table: its bytes are not needed again.
      if (m.type === 'planned') releaseBytes(bytes);
    },
    undefined,
    () => {
      heap.check();
      return window.room();
    },
  ).finally(() => port.off('message', onAck));
}
