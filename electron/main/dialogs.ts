import { type BrowserWindow, dialog, shell } from 'electron';
import { WORKSPACE_EXTENSION } from '#shared/domain/workspace';
import type { ShellHandlers } from '../services/router/shell-dispatch';

const filters = [{ name: 'Consultation workspace', extensions: [WORKSPACE_EXTENSION.slice(1)] }];

/** Native dialogs for the shell channels, attached to the window that asked. */
export function electronShellHandlers(
  windowFor: (sessionId: string) => BrowserWindow | undefined,
  defaultFolder: string,
): ShellHandlers {
  return {
    'dialog.openWorkspace': async (_input, sessionId) => {
      const win = windowFor(sessionId);
      const opts: Electron.OpenDialogOptions = {
        title: 'Open a consultation workspace',
        defaultPath: defaultFolder,
        properties: ['openFile'],
        filters,
      };
      const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      const first = r.filePaths[0];
      return r.canceled || !first ? null : { path: first };
    },
    'dialog.saveWorkspace': async ({ defaultPath, title }, sessionId) => {
      const win = windowFor(sessionId);
      const opts: Electron.SaveDialogOptions = {
        title: title ?? 'Save the consultation workspace',
        defaultPath: defaultPath ?? defaultFolder,
        filters,
      };
      const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
      return r.canceled || !r.filePath ? null : { path: r.filePath };
    },
    'dialog.saveFile': async ({ defaultPath, title, filterName, extensions }, sessionId) => {
      const win = windowFor(sessionId);
      const opts: Electron.SaveDialogOptions = {
        title: title ?? 'Save',
        defaultPath: defaultPath ?? defaultFolder,
        filters: [{ name: filterName, extensions }],
      };
      const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
      return r.canceled || !r.filePath ? null : { path: r.filePath };
    },
    'dialog.openFiles': async ({ title, filterName, extensions, multiple }, sessionId) => {
      const win = windowFor(sessionId);
      const opts: Electron.OpenDialogOptions = {
        title: title ?? 'Choose files',
        defaultPath: defaultFolder,
        filters: [{ name: filterName, extensions }],
        properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
      };
      const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      return r.canceled || !r.filePaths.length ? null : { paths: r.filePaths };
    },
    'shell.showItemInFolder': ({ path }) => {
      shell.showItemInFolder(path);
      return Promise.resolve({ shown: true });
    },
  };
}
