import type { Db } from '../core/db/database';
import type { Draft } from '#shared/domain/draft/model';
import { GENERAL_COMMENTS_ID } from '#shared/domain/responses/store';
import { MAIN_CODER_SET, type AnalysisOverview } from '#shared/coding/types';
import { analysisQuestions } from './questions';
import { answerData, responseIndex } from './data-cache';
import { codableOf, codedSet, progressOf } from './coding';
import { questionThemes } from './codebook';
import { readSettings } from './settings';
import { packageMetaOf } from './packages';

/**
 * The Analysis page's first view: every question with its coding progress and theme count, the settings, and whether
 * this is a coding package.
 */
export function analysisOverview(db: Db, draft: Draft): AnalysisOverview {
  const index = responseIndex(db);
  const data = answerData(db);
  const settings = readSettings(db);
  const questions = analysisQuestions(draft, data.textual.has(GENERAL_COMMENTS_ID)).map((q) => {
    const progress = q.codable
      ? progressOf(codableOf(db, q), codedSet(db, MAIN_CODER_SET, q.id))
      : { total: 0, coded: 0, uncoded: 0 };
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
  let campaignResponses = 0;
  for (const c of index.campaign) campaignResponses += c;
  return {
    settings,
    questions,
    responses: index.ids.length,
    campaignResponses,
    duplicatesRemoved: index.duplicatesRemoved,
    package: packageMetaOf(db),
  };
}
