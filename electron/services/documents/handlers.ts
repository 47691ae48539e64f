import type { HandlerTable } from '../core/session';
import type { OutputChannel } from '#shared/ipc/channels';
import { requireWholeConsultation, requireWorkspace } from '../core/require-workspace';
import { REPORT_EXPORT_KINDS, type ReportExportKind } from '#shared/domain/report-export-kinds';
import { listOutputs, runExport } from './export-service';
import { readExportLog } from '../core/export-log';
import { checkerErrorCount } from '../draft/checker-gate';
import { runPublicationCheck } from './publication-facts';

export const outputHandlers: HandlerTable<OutputChannel> = {
  'outputs.list': (_i, ctx) => ({ kinds: listOutputs(requireWorkspace(ctx)) }),

  'outputs.log': (_i, ctx) => readExportLog(requireWorkspace(ctx).db),

  'outputs.publicationCheck': (_i, ctx) => {
    const now = ctx.services.clock();
    return { findings: runPublicationCheck(requireWorkspace(ctx).db, now), checkedAt: now.toISOString() };
  },

  'outputs.export': ({ kind, path, redaction, exportAnyway, allowUnfinished }, ctx) =>
    runExport(
      // A document about the responses needs every answer: not from a slice copy.
      (REPORT_EXPORT_KINDS as readonly string[]).includes(kind as ReportExportKind)
        ? requireWholeConsultation(ctx)
        : requireWorkspace(ctx),
      { kind, path, redaction, exportAnyway, allowUnfinished },
      {
        now: ctx.services.clock(),
        actor: ctx.services.actor,
        progress: (d: number, t: number, m: string) => ctx.progress(d, t, m),
        signal: ctx.signal,
        checkerErrors: checkerErrorCount,
        worker: ctx.services.taskWorker,
      },
    ),
};
