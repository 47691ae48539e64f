import { saveError } from '../core/files/disk-errors';
import { createHash } from 'node:crypto';
import type { WorkspaceFile } from '../core/db/workspace-file';
import type { Redaction } from '#shared/domain/exports';
import { writeFileAtomicSync } from '../core/files/atomic-write';
import { checkOutputPath } from '../core/output-path';
import { logExport } from '../core/export-log';
import { audit } from '../core/audit';

/**
 * Files the analysis writes besides the Outputs page's documents (codebooks): written atomically
 * to a checked path (never over a workspace) and recorded in the export log with their hash, like
 * every other file that leaves the workspace.
 */
export interface LoggedFile {
  path: string;
  extension: string;
  bytes: Uint8Array;
  kind: string;
  redaction: Redaction;
  note: string | null;
  now: Date;
  actor: string;
}

export function writeLoggedFile(file: WorkspaceFile, f: LoggedFile): { path: string; bytes: number; sha256: string } {
  const target = checkOutputPath(f.path, f.extension, file.path);
  try {
    writeFileAtomicSync(target, f.bytes);
  } catch (e) {
    throw saveError(e, target);
  }
  const sha256 = createHash('sha256').update(f.bytes).digest('hex');
  recordExport(file, {
    kind: f.kind,
    path: target,
    redaction: f.redaction,
    sha256,
    bytes: f.bytes.length,
    note: f.note,
    now: f.now,
    actor: f.actor,
  });
  return { path: target, bytes: f.bytes.length, sha256 };
}

export function recordExport(
  file: WorkspaceFile,
  e: {
    kind: string;
    path: string;
    redaction: Redaction;
    sha256: string;
    bytes: number;
    note: string | null;
    now: Date;
    actor: string;
  },
): void {
  file.mutate((db) => {
    logExport(db, {
      at: e.now.toISOString(),
      actor: e.actor,
      kind: e.kind,
      path: e.path,
      redaction: e.redaction,
      sha256: e.sha256,
      bytes: e.bytes,
      note: e.note,
    });
    audit(db, e.now, e.actor, 'export', e.kind, { path: e.path, redaction: e.redaction, sha256: e.sha256 });
  });
}
