import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../harness/temp';
import { testRouter } from '../../harness/router';

/**
 * The app's own file chooser, through the router as the browser host calls it: a folder's
 * sub-folders and files of the kinds asked for (others counted, hidden files left out), the places
 * to start from, going up, making a folder (bad names refused, nothing made), and "is something
 * already there?" before an export writes over it.
 */
describe('fs.browse, fs.makeFolder, fs.pathKind', () => {
  const t = tempDir('cw-browse-');
  const root = t.path('Documents');
  mkdirSync(join(root, 'Consultation 10'), { recursive: true });
  mkdirSync(join(root, 'Consultation 9'));
  mkdirSync(join(root, '.cache'));
  writeFileSync(join(root, 'responses.csv'), 'a,b\n');
  writeFileSync(join(root, 'Responses.XLSX'), 'x');
  writeFileSync(join(root, 'notes.txt'), 'n');
  writeFileSync(join(root, '.hidden.csv'), 'h');
  const r = testRouter(t.path('cfg'));

  it('lists folders first (in natural order), then the files of the kinds asked for', async () => {
    const l = await r.call('fs.browse', { folder: root, extensions: ['csv', 'xlsx'] });
    expect(l.folder).toBe(root);
    expect(l.parent).toBe(t.dir);
    expect(l.entries.map((e) => [e.kind, e.name])).toEqual([
      ['folder', 'Consultation 9'],
      ['folder', 'Consultation 10'],
      ['file', 'responses.csv'],
      ['file', 'Responses.XLSX'],
    ]);
    expect(l.entries[2]!.bytes).toBe(4);
    expect(l.otherFiles).toBe(1);
    expect(l.places[0]!.label).toBe('Home');
    expect(l.places.at(-1)).toEqual({ label: 'The whole computer', path: '/' });
    const up = await r.call('fs.browse', { folder: '/' });
    expect(up.parent).toBeNull();
    const folders = await r.call('fs.browse', { folder: root, foldersOnly: true });
    expect(folders.entries.every((e) => e.kind === 'folder')).toBe(true);
    expect(folders.otherFiles).toBe(3);
  });

  it('says clearly when the folder is not there', async () => {
    const e = await r.fails('fs.browse', { folder: join(root, 'nope') });
    expect(e).toMatchObject({ code: 'not-found', details: { field: 'folder' } });
    expect(e.message).toContain(join(root, 'nope'));
  });

  it('makes a new folder, and refuses a bad name or one already there without making anything', async () => {
    expect(await r.call('fs.makeFolder', { parent: root, name: ' Published ' })).toEqual({
      path: join(root, 'Published'),
    });
    expect(await r.call('fs.pathKind', { path: join(root, 'Published') })).toEqual({ kind: 'folder' });
    expect((await r.fails('fs.makeFolder', { parent: root, name: 'Published' })).code).toBe('exists');
    for (const name of ['', '..', 'a/b', 'what?', 'tab\there'])
      expect((await r.fails('fs.makeFolder', { parent: root, name })).code).toBe('invalid-input');
    const after = await r.call('fs.browse', { folder: root });
    expect(after.entries.filter((e) => e.kind === 'folder').map((e) => e.name)).toEqual([
      'Consultation 9',
      'Consultation 10',
      'Published',
    ]);
  });

  it('tells a file from a folder from nothing', async () => {
    expect(await r.call('fs.pathKind', { path: join(root, 'responses.csv') })).toEqual({ kind: 'file' });
    expect(await r.call('fs.pathKind', { path: join(root, 'missing.csv') })).toEqual({ kind: null });
  });
});
