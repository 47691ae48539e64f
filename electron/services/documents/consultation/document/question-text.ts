import { answerOptions, CLOSED_TYPES, type Question, type QuestionOption } from '#shared/domain/draft/model';

/**
 * The wording around a question, in one place so the consultation document, its Annex A, the
 * HTML version and both response forms say the same thing.
 */
export const questionLabel = (number: string): string => `Question ${number}`;

/** "Question 1: To what extent…" — the one numbered style for every question. */
export const questionHeading = (number: string, text: string): string => `${questionLabel(number)}: ${text.trim()}`;

export const isClosed = (q: Pick<Question, 'type'>): boolean => CLOSED_TYPES.has(q.type);

/** How labels are compared (forms read back, duplicates): case, spacing and curly quotes do not matter. */
export const labelKey = (s: string): string =>
  s.normalize('NFKC').replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The options as printed on every output: the stable ids of `answerOptions`, with labels a reader
 * can tell apart. A label not written yet reads "Option 3"; a repeated label gets "(2)", so a
 * returned form's answer maps back to exactly one option.
 */
export function optionsOf(q: Question): QuestionOption[] {
  const seen = new Map<string, number>();
  return answerOptions(q).map((o, i) => {
    let label = o.label.trim() || `Option ${i + 1}`;
    const n = (seen.get(labelKey(label)) ?? 0) + 1;
    seen.set(labelKey(label), n);
    if (n > 1) label = `${label} (${n})`;
    return { id: o.id, label };
  });
}

/** How to answer a closed question, when the author's hint does not already say. */
export function answerInstruction(q: Question): string | null {
  if (q.hint.trim()) return null;
  switch (q.type) {
    case 'likert_agree5':
    case 'yes_no':
    case 'single_choice':
      return 'Choose one answer.';
    case 'multi_choice':
      return 'Choose all that apply.';
    case 'ranking':
      return /\brank/i.test(q.text)
        ? null
        : `Put the options in order from 1 to ${optionsOf(q).length}, where 1 is the most important.`;
    default:
      return null;
  }
}

export const wordLimitText = (limit: number): string =>
  `Please use no more than ${limit.toLocaleString('en-GB')} words.`;

/** The follow-up asked after a closed question ("Please explain your answer"), with its word limit. */
export function explainPrompt(q: Question): string | null {
  if (!isClosed(q) || !q.explain) return null;
  return q.wordLimit
    ? `Please explain your answer (no more than ${q.wordLimit.toLocaleString('en-GB')} words).`
    : 'Please explain your answer.';
}

/** Word-limit guidance for an open question. */
export function openGuidance(q: Question): string | null {
  if (isClosed(q) || !q.wordLimit) return null;
  return wordLimitText(q.wordLimit);
}

export const OTHER_SPECIFY_PROMPT = 'If you chose “Other”, please specify.';
