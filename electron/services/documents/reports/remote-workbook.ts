import { Worker } from 'node:worker_threads';
import { AppError } from '#shared/core/errors';
import type { WorkerSpec } from '../../core/workers/worker-spec';
import { AckWindow } from '../../core/workers/ack-window';
import type { StreamedOutput } from '../../formats/zip/byte-sink';
import type { CellInput, SheetPlan, WorkbookProps } from '../../formats/xlsx/stream-workbook';
import type { RowOptions, WorkbookBatch, WorkbookCommand, WorkbookJob, WorkbookReply } from './workbook-worker';

/**
 * A workbook written by the task worker (workbook-worker.ts) from rows this thread reads: the
 * same calls as StreamWorkbook and SheetWriter, sent in batches. Reading 100,000 responses from
 * the workspace and turning them into rows keeps this thread busy; building 800 MB of sheet XML,
 * encoding and compressing it kept it busier still, and now happens beside it.
 */
export interface WorkbookOut {
  sheet(): Promise<SheetOut>;
  finish(): Promise<void>;
}

export interface SheetOut {
  readonly rows: number;
  row(cells: CellInput[], opts?: RowOptions): Promise<void>;
  flagRow(first: string, values: ArrayLike<number>): Promise<void>;
  startTable(): void;
  close(): Promise<void>;
}

/** Rows per message: enough that posting costs little, few enough to keep memory small. */
const BATCH_ROWS = 500;
/** Batches sent but not yet written before this thread waits. */
const IN_FLIGHT = 4;

export class RemoteWorkbook implements WorkbookOut {
  private readonly worker: Worker;
  private cmds: WorkbookCommand[] = [];
  private rowsInBatch = 0;
  private readonly window = new AckWindow(IN_FLIGHT);
  private failure: AppError | null = null;
  private result: StreamedOutput | null = null;
  private readonly finished: Promise<StreamedOutput>;

  constructor(spec: WorkerSpec, path: string, plan: SheetPlan[], props: WorkbookProps) {
    const job: { task: 'workbook' } & WorkbookJob = { task: 'workbook', path, plan, props };
    this.worker = new Worker(spec.file, { workerData: job, execArgv: spec.execArgv ?? [] });
    this.finished = new Promise<StreamedOutput>((resolve, reject) => {
      const stop = (e: AppError) => {
        this.failure ??= e;
        this.window.release();
        reject(this.failure);
      };
      this.worker.on('message', (m: WorkbookReply) => {
        if (m.type === 'ack') this.window.ack(m.seq);
        else if (m.type === 'done') {
          this.result = { bytes: m.bytes, sha256: m.sha256 };
          resolve(this.result);
        } else stop(new AppError(m.error.code, m.error.message, m.error.details));
      });
      this.worker.on('error', (e) =>
        stop(new AppError('internal', `The workbook could not be made (${e.message}). Nothing was saved.`)),
      );
      this.worker.on('exit', (code) => {
        if (!this.result)
          stop(
            new AppError(
              'internal',
              `Making the workbook stopped unexpectedly (exit code ${code}). Nothing was saved.`,
            ),
          );
      });
    });
    this.finished.catch(() => undefined); // seen through send() and finish()
  }

  /** What was written (after finish). */
  get output(): StreamedOutput {
    if (!this.result) throw new Error('The workbook is not finished');
    return this.result;
  }

  /** A command that adds no row (never waits). */
  queue(cmd: WorkbookCommand): void {
    this.cmds.push(cmd);
  }

  async send(cmd: WorkbookCommand, rows = 0): Promise<void> {
    if (this.failure) throw this.failure;
    this.cmds.push(cmd);
    this.rowsInBatch += rows;
    if (this.rowsInBatch >= BATCH_ROWS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.cmds.length) return;
    const batch: WorkbookBatch = { seq: this.window.send(), cmds: this.cmds };
    this.cmds = [];
    this.rowsInBatch = 0;
    this.worker.postMessage(batch);
    await this.window.room(() => this.failure !== null);
    if (this.failure) throw this.failure;
  }

  async sheet(): Promise<SheetOut> {
    await this.send(['sheet']);
    return new RemoteSheet(this);
  }

  async finish(): Promise<void> {
    await this.send(['finish']);
    await this.flush();
    await this.finished;
  }

  /** Stop after a failure here; once this resolves the worker is gone, so the caller can delete the file. */
  async abort(): Promise<void> {
    await this.worker.terminate();
  }
}

class RemoteSheet implements SheetOut {
  rows = 0;
  constructor(private readonly wb: RemoteWorkbook) {}
  // Copied as they are queued: a caller may reuse its arrays for the next row.
  row(cells: CellInput[], opts: RowOptions = {}): Promise<void> {
    this.rows++;
    return this.wb.send(['row', cells.slice(), opts], 1);
  }
  flagRow(first: string, values: ArrayLike<number>): Promise<void> {
    this.rows++;
    return this.wb.send(['flag', first, values instanceof Uint8Array ? values.slice() : Float64Array.from(values)], 1);
  }
  startTable(): void {
    this.wb.queue(['table']);
  }
  close(): Promise<void> {
    return this.wb.send(['close']);
  }
}
