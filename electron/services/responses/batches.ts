import { AppError } from '#shared/core/errors';
import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import type { BatchSummary } from '#shared/domain/responses/store';
import type { IntakeChannel, ImportWarning } from '#shared/domain/survey-import/types';
import { audit } from '../core/audit';
import { unindexBatch } from './search-index';

/**
 * Every import is a batch. Batches are listed with their counts, and one can be undone: its
 * responses, respondents, answers, search entries, rejected rows and anything that pointed at
 * them (campaign memberships, duplicate groups, corrections) are removed in one mutation, and the
 * batch record stays, marked undone, for the audit trail.
 */
interface BatchRow {
  id: number;
  source_name: string;
  sha256: string | null;
  channel: string;
  format: string;
  source_kind: string;
  fingerprint: string | null;
  details: string;
  rows_read: number;
  imported_count: number;
  rejected_count: number;
  blank_count: number;
  imported_at: string;
  imported_by: string;
  undone_at: string | null;
  undone_by: string | null;
  responses: number;
  open_rejected: number;
}

export function listBatches(db: Db): BatchSummary[] {
  const rows = db.all<BatchRow>(
    `SELECT b.*, (SELECT count(*) FROM response r WHERE r.batch_id = b.id) AS responses,
            (SELECT count(*) FROM rejected_row x WHERE x.batch_id = b.id AND x.status = 'open') AS open_rejected
     FROM import_batch b ORDER BY b.id DESC`,
  );
  return rows.map((r) => {
    let warnings: ImportWarning[] = [];
    try {
      const w = (JSON.parse(r.details) as { warnings?: unknown }).warnings;
      if (Array.isArray(w))
        warnings = w.map((x) => (typeof x === 'string' ? { code: 'form', message: x } : (x as ImportWarning)));
    } catch {
      // details are ours; a bad value only loses the warnings shown
    }
    return {
      id: r.id,
      sourceName: r.source_name,
      sha256: r.sha256,
      channel: r.channel as IntakeChannel,
      format: r.format as BatchSummary['format'],
      sourceKind: r.source_kind as BatchSummary['sourceKind'],
      fingerprint: r.fingerprint,
      rowsRead: r.rows_read,
      imported: r.imported_count,
      rejected: r.rejected_count,
      openRejected: r.open_rejected,
      blankRows: r.blank_count,
      responses: r.responses,
      importedAt: r.imported_at,
      importedBy: r.imported_by,
      undoneAt: r.undone_at,
      undoneBy: r.undone_by,
      warnings,
    };
  });
}

/** Undo a batch. Returns how many responses were removed. */
export function undoBatch(file: WorkspaceFile, batchId: number, now: Date, actor: string): { removed: number } {
  return file.mutate((db) => {
    const b = db.get<{ id: number; source_name: string; undone_at: string | null }>(
      'SELECT id, source_name, undone_at FROM import_batch WHERE id = ?',
      [batchId],
    );
    if (!b) throw new AppError('not-found', `There is no batch ${batchId}.`);
    if (b.undone_at)
      throw new AppError(
        'conflict',
        `Batch ${batchId} (${b.source_name}) was already undone on ${b.undone_at.slice(0, 10)}.`,
      );
    const removed = db.scalar<number>('SELECT count(*) FROM response WHERE batch_id = ?', [batchId]) ?? 0;
    const inBatch = 'SELECT id FROM response WHERE batch_id = ?';
    unindexBatch(db, batchId);
    db.run(`DELETE FROM campaign_member WHERE response_id IN (${inBatch})`, [batchId]);
    db.run('DELETE FROM campaign WHERE NOT EXISTS (SELECT 1 FROM campaign_member m WHERE m.campaign_id = campaign.id)');
    // Duplicate groups lose these members; responses marked duplicate of one of them count again.
    db.run(`UPDATE response SET status = 'active', duplicate_of = NULL WHERE duplicate_of IN (${inBatch})`, [batchId]);
    db.run(`DELETE FROM duplicate_member WHERE response_id IN (${inBatch})`, [batchId]);
    db.run(
      'DELETE FROM duplicate_member WHERE group_id IN (SELECT group_id FROM duplicate_member GROUP BY group_id ' +
        'HAVING count(*) < 2)',
    );
    db.run(
      'DELETE FROM duplicate_group WHERE NOT EXISTS (SELECT 1 FROM duplicate_member m WHERE m.group_id = ' +
        'duplicate_group.id)',
    );
    db.run(`DELETE FROM response_correction WHERE response_id IN (${inBatch})`, [batchId]);
    db.run('DELETE FROM rejected_row WHERE batch_id = ?', [batchId]);
    // Answers hold their response in their id: one pass over the key, no per-response lookups.
    db.run(`DELETE FROM answer WHERE (id >> 12) IN (${inBatch})`, [batchId]);
    db.run('DELETE FROM response WHERE batch_id = ?', [batchId]);
    db.run('DELETE FROM respondent WHERE batch_id = ?', [batchId]);
    db.run('UPDATE import_batch SET undone_at = ?, undone_by = ? WHERE id = ?', [now.toISOString(), actor, batchId]);
    audit(db, now, actor, 'responses.undo-batch', `batch ${batchId}`, { source: b.source_name, removed });
    return { removed };
  });
}
