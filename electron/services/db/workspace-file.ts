import { closeSync, existsSync, openSync, readSync, statSync, accessSync, constants as fsc, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { SqlJsStatic } from 'sql.js';
import { AppError } from '../../../shared/ipc/result';
import { Db, type JournalRecord } from './database';
import { JournalWriter, goodLength, readJournal, type JournalContents } from './journal';
import { applyPending, initialiseNew, inspectMigrations } from './migrate';
import { SCHEMA_VERSION } from './migrations/index';
import { FileLock } from '../files/lock';
import { safeUnlink, writeFileAtomicSync } from '../files/atomic-write';
import { loadSqlJs } from './sqljs';

export const journalPathFor = (p: string): string => `${p}-journal`;
export const backupPathFor = (p: string): string => `${p}.bak`;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface WorkspaceFileOptions {
  clock?: () => Date;
  /** A journal bigger than this triggers a snapshot after the change that crossed it. */
  journalSnapshotBytes?: number;
  /** A single change bigger than this is saved by snapshot instead of by journal. */
  recordLimitBytes?: number;
  /** Run PRAGMA integrity_check on open (on by default). */
  integrityCheck?: boolean;
}

interface Resolved {
  clock: () => Date;
  journalSnapshotBytes: number;
  recordLimitBytes: number;
  integrityCheck: boolean;
}

const resolve = (o: WorkspaceFileOptions = {}): Resolved => ({
  clock: o.clock ?? (() => new Date()),
  journalSnapshotBytes: o.journalSnapshotBytes ?? 32 * 1024 * 1024,
  recordLimitBytes: o.recordLimitBytes ?? 8 * 1024 * 1024,
  integrityCheck: o.integrityCheck ?? true,
});

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

/** Read the first bytes and refuse anything that is not a SQLite file, before loading it. */
function checkHeader(path: string): number {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    if (errno(e) === 'ENOENT') throw new AppError('not-found', `There is no file at ${path}.`, { path });
    throw new AppError('io', `Could not read ${path}: ${(e as Error).message}`, { path });
  }
  if (st.isDirectory()) throw new AppError('not-a-workspace', `${path} is a folder, not a workspace file.`, { path });
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(100);
  try {
    readSync(fd, head, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (st.size < 100 || !head.subarray(0, 16).equals(SQLITE_HEADER)) {
    throw new AppError('not-a-workspace', 'This file is not a Consultation Workbench workspace (it is not a database file).', { path });
  }
  // The header records the page size and page count: a file shorter than that was cut off.
  const pageSizeRaw = head.readUInt16BE(16);
  const pageSize = pageSizeRaw === 1 ? 65536 : pageSizeRaw;
  const pageCount = head.readUInt32BE(28);
  if (pageCount > 0 && st.size < pageSize * pageCount) {
    throw new AppError(
      'corrupt',
      `This workspace file is incomplete: it should be ${pageSize * pageCount} bytes but is ${st.size}. It may have been cut off while copying. The file has not been changed; if a backup (${backupPathFor(path)}) exists, open a copy of that.`,
      { path },
    );
  }
  return st.size;
}

function loadDb(sqljs: SqlJsStatic, path: string, recordLimitBytes: number): Db {
  let db: Db;
  try {
    db = Db.fromBytes(sqljs, new Uint8Array(readFileSync(path)), recordLimitBytes);
    db.scalar('SELECT count(*) FROM sqlite_master');
  } catch (e) {
    throw new AppError('corrupt', `This workspace file is damaged and cannot be read (${(e as Error).message}). The file has not been changed.`, {
      path,
    });
  }
  return db;
}

const hasTable = (db: Db, name: string): boolean => db.scalar<number>("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", [name]) === 1;

/**
 * SQLite's integrity check. `structure` (what opening a workspace runs) checks every ordinary
 * table — each B-tree, its pages and records, its indexes against it — but not the full-text
 * indexes' contents against the rows they index: since SQLite 3.44 the whole-database check
 * re-tokenises every indexed answer for that (5.6 s of 8 s on a 633 MB workspace of 100,000
 * responses × 40 questions), while the check per table took 2.3 s. The FTS tables' own storage
 * (their shadow tables) is still checked page by page. `full` (the Verify command) does everything,
 * unless a large import's rows are still waiting to be indexed.
 */
export function integrityProblems(db: Db, depth: 'structure' | 'full' = 'full'): string[] {
  try {
    const msgs: string[] = [];
    // Rows waiting in the search backlog (migration 0006) are not in the index yet, which the full
    // check would report: until the backlog is done, check the structure.
    const backlog = depth === 'full' && hasTable(db, 'search_backlog') && (db.scalar<number>('SELECT count(*) FROM search_backlog') ?? 0) > 0;
    if (depth === 'full' && !backlog) msgs.push(...db.tuples<[string]>('PRAGMA integrity_check').map((r) => String(r[0])));
    else {
      const tables = db.tuples<[string]>("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name").map((r) => r[0]);
      for (const t of tables) {
        const rows = db.tuples<[string]>(`PRAGMA integrity_check("${t.replace(/"/g, '""')}")`).map((r) => String(r[0]));
        if (!(rows.length === 1 && rows[0] === 'ok')) msgs.push(...rows);
      }
      if (!msgs.length) msgs.push('ok');
    }
    return msgs.length === 1 && msgs[0] === 'ok' ? [] : msgs;
  } catch (e) {
    return [(e as Error).message];
  }
}

function readMeta(db: Db): { workspaceId: string; consultationId: string; generation: number } {
  const get = (k: string) => db.scalar<string>('SELECT value FROM meta WHERE key = ?', [k]);
  const workspaceId = get('workspace_id');
  const consultationId = get('consultation_id');
  const generation = Number(get('generation'));
  if (!workspaceId || !consultationId || !Number.isInteger(generation)) {
    throw new AppError('corrupt', 'This workspace is missing its identity records and cannot be opened safely. The file has not been changed.');
  }
  return { workspaceId, consultationId, generation };
}

/**
 * Decide what to do with a journal found beside a snapshot: replay it (same generation), ignore
 * it (older: the snapshot already holds it), or refuse (it belongs to another file or a newer
 * snapshot that is missing).
 */
function journalVerdict(j: JournalContents, meta: { workspaceId: string; generation: number }): 'none' | 'replay' | 'stale' {
  if (!j.header) return 'none';
  if (j.header.workspaceId !== meta.workspaceId) {
    throw new AppError(
      'journal-mismatch',
      'The change journal next to this workspace belongs to a different workspace file. Nothing has been changed. Move the file ending "-journal" out of the folder and open the workspace again.',
    );
  }
  if (j.header.generation === meta.generation) return 'replay';
  if (j.header.generation < meta.generation) return 'stale';
  throw new AppError(
    'journal-mismatch',
    'The change journal next to this workspace is newer than the workspace file itself, so the file may have been replaced by an older copy. Nothing has been changed.',
  );
}

/**
 * One workspace file open for editing: the in-memory sql.js database, the lock, and the journal
 * that makes each acknowledged change durable. Snapshots (the whole database written atomically)
 * happen on save, on close, periodically, after migrations and after very large changes.
 */
export class WorkspaceFile {
  private journal: JournalWriter;
  private lastSnapshotAt: Date | null;
  private lastChangeAt: Date | null = null;
  private closed = false;

  private constructor(
    public path: string,
    private currentDb: Db,
    private lock: FileLock,
    journal: JournalWriter,
    private meta: { workspaceId: string; consultationId: string; generation: number },
    private readonly opts: Resolved,
    lastSnapshotAt: Date | null,
  ) {
    this.journal = journal;
    this.lastSnapshotAt = lastSnapshotAt;
  }

  /** The live database. Replaced (never mutated in place) if it has to be reloaded from disk. */
  get db(): Db {
    return this.currentDb;
  }
  get workspaceId(): string {
    return this.meta.workspaceId;
  }
  get consultationId(): string {
    return this.meta.consultationId;
  }
  get generation(): number {
    return this.meta.generation;
  }
  get journalEntries(): number {
    return this.journal.entryCount;
  }
  get journalBytes(): number {
    return this.journal.bytes;
  }
  get state(): { journalEntries: number; lastSnapshotAt: string | null; lastChangeAt: string | null } {
    return {
      journalEntries: this.journal.entryCount,
      lastSnapshotAt: this.lastSnapshotAt?.toISOString() ?? null,
      lastChangeAt: this.lastChangeAt?.toISOString() ?? null,
    };
  }

  /** Create a new workspace file. Refuses to overwrite anything. */
  static async create(path: string, init: (db: Db, now: Date) => void, options?: WorkspaceFileOptions): Promise<WorkspaceFile> {
    const opts = resolve(options);
    const sqljs = await loadSqlJs();
    if (existsSync(path)) throw new AppError('exists', `A file already exists at ${path}. Choose another name.`, { path });
    const dir = dirname(path);
    if (!existsSync(dir)) throw new AppError('not-found', `The folder ${dir} does not exist.`, { path });
    const now = opts.clock();
    const lock = FileLock.acquire(path, now);
    try {
      const db = Db.fromBytes(sqljs, undefined, opts.recordLimitBytes);
      initialiseNew(db, now);
      const meta = { workspaceId: randomUUID(), consultationId: randomUUID(), generation: 1 };
      db.transaction(() => {
        db.run('INSERT INTO meta (key, value) VALUES (?, ?), (?, ?), (?, ?), (?, ?)', [
          'workspace_id',
          meta.workspaceId,
          'consultation_id',
          meta.consultationId,
          'generation',
          String(meta.generation),
          'created_at',
          now.toISOString(),
        ]);
        init(db, now);
      });
      try {
        writeFileAtomicSync(path, db.exportBytes());
      } catch (e) {
        throw ioError(e, path, 'create');
      }
      const journal = JournalWriter.openFresh(journalPathFor(path), { workspaceId: meta.workspaceId, generation: meta.generation });
      return new WorkspaceFile(path, db, lock, journal, meta, opts, now);
    } catch (e) {
      lock.release();
      throw e;
    }
  }

  /** Open a workspace for editing: lock, load, check, migrate, replay the journal. */
  static async open(path: string, options?: WorkspaceFileOptions): Promise<WorkspaceFile> {
    const opts = resolve(options);
    const sqljs = await loadSqlJs();
    checkHeader(path);
    assertWritable(path);
    const lock = FileLock.acquire(path, opts.clock());
    let db: Db | undefined;
    try {
      db = loadDb(sqljs, path, opts.recordLimitBytes);
      const { pending } = inspectMigrations(db);
      if (opts.integrityCheck) {
        const problems = integrityProblems(db, 'structure');
        if (problems.length) {
          throw new AppError(
            'corrupt',
            `This workspace failed its integrity check (${problems.slice(0, 3).join('; ')}). The file has not been changed; if a backup (${backupPathFor(path)}) exists, open a copy of that.`,
            { path, problems: problems.slice(0, 20) },
          );
        }
      }
      let meta = readMeta(db);
      const jPath = journalPathFor(path);
      const contents = readJournal(jPath);
      const verdict = journalVerdict(contents, meta);
      // Journal records were made against the schema of their time, so replay before migrating.
      if (verdict === 'replay') for (const r of contents.records) db.replay(r);
      const now = opts.clock();
      const file = new WorkspaceFile(
        path,
        db,
        lock,
        verdict === 'replay'
          ? JournalWriter.openContinuing(jPath, goodLength(jPath), contents.records.length)
          : JournalWriter.openFresh(jPath, { workspaceId: meta.workspaceId, generation: meta.generation }),
        meta,
        opts,
        null,
      );
      if (pending.length) {
        applyPending(db, pending, now);
        meta = file.meta;
      }
      // Fold a replayed journal or a migration into a fresh snapshot, keeping the old file as the backup.
      if (pending.length || contents.records.length || contents.tornTail) file.snapshot();
      return file;
    } catch (e) {
      db?.close();
      lock.release();
      throw e;
    }
  }

  /**
   * Make a change. fn runs in a transaction; when mutate returns, the change is on disk (journal
   * appended and fsync'd, or a snapshot written). If it cannot be saved, the in-memory database is
   * reloaded from disk so memory never holds a change the user was not told was saved.
   */
  mutate<T>(fn: (db: Db) => T): T {
    this.assertOpen();
    this.assertNotBusy();
    const now = this.opts.clock();
    const { value, record, overflow } = this.db.recordedTransaction(() => fn(this.db), now.toISOString());
    return this.persist(value, record, overflow, now);
  }

  /**
   * A change written as its parts arrive (an import streamed from a worker thread): fn may await,
   * and the transaction stays open until it returns; saved as mutate saves. Meanwhile `busy` is
   * true and nothing else may use the database: calls are already one at a time per window (the
   * Router's queue); background work waits (follow-up.ts) and timed snapshots skip a turn.
   */
  async mutateAsync<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    this.assertOpen();
    this.assertNotBusy();
    const now = this.opts.clock();
    const { value, record, overflow } = await this.db.recordedTransactionAsync(() => fn(this.db), now.toISOString());
    return this.persist(value, record, overflow, now);
  }

  /** A change is being written part by part (mutateAsync): do not read or write until it is done. */
  get busy(): boolean {
    return !this.closed && this.db.busy;
  }

  private assertNotBusy(): void {
    if (this.db.busy) throw new AppError('conflict', 'Another change to this workspace is still being saved. Try again when it has finished.');
  }

  private persist<T>(value: T, record: JournalRecord | null, overflow: boolean, now: Date): T {
    if (!record && !overflow) return value; // nothing written
    try {
      if (overflow) this.snapshot();
      else this.persistRecord(record!);
    } catch (e) {
      this.reloadFromDisk();
      throw ioError(e, this.path, 'save');
    }
    this.lastChangeAt = now;
    if (this.journal.bytes > this.opts.journalSnapshotBytes) {
      try {
        this.snapshot();
      } catch {
        // The change is safe in the journal; the next snapshot will try again.
      }
    }
    return value;
  }

  private persistRecord(record: JournalRecord): void {
    this.journal.append(record);
  }

  /** Write the whole database atomically (keeping the previous file as backup), then empty the journal. */
  snapshot(): void {
    this.assertOpen();
    const next = this.meta.generation + 1;
    this.db.run("UPDATE meta SET value = ? WHERE key = 'generation'", [String(next)]);
    try {
      writeFileAtomicSync(this.path, this.db.exportBytes(), { backup: backupPathFor(this.path) });
    } catch (e) {
      this.db.run("UPDATE meta SET value = ? WHERE key = 'generation'", [String(this.meta.generation)]);
      throw e;
    }
    this.meta.generation = next;
    // A crash here leaves a journal of the previous generation: recognised as stale on open.
    this.journal.reset({ workspaceId: this.meta.workspaceId, generation: next });
    this.lastSnapshotAt = this.opts.clock();
  }

  /** Snapshot if the journal holds changes older than `maxAgeMs`. Called on a timer. */
  snapshotIfDue(maxAgeMs: number): boolean {
    if (this.closed || this.journal.entryCount === 0 || this.db.busy) return false;
    const last = this.lastSnapshotAt?.getTime() ?? 0;
    if (this.opts.clock().getTime() - last < maxAgeMs) return false;
    this.snapshot();
    return true;
  }

  /** Copy to a new path and continue there (Word's "Save As"). The original keeps every saved change. */
  async saveAs(newPath: string): Promise<void> {
    this.assertOpen();
    if (newPath === this.path) {
      this.snapshot();
      return;
    }
    if (existsSync(newPath)) throw new AppError('exists', `A file already exists at ${newPath}. Choose another name.`, { path: newPath });
    const now = this.opts.clock();
    const newLock = FileLock.acquire(newPath, now);
    try {
      this.snapshot(); // the original is complete and its journal empty before we move on
      const newId = randomUUID();
      const oldId = this.meta.workspaceId;
      this.db.run("UPDATE meta SET value = ? WHERE key = 'workspace_id'", [newId]);
      try {
        writeFileAtomicSync(newPath, this.db.exportBytes());
      } catch (e) {
        this.db.run("UPDATE meta SET value = ? WHERE key = 'workspace_id'", [oldId]);
        throw ioError(e, newPath, 'save');
      }
      const newJournal = JournalWriter.openFresh(journalPathFor(newPath), { workspaceId: newId, generation: this.meta.generation });
      this.journal.close();
      safeUnlink(journalPathFor(this.path));
      this.lock.release();
      this.journal = newJournal;
      this.lock = newLock;
      this.meta.workspaceId = newId;
      this.path = newPath;
      this.lastSnapshotAt = now;
    } catch (e) {
      newLock.release();
      throw e;
    }
  }

  /** Snapshot, remove the journal, release the lock. */
  close(): void {
    if (this.closed) return;
    let error: unknown;
    try {
      if (this.journal.entryCount > 0) this.snapshot();
    } catch (e) {
      error = e; // keep the journal: it still holds every change
    }
    this.journal.close();
    if (!error) safeUnlink(journalPathFor(this.path));
    this.db.close();
    this.lock.release();
    this.closed = true;
    if (error) throw ioError(error, this.path, 'close');
  }

  /** Drop the in-memory state and rebuild it from the snapshot and journal on disk. */
  private reloadFromDisk(): void {
    // Synchronous: sql.js is already loaded (we have a db).
    const sqljs = this.db.sqljs;
    const fresh = loadDb(sqljs, this.path, this.opts.recordLimitBytes);
    const meta = readMeta(fresh);
    const contents = readJournal(journalPathFor(this.path));
    if (journalVerdict(contents, meta) === 'replay') for (const r of contents.records) fresh.replay(r);
    this.currentDb.close();
    this.currentDb = fresh;
    this.meta = meta;
  }

  private assertOpen(): void {
    if (this.closed) throw new AppError('no-workspace', 'This workspace has been closed.');
  }
}

function assertWritable(path: string): void {
  try {
    accessSync(dirname(path), fsc.W_OK);
    accessSync(path, fsc.W_OK);
  } catch {
    throw new AppError(
      'read-only',
      `This workspace is in a folder (or is a file) that can't be written to, so it can't be opened for editing. Copy it to a folder you can write to, such as Documents, and open the copy.`,
      { path },
    );
  }
}

function ioError(e: unknown, path: string, action: 'create' | 'save' | 'close'): AppError {
  if (e instanceof AppError) return e;
  const code = errno(e);
  const why =
    code === 'ENOSPC'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'the folder cannot be written to'
        : (e as Error).message;
  const what = action === 'create' ? 'create the workspace' : 'save your change';
  return new AppError(code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'read-only' : 'io', `Could not ${what} because ${why}.`, {
    path,
  });
}

/**
 * Open a workspace without locking or writing anything: for `info` and `verify`, and for reading
 * a file that is open elsewhere. Migrations and the journal are applied in memory only.
 */
export async function openReadOnly(
  path: string,
  options: { integrityCheck?: boolean } = {},
): Promise<{ db: Db; fileSchema: number; meta: { workspaceId: string; consultationId: string; generation: number }; journal: JournalContents; journalApplied: boolean; fileBytes: number; integrity: string[] }> {
  const sqljs = await loadSqlJs();
  const fileBytes = checkHeader(path);
  const db = loadDb(sqljs, path, Infinity);
  try {
    const { applied, pending } = inspectMigrations(db);
    const integrity = options.integrityCheck === false ? [] : integrityProblems(db);
    const meta = readMeta(db);
    const journal = readJournal(journalPathFor(path));
    let journalApplied = false;
    let verdict: 'none' | 'replay' | 'stale' | 'mismatch';
    try {
      verdict = journalVerdict(journal, meta);
    } catch {
      verdict = 'mismatch';
    }
    if (verdict === 'replay') {
      for (const r of journal.records) db.replay(r);
      journalApplied = true;
    }
    if (pending.length) applyPending(db, pending, new Date());
    return { db, fileSchema: applied.length, meta, journal, journalApplied, fileBytes, integrity };
  } catch (e) {
    db.close();
    throw e;
  }
}

export { SCHEMA_VERSION };
