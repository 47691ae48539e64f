import type { ImportedColumn } from '#shared/domain/survey-import/plan/column-report';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { AppError, type AppErrorShape } from '#shared/core/errors';
import type { ImportOutcome } from '#shared/domain/responses/store';
import type { WorkspaceFile } from '../core/db/workspace-file';
import type { Draft } from '#shared/domain/draft/model';
import { audit } from '../core/audit';
import type { SourceFile } from '../responses/source-files';
import { savedMappingRows } from './read-survey';
import { addPlannedQuestions, type AddQuestions, type SurveyPlanRequest } from './plan-survey';
import { errorShape, produceSurveyRows, type SurveyStreamJob, type SurveyStreamMessage } from './map-in-worker';
import { closeBatch, firstIdsOf, indexBatchRows, insertBatchRecord, nextId } from '../responses/write-batch';
import { indexAnswersWrittenAfter, indexRespondentsFrom } from '../responses/search-index';
import { firstAnswerId } from '../responses/answer-ids';
import { personalColumns } from '../responses/respondent-columns';
import { saveMapping } from './saved-mappings';
import type { WorkerSpec } from '../core/workers/worker-spec';

/**
 * A single survey export imported with its reading and mapping in the task worker
 * (backend/task-worker.ts running survey-import/map-in-worker.ts) while this thread, which holds the workspace,
 * runs the statements the worker sends as they arrive: on two cores the file is read and mapped
 * while it is written. The write is one transaction from the first row to the last
 * (mutateAsync), so a cancel, a statement that fails, or the worker failing leaves nothing
 * behind. Without a worker (tests, the CLI run from source) the same steps run in this thread.
 */
export interface StreamEnv {
  now: Date;
  actor: string;
  signal?: AbortSignal | undefined;
  progress?: ((done: number, total: number, message: string) => void) | undefined;
  /** Adds questions to the draft (through the draft service, so the change can be undone). */
  addQuestions?: AddQuestions | undefined;
  /** Leave a large import's search index to be built afterwards (WriteContext.deferSearchIndex). */
  deferSearchIndex?: boolean | undefined;
  /** Where a survey export is read and mapped while it is written; without one, in this thread. */
  worker?: WorkerSpec | undefined;
}

const cancelled = () => new AppError('cancelled', 'Cancelled. Nothing was imported.');
const fromShape = (e: AppErrorShape) => new AppError(e.code, e.message, e.details);

/** Messages from the producer, awaited one at a time; a cancel ends the wait. */
class Inbox {
  private items: SurveyStreamMessage[] = [];
  private waiting: ((m: SurveyStreamMessage) => void) | null = null;
  push(m: SurveyStreamMessage): void {
    const w = this.waiting;
    if (w) {
      this.waiting = null;
      w(m);
    } else this.items.push(m);
  }
  next(signal: AbortSignal | undefined): Promise<SurveyStreamMessage> {
    if (signal?.aborted) return Promise.reject(cancelled());
    const m = this.items.shift();
    if (m) return Promise.resolve(m);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.waiting = null;
        reject(cancelled());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting = (msg) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(msg);
      };
    });
  }
}

/** Starts the producer (in a worker when one is given). Returns how to say a slice was written, and how to stop it. */
function startProducer(
  job: SurveyStreamJob,
  spec: WorkerSpec | undefined,
  inbox: Inbox,
  signal: AbortSignal | undefined,
): { written: (n: number) => void; stop: () => void } {
  if (!spec) {
    void produceSurveyRows(job, (m) => inbox.push(m), signal);
    return { written: () => undefined, stop: () => undefined };
  }
  let ended = false;
  const worker = new Worker(spec.file, {
    workerData: { task: 'survey-rows', ...job },
    transferList: [job.file.data.buffer as ArrayBuffer],
    execArgv: spec.execArgv ?? [],
  });
  worker.on('message', (m: SurveyStreamMessage) => {
    if (m.type === 'end' || m.type === 'error') ended = true;
    inbox.push(m);
  });
  worker.on('error', (e) => {
    ended = true;
    inbox.push({ type: 'error', error: errorShape(e) });
  });
  worker.on('exit', (code) => {
    if (!ended)
      inbox.push({
        type: 'error',
        error: {
          code: 'internal',
          message: `Reading the file stopped unexpectedly (exit code ${code}). Nothing was imported.`,
        },
      });
  });
  return {
    written: (n) => {
      if (!ended) worker.postMessage({ written: n });
    },
    stop: () => {
      ended = true;
      void worker.terminate();
    },
  };
}

export async function importSurveyStreamed(
  file: WorkspaceFile,
  src: SourceFile,
  draft: Draft,
  req: SurveyPlanRequest,
  env: StreamEnv,
  outcome: ImportOutcome,
): Promise<void> {
  const db = file.db;
  // The ids the rows will take. Nothing else writes to this workspace until the import returns
  // (calls are one at a time, background work waits), and the write checks they are still free.
  const batchId = nextId(db, 'import_batch');
  const first = firstIdsOf(db);
  const job: SurveyStreamJob = {
    file: { path: src.path, name: src.name, bytes: src.bytes, sha256: src.sha256, type: src.type, data: src.data },
    req: {
      headerRows: req.headerRows,
      sheet: req.sheet,
      delimiter: req.delimiter,
      mapping: req.mapping,
      channel: req.channel,
      createQuestions: req.createQuestions,
      saveMapping: req.saveMapping,
    },
    draft,
    saved: [...savedMappingRows(db)],
    personal: [...personalColumns(db, 'respondent')],
    batchId,
    first,
    at: env.now.toISOString(),
  };
  src.data = new Uint8Array(0); // handed over (transferred to the worker)
  const inbox = new Inbox();
  const producer = startProducer(job, env.worker, inbox, env.signal);
  try {
    const planned = await inbox.next(env.signal);
    if (planned.type === 'error') throw fromShape(planned.error);
    if (planned.type !== 'planned')
      throw new AppError('internal', 'The file reader answered out of turn. Nothing was imported.');
    outcome.warnings.push(...planned.warnings);
    let undoable = () => {};
    const rowsText = planned.total.toLocaleString('en-GB');
    env.progress?.(0, planned.total, `Importing ${src.name}: ${rowsText} rows`);
    const ctx = { now: env.now, actor: env.actor };
    const result = await file.mutateAsync(async (wdb) => {
      const now = firstIdsOf(wdb);
      if (
        nextId(wdb, 'import_batch') !== batchId ||
        now.respondent !== first.respondent ||
        now.response !== first.response
      ) {
        throw new AppError(
          'conflict',
          'The workspace changed while the file was being read. Nothing was imported: try again.',
        );
      }
      // Questions created from the columns are stored with the rows: a refused or failed import leaves none.
      if (planned.questions) undoable = addPlannedQuestions(wdb, planned.questions, env);
      insertBatchRecord(wdb, planned.batch, 0, 0, ctx);
      // With nothing to build the search index afterwards (the command line), each slice's answers are indexed as it
      // is written, while the file reader prepares the next slice on the other core: the same index, built in the wait.
      const indexAsWritten = !env.deferSearchIndex;
      let indexedTo = firstAnswerId(first.response) - 1;
      let slices = 0;
      for (;;) {
        const m = await inbox.next(env.signal);
        if (m.type === 'rows') {
          for (const [i, values] of m.ops) wdb.run(m.sql[i]!, values);
          producer.written(++slices);
          if (indexAsWritten) indexedTo = indexAnswersWrittenAfter(wdb, indexedTo);
          env.progress?.(
            m.done,
            m.total,
            `Importing ${src.name}: row ${m.done.toLocaleString('en-GB')} of ${m.total.toLocaleString('en-GB')}`,
          );
          // A turn for the event loop between slices, so a cancel is heard even when the worker is ahead.
          await yieldToEvents();
        } else if (m.type === 'end') {
          wdb.run(
            'UPDATE import_batch SET details = ?, imported_count = ?, rejected_count = ?, blank_count = ? WHERE id = ?',
            [JSON.stringify(m.batch.details), m.count, m.rejected.length, m.batch.blankCount, batchId],
          );
          closeBatch(wdb, batchId, m.batch, m.count, m.rejected, ctx);
          if (indexAsWritten) {
            indexAnswersWrittenAfter(wdb, indexedTo);
            indexRespondentsFrom(wdb, first.respondent);
          } else indexBatchRows(wdb, first, m.count, env.deferSearchIndex);
          if (planned.mappingToSave) saveMapping(wdb, { ...planned.mappingToSave, ...ctx });
          if (planned.questions)
            audit(wdb, env.now, env.actor, 'responses.create-questions', null, {
              questions: planned.questions.created.length,
            });
          return m;
        } else if (m.type === 'error') throw fromShape(m.error);
        else throw new AppError('internal', 'The file reader answered out of turn. Nothing was imported.');
      }
    });
    undoable();
    if (planned.questions) outcome.createdQuestions.push(...planned.questions.created.map((q) => q.id));
    outcome.imported += result.count;
    outcome.unmatchedValues += result.unmatchedValues;
    outcome.blankRows += result.batch.blankCount;
    for (const r of result.rejected) outcome.rejected.push({ file: src.name, row: r.sourceRow, reason: r.reason });
    const columns = planned.batch.details['columns'] as ImportedColumn[] | undefined;
    outcome.batches.push({
      batchId,
      sourceName: src.name,
      type: 'survey',
      imported: result.count,
      rejected: result.rejected.length,
      ...(columns ? { columns } : {}),
    });
    if (columns && !outcome.columns.length) outcome.columns = columns;
    outcome.batchId = outcome.batchId ?? batchId;
    env.progress?.(result.count, result.count, 'Saved');
  } finally {
    producer.stop();
  }
}
