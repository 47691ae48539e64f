import { z } from 'zod';
import { RESPONDENT_FIELD_KEYS } from '../draft/model';

/**
 * What an export's column can fill in about a respondent: the draft's "About you" fields, and the
 * postal details a form or letter also gives (kept as personal data, never a region or an answer).
 */
export const RESPONDENT_TARGET_KEYS = [...RESPONDENT_FIELD_KEYS, 'postcode', 'address'] as const;
export type RespondentTargetKey = (typeof RESPONDENT_TARGET_KEYS)[number];

/**
 * The normalised shapes every response channel is read into. A survey export becomes a RawTable
 * (cells as text, nothing interpreted), a Layout (which rows are headers, what each column
 * is), a ColumnMapping (column → question part / respondent field / metadata / ignore) and
 * finally NormalisedResponses plus RejectedRows. Pure data: it crosses the worker boundary and
 * the IPC contract as it is.
 */

// ---------------------------------------------------------------- the file as read

export type SourceFormat = 'csv' | 'xlsx' | 'xls' | 'ods' | 'html';

export interface ImportWarning {
  /** Stable code for the UI: 'encoding-fallback', 'short-rows', 'unterminated-quote', … */
  code: string;
  message: string;
  /** 1-based row in the file, where the warning is about one row. */
  row?: number;
}

/**
 * Every row of the first (or chosen) sheet as text, header rows included: which rows are headers
 * is the layout's decision, not the reader's. `rowNumbers[i]` is the 1-based row number of
 * `cells[i]` as a spreadsheet program would show it (for CSV, the record number), so a rejected
 * row can be found in the original file.
 */
export interface RawTable {
  fileName: string;
  format: SourceFormat;
  cells: string[][];
  rowNumbers: number[];
  /** Widest row, in cells. */
  columnCount: number;
  /** CSV: the text encoding that was used ('utf-8', 'utf-16le', 'utf-16be', 'windows-1252'). */
  encoding?: string;
  /** CSV: the field separator that was used. */
  delimiter?: string;
  /** Spreadsheets: the sheet that was read and the sheets there are. */
  sheetName?: string;
  sheetNames?: string[];
  /** True when the file does not end with a line break (a sign of a cut-off file). */
  endsMidRow?: boolean;
  /** Rows the reader could not split for certain (a stray or unclosed quote): rejected with this reason. */
  rowProblems?: { row: number; reason: string }[];
  warnings: ImportWarning[];
}

// ---------------------------------------------------------------- layout

export const SOURCE_KINDS = [
  'microsoft-forms',
  'surveymonkey',
  'qualtrics',
  'citizen-space',
  'decidim',
  'plain',
  'google-forms',
  'typeform',
  'limesurvey',
  'alchemer',
  'smartsurvey',
  'jotform',
  'kobo',
  'odk',
  'polis',
  'engagementhq',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  'microsoft-forms': 'Microsoft Forms',
  surveymonkey: 'SurveyMonkey',
  qualtrics: 'Qualtrics',
  'citizen-space': 'Citizen Space',
  decidim: 'Decidim',
  plain: 'A spreadsheet with one row per response',
  'google-forms': 'Google Forms',
  typeform: 'Typeform',
  limesurvey: 'LimeSurvey',
  alchemer: 'Alchemer (SurveyGizmo)',
  smartsurvey: 'SmartSurvey',
  jotform: 'Jotform',
  kobo: 'KoboToolbox',
  odk: 'ODK Central',
  polis: 'Pol.is',
  engagementhq: 'EngagementHQ',
};

export const META_FIELDS = ['externalId', 'submittedAt', 'startedAt', 'channel'] as const;
export type MetaField = (typeof META_FIELDS)[number];

/**
 * What a column seems to be, before it is matched to the draft:
 * - meta: written by the survey tool (ids, times, IP address); `metaField` says which, if used.
 * - respondent: an "About you" answer; `respondentField` says which.
 * - question: an answer to a question (one column per question).
 * - option: one option of a multi-select question exported as its own column (SurveyMonkey
 *   "expanded", Qualtrics split choices, "Q2 - Booking appointments" 1/0 columns).
 * - other-text: the free text of "Other (please specify)".
 * - explanation: "Please explain your answer" following a closed question.
 * - ignore: nothing to import (an empty column).
 */
export type ColumnRole = 'meta' | 'respondent' | 'question' | 'option' | 'other-text' | 'explanation' | 'ignore';

export interface LayoutColumn {
  index: number;
  /** The column's header as a person would read it: header rows combined. */
  header: string;
  /** The header as the file has it, when cleaning changed it (HTML, entities, spaces): shown in the column list. */
  rawHeader?: string;
  /** The header rows' own cells for this column (after carrying merged headings rightwards). */
  headerParts: string[];
  role: ColumnRole;
  metaField?: MetaField;
  respondentField?: RespondentTargetKey;
  /** Columns of one question share a group (option columns, other text, the answer itself). */
  group?: string;
  /** The question's text, without its number or the option/sub-label. */
  questionText?: string;
  /** "3", "3a", "Prop 1 Q1" → "1": the question number printed in the header, if any. */
  questionNumber?: string;
  /** Section prefix when headers are "Prop 1 Q1 - …": numbers restart per section. */
  sectionLabel?: string;
  /** Option and other-text columns: the option label the column stands for. */
  optionLabel?: string;
  /**
   * One row of a matrix (or one box of a question with several): each row is its own question,
   * numbered as parts of one (3a, 3b…) under the shared stem. `id` is the matrix's, `row` the label.
   */
  matrix?: { id: string; row: string };
  /** One place of a ranking question ("[Rank 2]"): the column's cells name the option put there. */
  rankSlot?: number;
  /** Why the role was chosen, for the wizard. */
  because: string;
}

export interface Layout {
  source: SourceKind;
  /** Rows (from the first non-blank row) that are headers. */
  headerRowCount: number;
  /** Index into RawTable.cells of the first header row. */
  headerStart: number;
  /** Index into RawTable.cells of the first data row (blank rows after the header skipped). */
  dataStart: number;
  columns: LayoutColumn[];
  /** Multi-select cells seen in the file: ';'-joined (Forms), ','-joined (Decidim, Qualtrics). */
  multiSeparator: ';' | ',';
  notes: string[];
}

// ---------------------------------------------------------------- mapping

export const questionPartSchema = z.union([
  z.enum(['answer', 'explanation', 'other-text']),
  // A column per option (a tick, or the option's rank in a ranking question).
  z.strictObject({ optionId: z.string().min(1).max(100) }),
  // A column per place of a ranking question, holding the option put there (LimeSurvey "[Rank 1]").
  z.strictObject({ rank: z.number().int().min(1).max(200) }),
]);
export type QuestionPart = z.infer<typeof questionPartSchema>;

export const mappingTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('question'), questionId: z.string().min(1).max(100), part: questionPartSchema }),
  z.strictObject({ kind: z.literal('respondent'), field: z.enum(RESPONDENT_TARGET_KEYS) }),
  z.strictObject({ kind: z.literal('meta'), field: z.enum(META_FIELDS) }),
  // Kept with each response as it was received (the survey tool's own record, a column nobody
  // mapped): shown with the response and in the internal export, never analysed or published.
  z.strictObject({ kind: z.literal('keep') }),
  z.strictObject({ kind: z.literal('ignore') }),
]);
export type MappingTarget = z.infer<typeof mappingTargetSchema>;

/** One target per column, by column index. Saved per source fingerprint and reused. */
export const columnMappingSchema = z.array(mappingTargetSchema).max(20_000);
export type ColumnMapping = MappingTarget[];

export interface MappingProposal {
  mapping: ColumnMapping;
  /** 0–1 per column: how sure the proposal is (1 = metadata recognised by name, exact question text). */
  confidence: number[];
  /** Per column, in words: "question number 3 and 84% of the words of question 3". */
  reasons: string[];
  /** Columns that look like answers but match no question in the draft (offer to create questions). */
  unmatched: number[];
}

// ---------------------------------------------------------------- responses

/** How a response arrived (its channel): an online survey, a returned form, an email, a letter, or other. */
export const INTAKE_CHANNELS = ['online-survey', 'email', 'letter', 'response-form', 'other'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

export interface NormalisedAnswer {
  questionId: string;
  /** Chosen options by stable id; for ranking questions, in rank order (first = ranked 1). */
  optionIds: string[];
  /** Open questions: the answer. Closed questions: the cell as written (kept for audit). */
  text: string;
  otherText?: string;
  explanation?: string;
  /** Closed questions: values that matched no option. The row is kept; the answer is flagged. */
  unmatched?: string[];
}

export interface ResponseIssue {
  column: number;
  header: string;
  message: string;
}

export interface NormalisedResponse {
  /** 1-based row in the source file. */
  sourceRow: number;
  externalId?: string;
  /** ISO 8601 instant, when the tool's time could be read; the text as written otherwise. */
  submittedAt?: string;
  startedAt?: string;
  channel: IntakeChannel;
  respondent: Partial<Record<RespondentTargetKey, string>>;
  answers: NormalisedAnswer[];
  /** Things the official should look at; the response is imported all the same. */
  issues: ResponseIssue[];
  /** Cells of columns mapped "keep", as received: [column index, value]. */
  extra?: [number, string][];
}

export interface RejectedRow {
  sourceRow: number;
  reason: string;
  /** The row as it was, by header (duplicate headers made unique: "Q1", "Q1 (2)"). */
  raw: Record<string, string>;
}

export interface UnmatchedValue {
  column: number;
  questionId: string;
  value: string;
  count: number;
  /** First few source rows with the value. */
  rows: number[];
}

export interface ApplyResult {
  responses: NormalisedResponse[];
  rejected: RejectedRow[];
  /** Source rows that were entirely blank: not responses, listed so nothing vanishes unseen. */
  blankRows: number[];
  /** Closed-question values that matched no option, with how often: for "map to option" in the wizard. */
  unmatchedValues: UnmatchedValue[];
}
