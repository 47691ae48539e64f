import { REPORT_EXPORT_INFO, REPORT_EXPORT_KINDS, type ReportExportKind } from './report-export-kinds';

/**
 * Every file the app can produce, what it is for, and how the Outputs page describes it. The
 * kind names are the CLI's contract (`npx workbench export <file> <kind> <out>`): never rename them.
 * The last four are made after the consultation, from the responses and their analysis.
 */
export const EXPORT_KINDS = [
  'consultation-docx',
  'response-form-docx',
  'response-form-xlsx',
  'questions-xlsx',
  'consultation-html',
  ...REPORT_EXPORT_KINDS,
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** none: for internal use, personal data included; redacted: for publication; not-applicable: holds no responses. */
export type Redaction = 'none' | 'redacted' | 'not-applicable';

export interface ExportKindInfo {
  kind: ExportKind;
  title: string;
  description: string;
  extension: string;
  stage: 'consultation' | 'response';
  /** Whether the output holds responses, so a redaction level must be chosen. */
  holdsResponses: boolean;
  /** Built from the draft: the standard checker runs first, and errors need "export anyway". */
  checksDraft: boolean;
}

export const EXPORT_INFO: Record<ExportKind, ExportKindInfo> = {
  'consultation-docx': {
    kind: 'consultation-docx',
    title: 'Consultation document (Word)',
    description:
      'The full consultation: cover, contents, foreword, the “About this consultation” box, every section and ' +
      'question, and annexes A to C. Accessible: heading styles, title and language set, table header rows, alt ' +
      'text.',
    extension: '.docx',
    stage: 'consultation',
    holdsResponses: false,
    checksDraft: true,
  },
  'consultation-html': {
    kind: 'consultation-html',
    title: 'Consultation document (HTML)',
    description: 'The same document as one accessible, self-contained web page. GOV.UK prefers HTML publications.',
    extension: '.html',
    stage: 'consultation',
    holdsResponses: false,
    checksDraft: true,
  },
  'response-form-docx': {
    kind: 'response-form-docx',
    title: 'Response form (Word)',
    description:
      'The “About you” questions and every question with its options and a space to answer. Returned forms are ' +
      'imported with no mapping needed.',
    extension: '.docx',
    stage: 'consultation',
    holdsResponses: false,
    checksDraft: true,
  },
  'response-form-xlsx': {
    kind: 'response-form-xlsx',
    title: 'Response form (Excel)',
    description:
      'For respondents who prefer a spreadsheet: drop-down lists for closed questions, protected question text, ' +
      'and hidden ids so a returned form is recognised automatically.',
    extension: '.xlsx',
    stage: 'consultation',
    holdsResponses: false,
    checksDraft: true,
  },
  'questions-xlsx': {
    kind: 'questions-xlsx',
    title: 'Questions list (Excel)',
    description:
      'Every question with its number, type and options, one row each: for setting up an online survey or ' +
      'checking the questions.',
    extension: '.xlsx',
    stage: 'consultation',
    holdsResponses: false,
    checksDraft: false,
  },
  ...REPORT_EXPORT_INFO,
};

export const isReportKind = (kind: ExportKind): kind is ReportExportKind =>
  (REPORT_EXPORT_KINDS as readonly string[]).includes(kind);

export interface ExportLogEntry {
  id: number;
  at: string;
  actor: string;
  kind: string;
  path: string;
  redaction: Redaction;
  sha256: string;
  bytes: number;
  note: string | null;
}

export interface ExportResult {
  kind: ExportKind;
  path: string;
  bytes: number;
  sha256: string;
  redaction: Redaction;
  /** Standard checker errors open when the document was made (exported anyway). */
  checkerErrors: number;
  /**
   * Publication level, documents after the consultation: what the publication check found
   * (shared/report/publication-check.ts); with an error left, the document says "Draft" on every page.
   */
  publicationCheck?: PublicationCheckItem[];
  /**
   * Something the user should know that did not stop the export (the command line's workspace could not be rewritten on
   * close).
   */
  warning?: string;
}

/** One finding of the publication check, as the window and the command line show it. */
export interface PublicationCheckItem {
  ruleId: string;
  severity: 'error' | 'warning';
  message: string;
  /** Where in the app to fix it ("go to it"). */
  goTo?: PublicationGoTo;
  /** The question's number as printed, when the finding is about one question. */
  questionNumber?: string;
}

/** Where in the app a publication-check finding is fixed: a page, a view of it, a question. */
export interface PublicationGoTo {
  page: 'analysis' | 'responses' | 'draft';
  view?: 'campaigns' | 'duplicates' | 'browse' | 'personal-data';
  questionId?: string;
}
