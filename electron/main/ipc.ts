import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, IPC_EVENT_CHANNEL, IPC_PREFIX, isShellChannel } from '#shared/ipc/channels';
import type { Result } from '#shared/core/errors';
import type { BackendClient } from '../services/backend/backend-client';
import { dispatchShell, type ShellHandlers } from '../services/router/shell-dispatch';
import { isAppUrl } from './security';

/**
 * Register one ipcMain handler per contract channel. Every call is checked: it must come from the
 * top frame of one of our windows, showing our own app:// origin. Input is validated again on the
 * backend side against the contract's schema.
 */
export function registerIpc(backend: BackendClient, shell: ShellHandlers, windows: () => BrowserWindow[]): void {
  const forbidden: Result<never> = {
    ok: false,
    error: { code: 'forbidden', message: 'This request did not come from the app window.' },
  };
  const trusted = (e: IpcMainInvokeEvent): boolean => {
    const frame = e.senderFrame;
    if (!frame || frame.parent !== null) return false; // top frame only
    if (!isAppUrl(frame.url)) return false;
    return windows().some((w) => !w.isDestroyed() && w.webContents.id === e.sender.id);
  };
  for (const channel of CHANNELS) {
    ipcMain.handle(IPC_PREFIX + channel, async (e, input: unknown, options: unknown) => {
      if (!trusted(e)) return forbidden;
      const sessionId = String(e.sender.id);
      if (isShellChannel(channel)) return dispatchShell(shell, channel, input, sessionId);
      const jobId =
        options && typeof options === 'object' && typeof (options as { jobId?: unknown }).jobId === 'string'
          ? (options as { jobId: string }).jobId
          : undefined;
      return backend.call(sessionId, channel, input, jobId);
    });
  }
  backend.onEvent((sessionId, event, payload) => {
    const win = windows().find((w) => !w.isDestroyed() && String(w.webContents.id) === sessionId);
    win?.webContents.send(IPC_EVENT_CHANNEL, event, payload);
  });
}
