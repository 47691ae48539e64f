import { protocol } from 'electron';
import { readStatic } from '../services/core/files/static-files';
import { contentSecurityPolicy } from '#shared/security/csp';

/**
 * The UI is served from app://ui/ rather than file://, so it has a real origin (which IPC sender
 * checks rely on) and no access to the rest of the disk. Paths are confined to the renderer folder.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ui';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Must run before app 'ready'. */
export function registerSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false },
    },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const headers = {
      'Content-Security-Policy': contentSecurityPolicy(),
      'X-Content-Type-Options': 'nosniff',
    };
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404, headers });
    const file = await readStatic(rendererDir, url.pathname);
    if (!file) return new Response('Not found', { status: 404, headers });
    return new Response(new Uint8Array(file.body), { status: 200, headers: { ...headers, 'Content-Type': file.type } });
  });
}
