import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * fsync a directory so a rename inside it is durable. Not possible on Windows, where rename is already durable enough.
 */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeAllSync(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
}

/**
 * A temp name in the same folder (so rename is atomic), hidden, and unique to this writer. Temp
 * files an earlier writer of the same target left behind (it was killed part way) are removed
 * first, so they do not pile up beside the file.
 */
export function tempNameFor(target: string): string {
  cleanStaleTemps(target);
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

const STARTED_AT = Date.now() - process.uptime() * 1000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // someone else's process, but alive
  }
}

/**
 * Removes the temp files of `target` (named by tempNameFor) that an earlier writer left: older than
 * this process, and not from a process still running. Returns how many went. Never throws.
 */
export function cleanStaleTemps(target: string): number {
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const m = /^(\d+)\.[0-9a-f]{8}$/.exec(name.slice(prefix.length, -'.tmp'.length));
    if (!m) continue;
    const pid = Number(m[1]);
    const path = join(dirname(target), name);
    try {
      if (pid === process.pid || statSync(path).mtimeMs >= STARTED_AT || alive(pid)) continue;
      unlinkSync(path);
      removed++;
    } catch {
      // gone already, or not ours to remove
    }
  }
  return removed;
}

/**
 * Replace `target` with `bytes` so that, whatever moment the machine stops, the file on disk is
 * either the old version or the new one, never a mix: write a temp file in the same folder,
 * fsync it, rename it over the target, fsync the folder. With `backup`, the previous version is
 * kept under that name (hard link when the file system allows it, otherwise a copy).
 */
export function writeFileAtomicSync(target: string, bytes: Uint8Array, options: { backup?: string } = {}): void {
  const dir = dirname(target);
  const tmp = tempNameFor(target);
  const fd = openSync(tmp, 'wx');
  try {
    writeAllSync(fd, bytes);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    safeUnlink(tmp);
    throw e;
  }
  closeSync(fd);
  try {
    if (options.backup && existsSync(target)) keepBackup(target, options.backup);
    renameSync(tmp, target);
  } catch (e) {
    safeUnlink(tmp);
    throw e;
  }
  fsyncDir(dir);
}

function keepBackup(current: string, backup: string): void {
  const tmp = tempNameFor(backup);
  try {
    linkSync(current, tmp);
  } catch {
    copyFileSync(current, tmp); // FAT/exFAT and some network shares have no hard links
  }
  renameSync(tmp, backup);
}

export function safeUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
