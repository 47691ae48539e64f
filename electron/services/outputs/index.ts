/**
 * The consultation's output documents, as bytes (no file I/O here: the caller writes atomically).
 *
 * Every builder takes the draft and an OutputContext `{ now, consultationId, formId? }`; the same
 * draft and clock give byte-identical files. The readers recognise returned response forms by the
 * ids the builders embed and throw AppError('bad-file') for anything else.
 */
export type { OutputContext } from './context';
export { defaultFormId } from './context';
export { OUTPUT_KINDS, outputFileName, type OutputKind } from './file-names';
export { buildConsultationDocx, type ConsultationDocxOptions } from './consultation-docx';
export { buildConsultationHtml } from './consultation-html';
export { buildResponseFormDocx } from './response-form-docx';
export { buildResponseFormXlsx } from './response-form-xlsx';
export { buildQuestionsXlsx } from './questions-xlsx';
export { readResponseFormXlsx } from './read-form-xlsx';
export { readResponseFormDocx } from './read-form-docx';
export type { ReturnedAnswer, ReturnedForm } from './forms/returned-form';
export { FORM_SCHEMA_VERSION } from './forms/form-schema';

import type { Draft } from '../../../shared/domain/draft/model';
import type { OutputContext } from './context';
import type { OutputKind } from './file-names';
import { buildConsultationDocx } from './consultation-docx';
import { buildConsultationHtml } from './consultation-html';
import { buildResponseFormDocx } from './response-form-docx';
import { buildResponseFormXlsx } from './response-form-xlsx';
import { buildQuestionsXlsx } from './questions-xlsx';

/** One entry point for the Outputs page and the CLI: the bytes of any kind of output. */
export function buildOutput(kind: OutputKind, draft: Draft, ctx: OutputContext): Promise<Uint8Array> {
  switch (kind) {
    case 'consultation-docx':
      return buildConsultationDocx(draft, ctx);
    case 'consultation-html':
      return buildConsultationHtml(draft, ctx);
    case 'response-form-docx':
      return buildResponseFormDocx(draft, ctx);
    case 'response-form-xlsx':
      return buildResponseFormXlsx(draft, ctx);
    case 'questions-xlsx':
      return buildQuestionsXlsx(draft, ctx);
  }
}
