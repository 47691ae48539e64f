import { diskWhy } from '../../core/files/disk-errors';
import type { MessagePort } from 'node:worker_threads';
import { AppError, type AppErrorShape } from '#shared/core/errors';
import { ByteSink } from '../../formats/zip/byte-sink';
import {
  StreamWorkbook,
  type CellInput,
  type SheetPlan,
  type SheetWriter,
  type Style,
  type WorkbookProps,
} from '../../formats/xlsx/stream-workbook';

/**
 * The task worker's side of a workbook made off the backend thread (remote-workbook.ts is the
 * other side): the plan and the file to write come with the job, then batches of commands — open
 * the next sheet, a row, a row of flags, mark the table's header row, close the sheet, finish —
 * which StreamWorkbook turns into XML, deflates and writes. Each batch is acknowledged once
 * written, so the backend thread never runs far ahead of the file (memory stays bounded).
 */
export interface WorkbookJob {
  path: string;
  plan: SheetPlan[];
  props: WorkbookProps;
}

export type RowOptions = { wrap?: boolean; style?: Style };

export type WorkbookCommand =
  | ['sheet']
  | ['row', CellInput[], RowOptions]
  | ['flag', string, Uint8Array | Float64Array]
  | ['table']
  | ['close']
  | ['finish'];

export interface WorkbookBatch {
  seq: number;
  cmds: WorkbookCommand[];
}

export type WorkbookReply =
  | { type: 'ack'; seq: number }
  | { type: 'done'; bytes: number; sha256: string }
  | { type: 'error'; error: AppErrorShape };

const shapeOf = (e: unknown): AppErrorShape =>
  e instanceof AppError
    ? e.toShape()
    : { code: 'io', message: `The workbook could not be written because ${diskWhy(e)}. Nothing was saved.` };

export function serveWorkbook(job: WorkbookJob, port: MessagePort): void {
  const sink = new ByteSink(job.path);
  let sheet: SheetWriter | null = null;
  let failed = false;
  let chain: Promise<StreamWorkbook> = StreamWorkbook.start(sink, job.plan, job.props);
  const fail = (e: unknown) => {
    if (failed) return;
    failed = true;
    sink.destroy();
    port.postMessage({ type: 'error', error: shapeOf(e) } satisfies WorkbookReply);
    port.close();
  };
  chain.catch(fail);
  port.on('message', (batch: WorkbookBatch) => {
    chain = chain.then(async (wb) => {
      if (failed) return wb;
      for (const c of batch.cmds) {
        switch (c[0]) {
          case 'sheet':
            sheet = await wb.sheet();
            break;
          case 'row':
            await sheet!.row(c[1], c[2]);
            break;
          case 'flag':
            await sheet!.flagRow(c[1], c[2]);
            break;
          case 'table':
            sheet!.startTable();
            break;
          case 'close':
            await sheet!.close();
            sheet = null;
            break;
          case 'finish': {
            await wb.finish();
            const out = await sink.end();
            port.postMessage({ type: 'done', ...out } satisfies WorkbookReply);
            port.close();
            return wb;
          }
        }
      }
      port.postMessage({ type: 'ack', seq: batch.seq } satisfies WorkbookReply);
      return wb;
    });
    chain.catch(fail);
  });
}
