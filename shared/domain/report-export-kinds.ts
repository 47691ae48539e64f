/**
 * The four documents made after the consultation from the responses and their analysis, described
 * as shared/domain/exports.ts describes the others and listed there in EXPORT_KINDS / EXPORT_INFO
 * (their builders: electron/services/documents/builders.ts).
 */
export const REPORT_EXPORT_KINDS = [
  'government-response-docx',
  'analysis-xlsx',
  'briefing-docx',
  'responses-csv',
] as const;
export type ReportExportKind = (typeof REPORT_EXPORT_KINDS)[number];

export interface ReportExportKindInfo {
  kind: ReportExportKind;
  title: string;
  description: string;
  extension: string;
  stage: 'response';
  holdsResponses: true;
  checksDraft: false;
}

export const REPORT_EXPORT_INFO: Record<ReportExportKind, ReportExportKindInfo> = {
  'government-response-docx': {
    kind: 'government-response-docx',
    title: 'Government response (Word)',
    description:
      'The summary of responses and the government’s response: who responded, the method, each question’s ' +
      'counts with a chart and table, themes, quotes and the decision, other themes, next steps and the ' +
      'organisations that responded.',
    extension: '.docx',
    stage: 'response',
    holdsResponses: true,
    checksDraft: false,
  },
  'analysis-xlsx': {
    kind: 'analysis-xlsx',
    title: 'Analysis workbook (Excel)',
    description:
      'Cover, contents and notes, then one table per sheet: counts, cross-tabs, theme counts, quotes, a 0/1 ' +
      'response-by-theme matrix and every response. Follows the Analysis Function checklist.',
    extension: '.xlsx',
    stage: 'response',
    holdsResponses: true,
    checksDraft: false,
  },
  'briefing-docx': {
    kind: 'briefing-docx',
    title: 'Ministerial briefing (Word)',
    description:
      'Two pages for a minister: headline numbers, who responded, the main themes for each proposal and issues ' +
      'to note.',
    extension: '.docx',
    stage: 'response',
    holdsResponses: true,
    checksDraft: false,
  },
  'responses-csv': {
    kind: 'responses-csv',
    title: 'Responses (CSV)',
    description:
      'Every response, one row each, as UTF-8 CSV for other tools. Values that a spreadsheet could run as a ' +
      'formula are made safe.',
    extension: '.csv',
    stage: 'response',
    holdsResponses: true,
    checksDraft: false,
  },
};
