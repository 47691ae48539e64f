import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tempDir } from '../../harness/temp';
import { testRouter } from '../../harness/router';

/**
 * `workspace.open` with `readOnly` (how the command line searches, dry-runs an import and writes the
 * draft out): the file is read as it stands, never locked, never changed, and a change is refused.
 */
describe('a workspace opened to read only', () => {
  it('searches and exports the draft, refuses every change, leaves the file, journal and lock alone', async () => {
    const t = tempDir();
    const { call, fails } = testRouter(t.dir);
    const path = t.path('example.consult');
    await call('workspace.create', { path, title: 'Read me', from: { kind: 'template', template: 'example' } });
    const csv = t.path('survey.csv');
    writeFileSync(csv, 'Response ID,Email,Name\n1,a@example.org,Ann\n');
    await call('workspace.close', {});
    const before = readFileSync(path);

    // Another window holds it open for editing: a read does not need (or take) its lock.
    const editing = testRouter(t.dir);
    await editing.call('workspace.open', { path }, 'editor');

    const summary = await call('workspace.open', { path, readOnly: true });
    expect(summary.title).toBe('Read me');
    const search = await call('responses.search', { query: 'anything' });
    expect(search.total).toBe(0);
    const json = await call('draft.exportJson', { path: t.path('draft.json') });
    expect(json.questions).toBeGreaterThan(0);

    const refused = await fails('workspace.setTitle', { title: 'Changed' });
    expect(refused.code).toBe('read-only');
    expect(refused.message).toMatch(/open to read only/);
    expect((await fails('workspace.save', {})).code).toBe('read-only');
    const dry = await call('responses.import', { paths: [csv], mapping: 'auto', dryRun: true, detect: false });
    expect(dry.dryRun).toBe(true);
    expect((await fails('responses.import', { paths: [csv], mapping: 'auto', detect: false })).code).toBe('read-only');

    expect(await call('workspace.close', {})).toEqual({ closed: true });
    await editing.call('workspace.close', {}, 'editor');
    expect(readFileSync(path).equals(before)).toBe(true);
    // Opened to read is not opened to work on: the recent list names only the workspace created.
    expect((await call('recent.list', {})).map((r) => r.path)).toEqual([path]);
    expect(existsSync(`${path}.lock`)).toBe(false);
    t.cleanup();
  });
});
