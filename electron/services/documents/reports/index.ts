/**
 * The documents after the consultation, built from a ConsultationReport (shared/report):
 * the government response and the ministerial briefing as .docx bytes; the analysis workbook and
 * the responses CSV streamed to a path or Writable (100,000 rows in bounded memory), returning the
 * size and SHA-256 the export log records. Every builder prepares the report at the redaction
 * level in the context first: publication refuses quotes without consent (QuoteConsentError) and
 * suppresses small numbers; internal use says "Not for publication: contains personal data".
 */
export type { ReportContext } from './report-context';
export type { StreamedOutput } from '../../formats/zip/byte-sink';
export {
  buildGovernmentResponseDocx,
  GOVERNMENT_RESPONSE_HEADINGS,
  type GovernmentResponseOptions,
} from './government-response-docx';
export { buildBriefingDocx, BRIEFING_HEADINGS } from './briefing-docx';
export { buildAnalysisXlsx, ANALYSIS_SHEETS } from './analysis-xlsx';
export { buildResponsesCsv } from './responses-csv';
export { renderChartPng, chartFontFiles } from '../../formats/chart-png';
export { reportFileName } from './report-file-names';
