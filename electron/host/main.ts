import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { startHost } from './browser-host';
import { defaultConfigDir, defaultWorkspaceFolder } from '../services/core/settings/paths';

/**
 * `node dist/node/host.mjs [--port N] [--no-open] [--reason TEXT]`: run the UI in a browser.
 * Prints "URL: <address>" on its own line (tests and scripts read it).
 */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url)); // dist/node
  const dist = resolve(here, '..');
  const pkg = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8')) as { version: string };
  const configDir = defaultConfigDir();
  const defaultFolder = defaultWorkspaceFolder();
  mkdirSync(configDir, { recursive: true });
  const host = await startHost({
    port: Number(arg('--port') ?? 0),
    rendererDir: join(dist, 'renderer'),
    workerFile: join(here, 'backend-worker.mjs'),
    bridgeFile: join(here, 'host-bridge.js'),
    configDir,
    defaultFolder,
    version: pkg.version,
  });
  const reason = arg('--reason');
  if (reason)
    console.log(`Electron is not available (${reason}), so Consultation Workbench is running in your browser instead.`);
  console.log(`URL: ${host.url}`);
  console.log(
    'Open that address in Chromium or Chrome. Keep this window open while you work; press Ctrl+C to close the ' +
      'app (your work is saved as you go).',
  );
  if (!process.argv.includes('--no-open')) tryOpenBrowser(host.url);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function tryOpenBrowser(url: string): void {
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) return;
  const cmd = process.platform === 'win32' ? 'cmd' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
  } catch {
    // the URL is printed; the user can open it
  }
}

main().catch((e: unknown) => {
  console.error(`Could not start Consultation Workbench: ${(e as Error).message}`);
  process.exit(1);
});
