import fc from 'fast-check';
import {
  answerOptions,
  orderedQuestions,
  OTHER_OPTION_ID,
  questionNumbers,
  type Draft,
  type Question,
  type RespondentFieldKey,
} from '#shared/domain/draft/model';
import type { ReturnedAnswer } from '#electron/services/documents/consultation-outputs';
import { xmlSafe } from '#electron/services/formats/text-safety';

/**
 * Random respondents for the round-trip tests: what each question is answered with (or left
 * blank), and the answer the reader must give back. Text includes what breaks naive writers and
 * readers: commas, quotes, emoji, right-to-left text, line breaks, leading and trailing spaces,
 * formula-looking text, "_x0041_" escapes, numbers and dates as text.
 */
export const TRICKY = [
  'Yes, but only if "free", and \'soon\'',
  '=SUM(A1)',
  '+44 300 000 0000',
  '-1',
  '@mention',
  '0300 000 0000',
  '1/2',
  '01/03/2027',
  'TRUE',
  '_x0041_ stays as typed',
  '  leading and trailing spaces  ',
  'line one\nline two\n\nline four',
  '👩🏽‍⚕️ 🏥 🇬🇧',
  'مرحبا بكم — שלום',
  'tab\tseparated',
  '<b>not markup</b> & ampersand',
];

/** Text as it can exist in a saved Office file: no XML-illegal characters, "\n" line ends; never blank. */
export const answerText = fc
  .oneof(
    { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }) },
    { weight: 1, arbitrary: fc.string({ minLength: 500, maxLength: 3000 }) },
  )
  .map((s) => xmlSafe(s).replace(/\r\n?/g, '\n'))
  .filter((s) => s.trim() !== '');

/** One question's answer as the respondent gives it, in terms of option ids. */
export interface Given {
  questionId: string;
  /** The option picked from a list or ticked, in option order. */
  chosen: string[];
  /** Ranking: option id → rank. */
  ranks: Map<string, number>;
  text?: string;
  otherText?: string;
  explanation?: string;
}

export function givenAnswer(q: Question): fc.Arbitrary<Given | null> {
  const opts = answerOptions(q);
  const single = q.type === 'likert_agree5' || q.type === 'yes_no' || q.type === 'single_choice';
  const hasOther = opts.some((o) => o.id === OTHER_OPTION_ID);
  const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
  let base: fc.Arbitrary<Omit<Given, 'questionId'>>;
  if (!opts.length)
    base = fc.record({
      chosen: fc.constant([]),
      ranks: fc.constant(new Map<string, number>()),
      text: optional(answerText),
    });
  else if (q.type === 'ranking')
    base = fc
      .shuffledSubarray(opts.map((o) => o.id))
      .map((ids) => ({ chosen: [] as string[], ranks: new Map(ids.map((id, i) => [id, i + 1])) }))
      .chain((r) =>
        fc.record({
          chosen: fc.constant(r.chosen),
          ranks: fc.constant(r.ranks),
          explanation: q.explain ? optional(answerText) : fc.constant(undefined),
        }),
      );
  else
    base = fc.record({
      chosen: single
        ? fc.option(fc.constantFrom(...opts.map((o) => o.id)), { nil: undefined }).map((id) => (id ? [id] : []))
        : fc.subarray(opts.map((o) => o.id)),
      ranks: fc.constant(new Map<string, number>()),
      otherText: hasOther ? optional(answerText) : fc.constant(undefined),
      explanation: q.explain ? optional(answerText) : fc.constant(undefined),
    });
  return base.map((g) => {
    // A single answer plus "Other" text means Other (the reader warns about any other mix: tested separately).
    if (single && g.otherText !== undefined && g.chosen.length && g.chosen[0] !== OTHER_OPTION_ID)
      g = { ...g, chosen: [OTHER_OPTION_ID] };
    const clean = Object.fromEntries(Object.entries(g).filter(([, v]) => v !== undefined)) as Omit<Given, 'questionId'>;
    const empty =
      !clean.chosen.length &&
      !clean.ranks.size &&
      clean.text === undefined &&
      clean.otherText === undefined &&
      clean.explanation === undefined;
    return empty ? null : { questionId: q.id, ...clean };
  });
}

/** What readResponseFormXlsx/Docx must return for a given answer. */
export function expectedAnswer(q: Question, g: Given): ReturnedAnswer {
  const opts = answerOptions(q);
  let optionIds =
    q.type === 'ranking'
      ? [...g.ranks].sort((a, b) => a[1] - b[1]).map(([id]) => id)
      : opts.filter((o) => g.chosen.includes(o.id)).map((o) => o.id);
  if (g.otherText !== undefined && !optionIds.includes(OTHER_OPTION_ID)) optionIds = [...optionIds, OTHER_OPTION_ID];
  return {
    questionId: q.id,
    optionIds,
    text: g.text ?? '',
    ...(g.otherText !== undefined ? { otherText: g.otherText } : {}),
    ...(g.explanation !== undefined ? { explanation: g.explanation } : {}),
  };
}

export function respondentArb(draft: Draft): fc.Arbitrary<Partial<Record<RespondentFieldKey, string>>> {
  const entries = draft.aboutYou
    .filter((f) => f.enabled)
    .map(
      (f) =>
        [
          f.key,
          fc.option(
            f.options.length ? fc.constantFrom(...f.options) : answerText.map((s) => s.trim()).filter((s) => s !== ''),
            { nil: undefined },
          ),
        ] as const,
    );
  return fc
    .record(Object.fromEntries(entries) as Record<RespondentFieldKey, fc.Arbitrary<string | undefined>>)
    .map(
      (r) =>
        Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Partial<
          Record<RespondentFieldKey, string>
        >,
    );
}

export function respondentsAnswers(
  draft: Draft,
): fc.Arbitrary<{ respondent: Partial<Record<RespondentFieldKey, string>>; answers: (Given | null)[] }> {
  return fc.record({
    respondent: respondentArb(draft),
    answers: fc.tuple(...orderedQuestions(draft).map(givenAnswer)),
  });
}

export const numberOf = (draft: Draft): Map<string, string> => questionNumbers(draft);
