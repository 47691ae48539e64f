import type { Draft } from '#shared/domain/draft/model';
import { answerOptions, CLOSED_TYPES, orderedQuestions } from '#shared/domain/draft/model';
import type {
  ApplyResult,
  Layout,
  MappingProposal,
  NormalisedResponse,
  RawTable,
} from '#shared/domain/survey-import/types';
import { readSourceFile } from '#electron/services/formats/read/index';
import { detectLayout, proposeMapping, applyMapping } from '#shared/domain/survey-import/index';
import type { SyntheticResponse } from '../../generators/synthetic';
import { externalIdFor, type LayoutName } from '../../generators/layouts';

/**
 * The whole read → layout → proposal → apply pipeline on real bytes, as the wizard runs it with the proposal accepted.
 */
export function importFile(
  bytes: Uint8Array,
  fileName: string,
  draft: Draft,
): { table: RawTable; layout: Layout; proposal: MappingProposal; result: ApplyResult } {
  const table = readSourceFile(bytes, fileName);
  const layout = detectLayout(table);
  const proposal = proposeMapping(layout, draft, table);
  const result = applyMapping(table, layout, proposal.mapping, draft);
  return { table, layout, proposal, result };
}

export interface Comparable {
  externalId: string | undefined;
  submittedAt: string | undefined;
  respondent: Record<string, string>;
  answers: Record<string, { optionIds: string[]; text?: string; otherText?: string; explanation?: string }>;
}

/** What the generator meant, in the importer's terms (multi-select order ignored, ranking order kept). */
export function expected(draft: Draft, layout: LayoutName, r: SyntheticResponse): Comparable {
  const answers: Comparable['answers'] = {};
  for (const q of orderedQuestions(draft)) {
    const a = r.answers[q.id];
    if (!a) continue;
    const e: Comparable['answers'][string] = {
      optionIds: q.type === 'ranking' ? [...a.optionIds] : [...a.optionIds].sort(),
    };
    if (a.text !== undefined) e.text = a.text;
    if (a.otherText !== undefined) e.otherText = a.otherText;
    if (a.explanation !== undefined) e.explanation = a.explanation;
    answers[q.id] = e;
  }
  return {
    externalId: externalIdFor(layout, r.seq),
    submittedAt: r.submittedAt.toISOString(),
    respondent: { ...r.respondent } as Record<string, string>,
    answers,
  };
}

export function actual(draft: Draft, resp: NormalisedResponse): Comparable {
  const byId = new Map(draft.questions.map((q) => [q.id, q]));
  const answers: Comparable['answers'] = {};
  for (const a of resp.answers) {
    const q = byId.get(a.questionId)!;
    const closed = CLOSED_TYPES.has(q.type) && answerOptions(q).length > 0;
    const e: Comparable['answers'][string] = {
      optionIds: q.type === 'ranking' ? [...a.optionIds] : [...a.optionIds].sort(),
    };
    if (!closed && a.text) e.text = a.text;
    if (a.otherText !== undefined) e.otherText = a.otherText;
    if (a.explanation !== undefined) e.explanation = a.explanation;
    answers[a.questionId] = e;
  }
  return {
    externalId: resp.externalId,
    submittedAt: resp.submittedAt,
    respondent: { ...resp.respondent } as Record<string, string>,
    answers,
  };
}
