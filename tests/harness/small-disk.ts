import { spawnSync } from 'node:child_process';

/**
 * A small, real, full disk for tests: a tmpfs mounted in a mount namespace of the test's own
 * (`unshare -rm`: a user namespace where the test is root, so no privileges are needed on the
 * host, and the mount vanishes when the script ends). The script runs inside the namespace, where
 * the mount exists; what it must hand back it writes outside the tmpfs.
 */
let available: string | null | undefined;

/** Null when small disks can be made here; otherwise why not (printed by the tests that skip). */
export function smallDiskUnavailable(): string | null {
  if (available === undefined) {
    const r = spawnSync(
      'unshare',
      ['-rm', 'sh', '-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d" && rmdir "$d"'],
      { encoding: 'utf8' },
    );
    available =
      r.status === 0
        ? null
        : `cannot mount a tmpfs in a user namespace here (unshare ` +
          `-rm: ${(r.error?.message ?? r.stderr).trim() || `exit ${r.status}`})`;
    if (available) console.log(`Full-disk tests skipped: ${available}.`);
  }
  return available;
}

/**
 * Runs `script` (sh) in a namespace where `mountPoint` is a tmpfs of `sizeKiB`. `fill(bytesFree)`
 * in the script leaves that many bytes free on it (a filler file). Returns the script's exit
 * status and output.
 */
export function withSmallDisk(
  mountPoint: string,
  sizeKiB: number,
  script: string,
): { status: number | null; stdout: string; stderr: string } {
  const prelude = [
    'set -u',
    `mount -t tmpfs -o size=${sizeKiB}k tmpfs '${mountPoint}'`,
    // fill N: leave N bytes free on the small disk.
    `fill() { avail=$(df --output=avail -B1 '${mountPoint}' | tail -1); head -c $((avail - $1)) /dev/zero > ` +
      `'${mountPoint}/.filler' 2>/dev/null; true; }`,
    `unfill() { rm -f '${mountPoint}/.filler'; }`,
  ].join('\n');
  const r = spawnSync('unshare', ['-rm', 'sh', '-c', `${prelude}\n${script}`], {
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 2 ** 20,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
