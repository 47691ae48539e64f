import { CHANNELS, type EventName } from '#shared/ipc/channels';
import type { AppApi, AppEvents, AppEventsApi, CallOptions } from '#shared/ipc/contract';

/**
 * Build window.workbench from a transport: one named function per channel in the contract and
 * one named subscription per event. Used by the Electron preload and the browser host's bridge,
 * so both expose exactly the same surface.
 */
export type Invoke = (channel: string, input: unknown, options?: CallOptions) => Promise<unknown>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

export function buildApi(invoke: Invoke): AppApi {
  const api: Record<string, (input: unknown, options?: CallOptions) => Promise<unknown>> = {};
  for (const ch of CHANNELS) api[ch] = (input, options) => invoke(ch, input, options);
  return Object.freeze(api) as unknown as AppApi;
}

export function buildEvents(subscribe: Subscribe): AppEventsApi {
  const on =
    <E extends EventName>(event: E) =>
    (listener: (payload: AppEvents[E]) => void) =>
      subscribe(event, listener as (p: unknown) => void);
  return Object.freeze({
    onJobProgress: on('job.progress'),
    onWorkspaceState: on('workspace.state'),
    onMenuCommand: on('menu.command'),
    onBackendRestarted: on('backend.restarted'),
  });
}
