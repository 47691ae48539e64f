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

/**
 * The open workspace, when it holds the whole consultation. Not a slice copy (team/slice.ts), which holds only some
 * questions' answers: a document made from it would state figures counted from part of the responses.
 */
export function requireWholeConsultation(ctx: HandlerContext): WorkspaceFile {
  const ws = requireWorkspace(ctx);
  const slice = ws.db.scalar<string | null>('SELECT slice FROM team_state WHERE id = 1');
  if (slice) {
    const which = (JSON.parse(slice) as string[]).length === 1 ? 'one question' : 'some questions';
    throw new AppError(
      'conflict',
      `This copy holds the answers to only ${which} ` +
        "of the team's consultation, so documents about the responses are made from a whole copy (the lead's, " +
        'after syncing), never from this one.',
    );
  }
  return ws;
}
