import { extname, resolve as resolvePath } from 'node:path';
import { WORKSPACE_EXTENSION } from '#shared/domain/workspace';
import type { TeamChannel } from '#shared/ipc/channels';
import type { HandlerContext, HandlerTable } from '../core/session';
import { requireWorkspace } from '../core/require-workspace';
import { summarise } from '../workspace/workspace-service';
import { DEFAULT_TEAM_SCHEMA } from './server-migrate';
import {
  initTeam,
  joinTeam,
  listConflicts,
  listServerQuestions,
  resolveConflict,
  syncTeam,
  teamStatus,
  type TeamServices,
} from './team-service';

/** The team calls: each takes the open workspace (join opens the new copy in this window, as create does). */
function services(ctx: HandlerContext): TeamServices {
  return {
    actor: ctx.services.actor,
    clock: ctx.services.clock,
    progress: (d, t, m) => ctx.progress(d, t, m),
    signal: ctx.signal,
  };
}

export const teamHandlers: HandlerTable<TeamChannel> = {
  'team.status': (_i, ctx) => (ctx.session.workspace ? teamStatus(ctx.session.workspace) : null),

  'team.init': ({ server, schema }, ctx) =>
    initTeam(requireWorkspace(ctx), server, schema ?? DEFAULT_TEAM_SCHEMA, services(ctx)),

  'team.join': async ({ server, schema, path, questionIds }, ctx) => {
    const abs = resolvePath(path.trim());
    const target = extname(abs).toLowerCase() === WORKSPACE_EXTENSION ? abs : abs + WORKSPACE_EXTENSION;
    const { file, report } = await joinTeam(
      server,
      schema ?? DEFAULT_TEAM_SCHEMA,
      target,
      services(ctx),
      ctx.services.workspaceOptions,
      questionIds,
    );
    const previous = ctx.session.workspace;
    ctx.session.workspace = file;
    previous?.close();
    const summary = summarise(file.db, file.path);
    ctx.services.settings.addRecent(file.path, summary.title, ctx.services.clock());
    return { workspace: summary, sync: report };
  },

  'team.serverQuestions': ({ server, schema }) => listServerQuestions(server, schema ?? DEFAULT_TEAM_SCHEMA),

  'team.sync': (_i, ctx) => syncTeam(requireWorkspace(ctx), services(ctx)),

  'team.conflicts': (_i, ctx) => listConflicts(requireWorkspace(ctx)),

  'team.resolveConflict': ({ id, keep }, ctx) => resolveConflict(requireWorkspace(ctx), id, keep, services(ctx)),
};
