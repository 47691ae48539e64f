import { test, expect } from '@playwright/test';
import { request as httpRequest } from 'node:http';
import WebSocket from 'ws';
import { startHost, type HostProcess } from '../harness/host';
import { AppPage } from './pages/app-page';

let host: HostProcess;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host.stop();
});

function wsStatus(url: string, origin?: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

function get(path: string, host_: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  const u = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: u.hostname, port: u.port, path, headers: { host: host_ } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });
}

test('the bridge needs the per-run token and the app origin', async () => {
  const ws = host.origin.replace('http', 'ws') + '/__host/ws';
  expect(await wsStatus(`${ws}?token=${host.token}`, host.origin)).toBe('open');
  expect(await wsStatus(`${ws}?token=wrong`, host.origin)).toBe(403);
  expect(await wsStatus(`${ws}?token=${host.token}`, 'http://evil.example')).toBe(403);
  expect(await wsStatus(`${ws}?token=${host.token}`)).toBe(403);
});

test('pages carry a strict CSP, other Host headers are refused, and paths cannot escape', async () => {
  const u = new URL(host.origin);
  const home = await get('/', u.host);
  expect(home.status).toBe(200);
  const csp = String(home.headers['content-security-policy']);
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect((await get('/', 'attacker.example:80')).status).toBe(421); // DNS rebinding
  expect((await get('/../package.json', u.host)).status).toBe(404);
  expect((await get('/%2e%2e/package.json', u.host)).status).toBe(404);
  expect((await get('/..%2fpackage.json', u.host)).status).toBe(404);
});

test('a second tab opened from the address bar (which no longer shows the token) connects too', async ({
  page,
  context,
}) => {
  const app = new AppPage(page);
  await app.open(host.url);
  expect(page.url()).not.toContain('token');
  const second = await context.newPage();
  await second.goto(host.origin + '/');
  await expect(second.getByRole('button', { name: 'New consultation' })).toBeVisible();
  await expect(second.getByRole('alert')).toHaveCount(0);
});

test('without the token the page explains how to connect', async ({ page }) => {
  await page.goto(host.origin + '/');
  await expect(page.getByRole('alert')).toContainText('The app could not start');
  await expect(page.getByRole('alert')).toContainText('security token');
});
