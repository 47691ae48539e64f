import { app, session, type WebContents } from 'electron';
import { APP_ORIGIN, APP_SCHEME } from './protocol';

/**
 * Electron's security checklist, applied to every web contents the app ever creates: no
 * navigation away from the app, no new windows, no <webview>, no permissions, no network.
 */
export function isAppUrl(raw: string): boolean {
  try {
    const u = new URL(raw);
    return u.protocol === `${APP_SCHEME}:` && u.origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

export function hardenSessions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // No network, ever: only the app's own scheme (and devtools in development) may load.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const ok =
      details.url.startsWith(`${APP_SCHEME}:`) ||
      details.url.startsWith('devtools:') ||
      details.url.startsWith('data:') ||
      details.url.startsWith('blob:');
    callback({ cancel: !ok });
  });
}

export function hardenWebContents(): void {
  app.on('web-contents-created', (_e, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
