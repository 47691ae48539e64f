import {
  orderedQuestions,
  questionNumbers,
  type Draft,
  type QuestionType,
  type RespondentFieldKey,
} from '#shared/domain/draft/model';
import {
  explainPrompt,
  isClosed,
  optionsOf,
  OTHER_SPECIFY_PROMPT,
  wordLimitText,
} from '../consultation/document/question-text';
import { OTHER_OPTION_ID } from '#shared/domain/draft/model';

/**
 * What a response form asks and where each answer goes: the contract between the forms we issue
 * and the readers that recognise them when they come back. It travels inside every form (the
 * hidden `_workbench` sheet of the .xlsx, custom document properties of the .docx) so a returned
 * form maps to stable question and option ids even after the draft has changed.
 */
export const FORM_SCHEMA_VERSION = 1;
export type FormFormat = 'xlsx' | 'docx';

/** One answer place on the form. */
export type FormRowKind =
  /** The whole answer: free text, a number, or (xlsx) the option chosen from a list. */
  | 'answer'
  /** One option: ticked (X) for choices, a number for ranking. */
  | 'option'
  /** The text for "Other (please specify)". */
  | 'other'
  /** "Please explain your answer". */
  | 'explain';

export interface FormRow {
  kind: FormRowKind;
  optionId?: string;
  label: string;
  /** Where the answer is written ("Questions!C7" in the xlsx; unused in the docx, which is read by table). */
  cell?: string;
}

export interface FormQuestion {
  id: string;
  number: string;
  type: QuestionType;
  text: string;
  options: { id: string; label: string }[];
  rows: FormRow[];
}

export interface FormField {
  key: RespondentFieldKey;
  label: string;
  options: string[];
  cell?: string;
}

export interface FormSchema {
  version: number;
  format: FormFormat;
  formId: string;
  consultationId: string;
  title: string;
  fields: FormField[];
  questions: FormQuestion[];
}

/** The answer label of an open question, with its word limit. */
export function answerLabel(wordLimit: number | null): string {
  return wordLimit
    ? `Your answer (${wordLimitText(wordLimit)
        .replace(/^Please use /, '')
        .replace(/\.$/, '')})`
    : 'Your answer';
}

export function formSchema(
  draft: Draft,
  ids: { formId: string; consultationId: string },
  format: FormFormat,
): FormSchema {
  const numbers = questionNumbers(draft);
  const questions: FormQuestion[] = orderedQuestions(draft).map((q) => {
    const options = optionsOf(q).map((o) => ({ id: o.id, label: o.label }));
    const rows: FormRow[] = [];
    if (!isClosed(q)) {
      rows.push({ kind: 'answer', label: answerLabel(q.wordLimit) });
    } else {
      // A spreadsheet picks one option from a drop-down list; a Word form ticks one row per option.
      const pickFromList =
        format === 'xlsx' && (q.type === 'likert_agree5' || q.type === 'yes_no' || q.type === 'single_choice');
      if (pickFromList) rows.push({ kind: 'answer', label: 'Your answer' });
      else for (const o of options) rows.push({ kind: 'option', optionId: o.id, label: o.label });
      if (options.some((o) => o.id === OTHER_OPTION_ID)) rows.push({ kind: 'other', label: OTHER_SPECIFY_PROMPT });
      const explain = explainPrompt(q);
      if (explain) rows.push({ kind: 'explain', label: explain });
    }
    return { id: q.id, number: numbers.get(q.id) ?? '', type: q.type, text: q.text, options, rows };
  });
  const fields: FormField[] = draft.aboutYou
    .filter((f) => f.enabled)
    .map((f) => ({
      key: f.key,
      label: f.label.trim() || f.key,
      options: f.options.map((o) => o.trim()).filter(Boolean),
    }));
  return {
    version: FORM_SCHEMA_VERSION,
    format,
    formId: ids.formId,
    consultationId: ids.consultationId,
    title: draft.metadata.title.trim() || 'Untitled consultation',
    fields,
    questions,
  };
}
