import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built command line: the trial tries what ships, not the sources. */
export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const CLI = join(ROOT, 'dist', 'node', 'cli.mjs');

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory of the process (MiB), from /proc while it ran. */
  peakMiB: number;
  timedOut: boolean;
  overMemory: boolean;
}

export interface RunOptions {
  timeoutMs?: number;
  /** Killed, and reported over memory, past this. */
  memoryLimitMiB?: number;
  /** Kill it with SIGKILL after this many ms (the kill -9 trials). */
  killAfterMs?: number;
  cwd?: string;
  /** Prefix the command (e.g. unshare …); the CLI's own arguments follow. */
  wrap?: string[];
}

/** VmHWM (peak RSS) of a running process, in MiB; 0 when it cannot be read. */
function peakOf(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Runs `node dist/node/cli.mjs <args>` and watches it: time, memory, hangs. */
export function runCli(args: string[], opts: RunOptions = {}): Promise<CliRun> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const limit = opts.memoryLimitMiB ?? 2048;
  return new Promise((resolve) => {
    const started = performance.now();
    const [cmd, ...pre] = opts.wrap?.length ? [...opts.wrap, process.execPath] : [process.execPath];
    const child = spawn(cmd!, [...pre, CLI, ...args], { cwd: opts.cwd ?? ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peak = 0;
    let timedOut = false;
    let overMemory = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const watch = setInterval(() => {
      if (!child.pid) return;
      peak = Math.max(peak, peakOf(child.pid));
      if (peak > limit && !overMemory) {
        overMemory = true;
        child.kill('SIGKILL');
      }
    }, 50);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const killer =
      opts.killAfterMs !== undefined ? setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs) : undefined;
    child.on('close', (status, signal) => {
      clearInterval(watch);
      clearTimeout(timer);
      if (killer) clearTimeout(killer);
      resolve({
        status,
        signal,
        stdout,
        stderr,
        ms: performance.now() - started,
        peakMiB: Math.round(peak),
        timedOut,
        overMemory,
      });
    });
  });
}

/** Runs tasks `width` at a time (the machine has two cores). */
export async function pool<T, R>(
  items: readonly T[],
  width: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!, i);
    }),
  );
  return out;
}
