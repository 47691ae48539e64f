import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { backupPathFor, WorkspaceFile } from '#electron/services/core/db/workspace-file';
import { loadSqlJs } from '#electron/services/core/db/sqljs';
import { createWorkspace, openWorkspace } from '#electron/services/workspace/workspace-service';
import { JSON_COLUMNS } from '#electron/services/workspace/content-check';
import { indexAnswer, unindexAnswer } from '#electron/services/responses/search-index';
import { verifyWorkspace } from '#electron/services/workspace/verify';
import { MIGRATIONS } from '#electron/services/core/db/migrations/index';
import { exampleDraft } from '#shared/domain/draft/example';
import { isAppError, type AppError } from '#shared/core/errors';
import { testRouter } from '../../harness/router';
import { writeSurvey } from '../responses/helpers';
import { tempDir } from '../../harness/temp';

/**
 * A workspace damaged inside what it holds — bytes that leave SQLite's pages well formed — is
 * refused on open with a message saying how to go back to the backup, is never written to, and
 * fails Verify. (The trial in tests/trial flips random bytes; these place the damage.)
 */
let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir('cw-damage-');
});
afterEach(() => t.cleanup());

/**
 * Change the file on disk with raw SQL, as damage would: no journal record, no checksum kept up to
 * date. The journal (whose header keeps the whole file's checksum) is removed, as when a file is
 * copied on its own, so what is tested is the check of the contents, not of the bytes.
 */
async function damage(path: string, sql: string): Promise<void> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(readFileSync(path));
  db.exec(sql);
  writeFileSync(path, db.export());
  db.close();
  rmSync(`${path}-journal`, { force: true });
}

async function refused(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (!isAppError(e)) throw e;
    return e as AppError;
  }
  throw new Error('expected the open to be refused');
}

async function withResponses(name: string): Promise<string> {
  const path = t.path(name);
  const ws = await createWorkspace(path, 'Damage', 'tester', undefined, exampleDraft());
  ws.close();
  const { router, call } = testRouter(t.dir);
  await call('workspace.open', { path });
  await call('responses.import', { paths: [writeSurvey(t.dir, `${name}.csv`, { count: 30, seed: 3 }).path] });
  await call('workspace.save', {});
  await router.shutdown();
  return path;
}

describe('a damaged workspace', () => {
  it(
    'with a draft value that no longer parses: open refuses, says how to restore, and writes nothing; Verify ' +
      'fails',
    async () => {
      const path = await withResponses('draft.consult');
      await damage(
        path,
        `UPDATE section SET body = '{"type":"doc","content":[' WHERE rowid = (SELECT min(rowid) FROM section)`,
      );
      const before = readFileSync(path);
      const e = await refused(openWorkspace(path));
      expect(e.code).toBe('corrupt');
      expect(e.message).toMatch(/^This workspace is damaged: a stored section\.body value \(row \d+\) is not readable/);
      expect(e.message).toContain(`copy ${backupPathFor(path).split('/').pop()}`);
      expect(readFileSync(path).equals(before)).toBe(true);
      const report = await verifyWorkspace(path);
      expect(report.ok).toBe(false);
      expect(report.integrity.join(' ')).toMatch(/section\.body/);
    },
  );

  it(
    'with a draft value that parses but is not a valid ' + 'draft (a question type changed): refused the same way',
    async () => {
      const path = await withResponses('type.consult');
      await damage(path, `UPDATE question SET type = 'singke' WHERE rowid = (SELECT min(rowid) FROM question)`);
      const e = await refused(openWorkspace(path));
      expect(e.code).toBe('corrupt');
      expect(e.message).toMatch(/the stored draft is not valid/);
      expect((await verifyWorkspace(path)).ok).toBe(false);
    },
  );

  it(
    'with an answer value that no longer parses: refused on ' + 'open (the answers are read in windows) and by Verify',
    async () => {
      const path = await withResponses('answer.consult');
      await damage(
        path,
        `UPDATE answer SET option_ids = '["x'
         WHERE rowid = (SELECT min(rowid) FROM answer WHERE option_ids IS NOT NULL)`,
      );
      const e = await refused(openWorkspace(path));
      expect(e.message).toMatch(/answer\.option_ids/);
      expect((await verifyWorkspace(path)).integrity.join(' ')).toMatch(/answer\.option_ids/);
    },
  );

  it(
    'with a damaged search index (one byte of an index block changed): refused on open, never rewritten; Verify ' +
      'fails',
    async () => {
      const path = await withResponses('fts.consult');
      // The index's data lives in its segment roots (small indexes) and blocks: change one byte of the biggest root.
      await damage(
        path,
        `UPDATE answer_fts_segdir
         SET root = CAST(substr(root, 1, 20) AS BLOB) || x'ff' || CAST(substr(root, 22) AS BLOB)
       WHERE rowid = (SELECT rowid FROM answer_fts_segdir ORDER BY length(root) DESC LIMIT 1)`,
      );
      const before = readFileSync(path);
      const e = await refused(openWorkspace(path));
      expect(e.code).toBe('corrupt');
      expect(e.message).toMatch(/the search index is damaged/);
      // Not through the content check alone: the storage layer refuses it too, before anything is written.
      await expect(WorkspaceFile.open(path)).rejects.toThrow(/search index is damaged/);
      expect(readFileSync(path).equals(before)).toBe(true);
      expect((await verifyWorkspace(path)).ok).toBe(false);
    },
  );

  it('opens as before when nothing is damaged, and the checksum follows every save', async () => {
    const path = await withResponses('fine.consult');
    const ws = await openWorkspace(path);
    // An answer's text changed the way the app changes it (out of the index, changed, back in): the index moves.
    ws.mutate((db) => {
      const id = db.scalar<number>("SELECT min(id) FROM answer WHERE text <> ''")!;
      unindexAnswer(db, id);
      db.run("UPDATE answer SET text = 'changed text for the index' WHERE id = ?", [id]);
      indexAnswer(db, id);
    });
    ws.close();
    const again = await openWorkspace(path);
    again.close();
    expect((await verifyWorkspace(path)).ok).toBe(true);
  });
});

describe('a byte changed anywhere in the file', () => {
  it(
    'is refused on open while the journal beside it keeps the checksum of the bytes last written; Verify says so ' +
      'too',
    async () => {
      const path = await withResponses('bytes.consult');
      const bytes = readFileSync(path);
      // One letter of an answer's text: the pages stay well formed, the search index no longer matches.
      const at = bytes.indexOf(Buffer.from('the '), 200_000);
      expect(at).toBeGreaterThan(0);
      bytes[at] = 'T'.charCodeAt(0);
      writeFileSync(path, bytes);
      const e = await refused(openWorkspace(path));
      expect(e.message).toMatch(/^This workspace is damaged: its bytes are not the ones last saved/);
      expect(readFileSync(path).equals(bytes)).toBe(true);
      const report = await verifyWorkspace(path);
      expect(report.ok).toBe(false);
      expect(report.integrity.join(' ')).toMatch(/not the ones last saved/);
    },
  );
});

describe('the list of JSON columns the open checks', () => {
  it('is every column the migrations mark as JSON', () => {
    const marked: string[] = [];
    for (const m of MIGRATIONS) {
      let table = '';
      for (const line of m.sql.split('\n')) {
        const create = /CREATE TABLE (\w+)/.exec(line);
        if (create) table = create[1]!;
        const col = /^\s+(\w+)\s+TEXT\b.*--.*\bJSON\b/.exec(line);
        if (col && table) marked.push(`${table}.${col[1]}`);
        const added = /^ALTER TABLE (\w+) ADD COLUMN (\w+) TEXT\b.*--.*\bJSON\b/.exec(line.trim());
        if (added) marked.push(`${added[1]}.${added[2]}`);
      }
    }
    expect(marked.length).toBeGreaterThan(15);
    expect(JSON_COLUMNS.map(([tb, c]) => `${tb}.${c}`).sort()).toEqual(marked.sort());
  });
});
