import { test, expect, _electron as electron } from '@playwright/test';
import { existsSync, readFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

/**
 * What only the real Electron shell can show: the hardened window, the app:// origin, the
 * preload's named API and nothing else. These run where the Electron binary exists (set
 * ELECTRON_PATH, or install electron with its binary); on machines without it they are skipped.
 */
const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
function electronPath(): string | null {
  if (process.env['ELECTRON_PATH']) return process.env['ELECTRON_PATH'];
  const txt = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(txt)) return null;
  const exe = join(root, 'node_modules', 'electron', 'dist', readFileSync(txt, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}
const exe = electronPath();

test.skip(
  !exe,
  'No Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD); the browser-host tests ' +
    'cover the UI.',
);

test('the window is hardened and exposes only the named API', async () => {
  const userData = mkdtempSync(join(tmpdir(), 'cw-electron-'));
  const app = await electron.launch({
    executablePath: exe!,
    args: [root, `--user-data-dir=${userData}`],
    env: { ...process.env, CW_DEFAULT_FOLDER: userData },
  });
  const win = await app.firstWindow();
  await expect(win.getByRole('heading', { level: 1 })).toHaveText('Consultation Workbench');
  expect(win.url()).toMatch(/^app:\/\/ui\//);
  // Sandboxed and isolated: the page has no Node, and the preload's objects arrive frozen through contextBridge.
  const surface = await win.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    api: Object.keys((window as unknown as { workbench: { api: object } }).workbench.api).length,
  }));
  expect(surface.require).toBe('undefined');
  expect(surface.process).toBe('undefined');
  expect(surface.api).toBeGreaterThan(10);
  // Navigation away and new windows are refused.
  await win.evaluate(() => {
    location.href = 'https://example.com/';
  });
  await expect.poll(() => win.url()).toMatch(/^app:\/\/ui\//);
  const opened = await win.evaluate(() => window.open('https://example.com/') === null);
  expect(opened).toBe(true);
  await app.close();
});
