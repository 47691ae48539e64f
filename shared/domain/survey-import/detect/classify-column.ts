import type { ColumnRole, LayoutColumn, MetaField } from '../types';
import type { RespondentFieldKey } from '../../draft/model';
import { normaliseLabel, tickValue } from '../values/text-match';
import { headerNumber, isExplanationHeader, isOtherHeader, looksLikeRespondingAs, metaFieldOf, respondentFieldOf } from './header-vocabulary';
import type { HeaderStyle } from './header-rows';

/**
 * What one column holds, from its header (and, for a few cues, its values): tool metadata by name,
 * an "About you" detail by header synonyms (and Individual/Organisation values), an option of a
 * question spread over columns, "Other" text, "Please explain your answer" (joined to the question
 * before it), or a question of its own. Which columns form one question is column-blocks.ts's.
 */

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

export function classify(d: ColumnDraft, values: string[], style: HeaderStyle, lastQuestion: LayoutColumn | undefined, prev: LayoutColumn | undefined): LayoutColumn {
  const base = { index: d.index, header: d.header, headerParts: d.headerParts };
  const make = (role: ColumnRole, because: string, extra: Partial<LayoutColumn> = {}): LayoutColumn => ({ ...base, role, because, ...extra });

  // Metadata: by name, in any header row (Qualtrics puts short names first, labels second).
  if (!d.sub) {
    for (const p of [d.header, ...d.headerParts]) {
      if (!p) continue;
      const meta: MetaField | null | undefined = metaFieldOf(p);
      if (meta !== undefined) return make('meta', meta ? `Survey-tool column "${p}"` : `Survey-tool column "${p}", not imported`, meta ? { metaField: meta } : {});
    }
  }

  const num = headerNumber(d.text) ?? (d.shortBase ? headerNumber(d.shortBase) : null);
  const qText = num && num.rest ? num.rest : d.text;
  const numbering: Partial<LayoutColumn> = num ? { questionNumber: num.number, ...(num.section ? { sectionLabel: num.section } : {}) } : {};

  if (!d.sub && !d.qualtricsKind) {
    // By the label, or any header row's cell (Qualtrics' short names: RecipientEmail under a translated label).
    let field: RespondentFieldKey | undefined = respondentFieldOf(qText) ?? respondentFieldOf(d.header) ?? d.headerParts.map(respondentFieldOf).find(Boolean);
    // "Respondent type: Individual / Organisation" is who is responding, not what kind of body.
    if ((field === 'respondentType' || field === undefined) && /respond|capacity|type/i.test(qText) && looksLikeRespondingAs(values)) field = 'respondingAs';
    if (field) return make('respondent', `"About you" field recognised from the header`, { respondentField: field, questionText: qText, ...numbering });
  }

  if (values.length === 0 && !d.header.trim().replace(/^Column [A-Z]+$/, '')) return make('ignore', 'Empty column with no header');

  // Other text: SurveyMonkey sub-label, Qualtrics "_TEXT", or "Question - Other (please specify)".
  if (d.sub && isOtherHeader(d.sub)) {
    return make('other-text', `"Other" text for the question above`, { group: lastQuestion?.group ?? `c${d.index}`, questionText: qText, optionLabel: d.sub, ...numbering });
  }
  if (d.qualtricsKind === 'text') {
    return make('other-text', `Qualtrics "Other" text box`, { group: lastQuestion?.group ?? `c${d.index}`, questionText: qText, optionLabel: d.qualtricsLabel ?? 'Other', ...numbering });
  }
  if (d.sub) {
    return make('option', `One option of a multi-select question, in its own column`, {
      group: `c${d.index}`,
      questionText: qText,
      optionLabel: d.sub,
      ...numbering,
    });
  }
  // "Question - Other (please specify)" / "Question - Please explain your answer" after that question's column(s).
  // "Question - Other (please specify)", "Position-Other", "Question [Other]" after that question.
  const dash = /^(.*\S)\s+[-–:]\s+(.+)$/.exec(d.text) ?? /^(.*\S)\s*\[([^\]]+)\]$/.exec(d.text) ?? /^(.*[^\s-])-([^\s-][^-]*)$/.exec(d.text);
  const follows = dash && lastQuestion && normaliseLabel(lastQuestion.header).startsWith(normaliseLabel(dash[1]!));
  if (dash && follows && isOtherHeader(dash[2]!) && !values.every((v) => tickValue(v) !== null)) {
    return make('other-text', `"Other" text for the question before`, { group: lastQuestion.group ?? `c${d.index}`, questionText: lastQuestion.questionText ?? dash[1]!, optionLabel: dash[2]!, ...numbering });
  }
  if (dash && follows && isExplanationHeader(dash[2]!)) {
    return make('explanation', `Explanation of the answer to the question before`, { group: lastQuestion.group ?? `c${d.index}`, questionText: lastQuestion.questionText ?? dash[1]!, ...numbering });
  }
  if (isExplanationHeader(qText) && prev?.role === 'respondent' && prev.respondentField === 'confidential') {
    return make('respondent', `"About you" field recognised from the header`, { respondentField: 'confidentialReason', questionText: qText });
  }
  if (isExplanationHeader(qText) && lastQuestion) {
    return make('explanation', `Explanation of the answer to the question before`, {
      group: lastQuestion.group ?? `c${d.index}`,
      questionText: lastQuestion.questionText ?? '',
      ...(lastQuestion.questionNumber ? { questionNumber: lastQuestion.questionNumber } : {}),
      ...(lastQuestion.sectionLabel ? { sectionLabel: lastQuestion.sectionLabel } : {}),
    });
  }
  // Its own group: columns become one question only where the layout says so (column-blocks.ts), never by matching headers.
  return make('question', num ? `Question ${num.section ? `${num.section} ` : ''}${num.number} by its header` : 'An answer column', { group: `c${d.index}`, questionText: qText, ...numbering });
}

