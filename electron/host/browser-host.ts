import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { userInfo, platform } from 'node:os';
import { WebSocketServer, type WebSocket } from 'ws';
import { BackendClient } from '../services/backend/backend-client';
import { dispatchShell, type ShellHandlers } from '../services/router/shell-dispatch';
import { isChannel, isShellChannel } from '#shared/ipc/channels';
import { contentSecurityPolicy } from '#shared/security/csp';
import { readStatic } from '../services/core/files/static-files';
import { AppError } from '#shared/core/errors';

/**
 * The browser host: where the Electron binary cannot run, serve the built UI on 127.0.0.1 and
 * bridge the same contract over a WebSocket to the same backend worker Electron would use.
 *
 * Defences, since any local process or web page could try to talk to it: bound to loopback only,
 * a random port, a random per-run token required on the WebSocket, the Host header checked
 * (DNS rebinding) and the WebSocket Origin checked (other web pages), the same strict CSP.
 */
export interface HostOptions {
  port: number;
  rendererDir: string;
  workerFile: string;
  bridgeFile: string;
  configDir: string;
  defaultFolder: string;
  version: string;
  /** Keep a session's workspace open this long after its page disconnects (a reload reconnects). */
  reconnectGraceMs?: number;
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const BRIDGE_PATH = '/__host/bridge.js';
const WS_PATH = '/__host/ws';

export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const token = randomBytes(24).toString('hex');
  const backend = new BackendClient(opts.workerFile, {
    configDir: opts.configDir,
    actor: safeUser(),
    env: {
      version: opts.version,
      shell: 'browser-host',
      nativeDialogs: false,
      platform: platform(),
      defaultFolder: opts.defaultFolder,
    },
    snapshotEveryMs: 60_000,
  });
  await backend.whenReady();

  const sockets = new Map<string, WebSocket>();
  const closing = new Map<string, NodeJS.Timeout>();
  backend.onEvent((sessionId, event, payload) => {
    const ws = sockets.get(sessionId);
    if (ws && ws.readyState === ws.OPEN) ws.send(JSON.stringify({ t: 'event', event, payload }));
  });

  const shell: ShellHandlers = {
    'dialog.openWorkspace': () =>
      Promise.reject(new AppError('unsupported', 'There are no native dialogs in the browser host.')),
    'dialog.saveWorkspace': () =>
      Promise.reject(new AppError('unsupported', 'There are no native dialogs in the browser host.')),
    'dialog.saveFile': () =>
      Promise.reject(new AppError('unsupported', 'There are no native dialogs in the browser host.')),
    'dialog.openFiles': () =>
      Promise.reject(new AppError('unsupported', 'There are no native dialogs in the browser host.')),
    'shell.showItemInFolder': ({ path }) => Promise.resolve({ shown: openFolder(dirname(path)) }),
  };

  let origin = '';
  const csp = () => contentSecurityPolicy({ connect: [origin.replace(/^http/, 'ws')] });

  const server = createServer((req, res) => {
    void handleHttp(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers = {
      'Content-Security-Policy': csp(),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    };
    if (req.headers.host !== new URL(origin).host) {
      res.writeHead(421, headers).end('Wrong host');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === BRIDGE_PATH) {
      const body = await readFile(opts.bridgeFile);
      res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' }).end(body);
      return;
    }
    const file = await readStatic(opts.rendererDir, url.pathname);
    if (!file) {
      res.writeHead(404, headers).end('Not found');
      return;
    }
    let body = file.body;
    if (url.pathname === '/' || url.pathname === '/index.html') {
      // The bridge defines window.workbench before the app's module script runs.
      body = Buffer.from(
        body.toString('utf8').replace('<head>', `<head>\n    <script src="${BRIDGE_PATH}"></script>`),
        'utf8',
      );
    }
    res.writeHead(200, { ...headers, 'Content-Type': file.type }).end(req.method === 'HEAD' ? undefined : body);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const good =
      url.pathname === WS_PATH &&
      req.headers.host === new URL(origin).host &&
      req.headers.origin === origin &&
      url.searchParams.get('token') === token;
    if (!good) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    const requested = url.searchParams.get('session') ?? '';
    const sessionId = /^[A-Za-z0-9-]{8,64}$/.test(requested) ? requested : randomUUID();
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, sessionId));
  });

  function attach(ws: WebSocket, sessionId: string): void {
    const pendingClose = closing.get(sessionId);
    if (pendingClose) {
      clearTimeout(pendingClose);
      closing.delete(sessionId);
    }
    sockets.get(sessionId)?.close();
    sockets.set(sessionId, ws);
    ws.on('message', (data) => {
      let msg: { t?: unknown; id?: unknown; channel?: unknown; input?: unknown; jobId?: unknown };
      try {
        msg = JSON.parse(
          Buffer.isBuffer(data)
            ? data.toString('utf8')
            : Array.isArray(data)
              ? Buffer.concat(data).toString('utf8')
              : Buffer.from(data).toString('utf8'),
        ) as typeof msg;
      } catch {
        return;
      }
      if (msg.t !== 'call' || typeof msg.id !== 'number') return;
      const id = msg.id;
      const jobId = typeof msg.jobId === 'string' ? msg.jobId : undefined;
      const reply = (result: unknown) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ t: 'result', id, result }));
      };
      const channel = msg.channel;
      if (isChannel(channel) && isShellChannel(channel))
        void dispatchShell(shell, channel, msg.input, sessionId).then(reply);
      else void backend.call(sessionId, String(channel), msg.input, jobId).then(reply);
    });
    ws.on('close', () => {
      if (sockets.get(sessionId) !== ws) return;
      sockets.delete(sessionId);
      closing.set(
        sessionId,
        setTimeout(() => {
          closing.delete(sessionId);
          void backend.endSession(sessionId);
        }, opts.reconnectGraceMs ?? 10_000),
      );
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    port,
    token,
    async close() {
      for (const t of closing.values()) clearTimeout(t);
      for (const ws of sockets.values()) ws.close();
      wss.close();
      // A tab left open keeps its HTTP connection alive, and server.close() would wait for it for as long as the tab
      // lives: the host is stopping, so its connections end now.
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
      await backend.shutdown();
    },
  };
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Show a folder in the OS file manager. Best effort: returns false when there is none. */
export function openFolder(dir: string): boolean {
  const cmd = platform() === 'win32' ? 'explorer' : platform() === 'darwin' ? 'open' : 'xdg-open';
  try {
    const child = spawn(cmd, [dir], { detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
    return true;
  } catch {
    return false;
  }
}
