import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_BUNDLE, ensureCliBuilt, workbench } from '../harness/cli';
import { smallDiskUnavailable, withSmallDisk } from '../harness/small-disk';
import { tempDir } from '../harness/temp';
import { writeSurvey } from '../unit/responses/helpers';

/**
 * A full disk, for real (a small tmpfs), under the built command line: what an import reports must
 * be what is stored. Room for the change but not for rewriting the file: the import stands, with a
 * warning, and is there on reopening. No room even for the change: it fails, saying the disk is
 * full, and nothing is stored.
 */
const t = tempDir('cw-disk-full-');
let workspace: string;
let csv: string;
beforeAll(() => {
  ensureCliBuilt();
  workspace = t.path('source.consult');
  expect(workbench(['new', workspace, '--title', 'Disk full', '--template', 'example']).status).toBe(0);
  csv = writeSurvey(t.dir, 'export.csv', { count: 60, seed: 4 }).path;
});
afterAll(() => t.cleanup());

describe.skipIf(smallDiskUnavailable() !== null)('a full disk', () => {
  it(
    'room for the journal but not for rewriting the file: the import is reported done, with a warning, and is ' +
      'there on reopening',
    () => {
      const disk = t.path('disk-a');
      const out = t.path('out-a');
      mkdirSync(disk);
      mkdirSync(out);
      const importCsv = `node '${CLI_BUNDLE}' import '${disk}/w.consult' '${csv}'`;
      // The workspace is ~400 KB: rewriting it needs that again; the import's journal record is ~160 KB.
      const r = withSmallDisk(
        disk,
        1024,
        `cp '${workspace}' '${disk}/w.consult'
       fill $((240 * 1024))
       ${importCsv} > '${out}/import.json' 2> '${out}/import.err'; echo $? > '${out}/import.rc'
       ls -a '${disk}' > '${out}/files.txt'
       node '${CLI_BUNDLE}' info '${disk}/w.consult' > '${out}/info-full.json' 2>&1
       unfill
       ${importCsv} > /dev/null 2> '${out}/again.err'; echo $? > '${out}/again.rc'
       node '${CLI_BUNDLE}' verify '${disk}/w.consult' > '${out}/verify.json' 2>&1; echo $? > '${out}/verify.rc'`,
      );
      expect(r.status, r.stderr).toBe(0);
      const read = (f: string) => readFileSync(join(out, f), 'utf8');
      expect(read('import.rc').trim(), read('import.err')).toBe('0');
      const imported = JSON.parse(read('import.json')) as { imported: number; warnings: string[] };
      expect(imported.imported).toBe(60);
      expect(imported.warnings.join('\n')).toMatch(
        /Every change is saved, but the workspace file could not be rewritten to include them because the disk is full/,
      );
      expect(read('files.txt')).toContain('w.consult-journal');
      expect(read('files.txt')).not.toMatch(/\.tmp$/m); // the failed rewrite's temporary file is removed
      expect(JSON.parse(read('info-full.json'))).toMatchObject({ responses: 60 });
      // With space again: the same file is recognised as imported (it is stored), and the workspace verifies.
      expect(read('again.rc').trim()).toBe('1');
      expect(read('again.err')).toMatch(/was already imported/);
      expect(read('verify.rc').trim(), read('verify.json')).toBe('0');
    },
  );

  it('no room even for the change: the import fails saying the disk is full, and nothing is stored', () => {
    const disk = t.path('disk-b');
    const out = t.path('out-b');
    mkdirSync(disk);
    mkdirSync(out);
    const importCsv = `node '${CLI_BUNDLE}' import '${disk}/w.consult' '${csv}'`;
    const r = withSmallDisk(
      disk,
      1024,
      `cp '${workspace}' '${disk}/w.consult'
       fill $((12 * 1024))
       ${importCsv} > '${out}/import.json' 2> '${out}/import.err'; echo $? > '${out}/import.rc'
       unfill
       node '${CLI_BUNDLE}' info '${disk}/w.consult' > '${out}/info.json' 2>&1
       node '${CLI_BUNDLE}' verify '${disk}/w.consult' > '${out}/verify.json' 2>&1; echo $? > '${out}/verify.rc'
       ${importCsv} > '${out}/retry.json' 2>&1; echo $? > '${out}/retry.rc'`,
    );
    expect(r.status, r.stderr).toBe(0);
    const read = (f: string) => readFileSync(join(out, f), 'utf8');
    expect(read('import.rc').trim()).toBe('1');
    expect(read('import.json')).toBe('');
    expect(read('import.err')).toMatch(
      /^workbench import: Could not save your change because the disk is full\. Nothing was changed/,
    );
    expect(read('import.err')).not.toMatch(/ at |Error:/); // a message, not a stack trace
    expect(JSON.parse(read('info.json'))).toMatchObject({ responses: 0 });
    expect(read('verify.rc').trim(), read('verify.json')).toBe('0');
    // Nothing half-stored stands in the way: the retry imports everything.
    expect(read('retry.rc').trim(), read('retry.json')).toBe('0');
    expect(JSON.parse(read('retry.json'))).toMatchObject({ imported: 60 });
  });
});
