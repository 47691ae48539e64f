import type { WorkerSpec } from '../../core/workers/worker-spec';
import type { ConsultationReport, PreparedReport, RedactionLevel } from '#shared/report/index';
import { prepareReport } from '#shared/report/index';
import type { OutputContext } from '../output-context';

/**
 * What every report builder needs besides the report: the clock (a fixed clock gives identical
 * files where the format allows), and the redaction level chosen at export with its
 * small-number threshold (default 10). 'redacted' is for publication; 'none' for internal use.
 */
export interface ReportContext extends Pick<OutputContext, 'now'> {
  consultationId?: string;
  redaction: RedactionLevel;
  threshold?: number;
  /** Streamed outputs written to a file: make the file in this worker (Services.taskWorker). */
  worker?: WorkerSpec | undefined;
  /** Published over the publication check's errors: "Draft" on every page. */
  draftBanner?: boolean;
}

export function prepareForOutput(
  report: ConsultationReport,
  ctx: ReportContext,
): { prepared: PreparedReport; now: Date } {
  if (!(ctx.now instanceof Date) || Number.isNaN(ctx.now.getTime()))
    throw new TypeError('ReportContext.now must be a valid Date');
  const prepared = prepareReport(report, {
    redaction: ctx.redaction,
    ...(ctx.threshold !== undefined ? { threshold: ctx.threshold } : {}),
    ...(ctx.draftBanner ? { draftBanner: true } : {}),
  });
  return { prepared, now: ctx.now };
}
