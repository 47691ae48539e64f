import type { Session } from '../core/session';
import type { WorkspaceFile } from '../core/db/workspace-file';
import { DraftHistory } from './history';

/**
 * Undo and redo belong to one window and one workspace: each session's history is kept here, by
 * the draft feature that uses it (not in the session itself, which the core defines), and starts
 * afresh when the session opens another workspace, closes it, or saves it under a new name.
 */
const histories = new WeakMap<
  Session,
  { file: WorkspaceFile | null; path: string | undefined; history: DraftHistory }
>();

export function draftHistoryOf(session: Session): DraftHistory {
  const file = session.workspace;
  const held = histories.get(session);
  if (held && held.file === file && held.path === file?.path) return held.history;
  const history = new DraftHistory();
  histories.set(session, { file, path: file?.path, history });
  return history;
}
