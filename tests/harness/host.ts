import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp';
import { fileURLToPath } from 'node:url';

const ROOT_DIR = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

export interface HostProcess {
  url: string;
  origin: string;
  token: string;
  /** Temp folders: app settings, and where new workspaces are suggested. */
  configDir: string;
  docsDir: string;
  stop(): Promise<void>;
  kill(): void;
  output(): string;
}

/** Start the browser host (the real one, from dist/) with its own temp folders. */
export async function startHost(opts: { docsDir?: string; configDir?: string } = {}): Promise<HostProcess> {
  const root = ROOT_DIR;
  const t = tempDir('cw-e2e-');
  const configDir = opts.configDir ?? join(t.dir, 'config');
  const docsDir = opts.docsDir ?? join(t.dir, 'Documents');
  mkdirSync(configDir, { recursive: true });
  mkdirSync(docsDir, { recursive: true });
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'dist', 'node', 'host.mjs'), '--port', '0', '--no-open'],
    {
      cwd: root,
      env: { ...process.env, CW_CONFIG_DIR: configDir, CW_DEFAULT_FOLDER: docsDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start: ${out}`)), 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /URL: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`host exited (${code}): ${out}`)));
  });
  const u = new URL(url);
  return {
    url,
    origin: u.origin,
    token: new URLSearchParams(u.hash.slice(1)).get('token') ?? '',
    configDir,
    docsDir,
    output: () => out,
    kill: () => child.kill('SIGKILL'),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
