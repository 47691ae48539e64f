import { resolve as resolvePath } from 'node:path';
import type { HandlerTable } from '../context';
import type { OutputChannel } from '../../../../shared/ipc/channels';
import { requireWorkspace } from '../require-workspace';
import { listOutputs, runExport } from '../../documents/export-service';
import { readExportLog } from '../../core/export-log';
import { openWorkspace } from '../../workspace/workspace-service';
import { checkerErrorCount } from '../../draft/checker-gate';

export const outputHandlers: HandlerTable<OutputChannel> = {
  'outputs.list': (_i, ctx) => ({ kinds: listOutputs(requireWorkspace(ctx)) }),

  'outputs.log': (_i, ctx) => readExportLog(requireWorkspace(ctx).db),

  'outputs.export': async ({ kind, path, redaction, exportAnyway, workspace }, ctx) => {
    const env = { now: ctx.services.clock(), actor: ctx.services.actor, progress: (d: number, t: number, m: string) => ctx.progress(d, t, m), signal: ctx.signal, checkerErrors: checkerErrorCount, worker: ctx.services.taskWorker };
    if (!workspace) return runExport(requireWorkspace(ctx), { kind, path, redaction, exportAnyway }, env);
    // The CLI: open the workspace for the length of the export (the export is logged in it).
    const file = await openWorkspace(resolvePath(workspace), ctx.services.workspaceOptions);
    let result;
    try {
      result = await runExport(file, { kind, path, redaction, exportAnyway }, env);
    } catch (e) {
      file.close();
      throw e;
    }
    // The export is logged in the workspace: a close that could not rewrite the file kept that in its journal.
    const { warning } = file.close();
    return warning ? { ...result, warning } : result;
  },
};
