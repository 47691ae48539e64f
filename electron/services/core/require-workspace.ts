import { AppError } from '#shared/core/errors';
import type { WorkspaceFile } from './db/workspace-file';
import type { HandlerContext } from './session';

/** The open workspace of this session, or a clear error. */
export function requireWorkspace(ctx: HandlerContext): WorkspaceFile {
  const ws = ctx.session.workspace;
  if (!ws) throw new AppError('no-workspace', 'No workspace is open. Open or create one first.');
  return ws;
}
