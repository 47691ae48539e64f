import { saveError } from '../core/files/disk-errors';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import { AppError } from '#shared/core/errors';
import {
  EXPORT_INFO,
  EXPORT_KINDS,
  isReportKind,
  type ExportKind,
  type ExportLogEntry,
  type ExportResult,
  type Redaction,
} from '#shared/domain/exports';
import type { Draft } from '#shared/domain/draft/model';
import { writeFileAtomicSync } from '../core/files/atomic-write';
import { loadDraft } from '../draft/draft-service';
import { buildOutput, outputFileName } from './consultation-outputs';
import { logExport, readExportLog } from '../core/export-log';
import { checkOutputPath } from '../core/output-path';
import { audit } from '../core/audit';
import { reportFileName } from './reports/report-file-names';
import { runReportExport } from './report-export';
import type { ExportEnv, ExportRequest } from './export-request';

/**
 * Making any output: build the bytes, write them atomically, and record the export (what, when,
 * who, redaction level, SHA-256) in the workspace's export log.
 */
export type { ExportEnv, ExportRequest };

export function suggestedPath(kind: ExportKind, draft: Draft, workspacePath: string): string {
  return join(
    dirname(workspacePath),
    isReportKind(kind) ? reportFileName(kind, draft.metadata.title) : outputFileName(kind, draft),
  );
}

export function lastExports(db: Db): Map<string, ExportLogEntry> {
  const out = new Map<string, ExportLogEntry>();
  for (const e of readExportLog(db)) if (!out.has(e.kind)) out.set(e.kind, e);
  return out;
}

export function listOutputs(file: WorkspaceFile) {
  const draft = loadDraft(file.db);
  const last = lastExports(file.db);
  return EXPORT_KINDS.map((k) => ({
    ...EXPORT_INFO[k],
    suggestedPath: suggestedPath(k, draft, file.path),
    lastExport: last.get(k) ?? null,
  }));
}

/**
 * `file` is the open workspace (the export is logged in it). For the CLI exporting a workspace
 * that is not open for editing, pass `file` opened for the duration of the export.
 */
export async function runExport(file: WorkspaceFile, req: ExportRequest, env: ExportEnv): Promise<ExportResult> {
  const kind = req.kind;
  // The documents after the consultation are built from the responses and their analysis.
  if (isReportKind(kind)) return runReportExport(file, { ...req, kind }, env);
  const info = EXPORT_INFO[req.kind];
  const target = checkOutputPath(req.path, info.extension, file.path);
  const draft = loadDraft(file.db);
  const errors = info.checksDraft ? env.checkerErrors(draft) : 0;
  if (errors > 0 && !req.exportAnyway) {
    throw new AppError(
      'conflict',
      `The standard checker reports ${errors} error${errors === 1 ? '' : 's'} in the draft. ` +
        `Fix ${errors === 1 ? 'it' : 'them'}, or export anyway.`,
      { checkerErrors: errors },
    );
  }
  const redaction: Redaction = info.holdsResponses ? (req.redaction ?? 'redacted') : 'not-applicable';
  env.progress(0, 3, 'Making the document');
  const consultationId = file.consultationId;
  const bytes = await buildOutput(kind, draft, { now: env.now, consultationId });
  if (env.signal.aborted) throw new AppError('cancelled', 'Cancelled. Nothing was saved.');
  env.progress(1, 3, 'Saving the file');
  try {
    writeFileAtomicSync(target, bytes);
  } catch (e) {
    throw saveError(e, target);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  env.progress(2, 3, 'Recording the export');
  file.mutate((db) => {
    logExport(db, {
      at: env.now.toISOString(),
      actor: env.actor,
      kind: req.kind,
      path: target,
      redaction,
      sha256,
      bytes: bytes.length,
      note: errors ? `exported with ${errors} checker error(s)` : null,
    });
    audit(db, env.now, env.actor, 'export', req.kind, { path: target, redaction, sha256 });
  });
  env.progress(3, 3, 'Done');
  return { kind: req.kind, path: target, bytes: bytes.length, sha256, redaction, checkerErrors: errors };
}
