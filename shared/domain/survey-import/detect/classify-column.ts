import type { ColumnRole, LayoutColumn, MetaField, SourceKind, RespondentTargetKey } from '../types';
import { normaliseLabel, tickValue } from '../values/text-match';
import {
  headerNumber,
  isExplanationHeader,
  isOtherHeader,
  isPhoneHeader,
  labelFirstParts,
  looksLikeRespondingAs,
  metaFieldOf,
  respondentFieldOf,
} from './header-vocabulary';
import type { HeaderStyle } from './header-rows';

/**
 * What one column holds, from its header (and, for a few cues, its values): tool metadata by name,
 * an "About you" detail by header synonyms (and Individual/Organisation values), an option of a
 * question spread over columns, "Other" text, "Please explain your answer" (joined to the question
 * before it), or a question of its own. Which columns form one question is column-blocks.ts's.
 */

/** Tools whose questions are headed by their words, so a bare lower-case name is a field they were sent. */
const HIDDEN_FIELD_TOOLS: ReadonlySet<SourceKind> = new Set([
  'alchemer',
  'typeform',
  'surveymonkey',
  'smartsurvey',
  'jotform',
  'microsoft-forms',
  'google-forms',
]);

/** The analysts' own columns under a question ("Question - Analyst notes", "Question - Tags"). */
const ANALYST_COLUMN = /^(analyst('s)? (notes?|comments?|tags?)|tags?|(internal|moderator|officer) notes?)$/i;

/** A column's header as read, before it is classified. */
export interface ColumnDraft {
  index: number;
  header: string;
  headerParts: string[];
  /** The header rows' cells as in the file. */
  raw: string[];
  /** SurveyMonkey: no question text of its own (the one before it carries on). */
  continues: boolean;
  /** Question text used for matching; sub-label or option label apart. */
  text: string;
  sub: string;
  /** Column of a Qualtrics multi-part question: its short-name base ("Q2"). */
  shortBase?: string;
  qualtricsKind?: 'choice' | 'text' | null;
  qualtricsLabel?: string;
}

export function classify(
  d: ColumnDraft,
  values: string[],
  style: HeaderStyle,
  source: SourceKind,
  lastQuestion: LayoutColumn | undefined,
  prev: LayoutColumn | undefined,
): LayoutColumn {
  const raw = d.raw.filter((r) => r.trim() !== '').join(' - ');
  const base = {
    index: d.index,
    header: d.header,
    headerParts: d.headerParts,
    ...(raw && raw !== d.header && raw !== d.headerParts.filter(Boolean).join(' - ') ? { rawHeader: raw } : {}),
  };
  const make = (role: ColumnRole, because: string, extra: Partial<LayoutColumn> = {}): LayoutColumn => ({
    ...base,
    role,
    because,
    ...extra,
  });

  // Metadata: by name, in any header row (Qualtrics puts short names first, labels second).
  // Alchemer's own "Comments" (the administrator's notes) sits among its metadata at the start;
  // a "Comments" after the questions is the respondent's.
  const commentsAmongQuestions =
    source === 'alchemer' && normaliseLabel(d.header) === 'comments' && prev !== undefined && prev.role !== 'meta';
  if (!d.sub && !commentsAmongQuestions) {
    for (const p of [d.header, ...d.headerParts]) {
      if (!p) continue;
      const meta: MetaField | null | undefined = metaFieldOf(p, source);
      if (meta !== undefined) return make('meta', `Survey-tool column "${p}"`, meta ? { metaField: meta } : {});
    }
  }

  // A hidden field the survey was sent with ("ward", "utm_source", "ref_id"): the tools that head
  // questions with their words head these with a bare lower-case name.
  if (HIDDEN_FIELD_TOOLS.has(source) && /^[a-z][a-z0-9_]{1,30}$/.test(d.header.trim()) && !d.sub)
    return make('meta', `A hidden field of the survey ("${d.header}"), kept with the response as received`);
  if (isPhoneHeader(d.text))
    return make('meta', 'A phone number: personal data, kept with the response as received and never published');

  const num = headerNumber(d.text) ?? (d.shortBase ? headerNumber(d.shortBase) : null);
  const qText = num && num.rest ? num.rest : d.text;
  const numbering: Partial<LayoutColumn> = num
    ? { questionNumber: num.number, ...(num.section ? { sectionLabel: num.section } : {}) }
    : {};

  // Alchemer writes the label first ("First Name:Your details", "Other - Write In:How did you hear…?").
  const labelFirst = source === 'alchemer' ? labelFirstParts(d.header) : null;
  if (labelFirst) {
    const [label, question] = labelFirst;
    const field = respondentFieldOf(label, source);
    if (field)
      return make('respondent', `"About you" field recognised from the header`, {
        respondentField: field,
        questionText: label,
      });
    if (isOtherHeader(label) && lastQuestion && normaliseLabel(lastQuestion.header) === normaliseLabel(question))
      return make('other-text', `"Other" text for the question before`, {
        group: lastQuestion.group ?? `c${d.index}`,
        questionText: lastQuestion.questionText ?? question,
        optionLabel: label,
      });
  }

  if (!d.sub && !d.qualtricsKind) {
    // By the label, or any header row's cell (Qualtrics' short names: RecipientEmail under a translated label).
    let field: RespondentTargetKey | undefined =
      respondentFieldOf(qText, source) ??
      respondentFieldOf(d.header, source) ??
      d.headerParts.map((p) => respondentFieldOf(p, source)).find(Boolean);
    // "Respondent type: Individual / Organisation" is who is responding, not what kind of body.
    if (
      (field === 'respondentType' || field === undefined) &&
      /respond|capacity|type/i.test(qText) &&
      looksLikeRespondingAs(values)
    )
      field = 'respondingAs';
    if (field)
      return make('respondent', `"About you" field recognised from the header`, {
        respondentField: field,
        questionText: qText,
        ...numbering,
      });
  }

  if (values.length === 0 && !d.header.trim().replace(/^Column [A-Z]+$/, ''))
    return make('ignore', 'Empty column with no header');

  // Other text: SurveyMonkey sub-label, Qualtrics "_TEXT", or "Question - Other (please specify)".
  if (d.sub && isOtherHeader(d.sub)) {
    return make('other-text', `"Other" text for the question above`, {
      group: lastQuestion?.group ?? `c${d.index}`,
      questionText: qText,
      optionLabel: d.sub,
      ...numbering,
    });
  }
  if (d.qualtricsKind === 'text') {
    return make('other-text', `Qualtrics "Other" text box`, {
      group: lastQuestion?.group ?? `c${d.index}`,
      questionText: qText,
      optionLabel: d.qualtricsLabel ?? 'Other',
      ...numbering,
    });
  }
  if (d.sub) {
    return make('option', `One option of a multi-select question, in its own column`, {
      group: `c${d.index}`,
      questionText: qText,
      optionLabel: d.sub,
      ...numbering,
    });
  }
  // A bare "Other" column straight after a question holding people's own words: that question's "Other" box (Typeform).
  if (
    /^other\b/i.test(d.text.trim()) &&
    isOtherHeader(d.text) &&
    prev &&
    prev === lastQuestion &&
    prev.role === 'question' &&
    values.some((v) => tickValue(v) === null && normaliseLabel(v) !== normaliseLabel(d.text))
  ) {
    return make('other-text', `"Other" text for the question before`, {
      group: prev.group ?? `c${d.index}`,
      questionText: prev.questionText ?? prev.header,
      optionLabel: d.text,
    });
  }
  // "Question - Other (please specify)" / "Question - Please explain your answer" after that question's column(s).
  // "Question - Other (please specify)", "Position-Other", "Question [Other]" after that question.
  const dash =
    /^(.*\S)\s+[-–:]\s+(.+)$/.exec(d.text) ??
    /^(.*\S)\s*\[([^\]]+)\]$/.exec(d.text) ??
    /^(.*[^\s-])-([^\s-][^-]*)$/.exec(d.text);
  const follows = dash && lastQuestion && normaliseLabel(lastQuestion.header).startsWith(normaliseLabel(dash[1]!));
  // Citizen Space and others add the analysts' own columns under a question: their notes, not the respondent's answer.
  if (dash && normaliseLabel(dash[1]!).length > 10 && ANALYST_COLUMN.test(dash[2]!.trim())) {
    return make(
      'meta',
      `The analysts' "${dash[2]}" on a question, kept with the response as received (not the respondent's answer)`,
    );
  }
  if (dash && follows && isOtherHeader(dash[2]!) && !values.every((v) => tickValue(v) !== null)) {
    return make('other-text', `"Other" text for the question before`, {
      group: lastQuestion.group ?? `c${d.index}`,
      questionText: lastQuestion.questionText ?? dash[1]!,
      optionLabel: dash[2]!,
      ...numbering,
    });
  }
  if (dash && follows && isExplanationHeader(dash[2]!)) {
    return make('explanation', `Explanation of the answer to the question before`, {
      group: lastQuestion.group ?? `c${d.index}`,
      questionText: lastQuestion.questionText ?? dash[1]!,
      ...numbering,
    });
  }
  if (isExplanationHeader(qText) && prev?.role === 'respondent' && prev.respondentField === 'confidential') {
    return make('respondent', `"About you" field recognised from the header`, {
      respondentField: 'confidentialReason',
      questionText: qText,
    });
  }
  // "Please explain your views on…" with a Qualtrics code of its own (Q4 after Q3_1…Q3_4) is a
  // question of its own. (Elsewhere a number proves nothing: Decidim numbers every column.)
  const ownNumber =
    style === 'qualtrics' &&
    d.shortBase &&
    num &&
    lastQuestion?.questionNumber &&
    leadingNumber(num.number) !== leadingNumber(lastQuestion.questionNumber);
  if (isExplanationHeader(qText) && lastQuestion && !ownNumber) {
    return make('explanation', `Explanation of the answer to the question before`, {
      group: lastQuestion.group ?? `c${d.index}`,
      questionText: lastQuestion.questionText ?? '',
      ...(lastQuestion.questionNumber ? { questionNumber: lastQuestion.questionNumber } : {}),
      ...(lastQuestion.sectionLabel ? { sectionLabel: lastQuestion.sectionLabel } : {}),
    });
  }
  // Its own group: columns become one question only where the layout says so (column-blocks.ts), never by matching
  // headers.
  return make(
    'question',
    num ? `Question ${num.section ? `${num.section} ` : ''}${num.number} by its header` : 'An answer column',
    { group: `c${d.index}`, questionText: qText, ...numbering },
  );
}

/** "3a" → "3", "12" → "12": the question a part belongs to. */
function leadingNumber(n: string): string {
  return /^\d+/.exec(n)?.[0] ?? n;
}
