import { createHash } from 'node:crypto';

/**
 * What every output needs besides the draft. `now` is the clock the caller passes in (a fixed
 * clock gives byte-identical files); it stamps document properties and ZIP entries and, when no
 * `formId` is given, derives one.
 */
export interface OutputContext {
  now: Date;
  consultationId: string;
  /** Identifies one issued response form; defaults to a value derived from consultationId and now. */
  formId?: string;
}

export interface ResolvedContext {
  now: Date;
  consultationId: string;
  formId: string;
}

/** "form-" and 16 hex digits of SHA-256(consultationId, now): stable for the same inputs, distinct across issues. */
export function defaultFormId(consultationId: string, now: Date): string {
  return `form-${createHash('sha256').update(`${consultationId}\n${now.toISOString()}`).digest('hex').slice(0, 16)}`;
}

export function resolveContext(ctx: OutputContext): ResolvedContext {
  if (!(ctx.now instanceof Date) || Number.isNaN(ctx.now.getTime()))
    throw new TypeError('OutputContext.now must be a valid Date');
  return {
    now: ctx.now,
    consultationId: ctx.consultationId,
    formId: ctx.formId ?? defaultFormId(ctx.consultationId, ctx.now),
  };
}
