import type { ExportKind } from '#shared/domain/exports';
import type { Draft } from '#shared/domain/draft/model';
import type { WorkerSpec } from '../core/workers/worker-spec';

/**
 * What an export is asked for, and what it runs with: shared by the export service and the report exports it hands to.
 */
export interface ExportRequest {
  kind: ExportKind;
  path: string;
  redaction?: 'none' | 'redacted' | undefined;
  exportAnyway?: boolean | undefined;
  /** Publish over the publication check's errors, marked "Draft" (R-PUB6). */
  allowUnfinished?: boolean | undefined;
}

export interface ExportEnv {
  now: Date;
  actor: string;
  progress: (done: number, total: number, message: string) => void;
  signal: AbortSignal;
  /** Standard checker errors in the draft (0 when there is no checker for this kind). */
  checkerErrors: (draft: Draft) => number;
  /** The task worker, where a workbook's XML and ZIP are made while its rows are read (Services.taskWorker). */
  worker?: WorkerSpec | undefined;
}
