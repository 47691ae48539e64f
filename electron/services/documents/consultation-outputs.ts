/**
 * The consultation's output documents, as bytes (no file I/O here: the caller writes atomically).
 *
 * Every builder takes the draft and an OutputContext `{ now, consultationId, formId? }`; the same
 * draft and clock give byte-identical files. The readers recognise returned response forms by the
 * ids the builders embed and throw AppError('bad-file') for anything else.
 */
export type { OutputContext } from './output-context';
export { defaultFormId } from './output-context';
export { OUTPUT_KINDS, outputFileName, type OutputKind } from './output-file-names';
export { buildConsultationDocx, type ConsultationDocxOptions } from './consultation/consultation-docx';
export { buildConsultationHtml } from './consultation/consultation-html';
export { buildResponseFormDocx } from './forms/response-form-docx';
export { buildResponseFormXlsx } from './forms/response-form-xlsx';
export { buildQuestionsXlsx } from './consultation/questions-xlsx';
export { readResponseFormXlsx } from './forms/read-form-xlsx';
export { readResponseFormDocx } from './forms/read-form-docx';
export type { ReturnedAnswer, ReturnedForm } from './forms/returned-form';
export { FORM_SCHEMA_VERSION } from './forms/form-schema';

import type { Draft } from '#shared/domain/draft/model';
import type { OutputContext } from './output-context';
import type { OutputKind } from './output-file-names';
import { DOCUMENT_BUILDERS } from './builders';

/** One entry point for the Outputs page and the CLI: the bytes of any kind of consultation output. */
export function buildOutput(kind: OutputKind, draft: Draft, ctx: OutputContext): Promise<Uint8Array> {
  const b = DOCUMENT_BUILDERS[kind];
  if (b.from !== 'draft') throw new Error(`${kind} is made from the responses, not the draft.`);
  return b.build(draft, ctx);
}
