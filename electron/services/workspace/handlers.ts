import { resolve as resolvePath, extname } from 'node:path';
import { WORKSPACE_EXTENSION } from '#shared/domain/workspace';
import type { WorkspaceChannel } from '#shared/ipc/channels';
import type { HandlerContext, HandlerTable } from '../core/session';
import { requireWorkspace } from '../core/require-workspace';
import { createWorkspace, inspect, openWorkspace, setTitle, stateOf, summarise } from './workspace-service';
import { verifyWorkspace } from './verify';
import { WorkspaceFile } from '../core/db/workspace-file';
import { startingDraft } from '../draft/handlers';
import { consultationOverview } from './overview';

/** Absolute path with the workspace extension added when the user left it off. */
function normalisePath(p: string): string {
  const abs = resolvePath(p.trim());
  return extname(abs).toLowerCase() === WORKSPACE_EXTENSION ? abs : abs + WORKSPACE_EXTENSION;
}

/**
 * Close this window's workspace. A warning when its changes stayed in the journal (closing could not rewrite the file).
 */
function closeCurrent(ctx: HandlerContext): string | null {
  const ws = ctx.session.workspace;
  if (!ws) return null;
  ctx.session.workspace = null;
  return ws.close().warning;
}

export const workspaceHandlers: HandlerTable<WorkspaceChannel> = {
  'workspace.create': async ({ path, title, from }, ctx) => {
    const target = normalisePath(path);
    const draft = await startingDraft(from, title); // read (and validate) the source before anything changes
    closeCurrent(ctx);
    const ws = await createWorkspace(target, title, ctx.services.actor, ctx.services.workspaceOptions, draft);
    ctx.session.workspace = ws;
    ctx.services.settings.addRecent(ws.path, title, ctx.services.clock());
    return summarise(ws.db, ws.path);
  },

  'workspace.open': async ({ path, readOnly }, ctx) => {
    const target = resolvePath(path.trim());
    const open = ctx.session.workspace;
    if (open?.path === target && open.readOnly === !!readOnly) return summarise(open.db, target);
    // Open the new one before closing the old, so a failure leaves the user where they were.
    const ws = readOnly
      ? await WorkspaceFile.openReadOnly(target, ctx.services.workspaceOptions)
      : await openWorkspace(target, ctx.services.workspaceOptions);
    closeCurrent(ctx);
    ctx.session.workspace = ws;
    const summary = summarise(ws.db, ws.path);
    // Opened to read (the command line's search, say) is not opened to work on: the recent list is left alone.
    if (!readOnly) ctx.services.settings.addRecent(ws.path, summary.title, ctx.services.clock());
    return summary;
  },

  'workspace.current': (_i, ctx) =>
    ctx.session.workspace ? summarise(ctx.session.workspace.db, ctx.session.workspace.path) : null,

  'workspace.state': (_i, ctx) => (ctx.session.workspace ? stateOf(ctx.session.workspace) : null),

  'workspace.close': (_i, ctx) => {
    const had = !!ctx.session.workspace;
    const warning = closeCurrent(ctx);
    return warning ? { closed: had, warning } : { closed: had };
  },

  'workspace.save': (_i, ctx) => {
    const ws = requireWorkspace(ctx);
    ws.snapshot();
    return stateOf(ws);
  },

  'workspace.saveAs': async ({ path }, ctx) => {
    const ws = requireWorkspace(ctx);
    await ws.saveAs(normalisePath(path));
    const summary = summarise(ws.db, ws.path);
    ctx.services.settings.addRecent(ws.path, summary.title, ctx.services.clock());
    return summary;
  },

  'workspace.setTitle': ({ title }, ctx) => {
    const ws = requireWorkspace(ctx);
    setTitle(ws, title, ctx.services.actor, ctx.services.clock());
    const summary = summarise(ws.db, ws.path);
    ctx.services.settings.addRecent(ws.path, summary.title, ctx.services.clock());
    return summary;
  },

  'workspace.verify': ({ path }) => verifyWorkspace(resolvePath(path)),

  'workspace.inspect': ({ path }) => inspect(resolvePath(path)),

  'workspace.overview': (_i, ctx) => consultationOverview(requireWorkspace(ctx).db),
};
