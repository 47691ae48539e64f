import { existsSync, statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { AppError } from '#shared/core/errors';
import { WORKSPACE_EXTENSION } from '#shared/domain/workspace';

/**
 * Where an export may be written: an absolute path in an existing folder, with the right
 * extension (added when left off), and never a workspace file or one of its companions.
 */
export function checkOutputPath(raw: string, extension: string, workspacePath: string | null): string {
  const given = resolve(raw.trim());
  const isWorkspaceFile = (x: string) =>
    x.toLowerCase().endsWith(WORKSPACE_EXTENSION) ||
    /\.consult(-journal|\.lock|\.bak)$/i.test(x) ||
    (!!workspacePath && resolve(workspacePath) === x);
  if (isWorkspaceFile(given))
    throw new AppError('forbidden', 'That path is a workspace file. Choose another name for the export.', {
      field: 'path',
    });
  const p = extname(given).toLowerCase() === extension ? given : given + extension;
  const dir = dirname(p);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new AppError('not-found', `The folder ${dir} does not exist.`, { field: 'path' });
  if (existsSync(p) && statSync(p).isDirectory()) throw new AppError('exists', `${p} is a folder.`, { field: 'path' });
  return p;
}
