import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { copyFileSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { BackendClient } from '#electron/services/backend/backend-client';
import { ensureCliBuilt, ROOT } from '../harness/cli';
import { tempDir } from '../harness/temp';

/** The backend as the hosts run it: the built worker thread behind BackendClient. */
describe('backend worker', () => {
  it('serves calls, and after the worker crashes restarts it with every saved change intact', async () => {
    ensureCliBuilt(); // builds dist/node, including backend-worker.mjs
    const t = tempDir();
    const client = new BackendClient(join(ROOT, 'dist', 'node', 'backend-worker.mjs'), {
      configDir: t.path('config'),
      actor: 'tester',
      env: { version: 'test', shell: 'browser-host', nativeDialogs: false, platform: 'linux', defaultFolder: t.dir },
      snapshotEveryMs: 3_600_000,
    });
    await client.whenReady();
    const path = t.path('crash.consult');
    expect(await client.call('w1', 'workspace.create', { path, title: 'Before the crash' })).toMatchObject({
      ok: true,
    });
    expect(await client.call('w1', 'workspace.setTitle', { title: 'Saved just before the crash' })).toMatchObject({
      ok: true,
    });
    const closed: unknown[] = [];
    client.onEvent((s, e, p) => s === 'w1' && e === 'workspace.state' && closed.push(p));
    await client.crashForTest();
    await expect.poll(() => client.restarts).toBe(1);
    expect(closed).toContain(null); // the window is told its workspace closed
    const reopened = await client.call('w1', 'workspace.open', { path });
    expect(reopened).toMatchObject({ ok: true, value: { title: 'Saved just before the crash' } });
    await client.shutdown();
    t.cleanup();
  });

  it(
    'the desktop app’s worker bundle is self-contained: it runs from a folder with no node_modules but the native ' +
      'chart renderer',
    async () => {
      ensureCliBuilt();
      const t = tempDir();
      const app = t.path('app');
      mkdirSync(join(app, 'dist', 'electron'), { recursive: true });
      mkdirSync(join(app, 'node_modules', '@resvg'), { recursive: true });
      for (const f of ['backend-worker.cjs', 'sql-wasm.wasm'])
        copyFileSync(join(ROOT, 'dist', 'electron', f), join(app, 'dist', 'electron', f));
      for (const d of readdirSync(join(ROOT, 'node_modules', '@resvg')))
        symlinkSync(join(ROOT, 'node_modules', '@resvg', d), join(app, 'node_modules', '@resvg', d));
      const client = new BackendClient(join(app, 'dist', 'electron', 'backend-worker.cjs'), {
        configDir: t.path('config'),
        actor: 'tester',
        env: { version: 'test', shell: 'electron', nativeDialogs: true, platform: 'linux', defaultFolder: t.dir },
        snapshotEveryMs: 3_600_000,
      });
      await client.whenReady();
      const path = t.path('bundle.consult');
      expect(
        await client.call('w', 'workspace.create', {
          path,
          title: 'Bundled',
          from: { kind: 'template', template: 'example' },
        }),
      ).toMatchObject({ ok: true });
      const out = await client.call('w', 'outputs.export', {
        allowUnfinished: true,
        kind: 'consultation-docx',
        path: t.path('doc.docx'),
      });
      expect(out).toMatchObject({ ok: true });
      await client.shutdown();
      t.cleanup();
    },
  );
});
