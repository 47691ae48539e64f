import { z } from 'zod';

/**
 * A schema for a partial update of an object: every field optional and, unlike zod's
 * `.partial()`, without defaults — a field left out of the patch must stay as it is, not be
 * reset to its default. Unknown fields are refused.
 */
export function patchSchema<S extends z.ZodRawShape>(schema: z.ZodObject<S>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
    shape[key] = inner.optional();
  }
  return z.strictObject(shape) as unknown as z.ZodType<
    Partial<z.output<z.ZodObject<S>>>,
    Partial<z.input<z.ZodObject<S>>>
  >;
}
