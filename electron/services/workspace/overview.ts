import type { Db } from '../core/db/database';
import type { ConsultationOverview } from '#shared/domain/overview';
import { loadDraft } from '../draft/draft-service';
import { checkDraft } from '#shared/checker/index';
import { readExportLog } from '../core/export-log';

const tableExists = (db: Db, name: string) =>
  db.scalar<number>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", [name]) === 1;

/** Facts for the task list: computed, never stored, so they cannot go stale. */
export function consultationOverview(db: Db): ConsultationOverview {
  const draft = loadDraft(db);
  const findings = checkDraft(draft).filter((f) => !f.dismissed);
  const written = draft.sections.filter((s) =>
    s.body.content.some(
      (b) => b.type !== 'paragraph' || (b.content ?? []).some((i) => i.type === 'text' && i.text.trim()),
    ),
  ).length;
  const exported = [...new Set(readExportLog(db).map((e) => e.kind))];
  return {
    draft: { sections: draft.sections.length, sectionsWritten: written, questions: draft.questions.length },
    checker: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      advice: findings.filter((f) => f.severity === 'advice').length,
    },
    outputs: { exportedKinds: exported },
    responses: {
      count: tableExists(db, 'response')
        ? (db.scalar<number>("SELECT count(*) FROM response WHERE status = 'active'") ?? 0)
        : 0,
      batches: tableExists(db, 'import_batch')
        ? (db.scalar<number>('SELECT count(*) FROM import_batch WHERE undone_at IS NULL') ?? 0)
        : 0,
    },
    dates: {
      opensAt: draft.metadata.opensAt,
      closesAt: draft.metadata.closesAt,
      responseDue: draft.metadata.responsePaper.dueDate,
    },
  };
}
