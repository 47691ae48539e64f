import type { Db } from '../core/db/database';
import type { Draft } from '#shared/domain/draft/model';
import { GENERAL_COMMENTS_ID } from '#shared/domain/responses/store';
import { MAIN_CODER_SET, type AnalysisOverview, type CodingProgress } from '#shared/coding/types';
import { analysisQuestions, type AnalysisQuestion } from './questions';
import { answerCacheIsCurrent, answerData, answerFlagsSql, HAS_SIDE_TEXT, HAS_TEXT, responseIndex } from './data-cache';
import { codableOf, codedSet, progressOf } from './coding';
import { questionThemes } from './codebook';
import { readSettings } from './settings';
import { packageMetaOf } from './packages';
import { readStoredCounts, type StoredCounts } from './stored-counts';
import { ANSWER_SLOTS } from '../responses/answer-ids';

/**
 * The Analysis page's first view: every question with its coding progress and theme count, the settings, and whether
 * this is a coding package.
 *
 * Straight after opening, before the answers are read into the analysis cache (data-cache.ts: every answer, 1.2 s
 * CPU at 100,000 responses × 14 questions, 5–6 s at 40), it is made from the counts kept in the workspace
 * (stored-counts.ts) and the coded answers alone (progressFromCounts), with the same figures.
 */
export function analysisOverview(db: Db, draft: Draft): AnalysisOverview {
  const counts = answerCacheIsCurrent(db) ? null : readStoredCounts(db);
  const settings = readSettings(db);
  const withGeneral = counts
    ? Object.hasOwn(counts.textual, GENERAL_COMMENTS_ID)
    : answerData(db).textual.has(GENERAL_COMMENTS_ID);
  const asked = analysisQuestions(draft, withGeneral);
  const fromCounts = counts && progressFromCounts(db, counts, asked);
  const questions = asked.map((q) => {
    const progress = !q.codable
      ? { total: 0, coded: 0, uncoded: 0 }
      : (fromCounts?.get(q.id) ?? progressOf(codableOf(db, q), codedSet(db, MAIN_CODER_SET, q.id)));
    return {
      id: q.id,
      number: q.number,
      text: q.text,
      type: q.type,
      sectionTitle: q.sectionTitle,
      closed: q.closed,
      codable: q.codable,
      progress,
      themes: q.codable ? questionThemes(db, q.id).length : 0,
    };
  });
  let responses: number;
  let campaignResponses = 0;
  let duplicatesRemoved: number;
  if (counts) {
    responses = counts.respondents;
    campaignResponses = counts.campaign;
    // As responseIndex counts them.
    duplicatesRemoved = db.scalar<number>("SELECT count(*) FROM response WHERE status = 'duplicate'") ?? 0;
  } else {
    const index = responseIndex(db);
    for (const c of index.campaign) campaignResponses += c;
    responses = index.ids.length;
    duplicatesRemoved = index.duplicatesRemoved;
  }
  return { settings, questions, responses, campaignResponses, duplicatesRemoved, package: packageMetaOf(db) };
}

/**
 * Each codable question's progress without the cache: its answers to code are the counted ones holding text or an
 * "Other" or explanation (an open question: StoredCounts.textual) or an "Other" or explanation (a closed one:
 * StoredCounts.side), as codableOf finds them; the coded ones among them are read for the coded answers only (the main
 * coder set's codings with a theme not archived, and the answers marked complete, as codedSet), joined to their
 * response (counted while 'active', as responseIndex) and answer (its flags, as the cache reads them). Null when the
 * counts are of an older format.
 */
function progressFromCounts(
  db: Db,
  counts: StoredCounts,
  questions: AnalysisQuestion[],
): Map<string, CodingProgress> | null {
  if (!counts.side) return null;
  const want = new Map(questions.map((q) => [q.id, q.closed ? HAS_SIDE_TEXT : HAS_TEXT | HAS_SIDE_TEXT]));
  const coded = new Map<string, number>();
  for (const [qid, flags] of db.tuples<[string, number | null]>(
    `SELECT k.question_id, ${answerFlagsSql('a.')} FROM (SELECT c.question_id, c.response_id FROM coding c JOIN ` +
      'theme t ON t.id = c.theme_id WHERE c.coder_set = ? AND c.removed_at IS NULL AND t.archived_at IS NULL UNION ' +
      'SELECT question_id, response_id FROM annotation WHERE coder_set = ? AND complete = 1) k CROSS JOIN response r ' +
      `ON r.id = k.response_id CROSS JOIN answer a ON a.id BETWEEN k.response_id * ${ANSWER_SLOTS} AND ` +
      `k.response_id * ${ANSWER_SLOTS} + ${ANSWER_SLOTS - 1} WHERE r.status = 'active' AND ` +
      'a.question_id = k.question_id',
    [MAIN_CODER_SET, MAIN_CODER_SET],
  ))
    if ((flags ?? 0) & (want.get(qid) ?? 0)) coded.set(qid, (coded.get(qid) ?? 0) + 1);
  const out = new Map<string, CodingProgress>();
  for (const q of questions) {
    if (!q.codable) continue;
    const total = q.closed ? (counts.side[q.id] ?? 0) : (counts.textual[q.id]?.[0] ?? 0);
    const n = coded.get(q.id) ?? 0;
    out.set(q.id, { total, coded: n, uncoded: total - n });
  }
  return out;
}
