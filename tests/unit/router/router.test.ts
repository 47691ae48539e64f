import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import { Router } from '#electron/services/router/router';
import { SettingsStore } from '#electron/services/core/settings/settings-store';
import { tempDir } from '../../harness/temp';
import { SCHEMA_VERSION } from '#electron/services/core/db/migrations/index';
import type { AppEvents } from '#shared/ipc/contract';

function makeRouter(dir: string, events: { event: keyof AppEvents; payload: unknown }[] = []) {
  return new Router(
    {
      settings: new SettingsStore(`${dir}/config`),
      clock: () => new Date('2027-03-01T09:00:00Z'),
      actor: 'tester',
      env: { version: '0.0.0-test', shell: 'cli', nativeDialogs: false, platform: 'linux', defaultFolder: dir },
    },
    (_s, event, payload) => events.push({ event, payload }),
  );
}

describe('router', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir();
  });
  afterEach(() => t.cleanup());

  it('refuses unknown channels and invalid input with a field', async () => {
    const r = makeRouter(t.dir);
    expect(await r.dispatch('s', 'workspace.explode', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    const bad = await r.dispatch('s', 'workspace.create', { path: t.path('a.consult'), title: '' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input', details: { field: 'title' } } });
    const extra = await r.dispatch('s', 'workspace.create', { path: t.path('a.consult'), title: 'X', evil: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const long = await r.dispatch('s', 'workspace.create', { path: t.path('a.consult'), title: 'x'.repeat(66) });
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error.message).toMatch(/65 characters/);
    expect(await r.dispatch('s', 'workspace.setTitle', { title: 'Y' })).toMatchObject({
      ok: false,
      error: { code: 'no-workspace' },
    });
    expect(await r.dispatch('s', 'dialog.openWorkspace', {})).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    });
    await r.shutdown();
  });

  it('creates, retitles, closes and reopens a workspace, adding it to the recent list', async () => {
    const events: { event: keyof AppEvents; payload: unknown }[] = [];
    const r = makeRouter(t.dir, events);
    const created = await r.dispatch('s', 'workspace.create', {
      path: t.path('my-consultation'),
      title: 'First title',
    });
    expect(created).toMatchObject({ ok: true, value: { title: 'First title', schemaVersion: SCHEMA_VERSION } });
    if (!created.ok) return;
    const path = (created.value as { path: string }).path;
    expect(path.endsWith('my-consultation.consult')).toBe(true); // extension added
    expect(await r.dispatch('s', 'workspace.setTitle', { title: '  Second title  ' })).toMatchObject({
      ok: true,
      value: { title: 'Second title' },
    });
    expect(
      events.some((e) => e.event === 'workspace.state' && (e.payload as { title?: string })?.title === 'Second title'),
    ).toBe(true);
    expect(await r.dispatch('s', 'workspace.close', {})).toMatchObject({ ok: true, value: { closed: true } });
    expect(await r.dispatch('s', 'workspace.current', {})).toMatchObject({ ok: true, value: null });
    expect(await r.dispatch('s', 'workspace.open', { path })).toMatchObject({
      ok: true,
      value: { title: 'Second title' },
    });
    const recent = await r.dispatch('s', 'recent.list', {});
    expect(recent).toMatchObject({ ok: true, value: [{ path, title: 'Second title', exists: true }] });
    await r.shutdown();
  });

  it('a second session cannot open a workspace another session has open', async () => {
    const r = makeRouter(t.dir);
    const path = t.path('shared.consult');
    await r.dispatch('a', 'workspace.create', { path, title: 'Shared' });
    const second = await r.dispatch('b', 'workspace.open', { path });
    expect(second).toMatchObject({ ok: false, error: { code: 'already-open' } });
    await r.endSession('a');
    expect(await r.dispatch('b', 'workspace.open', { path })).toMatchObject({ ok: true });
    await r.shutdown();
  });

  it('a failed open leaves the current workspace open', async () => {
    const r = makeRouter(t.dir);
    await r.dispatch('s', 'workspace.create', { path: t.path('keep.consult'), title: 'Keep me' });
    const bad = await r.dispatch('s', 'workspace.open', { path: t.path('missing.consult') });
    expect(bad).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await r.dispatch('s', 'workspace.current', {})).toMatchObject({ ok: true, value: { title: 'Keep me' } });
    await r.shutdown();
  });

  it('suggests GOV.UK-style file names that do not collide', async () => {
    const r = makeRouter(t.dir);
    const s1 = await r.dispatch('s', 'fs.suggestPath', { title: 'Draft: NHS online – Final v2' });
    expect(s1).toMatchObject({ ok: true, value: { path: t.path('nhs-online.consult') } });
    await r.dispatch('s', 'workspace.create', { path: t.path('nhs-online.consult'), title: 'NHS online' });
    expect(await r.dispatch('s', 'fs.suggestPath', { title: 'NHS online' })).toMatchObject({
      ok: true,
      value: { path: t.path('nhs-online-2.consult') },
    });
    const list = await r.dispatch('s', 'fs.listWorkspaces', {});
    expect(list).toMatchObject({ ok: true, value: { entries: [{ name: 'nhs-online.consult' }] } });
    await r.shutdown();
  });

  it('runs calls of one session one at a time, in order', async () => {
    const r = makeRouter(t.dir);
    await r.dispatch('s', 'workspace.create', { path: t.path('order.consult'), title: 'T0' });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => r.dispatch('s', 'workspace.setTitle', { title: `T${i + 1}` })),
    );
    expect(results.every((x) => x.ok)).toBe(true);
    expect(await r.dispatch('s', 'workspace.current', {})).toMatchObject({ ok: true, value: { title: 'T20' } });
    await r.shutdown();
  });

  it('cancelling an unknown job says so', async () => {
    const r = makeRouter(t.dir);
    expect(await r.dispatch('s', 'jobs.cancel', { jobId: 'nope' })).toEqual({ ok: true, value: { cancelled: false } });
    await r.shutdown();
  });
});
