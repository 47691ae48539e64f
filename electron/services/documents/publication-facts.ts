import type { Db } from '../core/db/database';
import { answerOptions, type Draft } from '#shared/domain/draft/model';
import { checkPublication, type PublicationFacts, type PublicationFinding } from '#shared/report/publication-check';
import { readSettings } from '../analysis/settings';
import { loadDraft } from '../draft/draft-service';
import { analysisOverview } from '../analysis/overview';
import { analysisQuestions } from '../analysis/questions';
import { questionResponseText, readTexts } from '../analysis/texts';
import { unreviewedPersonalData } from '../responses/personal-data-review';

/**
 * What the publication check reads (shared/report/publication-check.ts), gathered from the
 * workspace: the government's responses not yet written (the document would say "to follow"), coding
 * progress per open question, campaigns and duplicate groups still to review, closed answers and
 * respondent details outside their lists, and the consultation's close.
 */
const LISTED_FIELDS = [
  ['respondingAs', 'responding_as'],
  ['respondentType', 'respondent_type'],
  ['region', 'region'],
  ['ageBand', 'age_band'],
] as const;

/** The publication check as it stands: what a publication-level export made now would be refused or warned about. */
export function runPublicationCheck(db: Db, now: Date): PublicationFinding[] {
  return checkPublication(publicationFacts(db, loadDraft(db), now, readSettings(db).minCodedShare));
}

export function publicationFacts(db: Db, draft: Draft, now: Date, minCodedShare: number): PublicationFacts {
  const overview = analysisOverview(db, draft);
  const texts = readTexts(db);
  return {
    placeholders: analysisQuestions(draft, false)
      .filter((q) => q.question && !questionResponseText(texts, q.id).trim())
      .map((q) => ({ questionId: q.id, number: q.number })),
    coding: overview.questions
      .filter((q) => q.codable && q.progress.total > 0)
      .map((q) => ({ questionId: q.id, number: q.number, total: q.progress.total, coded: q.progress.coded })),
    minCodedShare,
    campaignsUnreviewed: db.scalar<number>("SELECT count(*) FROM campaign WHERE status = 'proposed'") ?? 0,
    duplicateGroupsUnresolved: db.scalar<number>("SELECT count(*) FROM duplicate_group WHERE status = 'open'") ?? 0,
    invalidValues: [...invalidAnswers(db, draft), ...invalidDetails(db, draft)],
    personalDataUnreviewed: unreviewedPersonalData(db, draft),
    publishedOn: now,
    closesAt: draft.metadata.closesAt,
  };
}

/** Closed answers that matched none of the question's options when imported, or name an option no longer there. */
function invalidAnswers(db: Db, draft: Draft): PublicationFacts['invalidValues'] {
  const questions = new Map(analysisQuestions(draft, false).map((q) => [q.id, q]));
  const active = "JOIN response r ON r.id = a.id >> 12 AND r.status = 'active'";
  const out: Array<PublicationFacts['invalidValues'][number]> = [];
  for (const row of db.all<{ question_id: string; value: string; n: number }>(
    `SELECT a.question_id, j.value AS value, count(*) AS n FROM answer a ${active}, json_each(a.unmatched) j ` +
      'WHERE a.unmatched IS NOT NULL GROUP BY a.question_id, j.value ORDER BY a.question_id, n DESC',
  )) {
    const q = questions.get(row.question_id);
    if (q) out.push({ where: `Question ${q.number}`, value: String(row.value), count: row.n, questionId: q.id });
  }
  for (const row of db.all<{ question_id: string; value: string; n: number }>(
    `SELECT a.question_id, j.value AS value, count(*) AS n FROM answer a ${active}, json_each(a.option_ids) j ` +
      'WHERE a.option_ids IS NOT NULL GROUP BY a.question_id, j.value',
  )) {
    const q = questions.get(row.question_id);
    if (!q?.question) continue;
    const ids = new Set(answerOptions(q.question).map((o) => o.id));
    if (ids.size && !ids.has(String(row.value)))
      out.push({ where: `Question ${q.number}`, value: String(row.value), count: row.n, questionId: q.id });
  }
  return out;
}

/** Respondent details with a fixed list in the draft's About you (type, region…) holding a value not on it. */
function invalidDetails(db: Db, draft: Draft): PublicationFacts['invalidValues'] {
  const out: Array<PublicationFacts['invalidValues'][number]> = [];
  for (const [key, column] of LISTED_FIELDS) {
    const field = draft.aboutYou.find((f) => f.key === key && f.enabled && f.options.length);
    if (!field) continue;
    const allowed = new Set(field.options.map((o) => o.trim().toLowerCase()));
    for (const row of db.all<{ value: string; n: number }>(
      `SELECT p.${column} AS value, count(*) AS n FROM response r JOIN respondent p ON p.id = r.respondent_id ` +
        `WHERE r.status = 'active' AND p.${column} IS NOT NULL AND trim(p.${column}) <> '' GROUP BY p.${column}`,
    )) {
      if (!allowed.has(row.value.trim().toLowerCase()))
        out.push({ where: field.label.trim() || key, value: row.value, count: row.n });
    }
  }
  return out;
}
