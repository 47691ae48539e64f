import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_PREFIX, type EventName } from '#shared/ipc/channels';
import type { WindowApi } from '#shared/ipc/contract';
import { buildApi, buildEvents } from './build-api';

/**
 * The only bridge between the sandboxed page and the main process: named functions, no generic
 * invoke/on, no ipcRenderer handed to the page. Main checks the sender of every call again.
 */
const listeners = new Map<EventName, Set<(p: unknown) => void>>();
ipcRenderer.on(IPC_EVENT_CHANNEL, (_e, event: EventName, payload: unknown) => {
  for (const l of listeners.get(event) ?? []) l(payload);
});

const workbench: WindowApi = {
  api: buildApi((channel, input, options) => ipcRenderer.invoke(IPC_PREFIX + channel, input, options)),
  events: buildEvents((event, listener) => {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }),
};

contextBridge.exposeInMainWorld('workbench', workbench);
