import type { Db } from '../core/db/database';
import type { ConsultationOverview } from '#shared/domain/overview';
import { loadDraft } from '../draft/draft-service';
import { checkDraft } from '#shared/checker/index';
import { readExportLog } from '../core/export-log';
import { analysisOverview } from '../analysis/overview';
import { analysisQuestions } from '../analysis/questions';
import { questionResponseText, readTexts } from '../analysis/texts';
import { readSettings } from '../analysis/settings';
import type { Draft } from '#shared/domain/draft/model';
import { docWritten } from '#shared/domain/draft/rich-text';
import { DRAFT_EXPORT_NOTE } from '#shared/report/publication-check';

const tableExists = (db: Db, name: string) =>
  db.scalar<number>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", [name]) === 1;

/** Facts for the task list: computed, never stored, so they cannot go stale. */
export function consultationOverview(db: Db): ConsultationOverview {
  const draft = loadDraft(db);
  const findings = checkDraft(draft).filter((f) => !f.dismissed);
  const written = draft.sections.filter((s) => docWritten(s.body)).length;
  const log = readExportLog(db);
  const exported = [...new Set(log.map((e) => e.kind))];
  // Published for real: redacted, and not marked "Draft" over the publication check's errors.
  const published = [
    ...new Set(
      log.filter((e) => e.redaction === 'redacted' && !e.note?.includes(DRAFT_EXPORT_NOTE)).map((e) => e.kind),
    ),
  ];
  // Counted once: the task list's responses line and whether there is analysis to look at.
  const responses = tableExists(db, 'response')
    ? (db.scalar<number>("SELECT count(*) FROM response WHERE status = 'active'") ?? 0)
    : 0;
  return {
    draft: { sections: draft.sections.length, sectionsWritten: written, questions: draft.questions.length },
    checker: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      advice: findings.filter((f) => f.severity === 'advice').length,
    },
    outputs: { exportedKinds: exported, publishedKinds: published },
    responses: {
      count: responses,
      batches: tableExists(db, 'import_batch')
        ? (db.scalar<number>('SELECT count(*) FROM import_batch WHERE undone_at IS NULL') ?? 0)
        : 0,
    },
    analysis: responses > 0 ? analysisFacts(db, draft) : NO_ANALYSIS,
    dates: {
      opensAt: draft.metadata.opensAt,
      closesAt: draft.metadata.closesAt,
      responseDue: draft.metadata.responsePaper.dueDate,
    },
  };
}

const NO_ANALYSIS: ConsultationOverview['analysis'] = {
  openAnswers: 0,
  coded: 0,
  minCodedShare: 1,
  campaignsToReview: 0,
  duplicatesToResolve: 0,
  responsesWritten: 0,
  responsesNeeded: 0,
};

function analysisFacts(db: Db, draft: Draft): ConsultationOverview['analysis'] {
  const a = analysisOverview(db, draft);
  const codable = a.questions.filter((q) => q.codable);
  const texts = readTexts(db);
  const needing = analysisQuestions(draft, false).filter((q) => q.question);
  return {
    openAnswers: codable.reduce((s, q) => s + q.progress.total, 0),
    coded: codable.reduce((s, q) => s + q.progress.coded, 0),
    minCodedShare: readSettings(db).minCodedShare,
    campaignsToReview: db.scalar<number>("SELECT count(*) FROM campaign WHERE status = 'proposed'") ?? 0,
    duplicatesToResolve: db.scalar<number>("SELECT count(*) FROM duplicate_group WHERE status = 'open'") ?? 0,
    responsesWritten: needing.filter((q) => questionResponseText(texts, q.id).trim()).length,
    responsesNeeded: needing.length,
  };
}
