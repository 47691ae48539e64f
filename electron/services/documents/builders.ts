import type { Draft } from '#shared/domain/draft/model';
import type { ExportKind } from '#shared/domain/exports';
import type { ConsultationReport } from '#shared/report/index';
import type { StreamedOutput } from '../formats/zip/byte-sink';
import type { OutputContext } from './output-context';
import type { ReportContext } from './reports/report-context';
import { buildConsultationDocx } from './consultation/consultation-docx';
import { buildConsultationHtml } from './consultation/consultation-html';
import { buildQuestionsXlsx } from './consultation/questions-xlsx';
import { buildResponseFormDocx } from './forms/response-form-docx';
import { buildResponseFormXlsx } from './forms/response-form-xlsx';
import { buildGovernmentResponseDocx } from './reports/government-response-docx';
import { buildBriefingDocx } from './reports/briefing-docx';
import { buildAnalysisXlsx } from './reports/analysis-xlsx';
import { buildResponsesCsv } from './reports/responses-csv';

/**
 * Every kind of document the app makes, and what makes it: the one table from an export kind to
 * its builder. A new export kind is a row here (and its entry in shared/domain/exports.ts).
 * - from-draft: the consultation documents and forms, from the draft alone, as bytes;
 * - from-report: the Word documents after the consultation, from the ConsultationReport, as bytes;
 * - from-report, streamed: the workbook and the CSV of every response, written to a path as they
 *   are made (100,000 rows in bounded memory).
 */
export type DocumentBuilder =
  | { from: 'draft'; build: (draft: Draft, ctx: OutputContext) => Promise<Uint8Array> }
  | { from: 'report'; build: (report: ConsultationReport, ctx: ReportContext) => Promise<Uint8Array> }
  | {
      from: 'report-streamed';
      write: (report: ConsultationReport, ctx: ReportContext, path: string) => Promise<StreamedOutput>;
    };

export const DOCUMENT_BUILDERS: { readonly [K in ExportKind]: DocumentBuilder } = {
  'consultation-docx': { from: 'draft', build: (draft, ctx) => buildConsultationDocx(draft, ctx) },
  'consultation-html': { from: 'draft', build: buildConsultationHtml },
  'response-form-docx': { from: 'draft', build: buildResponseFormDocx },
  'response-form-xlsx': { from: 'draft', build: buildResponseFormXlsx },
  'questions-xlsx': { from: 'draft', build: buildQuestionsXlsx },
  'government-response-docx': { from: 'report', build: (report, ctx) => buildGovernmentResponseDocx(report, ctx) },
  'briefing-docx': { from: 'report', build: buildBriefingDocx },
  'analysis-xlsx': { from: 'report-streamed', write: buildAnalysisXlsx },
  'responses-csv': { from: 'report-streamed', write: buildResponsesCsv },
};
