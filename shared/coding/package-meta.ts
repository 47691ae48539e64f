import { z } from 'zod';
import type { PackageMeta } from './types';

/**
 * A coding package is an ordinary workspace file made from this one — the questions, the codebook
 * and a sample of answers (response ids kept, no respondent details) — marked in its `meta` table
 * under this key, so a colleague opens it in their own workbench, codes it with the same queue,
 * and sends it back to be merged.
 */
export const PACKAGE_META_KEY = 'coding_package';

const sampleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('count'), n: z.number().int().min(1).max(1_000_000), seed: z.number().int() }),
  z.strictObject({ kind: z.literal('percent'), percent: z.number().gt(0).max(100), seed: z.number().int() }),
]);
export const sampleDefinitionSchema = sampleSchema;

export const packageMetaSchema = z.strictObject({
  packageId: z.string().min(1).max(100),
  sourceConsultationId: z.string().min(1).max(100),
  sourceTitle: z.string().max(1000),
  questionIds: z.array(z.string().min(1).max(100)).min(1).max(500),
  coder: z.string().max(200),
  createdAt: z.string(),
  createdBy: z.string().max(500),
  sample: sampleSchema,
  answers: z.number().int().min(0),
});

export function parsePackageMeta(json: string | null | undefined): PackageMeta | null {
  if (!json) return null;
  try {
    const r = packageMetaSchema.safeParse(JSON.parse(json));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
