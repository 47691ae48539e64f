import { OTHER_OPTION_ID, RESPONDENT_FIELD_KEYS, type RespondentFieldKey } from '#shared/domain/draft/model';
import { labelKey } from '../consultation/document/question-text';
import { normaliseNewlines, xmlSafe } from '../../formats/text-safety';
import type { FormQuestion, FormRow } from './form-schema';

/**
 * A response form that has come back, as the responses import needs it: who it is from (the
 * "About you" answers) and each answered question by stable id. Questions left blank are left out.
 */
export interface ReturnedAnswer {
  questionId: string;
  /** Chosen options; for ranking, in rank order (first = ranked 1). */
  optionIds: string[];
  /** Free-text answer (open questions), or a value that matched no option. */
  text: string;
  otherText?: string;
  explanation?: string;
}

export interface ReturnedForm {
  formId: string;
  consultationId: string;
  respondent: Partial<Record<RespondentFieldKey, string>>;
  answers: ReturnedAnswer[];
  /** Things the importer should show a person: ambiguous ticks, unknown options, bad ranks. */
  warnings: string[];
}

const SINGLE_ANSWER = new Set(['likert_agree5', 'yes_no', 'single_choice']);

export const isRespondentKey = (k: string): k is RespondentFieldKey =>
  (RESPONDENT_FIELD_KEYS as readonly string[]).includes(k);

/** Text as read back: XML-illegal characters dropped, line ends as "\n". Whitespace-only counts as empty. */
export function cleanAnswer(s: string): string {
  const t = normaliseNewlines(xmlSafe(s));
  return t.trim() === '' ? '' : t;
}

/** Labels compared the way a person would: case, spacing and curly quotes do not matter. */
export function sameLabel(a: string, b: string): boolean {
  return labelKey(a) === labelKey(b);
}

/**
 * One question's answer from the values found in its rows (in the order of `q.rows`).
 * Returns null when every row is empty.
 */
export function interpretAnswer(
  q: FormQuestion,
  values: { row: FormRow; value: string }[],
  warnings: string[],
): ReturnedAnswer | null {
  const label = `Question ${q.number}`;
  const answer: ReturnedAnswer = { questionId: q.id, optionIds: [], text: '' };
  const ranks: { id: string; rank: number }[] = [];
  let any = false;
  for (const { row, value } of values) {
    const v = cleanAnswer(value);
    if (!v) continue;
    any = true;
    if (row.kind === 'answer') {
      if (q.options.length) {
        const match = q.options.find((o) => sameLabel(o.label, v));
        if (match) answer.optionIds.push(match.id);
        else {
          answer.text = v;
          warnings.push(`${label}: “${v.slice(0, 100)}” is not one of the options, so it was kept as text.`);
        }
      } else answer.text = v;
    } else if (row.kind === 'option' && row.optionId) {
      if (q.type === 'ranking') {
        const n = Number(v.trim());
        if (Number.isInteger(n) && n >= 1 && n <= q.options.length) ranks.push({ id: row.optionId, rank: n });
        else
          warnings.push(
            `${label}: the rank “${v.trim().slice(0, 20)}” for “${row.label}” is not a whole number from 1 ` +
              `to ${q.options.length}, so it was ignored.`,
          );
      } else answer.optionIds.push(row.optionId);
    } else if (row.kind === 'other') answer.otherText = v;
    else if (row.kind === 'explain') answer.explanation = v;
  }
  if (!any) return null;
  if (ranks.length) {
    ranks.sort((a, b) => a.rank - b.rank);
    const seen = new Set<number>();
    for (const r of ranks) {
      if (seen.has(r.rank)) warnings.push(`${label}: more than one option is ranked ${r.rank}.`);
      seen.add(r.rank);
    }
    answer.optionIds = ranks.map((r) => r.id);
  }
  // Text under "Other (please specify)" means Other was chosen, unless a single-answer question
  // already has a different answer: then both are kept as given, and a person decides.
  if (
    answer.otherText !== undefined &&
    !answer.optionIds.includes(OTHER_OPTION_ID) &&
    q.options.some((o) => o.id === OTHER_OPTION_ID)
  ) {
    if (SINGLE_ANSWER.has(q.type) && answer.optionIds.length)
      warnings.push(`${label}: “Other” is filled in, but another answer is chosen.`);
    else answer.optionIds.push(OTHER_OPTION_ID);
  }
  if (SINGLE_ANSWER.has(q.type) && answer.optionIds.length > 1)
    warnings.push(`${label}: more than one answer is chosen where one was asked for.`);
  return answer;
}
