/// <reference types="vite/client" />
import type { WindowApi } from '#shared/ipc/contract';

declare global {
  interface Window {
    /** Exposed by the Electron preload, or by the browser host's bridge. Read only by lib/api.ts. */
    readonly workbench?: WindowApi;
  }
}
