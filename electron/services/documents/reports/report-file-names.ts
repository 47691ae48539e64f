import { slugify } from '#shared/domain/filename';
import type { ReportExportKind } from '#shared/report/index';

const SUFFIX: Record<ReportExportKind, string> = {
  'government-response-docx': 'government-response.docx',
  'analysis-xlsx': 'analysis-of-responses.xlsx',
  'briefing-docx': 'briefing.docx',
  'responses-csv': 'responses.csv',
};

/** GOV.UK-style file names: "one-online-place-for-nhs-information-and-services-government-response.docx". */
export function reportFileName(kind: ReportExportKind, title: string): string {
  return `${slugify(title, 'consultation')}-${SUFFIX[kind]}`;
}
