import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync, fsyncSync } from 'node:fs';
import { hostname } from 'node:os';
import { AppError } from '#shared/core/errors';

/**
 * A lock file beside the workspace ("<file>.lock") says it is open, by which process on which
 * computer. Created with O_EXCL so two openers cannot both win. A lock left by a process that
 * has died on this computer is stale and taken over; a lock from another computer (a shared
 * drive) cannot be checked, so it is respected and reported.
 */
export interface LockInfo {
  pid: number;
  host: string;
  createdAt: string;
  app: string;
}

export const lockPathFor = (workspacePath: string): string => `${workspacePath}.lock`;

export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

export function readLock(lockPath: string): LockInfo | null | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return 'unreadable';
  }
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    if (typeof v.pid === 'number' && typeof v.host === 'string') {
      return { pid: v.pid, host: v.host, createdAt: String(v.createdAt ?? ''), app: String(v.app ?? '') };
    }
  } catch {
    // fall through
  }
  return 'unreadable';
}

/** Whether an existing lock can be taken over: its process is gone, or it was never finished. */
export function isStale(lockPath: string, info: LockInfo | 'unreadable'): boolean {
  if (info === 'unreadable') {
    // A lock file torn by a crash while it was written. Give a live writer a moment to finish.
    try {
      return Date.now() - statSync(lockPath).mtimeMs > 10_000;
    } catch {
      return true;
    }
  }
  return info.host === hostname() && !isProcessAlive(info.pid);
}

export class FileLock {
  private constructor(readonly path: string) {}

  static acquire(workspacePath: string, now: Date): FileLock {
    const lockPath = lockPathFor(workspacePath);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(lockPath, 'wx');
        const info: LockInfo = {
          pid: process.pid,
          host: hostname(),
          createdAt: now.toISOString(),
          app: 'consultation-workbench',
        };
        try {
          writeSync(fd, JSON.stringify(info));
          fsyncSync(fd);
        } catch (e) {
          // Made but not written (a full disk): an empty lock would say "open elsewhere" for ever.
          closeSync(fd);
          try {
            unlinkSync(lockPath);
          } catch {
            // gone already
          }
          throw e;
        }
        closeSync(fd);
        return new FileLock(lockPath);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
          throw new AppError(
            'read-only',
            `The folder holding this workspace can't be written to, so it can't be opened for editing. Copy the ` +
              `file to a folder you can write to (for example Documents) and open the copy.`,
            { path: workspacePath },
          );
        }
        if (code === 'ENOENT')
          throw new AppError('not-found', `The folder for ${workspacePath} does not exist.`, { path: workspacePath });
        if (code !== 'EEXIST') throw e;
        const info = readLock(lockPath);
        if (info === null) continue; // vanished between open and read: try again
        if (isStale(lockPath, info)) {
          try {
            unlinkSync(lockPath);
          } catch {
            // another opener removed it first
          }
          continue;
        }
        const who = info === 'unreadable' ? 'another program' : describeHolder(info);
        throw new AppError(
          'already-open',
          `This workspace is already open ${who}. Close it there first, then open it here.`,
          {
            path: workspacePath,
            ...(info === 'unreadable' ? {} : { pid: info.pid, host: info.host, since: info.createdAt }),
          },
        );
      }
    }
    throw new AppError('already-open', 'This workspace is being opened by another program. Try again in a moment.', {
      path: workspacePath,
    });
  }

  release(): void {
    try {
      unlinkSync(this.path);
    } catch {
      // already gone
    }
  }
}

function describeHolder(info: LockInfo): string {
  if (info.host === hostname()) {
    return info.pid === process.pid
      ? 'in another window'
      : `in another Consultation Workbench window or program (process ${info.pid})`;
  }
  return `on the computer "${info.host}" (since ${info.createdAt || 'an unknown time'})`;
}
