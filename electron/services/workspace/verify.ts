import { existsSync, statSync } from 'node:fs';
import type { VerifyReport } from '#shared/domain/workspace';
import { backupPathFor, integrityProblems, openReadOnly } from '../core/db/workspace-file';
import { SCHEMA_VERSION } from '../core/db/migrations/index';
import { isStale, lockPathFor, readLock } from '../core/files/lock';
import { isAppError } from '#shared/core/errors';
import { fullContentProblems } from './content-check';

/**
 * Check a workspace without changing it: integrity, schema, the journal's state and whether it
 * belongs to the file, the lock, the backup. Problems that stop the file opening are reported
 * (ok: false) rather than thrown, except when the file is not a workspace at all.
 */
export async function verifyWorkspace(path: string): Promise<VerifyReport> {
  const lockPath = lockPathFor(path);
  const lockInfo = readLock(lockPath);
  const lock: VerifyReport['lock'] =
    lockInfo === null
      ? { present: false, pid: null, host: null, stale: null }
      : lockInfo === 'unreadable'
        ? { present: true, pid: null, host: null, stale: isStale(lockPath, lockInfo) }
        : { present: true, pid: lockInfo.pid, host: lockInfo.host, stale: isStale(lockPath, lockInfo) };
  const bak = backupPathFor(path);
  const backup = existsSync(bak) ? { present: true, bytes: statSync(bak).size } : { present: false, bytes: 0 };
  try {
    const ro = await openReadOnly(path, { integrityCheck: true });
    try {
      const after = ro.journalApplied ? integrityProblems(ro.db) : [];
      // What opening checks in the contents, and more: every answer's stored JSON, not windows of them.
      const integrity = [...ro.integrity, ...after, ...fullContentProblems(ro.db)];
      const matches = !ro.journal.header || ro.journal.header.workspaceId === ro.meta.workspaceId;
      return {
        path,
        ok: integrity.length === 0 && matches && ro.fileSchema <= SCHEMA_VERSION,
        integrity: integrity.length ? integrity : ['ok'],
        schemaVersion: ro.fileSchema,
        knownSchemaVersion: SCHEMA_VERSION,
        journal: {
          present: ro.journal.bytes > 0,
          entries: ro.journal.records.length,
          bytes: ro.journal.bytes,
          tornTail: ro.journal.tornTail,
          generation: ro.journal.header?.generation ?? null,
          matches,
        },
        lock,
        backup,
        fileBytes: ro.fileBytes,
      };
    } finally {
      ro.db.close();
    }
  } catch (e) {
    if (isAppError(e) && (e.code === 'corrupt' || e.code === 'newer-version' || e.code === 'unknown-history')) {
      return {
        path,
        ok: false,
        integrity: [e.message],
        schemaVersion: typeof e.details?.['fileSchema'] === 'number' ? (e.details['fileSchema'] as number) : -1,
        knownSchemaVersion: SCHEMA_VERSION,
        journal: { present: false, entries: 0, bytes: 0, tornTail: false, generation: null, matches: false },
        lock,
        backup,
        fileBytes: existsSync(path) ? statSync(path).size : 0,
      };
    }
    throw e;
  }
}
