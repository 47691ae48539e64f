import { CLOSED_TYPES, type Question, type QuestionType } from '../domain/draft/model';
import { GENERAL_COMMENTS_ID } from '../domain/responses/store';

/**
 * What of an answer is coded against the codebook: the words the respondent wrote. For an open
 * question that is the answer itself; for a closed question with "please explain" or "Other
 * (please specify)", the explanation and the "Other" text (the choice is counted, not coded).
 * Passages are offsets into this one string, so the parts are joined in a fixed order with a
 * blank line between them, and the same function is used when coding, when reading a package
 * back and when exporting.
 */
export const PART_SEPARATOR = '\n\n';

export interface AnswerParts {
  /** The open answer; for closed questions the values that matched no option (not coded). */
  text: string | null;
  otherText: string | null;
  explanation: string | null;
}

export function isOpenType(type: QuestionType | null): boolean {
  return type === null || !CLOSED_TYPES.has(type);
}

/** The coded text of an answer ('' when there is nothing to code). `type` null = general comments. */
export function codableText(type: QuestionType | null, a: AnswerParts): string {
  const parts =
    isOpenType(type) && type !== 'numeric' ? [a.text, a.otherText, a.explanation] : [a.otherText, a.explanation];
  return parts
    .map((p) => (p ?? '').trim())
    .filter((p) => p !== '')
    .join(PART_SEPARATOR);
}

/**
 * Whether a question's answers can hold text to code: open questions, and closed ones that ask for an explanation or
 * "Other".
 */
export function takesCodableText(q: Pick<Question, 'type' | 'explain' | 'allowOther'>): boolean {
  if (q.type === 'numeric') return false;
  return !CLOSED_TYPES.has(q.type) || q.explain || q.allowOther;
}

/** SQL condition (over an `answer` row) for "holds text to code" for a question of this type. */
export function codableSql(type: QuestionType | null, alias = ''): string {
  const p = alias ? `${alias}.` : '';
  const side =
    `(${p}other_text IS NOT NULL AND trim(${p}other_text) <> '') OR (${p}explanation IS NOT NULL AND ` +
    `trim(${p}explanation) <> '')`;
  if (type === 'numeric') return '0';
  return isOpenType(type) ? `(trim(${p}text) <> '' OR ${side})` : `(${side})`;
}

/** A question id the analysis knows: a draft question, or the general comments of emails and letters. */
export const isGeneralComments = (questionId: string): boolean => questionId === GENERAL_COMMENTS_ID;

/**
 * Checks a passage [start, end) against the coded text: inside it, not empty, and (so a passage
 * never starts or ends in the middle of a surrogate pair) on code point boundaries. Returns the
 * passage text, trimmed offsets included.
 */
export function passageOf(
  text: string,
  start: number,
  end: number,
): { start: number; end: number; text: string } | null {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || end <= start) return null;
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (e <= s) return null;
  const lowSurrogate = (i: number) => i > 0 && i < text.length && /[\uDC00-\uDFFF]/.test(text[i]!);
  if (lowSurrogate(s) || lowSurrogate(e)) return null;
  return { start: s, end: e, text: text.slice(s, e) };
}
