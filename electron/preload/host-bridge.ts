import type { EventName } from '#shared/ipc/channels';
import type { WindowApi } from '#shared/ipc/contract';
import type { Result } from '#shared/core/errors';
import { buildApi, buildEvents } from './build-api';

/**
 * The browser host's stand-in for the Electron preload: defines window.workbench over a
 * WebSocket to the host, with the same named functions. Loaded as a classic script before the app.
 *
 * The per-run token arrives in the URL fragment (never sent to the server in a request line),
 * is kept for reloads and for other tabs of the same address (localStorage: a second tab opened from
 * the address bar, which no longer shows the token, connects too), and is removed from the address
 * bar. The token changes at every start, and with it the port, so an old one opens nothing. Each tab
 * is its own session (sessionStorage), so two tabs never take over each other's connection.
 */
(() => {
  const TOKEN_KEY = 'workbench.host.token';
  const SESSION_KEY = 'workbench.host.session';
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromUrl = hash.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    try {
      localStorage.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // storage refused (a locked-down browser): this tab still works, and a reload keeps its token
    }
    history.replaceState(null, '', location.pathname + location.search);
  }
  const shared = ((): string | null => {
    try {
      return localStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  })();
  const token = sessionStorage.getItem(TOKEN_KEY) ?? shared ?? '';
  let session = sessionStorage.getItem(SESSION_KEY);
  if (!session) {
    session = crypto.randomUUID();
    sessionStorage.setItem(SESSION_KEY, session);
  }

  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const pending = new Map<number, (r: unknown) => void>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opening: Promise<WebSocket> | null = null;

  const connect = (): Promise<WebSocket> => {
    if (socket && socket.readyState === WebSocket.OPEN) return Promise.resolve(socket);
    opening ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(
        `${location.origin.replace(/^http/, 'ws')}/__host/ws?token=${encodeURIComponent(token)}&session=${session}`,
      );
      ws.onopen = () => {
        socket = ws;
        opening = null;
        resolve(ws);
      };
      ws.onerror = () => {
        opening = null;
        reject(new Error('connection failed'));
      };
      ws.onclose = () => {
        if (socket === ws) socket = null;
        for (const [id, done] of pending) {
          done({
            ok: false,
            error: {
              code: 'internal',
              message: 'Lost the connection to the app. Check it is still running, then reload the page.',
            },
          });
          pending.delete(id);
        }
      };
      ws.onmessage = (m) => {
        const msg = JSON.parse(String(m.data)) as {
          t: string;
          id?: number;
          result?: unknown;
          event?: EventName;
          payload?: unknown;
        };
        if (msg.t === 'result' && msg.id !== undefined) {
          pending.get(msg.id)?.(msg.result);
          pending.delete(msg.id);
        } else if (msg.t === 'event' && msg.event) {
          for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
        }
      };
    });
    return opening;
  };

  const invoke = async (channel: string, input: unknown, options?: { jobId?: string }): Promise<Result<unknown>> => {
    let ws: WebSocket;
    try {
      ws = await connect();
    } catch {
      return {
        ok: false,
        error: {
          code: 'forbidden',
          message:
            'Could not connect to the app. Open the address printed when the app started (it includes a ' +
            'security token).',
        },
      };
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve as (r: unknown) => void);
      ws.send(JSON.stringify({ t: 'call', id, channel, input, jobId: options?.jobId }));
    });
  };

  const workbench: WindowApi = {
    api: buildApi(invoke),
    events: buildEvents((event, listener) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      void connect().catch(() => undefined); // events arrive only over an open socket
      return () => set.delete(listener);
    }),
  };
  Object.defineProperty(window, 'workbench', { value: Object.freeze(workbench), writable: false, configurable: false });
})();
