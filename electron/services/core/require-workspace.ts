import { AppError } from '#shared/core/errors';
import type { WorkspaceFile } from './db/workspace-file';
import type { HandlerContext } from './session';

/** The open workspace of this session, or a clear error. */
export function requireWorkspace(ctx: HandlerContext): WorkspaceFile {
  const ws = ctx.session.workspace;
  if (!ws) throw new AppError('no-workspace', 'No workspace is open. Open or create one first.');
  return ws;
}

/**
 * The open workspace, when its responses may be added to or taken away. Not in a team copy (team/): its responses
 * are the team's as the lead published them, and a response added on one copy would take an id another copy gives
 * to a different response, so codings synced by response id would land on the wrong answers.
 */
export function requireOwnResponses(ctx: HandlerContext): WorkspaceFile {
  const ws = requireWorkspace(ctx);
  if ((ws.db.scalar<number>('SELECT count(*) FROM team_state') ?? 0) > 0)
    throw new AppError(
      'conflict',
      'This workspace is a team copy: its responses are the ones the lead published to the team, and cannot be ' +
        'added to or removed here. Import them into a workspace before it is published to the team.',
    );
  return ws;
}
