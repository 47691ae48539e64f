import type { Draft } from '#shared/domain/draft/model';
import { slugify } from '#shared/domain/filename';

/** The documents this folder produces. */
export const OUTPUT_KINDS = [
  'consultation-docx',
  'consultation-html',
  'response-form-docx',
  'response-form-xlsx',
  'questions-xlsx',
] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

const SUFFIX: Record<OutputKind, { words: string; ext: string }> = {
  'consultation-docx': { words: 'consultation', ext: 'docx' },
  'consultation-html': { words: 'consultation', ext: 'html' },
  'response-form-docx': { words: 'response-form', ext: 'docx' },
  'response-form-xlsx': { words: 'response-form', ext: 'xlsx' },
  'questions-xlsx': { words: 'questions', ext: 'xlsx' },
};

/**
 * GOV.UK file names: lowercase, hyphens, meaningful out of context, no "draft", "final" or
 * version markers (shared slugify). "consultation" is not repeated when the title already says it:
 * "one-online-place-for-nhs-information-and-services-consultation.docx",
 * "…-response-form.xlsx", "…-questions.xlsx".
 */
export function outputFileName(kind: OutputKind, draft: Pick<Draft, 'metadata'>): string {
  const { words, ext } = SUFFIX[kind];
  const slug = slugify(draft.metadata.title, 'consultation');
  const base = words === 'consultation' && slug.split('-').includes('consultation') ? slug : `${slug}-${words}`;
  return `${base}.${ext}`;
}
