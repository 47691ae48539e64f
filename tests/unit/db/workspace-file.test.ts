import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import { existsSync, readFileSync, writeFileSync, truncateSync, statSync, copyFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import {
  WorkspaceFile,
  journalPathFor,
  backupPathFor,
  openReadOnly,
  integrityProblems,
} from '#electron/services/core/db/workspace-file';
import { indexAnswer } from '#electron/services/responses/search-index';
import { verifyWorkspace } from '#electron/services/workspace/verify';
import { createWorkspace, setTitle } from '#electron/services/workspace/workspace-service';
import { audit } from '#electron/services/core/audit';
import { lockPathFor } from '#electron/services/core/files/lock';
import { readJournal } from '#electron/services/core/db/journal';
import { loadSqlJs } from '#electron/services/core/db/sqljs';
import { Db } from '#electron/services/core/db/database';
import { tempDir } from '../../harness/temp';
import { folderFingerprint } from '../../harness/files';
import { type AppError } from '#shared/core/errors';

/** Simulate the process dying: drop the lock without closing anything. */
function abandon(f: WorkspaceFile): void {
  (f as unknown as { lock: { release(): void } }).lock.release();
}

async function expectCode(p: Promise<unknown>, code: string): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect((e as AppError).code).toBe(code);
    expect((e as AppError).message.length).toBeGreaterThan(20);
    return e as AppError;
  }
  throw new Error(`expected an error with code ${code}`);
}

const titles = (f: WorkspaceFile) => f.db.scalar<string>('SELECT title FROM consultation WHERE id = 1');

describe('a change written part by part (mutateAsync)', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir();
  });
  afterEach(() => t.cleanup());

  it(
    'keeps everything else off the database while open, ' + 'saves like mutate, and leaves nothing when it fails',
    async () => {
      const p = t.path('parts.consult');
      const f = await createWorkspace(p, 'Before', 'tester');
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const writing = f.mutateAsync(async (db) => {
        db.run('UPDATE consultation SET title = ? WHERE id = 1', ['Part one']);
        await gate;
        db.run('UPDATE consultation SET title = ? WHERE id = 1', ['Both parts']);
        return 'done';
      });
      // Meanwhile: busy, other changes refused, no timed snapshot (which would save half a change).
      expect(f.busy).toBe(true);
      expect(() => f.mutate((db) => db.run('UPDATE consultation SET title = ? WHERE id = 1', ['Other']))).toThrow(
        /still being saved/,
      );
      const generation = f.generation;
      expect(f.snapshotIfDue(0)).toBe(false);
      release();
      expect(await writing).toBe('done');
      expect(f.busy).toBe(false);
      expect(f.generation).toBe(generation);
      expect(f.journalEntries).toBe(1);

      // A failure part way rolls back both parts and saves nothing.
      await expectCode(
        f.mutateAsync(async (db) => {
          db.run('UPDATE consultation SET title = ? WHERE id = 1', ['Half']);
          await new Promise((r) => setTimeout(r, 5));
          throw Object.assign(new Error('The worker stopped.'), {
            code: 'internal',
            message: 'The worker stopped unexpectedly, so nothing was kept.',
          });
        }),
        'internal',
      );
      expect(titles(f)).toBe('Both parts');
      expect(f.journalEntries).toBe(1);
      // The saved change survives a crash: replayed from the journal.
      abandon(f);
      const again = await WorkspaceFile.open(p);
      expect(titles(again)).toBe('Both parts');
      again.close();
    },
  );
});

describe('workspace file', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir();
  });
  afterEach(() => t.cleanup());

  it(
    'creates a workspace with a lock and a journal while open, and leaves the file and an emptied journal (its ' +
      "header, with the file's checksum) after close",
    async () => {
      const p = t.path('a.consult');
      const f = await createWorkspace(p, 'My consultation', 'tester');
      expect(existsSync(p)).toBe(true);
      expect(existsSync(lockPathFor(p))).toBe(true);
      expect(existsSync(journalPathFor(p))).toBe(true);
      const lock = JSON.parse(readFileSync(lockPathFor(p), 'utf8'));
      expect(lock).toMatchObject({ pid: process.pid, host: hostname() });
      f.close();
      expect(existsSync(lockPathFor(p))).toBe(false);
      const journal = readJournal(journalPathFor(p));
      expect(journal.records).toEqual([]);
      expect(journal.header?.fileCrc).toMatch(/^[0-9a-f]{8}$/);
      const again = await WorkspaceFile.open(p);
      expect(titles(again)).toBe('My consultation');
      again.close();
    },
  );

  it('refuses to create over an existing file and leaves it untouched', async () => {
    const p = t.path('exists.consult');
    writeFileSync(p, 'precious');
    const before = folderFingerprint(t.dir);
    await expectCode(createWorkspace(p, 'X', 'tester'), 'exists');
    expect(folderFingerprint(t.dir)).toEqual(before);
  });

  it('journals each change before returning and replays the journal after a crash', async () => {
    const p = t.path('crash.consult');
    const f = await createWorkspace(p, 'Before', 'tester');
    const fileBefore = readFileSync(p);
    setTitle(f, 'After one', 'tester', new Date());
    setTitle(f, 'After two', 'tester', new Date());
    expect(f.journalEntries).toBe(2);
    expect(readFileSync(p).equals(fileBefore)).toBe(true); // the snapshot has not been rewritten
    expect(readJournal(journalPathFor(p)).records).toHaveLength(2);
    abandon(f);
    const g = await WorkspaceFile.open(p);
    expect(titles(g)).toBe('After two');
    expect(g.db.scalar<number>("SELECT count(*) FROM audit_log WHERE action = 'consultation.title'")).toBe(2);
    g.close();
  });

  it('folds the journal into a snapshot on save, keeping the previous file as a backup', async () => {
    const p = t.path('snap.consult');
    const f = await createWorkspace(p, 'One', 'tester');
    setTitle(f, 'Two', 'tester', new Date());
    const gen = f.generation;
    f.snapshot();
    expect(f.generation).toBe(gen + 1);
    expect(f.journalEntries).toBe(0);
    expect(existsSync(backupPathFor(p))).toBe(true);
    const j = readJournal(journalPathFor(p));
    expect(j.header?.generation).toBe(gen + 1);
    abandon(f);
    const g = await WorkspaceFile.open(p);
    expect(titles(g)).toBe('Two');
    g.close();
  });

  it('ignores a stale journal left by a crash between the snapshot and the journal reset', async () => {
    const p = t.path('stale.consult');
    const f = await createWorkspace(p, 'One', 'tester');
    setTitle(f, 'Two', 'tester', new Date());
    const oldJournal = readFileSync(journalPathFor(p)); // generation 1, one record
    f.snapshot(); // now generation 2 on disk
    setTitle(f, 'Three', 'tester', new Date());
    f.snapshot();
    abandon(f);
    writeFileSync(journalPathFor(p), oldJournal); // as if the reset after a snapshot never happened
    const g = await WorkspaceFile.open(p);
    expect(titles(g)).toBe('Three'); // the old "Two" record was not replayed over it
    g.close();
  });

  it('refuses a journal that belongs to another workspace, changing nothing', async () => {
    const a = await createWorkspace(t.path('a.consult'), 'A', 'tester');
    setTitle(a, 'A2', 'tester', new Date());
    const b = await createWorkspace(t.path('b.consult'), 'B', 'tester');
    abandon(a);
    b.close();
    copyFileSync(journalPathFor(t.path('a.consult')), journalPathFor(t.path('b.consult')));
    const before = folderFingerprint(t.dir);
    await expectCode(WorkspaceFile.open(t.path('b.consult')), 'journal-mismatch');
    expect(folderFingerprint(t.dir)).toEqual(before);
  });

  it('keeps foreign keys on after a snapshot (sql.js export resets pragmas)', async () => {
    const p = t.path('fk.consult');
    const f = await createWorkspace(p, 'FK', 'tester');
    expect(f.db.scalar<number>('PRAGMA foreign_keys')).toBe(1);
    f.snapshot();
    expect(f.db.scalar<number>('PRAGMA foreign_keys')).toBe(1);
    f.close();
  });

  it('takes a snapshot instead of journaling a change too big for the journal', async () => {
    const p = t.path('big.consult');
    const f = await createWorkspace(p, 'Big', 'tester', { recordLimitBytes: 10_000 });
    const gen = f.generation;
    f.mutate((db) => {
      for (let i = 0; i < 500; i++) audit(db, new Date(), 'tester', 'bulk', String(i), { pad: 'x'.repeat(100) });
    });
    expect(f.generation).toBe(gen + 1);
    expect(f.journalEntries).toBe(0);
    abandon(f);
    const g = await WorkspaceFile.open(p);
    expect(g.db.scalar<number>("SELECT count(*) FROM audit_log WHERE action = 'bulk'")).toBe(500);
    g.close();
  });

  it('rolls back a change whose function throws, and journals nothing', async () => {
    const p = t.path('rollback.consult');
    const f = await createWorkspace(p, 'Keep', 'tester');
    expect(() =>
      f.mutate((db) => {
        db.run("UPDATE consultation SET title = 'Lost' WHERE id = 1");
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(titles(f)).toBe('Keep');
    expect(f.journalEntries).toBe(0);
    f.close();
  });

  it('save as continues in the copy and leaves the original complete', async () => {
    const p = t.path('orig.consult');
    const q = t.path('copy.consult');
    const f = await createWorkspace(p, 'Original', 'tester');
    setTitle(f, 'Edited', 'tester', new Date());
    await f.saveAs(q);
    expect(f.path).toBe(q);
    expect(existsSync(lockPathFor(p))).toBe(false);
    expect(readJournal(journalPathFor(p)).records).toEqual([]); // the original's changes are all in its file
    setTitle(f, 'Edited in copy', 'tester', new Date());
    f.close();
    const o = await WorkspaceFile.open(p);
    const c = await WorkspaceFile.open(q);
    expect(titles(o)).toBe('Edited');
    expect(titles(c)).toBe('Edited in copy');
    expect(o.workspaceId).not.toBe(c.workspaceId);
    expect(o.consultationId).toBe(c.consultationId);
    o.close();
    c.close();
  });

  it('periodic snapshots happen only when the journal has aged', async () => {
    let now = Date.parse('2027-03-01T09:00:00Z');
    const clock = () => new Date(now);
    const f = await createWorkspace(t.path('tick.consult'), 'Tick', 'tester', { clock });
    expect(f.snapshotIfDue(60_000)).toBe(false); // nothing journaled
    setTitle(f, 'Tock', 'tester', clock());
    now += 30_000;
    expect(f.snapshotIfDue(60_000)).toBe(false);
    now += 31_000;
    expect(f.snapshotIfDue(60_000)).toBe(true);
    expect(f.journalEntries).toBe(0);
    f.close();
  });
});

describe('opening bad input changes nothing on disk', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir();
  });
  afterEach(() => t.cleanup());

  async function refuses(path: string, code: string): Promise<AppError> {
    const before = folderFingerprint(t.dir);
    const e = await expectCode(WorkspaceFile.open(path), code);
    expect(folderFingerprint(t.dir)).toEqual(before);
    return e;
  }

  it('a file that is not a database', async () => {
    const p = t.path('notes.consult');
    writeFileSync(p, 'Dear Sir or Madam,\nI object to the proposal.\n'.repeat(20));
    await refuses(p, 'not-a-workspace');
  });

  it('an empty file', async () => {
    const p = t.path('empty.consult');
    writeFileSync(p, '');
    await refuses(p, 'not-a-workspace');
  });

  it('a SQLite database that is not a workspace', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.exec('CREATE TABLE budget (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO budget VALUES (1, 9.5)');
    const p = t.path('other.consult');
    writeFileSync(p, db.export());
    db.close();
    await refuses(p, 'not-a-workspace');
  });

  it('a truncated workspace', async () => {
    const p = t.path('cut.consult');
    const f = await createWorkspace(p, 'Cut', 'tester');
    f.mutate((db) => {
      for (let i = 0; i < 300; i++) audit(db, new Date(), 'tester', 'pad', String(i), 'x'.repeat(200));
    });
    f.close();
    truncateSync(p, Math.floor(statSync(p).size / 2));
    const e = await refuses(p, 'corrupt');
    expect(e.message).toMatch(/incomplete|damaged|integrity/);
  });

  it(
    'opens with the tables checked page by page; Verify ' + 'also checks the search index against the answers',
    async () => {
      const p = t.path('index.consult');
      const f = await createWorkspace(p, 'Index', 'tester');
      f.mutate((db) => {
        db.run("INSERT INTO answer (id, question_id, text) VALUES (4096, 'q1', 'Broadband in rural areas')");
        indexAnswer(db, 4096);
      });
      expect(integrityProblems(f.db, 'full')).toEqual([]);
      // Change the text behind the index's back (every real write goes through search-index.ts).
      f.mutate((db) => db.run("UPDATE answer SET text = 'Something else entirely' WHERE id = 4096"));
      expect(integrityProblems(f.db, 'structure')).toEqual([]);
      expect(integrityProblems(f.db, 'full').join(' ')).toMatch(/answer_fts/);
      f.close();
      const reopened = await WorkspaceFile.open(p);
      reopened.close();
      const report = await verifyWorkspace(p);
      expect(report.ok).toBe(false);
      expect(report.integrity.join(' ')).toMatch(/answer_fts/);
    },
  );

  it('a workspace whose pages are damaged', async () => {
    const p = t.path('damaged.consult');
    const f = await createWorkspace(p, 'Damaged', 'tester');
    f.mutate((db) => {
      for (let i = 0; i < 300; i++) audit(db, new Date(), 'tester', 'pad', String(i), 'y'.repeat(200));
    });
    f.close();
    const buf = readFileSync(p);
    for (let i = 4096 * 3; i < 4096 * 3 + 2000; i++) buf[i] = 0x5a; // scribble over a page
    writeFileSync(p, buf);
    await refuses(p, 'corrupt');
  });

  it('a workspace from a newer version', async () => {
    const p = t.path('future.consult');
    const f = await createWorkspace(p, 'Future', 'tester');
    f.mutate((db) =>
      db.run("INSERT INTO schema_migrations (id, name, applied_at) VALUES (999, '0999_from_the_future', 'x')"),
    );
    f.close();
    const e = await refuses(p, 'newer-version');
    expect(e.message).toMatch(/newer version/);
  });

  it('a workspace with a migration history this version does not know', async () => {
    const p = t.path('forked.consult');
    const f = await createWorkspace(p, 'Forked', 'tester');
    f.mutate((db) => db.run("UPDATE schema_migrations SET name = '0001_something_else' WHERE id = 1"));
    f.close();
    await refuses(p, 'unknown-history');
  });

  it('a workspace open in another process', async () => {
    const p = t.path('locked.consult');
    (await createWorkspace(p, 'Locked', 'tester')).close();
    const other: ChildProcess = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      writeFileSync(
        lockPathFor(p),
        JSON.stringify({
          pid: other.pid,
          host: hostname(),
          createdAt: new Date().toISOString(),
          app: 'consultation-workbench',
        }),
      );
      const e = await refuses(p, 'already-open');
      expect(e.message).toMatch(/already open/);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('a workspace open on another computer', async () => {
    const p = t.path('remote.consult');
    (await createWorkspace(p, 'Remote', 'tester')).close();
    writeFileSync(
      lockPathFor(p),
      JSON.stringify({
        pid: 1,
        host: 'ANOTHER-LAPTOP',
        createdAt: '2027-03-01T09:00:00Z',
        app: 'consultation-workbench',
      }),
    );
    const e = await refuses(p, 'already-open');
    expect(e.message).toContain('ANOTHER-LAPTOP');
  });

  it('a workspace open in this process (another window)', async () => {
    const p = t.path('twice.consult');
    const f = await createWorkspace(p, 'Twice', 'tester');
    await refuses(p, 'already-open');
    f.close();
  });

  it('takes over a stale lock left by a process that died', async () => {
    const p = t.path('stale-lock.consult');
    (await createWorkspace(p, 'Stale', 'tester')).close();
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('exit', r));
    writeFileSync(
      lockPathFor(p),
      JSON.stringify({
        pid: dead.pid,
        host: hostname(),
        createdAt: '2027-03-01T09:00:00Z',
        app: 'consultation-workbench',
      }),
    );
    const f = await WorkspaceFile.open(p);
    expect(JSON.parse(readFileSync(lockPathFor(p), 'utf8')).pid).toBe(process.pid);
    f.close();
  });

  it('a path that does not exist', async () => {
    await refuses(t.path('nowhere.consult'), 'not-found');
  });
});

describe('read-only inspection', () => {
  it('reads a workspace that is open elsewhere, including unsnapshotted changes, without writing', async () => {
    const t = tempDir();
    const p = t.path('live.consult');
    const f = await createWorkspace(p, 'Live', 'tester');
    setTitle(f, 'Live and edited', 'tester', new Date());
    const before = folderFingerprint(t.dir);
    const ro = await openReadOnly(p);
    expect(ro.db.scalar('SELECT title FROM consultation')).toBe('Live and edited');
    expect(ro.journalApplied).toBe(true);
    ro.db.close();
    expect(folderFingerprint(t.dir)).toEqual(before);
    f.close();
    t.cleanup();
  });

  it('Db.exportBytes keeps registered functions', async () => {
    const SQL = await loadSqlJs();
    const db = Db.fromBytes(SQL);
    db.createFunction('twice', (x) => (typeof x === 'number' ? x * 2 : null));
    expect(db.scalar('SELECT twice(21)')).toBe(42);
    db.exportBytes();
    expect(db.scalar('SELECT twice(4)')).toBe(8);
    db.close();
  });
});
