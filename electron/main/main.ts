import { app, BrowserWindow, Menu, dialog } from 'electron';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { BackendClient } from '../services/backend/backend-client';
import { SettingsStore } from '../services/core/settings/settings-store';
import { defaultWorkspaceFolder } from '../services/core/settings/paths';
import { IPC_EVENT_CHANNEL } from '#shared/ipc/channels';
import type { MenuCommand } from '#shared/ipc/contract';
import { WORKSPACE_EXTENSION } from '#shared/domain/workspace';
import { registerSchemePrivileges, serveRenderer } from './protocol';
import { hardenSessions, hardenWebContents } from './security';
import { createMainWindow } from './window';
import { registerIpc } from './ipc';
import { electronShellHandlers } from './dialogs';
import { buildMenu } from './menu';

/**
 * The Electron shell: windows, menus, dialogs, security. Everything else (files, the database,
 * documents) runs in the backend worker thread behind the same contract the browser host uses.
 */
const distDir = join(__dirname, '..'); // dist/electron/main.cjs → dist/

registerSchemePrivileges();
hardenWebContents();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

function fileArg(argv: string[]): string | undefined {
  return argv.find((a) => a.toLowerCase().endsWith(WORKSPACE_EXTENSION));
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSessions();
  serveRenderer(join(distDir, 'renderer'));

  const settings = new SettingsStore(app.getPath('userData'));
  const defaultFolder = defaultWorkspaceFolder();
  // The self-contained worker bundle (unpacked from the asar; see build/scripts/build-node.mjs).
  const backend = new BackendClient(
    join(distDir, 'electron', 'backend-worker.cjs').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1'),
    {
      configDir: app.getPath('userData'),
      actor: safeUser(),
      env: {
        version: app.getVersion(),
        shell: 'electron',
        nativeDialogs: true,
        platform: process.platform,
        defaultFolder,
      },
      snapshotEveryMs: 60_000,
    },
  );
  await backend.whenReady();

  const windows = () => BrowserWindow.getAllWindows();
  const windowFor = (sessionId: string) => windows().find((w) => String(w.webContents.id) === sessionId);
  registerIpc(backend, electronShellHandlers(windowFor, defaultFolder), windows);

  const sendMenu = (command: MenuCommand, path?: string) => {
    const win = BrowserWindow.getFocusedWindow() ?? windows()[0];
    win?.webContents.send(IPC_EVENT_CHANNEL, 'menu.command', { command, ...(path ? { path } : {}) });
  };
  const refreshMenu = () =>
    Menu.setApplicationMenu(buildMenu(sendMenu, settings.read().recent, () => BrowserWindow.getFocusedWindow()));
  refreshMenu();
  // The recent list changes as workspaces open; keep Open Recent current.
  backend.onEvent((_s, event) => {
    if (event === 'workspace.state') refreshMenu();
  });

  const open = (path?: string) => {
    const win = createMainWindow(distDir, settings);
    const id = String(win.webContents.id);
    win.on('closed', () => void backend.endSession(id));
    if (path)
      win.webContents.once('did-finish-load', () =>
        win.webContents.send(IPC_EVENT_CHANNEL, 'menu.command', { command: 'open-recent', path }),
      );
    return win;
  };
  open(fileArg(process.argv));

  app.on('second-instance', (_e, argv) => {
    const path = fileArg(argv);
    const win = windows()[0];
    if (path) open(path);
    else if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('activate', () => {
    if (windows().length === 0) open();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let quitting = false;
  app.on('before-quit', (e) => {
    if (quitting) return;
    e.preventDefault();
    quitting = true;
    backend
      .shutdown()
      .catch((err: unknown) =>
        dialog.showErrorBox(
          'Consultation Workbench',
          `Could not close cleanly: ${(err as Error).message}. Your saved changes are kept.`,
        ),
      )
      .finally(() => app.exit(0));
  });
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
