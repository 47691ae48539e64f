/**
 * The Content-Security-Policy for the UI, the same in Electron and in the browser host: only the
 * app's own scripts and styles, no inline script, no eval, no plug-ins, no frames, no network
 * beyond the app's own origin (plus, in the browser host, its WebSocket back to the same host).
 */
export function contentSecurityPolicy(options: { connect?: string[] } = {}): string {
  const connect = ["'self'", ...(options.connect ?? [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
  ].join('; ');
}
