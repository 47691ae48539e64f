import { BrowserWindow, screen, type Rectangle } from 'electron';
import { join } from 'node:path';
import type { SettingsStore, WindowStateRecord } from '../services/core/settings/settings-store';
import { APP_ORIGIN } from './protocol';

/** The only place webPreferences are set. */
export function secureWebPreferences(preload: string): Electron.WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: true,
  };
}

function visibleOnSomeDisplay(b: Rectangle): boolean {
  return screen.getAllDisplays().some((d) => {
    const a = d.workArea;
    return b.x < a.x + a.width && b.x + b.width > a.x && b.y < a.y + a.height && b.y + b.height > a.y;
  });
}

export function createMainWindow(distDir: string, settings: SettingsStore): BrowserWindow {
  const saved = settings.read().window;
  const bounds =
    saved &&
    saved.x !== undefined &&
    saved.y !== undefined &&
    visibleOnSomeDisplay({ x: saved.x, y: saved.y, width: saved.width, height: saved.height })
      ? { x: saved.x, y: saved.y, width: saved.width, height: saved.height }
      : { width: saved?.width ?? 1280, height: saved?.height ?? 860 };
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Consultation Workbench',
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(join(distDir, 'electron', 'preload.cjs')),
  });
  if (saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  const remember = () => {
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    const state: WindowStateRecord = { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() };
    settings.setWindowState(state);
  };
  win.on('close', remember);
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
