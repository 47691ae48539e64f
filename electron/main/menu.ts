import { Menu, app, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '#shared/ipc/contract';
import type { RecentRecord } from '../services/core/settings/settings-store';

/** Native menus. Each item sends a command to the focused window, which runs the same flow as its buttons. */
export function buildMenu(
  send: (command: MenuCommand, path?: string) => void,
  recent: RecentRecord[],
  focused: () => BrowserWindow | null,
): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: '&New consultation…', accelerator: 'CmdOrCtrl+N', click: () => send('new') },
        { label: '&Open…', accelerator: 'CmdOrCtrl+O', click: () => send('open') },
        {
          label: 'Open &Recent',
          submenu: recent.length
            ? recent.map((r) => ({ label: `${r.title} — ${r.path}`, click: () => send('open-recent', r.path) }))
            : [{ label: 'No recent workspaces', enabled: false }],
        },
        { type: 'separator' },
        { label: 'Save &As…', accelerator: 'CmdOrCtrl+Shift+S', click: () => send('save-as') },
        { label: '&Close workspace', accelerator: 'CmdOrCtrl+W', click: () => send('close') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', label: 'E&xit' },
      ],
    },
    { role: 'editMenu', label: '&Edit' },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged
          ? []
          : [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
    {
      role: 'help',
      label: '&Help',
      submenu: [{ label: 'About Consultation Workbench', click: () => send('about') }],
    },
  ];
  void focused;
  return Menu.buildFromTemplate(template);
}
