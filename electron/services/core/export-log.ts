import type { Db } from './db/database';
import type { ExportLogEntry, Redaction } from '#shared/domain/exports';

export function logExport(db: Db, e: Omit<ExportLogEntry, 'id'>): void {
  db.run(
    'INSERT INTO export_log (at, actor, kind, path, redaction, sha256, bytes, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [e.at, e.actor, e.kind, e.path, e.redaction, e.sha256, e.bytes, e.note],
  );
}

export function readExportLog(db: Db, limit = 500): ExportLogEntry[] {
  return db
    .all<{
      id: number;
      at: string;
      actor: string;
      kind: string;
      path: string;
      redaction: string;
      sha256: string;
      bytes: number;
      note: string | null;
    }>('SELECT id, at, actor, kind, path, redaction, sha256, bytes, note FROM export_log ORDER BY id DESC LIMIT ?', [
      limit,
    ])
    .map((r) => ({ ...r, redaction: r.redaction as Redaction }));
}
