import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Tests run as root on CI machines, and root ignores file permissions. To test "a folder you
 * cannot write to", run the step as the unprivileged 'nobody' user when we are root.
 */
export const NOBODY = 65534;

export function runAsUnprivileged(args: string[], cwd: string): SpawnSyncReturns<string> {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return spawnSync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    ...(asRoot ? { uid: NOBODY, gid: NOBODY, env: { ...process.env, HOME: '/tmp', TSX_TSCONFIG_PATH: '' } } : {}),
  });
}

/** Make every folder from `dir` up to / traversable, so the unprivileged user can reach it. */
export function openUpPath(dir: string): void {
  let d = dir;
  while (d !== dirname(d)) {
    try {
      chmodSync(d, 0o755);
    } catch {
      break;
    }
    d = dirname(d);
    if (d === '/tmp' || d === '/') break;
  }
}
