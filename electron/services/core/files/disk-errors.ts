import { basename } from 'node:path';
import { AppError } from '#shared/core/errors';

/**
 * Why the file system said no, in words an official reads, and the one AppError every writer
 * gives for it: the same sentence whether an export, the workspace or a settings file could not
 * be written. Node's own text ("ENOSPC: no space left on device, write") is not shown.
 */
export function errnoOf(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

const READ_ONLY = new Set(['EACCES', 'EPERM', 'EROFS']);

export function diskWhy(e: unknown): string {
  const code = errnoOf(e);
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'the disk is full';
  if (code && READ_ONLY.has(code)) return 'the folder cannot be written to';
  if (code === 'ENOENT') return 'the folder does not exist';
  if (code === 'EISDIR') return 'a folder has that name';
  if (code === 'ENAMETOOLONG') return 'the name is too long';
  if (code === 'EIO') return 'the disk reported an error';
  return (e as Error)?.message ?? String(e);
}

/** "Could not save out.xlsx because the disk is full. Nothing was saved." */
export function saveError(e: unknown, target: string): AppError {
  if (e instanceof AppError) return e;
  const code = errnoOf(e);
  return new AppError(
    code && READ_ONLY.has(code) ? 'read-only' : 'io',
    `Could not save ${basename(target)} because ${diskWhy(e)}. Nothing was saved.`,
    { field: 'path', path: target },
  );
}
