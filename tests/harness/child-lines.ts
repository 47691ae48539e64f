import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * Run a TypeScript test program (tests/harness/…) as a child process and hand each line it prints to `onLine` as it
 * arrives: the crash tests read a child's "ACK" lines this way, to know what it was told was saved before they kill
 * it. `exited` resolves with how it ended and what it wrote to stderr.
 */
const ROOT = join(__dirname, '..', '..');

export function spawnLines(
  script: string,
  args: readonly string[],
  onLine: (line: string, child: ChildProcess) => void,
): { child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buf = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      onLine(line, child);
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exited };
}
