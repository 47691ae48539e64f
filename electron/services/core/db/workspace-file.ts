import { readFileBytes } from '../files/read-bytes';
import { closeSync, existsSync, openSync, readSync, statSync, accessSync, constants as fsc } from 'node:fs';
import { basename, dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { SqlJsStatic } from 'sql.js';
import { AppError } from '#shared/core/errors';
import { Db, type JournalRecord } from './database';
import { JournalUncertainError, JournalWriter, goodLength, readJournal, type JournalContents } from './journal';
import { applyPending, initialiseNew, inspectMigrations } from './migrate';
import { SCHEMA_VERSION } from './migrations/index';
import { FileLock } from '../files/lock';
import { cleanStaleTemps, safeUnlink, writeFileAtomicSync } from '../files/atomic-write';
import { diskWhy, errnoOf } from '../files/disk-errors';
import { loadSqlJs } from './sqljs';
import { ftsChecksumProblem, storeFtsChecksum } from './fts-checksum';

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
  /**
   * Checks of what the workspace holds that the layers above rely on (stored JSON parses, the draft
   * is a valid draft: workspace/content-check.ts), run on open before anything is written. Each
   * problem found is a sentence; any refuses the open.
   */
  contentCheck?: (db: Db) => string[];
}

interface Resolved {
  clock: () => Date;
  journalSnapshotBytes: number;
  recordLimitBytes: number;
  integrityCheck: boolean;
  contentCheck: ((db: Db) => string[]) | undefined;
}

const resolve = (o: WorkspaceFileOptions = {}): Resolved => ({
  clock: o.clock ?? (() => new Date()),
  journalSnapshotBytes: o.journalSnapshotBytes ?? 32 * 1024 * 1024,
  recordLimitBytes: o.recordLimitBytes ?? 8 * 1024 * 1024,
  integrityCheck: o.integrityCheck ?? true,
  contentCheck: o.contentCheck,
});

/** Read the first bytes and refuse anything that is not a SQLite file, before loading it. */
function checkHeader(path: string): number {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') throw new AppError('not-found', `There is no file at ${path}.`, { path });
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
    throw new AppError(
      'not-a-workspace',
      'This file is not a Consultation Workbench workspace (it is not a database file).',
      { path },
    );
  }
  // The header records the page size and page count: a file shorter than that was cut off.
  const pageSizeRaw = head.readUInt16BE(16);
  const pageSize = pageSizeRaw === 1 ? 65536 : pageSizeRaw;
  const pageCount = head.readUInt32BE(28);
  if (pageCount > 0 && st.size < pageSize * pageCount) {
    throw new AppError(
      'corrupt',
      `This workspace file is incomplete: it should be ${pageSize * pageCount} bytes but is ${st.size}. It may ` +
        `have been cut off while copying. The file has not been changed; if a backup (${backupPathFor(path)}) ` +
        `exists, open a copy of that.`,
      { path },
    );
  }
  return st.size;
}

/**
 * SQLite's reason, fit for a person: a damaged schema can make SQLite quote the table definitions
 * themselves (CREATE TABLE …), which say nothing to the official, so those become words.
 */
function sqliteWords(message: string): string {
  const m = /^malformed database schema \(([^)]*)\)/.exec(message);
  if (m) return `the definition of its table "${m[1]}" is damaged`;
  if (/\b(CREATE|INSERT|SELECT|UPDATE)\s/.test(message)) return 'the definitions of its tables are damaged';
  return message.slice(0, 200);
}

/** What to say after "this workspace is damaged": that nothing was changed, and how to go back to the backup. */
export function restoreAdvice(path: string): string {
  const bak = backupPathFor(path);
  return existsSync(bak)
    ? `The file has not been changed. To go back to the copy kept before it was last saved, copy ${basename(bak)} ` +
        `(beside it) to a new name ending .consult, such as ${basename(path, '.consult')}-restored.consult, and open ` +
        `that.`
    : 'The file has not been changed, and there is no backup (.bak) beside it to go back to.';
}

/** The CRC-32 of a workspace file's bytes, as the journal header keeps it. */
export const fileCrcOf = (bytes: Uint8Array): string => (crc32(bytes) >>> 0).toString(16).padStart(8, '0');

function loadDb(
  sqljs: SqlJsStatic,
  path: string,
  recordLimitBytes: number,
  bytes: Uint8Array = readFileBytes(path),
): Db {
  let db: Db;
  try {
    db = Db.fromBytes(sqljs, bytes, recordLimitBytes);
    db.scalar('SELECT count(*) FROM sqlite_master');
  } catch (e) {
    throw new AppError(
      'corrupt',
      `This workspace file is damaged and cannot be read ` +
        `(${sqliteWords((e as Error).message)}). ${restoreAdvice(path)}`,
      { path },
    );
  }
  return db;
}

const hasTable = (db: Db, name: string): boolean =>
  db.scalar<number>("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", [name]) === 1;

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
    const backlog =
      depth === 'full' &&
      hasTable(db, 'search_backlog') &&
      (db.scalar<number>('SELECT count(*) FROM search_backlog') ?? 0) > 0;
    if (depth === 'full' && !backlog)
      msgs.push(...db.tuples<[string]>('PRAGMA integrity_check').map((r) => String(r[0])));
    else {
      const tables = db
        .tuples<[string]>(
          "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
        )
        .map((r) => r[0]);
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
    throw new AppError(
      'corrupt',
      'This workspace is missing its identity records and cannot be opened safely. The file has not been changed.',
    );
  }
  return { workspaceId, consultationId, generation };
}

/**
 * Decide what to do with a journal found beside a snapshot: replay it (same generation), ignore
 * it (older: the snapshot already holds it), or refuse (it belongs to another file or a newer
 * snapshot that is missing).
 */
function journalVerdict(
  j: JournalContents,
  meta: { workspaceId: string; generation: number },
): 'none' | 'replay' | 'stale' {
  if (!j.header) return 'none';
  if (j.header.workspaceId !== meta.workspaceId) {
    throw new AppError(
      'journal-mismatch',
      'The change journal next to this workspace belongs to a different workspace file. Nothing has been ' +
        'changed. Move the file ending "-journal" out of the folder and open the workspace again.',
    );
  }
  if (j.header.generation === meta.generation) return 'replay';
  if (j.header.generation < meta.generation) return 'stale';
  throw new AppError(
    'journal-mismatch',
    'The change journal next to this workspace is newer than the workspace file itself, so the file may have ' +
      'been replaced by an older copy. Nothing has been changed.',
  );
}

/**
 * Whether the file's bytes are not the ones its snapshot wrote (the journal of the same generation
 * keeps their CRC-32). Null when they match, or when there is nothing to compare against: no
 * journal (the file was copied on its own), a journal of another generation, or one from before
 * checksums were kept.
 */
function bytesChanged(
  bytes: Uint8Array,
  journal: JournalContents,
  meta: { workspaceId: string; generation: number },
): string | null {
  const h = journal.header;
  if (!h?.fileCrc || h.workspaceId !== meta.workspaceId || h.generation !== meta.generation) return null;
  const now = fileCrcOf(bytes);
  return now === h.fileCrc
    ? null
    : `its bytes are not the ones last saved (checksum ${now}, but ${h.fileCrc} was written), so part of it has ` +
        `changed on the disk`;
}

/**
 * One workspace file open for editing: the in-memory sql.js database, the lock, and the journal
 * that makes each acknowledged change durable. Snapshots (the whole database written atomically)
 * happen on save, on close, periodically, after migrations and after very large changes.
 */
/** What a workspace file needs of its journal and its lock: neither, for one opened read-only. */
type Journal = Pick<JournalWriter, 'append' | 'reset' | 'close' | 'entryCount' | 'bytes'>;
type Lock = Pick<FileLock, 'release'>;
const NO_JOURNAL: Journal = {
  append: () => undefined,
  reset: () => undefined,
  close: () => undefined,
  entryCount: 0,
  bytes: 0,
};
const NO_LOCK: Lock = { release: () => undefined };

export class WorkspaceFile {
  private journal: Journal;
  private lastSnapshotAt: Date | null;
  private lastChangeAt: Date | null = null;
  private closed = false;

  private constructor(
    public path: string,
    private currentDb: Db,
    private lock: Lock,
    journal: Journal,
    private meta: { workspaceId: string; consultationId: string; generation: number },
    private readonly opts: Resolved,
    lastSnapshotAt: Date | null,
    /** Opened to read (the command line's search and dry runs): no lock, no journal, no change allowed. */
    readonly readOnly = false,
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

  /**
   * Create a new workspace file. Refuses to overwrite anything. `consultationId`: a new workspace of an existing
   * consultation (a team's copy made from its server), rather than a new consultation.
   */
  static async create(
    path: string,
    init: (db: Db, now: Date) => void,
    options?: WorkspaceFileOptions,
    consultationId?: string,
  ): Promise<WorkspaceFile> {
    const opts = resolve(options);
    const sqljs = await loadSqlJs();
    if (existsSync(path))
      throw new AppError('exists', `A file already exists at ${path}. Choose another name.`, { path });
    const dir = dirname(path);
    if (!existsSync(dir)) throw new AppError('not-found', `The folder ${dir} does not exist.`, { path });
    const now = opts.clock();
    const lock = acquireLock(path, now, 'create');
    try {
      const db = Db.fromBytes(sqljs, undefined, opts.recordLimitBytes);
      initialiseNew(db, now);
      const meta = { workspaceId: randomUUID(), consultationId: consultationId ?? randomUUID(), generation: 1 };
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
      storeFtsChecksum(db);
      let written = false;
      try {
        const bytes = db.exportBytes();
        writeFileAtomicSync(path, bytes);
        written = true;
        const journal = JournalWriter.openFresh(journalPathFor(path), {
          workspaceId: meta.workspaceId,
          generation: meta.generation,
          fileCrc: fileCrcOf(bytes),
        });
        return new WorkspaceFile(path, db, lock, journal, meta, opts, now);
      } catch (e) {
        // Reported as not created, so not left behind half made (the file without its journal).
        if (written) {
          safeUnlink(journalPathFor(path));
          safeUnlink(path);
        }
        throw ioError(e, path, 'create');
      }
    } catch (e) {
      lock.release();
      throw e;
    }
  }

  /**
   * Open a workspace to read it without locking or changing it (the command line's search, a dry
   * run of an import, a draft written out as JSON): the journal is replayed in memory, migrations
   * applied in memory, and every change refused. Work a read does on its own caches (the search
   * index's backlog, search-backlog.ts) stays in memory and is never written.
   */
  static async openReadOnly(path: string, options?: WorkspaceFileOptions): Promise<WorkspaceFile> {
    const opts = resolve(options);
    const ro = await openReadOnly(path, { integrityCheck: false });
    return new WorkspaceFile(path, ro.db, NO_LOCK, NO_JOURNAL, ro.meta, opts, null, true);
  }

  /** Open a workspace for editing: lock, load, check, migrate, replay the journal. */
  static async open(path: string, options?: WorkspaceFileOptions): Promise<WorkspaceFile> {
    const opts = resolve(options);
    const sqljs = await loadSqlJs();
    checkHeader(path);
    assertWritable(path);
    const lock = acquireLock(path, opts.clock(), 'open');
    // What a rewrite killed part way left beside the file (its own next rewrite would also do this).
    cleanStaleTemps(path);
    cleanStaleTemps(backupPathFor(path));
    let db: Db | undefined;
    let journal: JournalWriter | undefined;
    try {
      const bytes = readFileBytes(path);
      db = loadDb(sqljs, path, opts.recordLimitBytes, bytes);
      const { pending } = inspectMigrations(db);
      const jPath = journalPathFor(path);
      const contents = readJournal(jPath);
      if (opts.integrityCheck) {
        // Without a journal that vouches for the file's bytes (a file copied on its own), a byte
        // changed in an answer would pass the page-by-page check: the full check is run instead,
        // once — the close after it leaves a journal with the checksum.
        const vouched = !!contents.header?.fileCrc && contents.header.generation === generationOf(db);
        const problems = integrityProblems(db, vouched ? 'structure' : 'full');
        // The search index as it was written (fts-checksum.ts): checked before the journal is replayed onto it.
        const fts = problems.length ? null : ftsChecksumProblem(db);
        if (fts) problems.push(fts);
        if (problems.length) {
          throw new AppError(
            'corrupt',
            `This workspace is damaged: it failed its integrity check ` +
              `(${problems.slice(0, 3).join('; ')}). ${restoreAdvice(path)}`,
            {
              path,
              problems: problems.slice(0, 20),
            },
          );
        }
      }
      const meta = readMeta(db);
      const verdict = journalVerdict(contents, meta);
      const changed = opts.integrityCheck ? bytesChanged(bytes, contents, meta) : null;
      if (changed)
        throw new AppError('corrupt', `This workspace is damaged: ${changed}. ${restoreAdvice(path)}`, { path });
      // Journal records were made against the schema of their time, so replay before migrating.
      if (verdict === 'replay') {
        try {
          for (const r of contents.records) db.replay(r);
        } catch (e) {
          throw new AppError(
            'corrupt',
            `This workspace's change journal (${basename(jPath)}) could not be applied to it ` +
              `(${(e as Error).message}). ${restoreAdvice(path)}`,
            { path },
          );
        }
      }
      const now = opts.clock();
      // Migrated in memory first, so what the workspace holds can be checked before anything is written.
      if (pending.length) applyPending(db, pending, now);
      const damage = opts.contentCheck?.(db) ?? [];
      if (damage.length) {
        throw new AppError(
          'corrupt',
          `This workspace is damaged: ${damage.slice(0, 3).join('; ')}. ${restoreAdvice(path)}`,
          { path, problems: damage.slice(0, 20) },
        );
      }
      journal =
        verdict === 'replay'
          ? JournalWriter.openContinuing(jPath, goodLength(jPath), contents.records.length)
          : // The bytes were checked above (in full, without a checksum to go by): from now on the journal vouches for
            // them.
            JournalWriter.openFresh(jPath, {
              workspaceId: meta.workspaceId,
              generation: meta.generation,
              ...(opts.integrityCheck ? { fileCrc: fileCrcOf(bytes) } : {}),
            });
      const file = new WorkspaceFile(path, db, lock, journal, meta, opts, null);
      // Fold a replayed journal or a migration into a fresh snapshot, keeping the old file as the backup.
      if (pending.length) {
        try {
          file.snapshot();
        } catch (e) {
          // The journal holds records of the old schema: the migrated database cannot go on without its snapshot.
          throw ioError(e, path, 'migrate');
        }
      } else if (contents.records.length || contents.tornTail) {
        try {
          file.snapshot();
        } catch {
          // A full disk, say: the journal still holds every change and is appended to as before.
        }
      }
      return file;
    } catch (e) {
      journal?.close();
      db?.close();
      lock.release();
      // The disk refused (full, read-only, an I/O error): say so. Anything else is not about the disk.
      throw errnoOf(e) ? ioError(e, path, 'open') : e;
    }
  }

  /**
   * Make a change. fn runs in a transaction; when mutate returns, the change is on disk (journal
   * appended and fsync'd, or a snapshot written). If it cannot be saved, the in-memory database is
   * reloaded from disk so memory never holds a change the user was not told was saved.
   */
  mutate<T>(fn: (db: Db) => T): T {
    this.assertOpen();
    this.assertWritable();
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
    this.assertWritable();
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
    if (this.db.busy)
      throw new AppError(
        'conflict',
        'Another change to this workspace is still being saved. Try again when it has finished.',
      );
  }

  private persist<T>(value: T, record: JournalRecord | null, overflow: boolean, now: Date): T {
    if (!record && !overflow) return value; // nothing written
    try {
      if (overflow) this.snapshot();
      else this.persistRecord(record!);
    } catch (e) {
      // Memory goes back to what is on disk, and the answer is what is on disk: a failed snapshot
      // left the old file; a failed append was cut back (journal.ts). Only when the journal could
      // not be cut back is the record's fate read from the journal itself.
      const before = this.journal.entryCount;
      const replayed = this.reloadFromDisk(e instanceof JournalUncertainError);
      if (!(e instanceof JournalUncertainError) || replayed <= before)
        throw ioError(e instanceof JournalUncertainError ? e.cause : e, this.path, 'save');
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
    this.assertWritable();
    const next = this.meta.generation + 1;
    this.db.run("UPDATE meta SET value = ? WHERE key = 'generation'", [String(next)]);
    storeFtsChecksum(this.db);
    const bytes = this.db.exportBytes();
    try {
      writeFileAtomicSync(this.path, bytes, { backup: backupPathFor(this.path) });
    } catch (e) {
      this.db.run("UPDATE meta SET value = ? WHERE key = 'generation'", [String(this.meta.generation)]);
      throw e;
    }
    this.meta.generation = next;
    // A crash here leaves a journal of the previous generation: recognised as stale on open.
    this.journal.reset({ workspaceId: this.meta.workspaceId, generation: next, fileCrc: fileCrcOf(bytes) });
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
    this.assertWritable();
    if (newPath === this.path) {
      this.snapshot();
      return;
    }
    if (existsSync(newPath))
      throw new AppError('exists', `A file already exists at ${newPath}. Choose another name.`, { path: newPath });
    const now = this.opts.clock();
    const newLock = FileLock.acquire(newPath, now);
    try {
      this.snapshot(); // the original is complete and its journal empty before we move on
      const newId = randomUUID();
      const oldId = this.meta.workspaceId;
      this.db.run("UPDATE meta SET value = ? WHERE key = 'workspace_id'", [newId]);
      const bytes = this.db.exportBytes();
      try {
        writeFileAtomicSync(newPath, bytes);
      } catch (e) {
        this.db.run("UPDATE meta SET value = ? WHERE key = 'workspace_id'", [oldId]);
        throw ioError(e, newPath, 'save');
      }
      const newJournal = JournalWriter.openFresh(journalPathFor(newPath), {
        workspaceId: newId,
        generation: this.meta.generation,
        fileCrc: fileCrcOf(bytes),
      });
      // The original keeps its journal: just snapshotted, it holds only the header with the file's checksum.
      this.journal.close();
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

  /**
   * Snapshot, remove the journal, release the lock. Every change is already saved (in the journal)
   * before close is called, so a snapshot that fails here (a full disk) loses nothing: the journal
   * is kept and folded in on the next open. Close then returns a warning saying so, instead of an
   * error that would tell the user their change was not saved.
   */
  close(): { warning: string | null } {
    if (this.closed) return { warning: null };
    if (this.readOnly) {
      this.db.close();
      this.closed = true;
      return { warning: null };
    }
    let error: unknown;
    try {
      if (this.journal.entryCount > 0) this.snapshot();
    } catch (e) {
      error = e; // keep the journal: it still holds every change
    }
    // The journal stays: after a snapshot it holds only its header, with the file's checksum.
    this.journal.close();
    this.db.close();
    this.lock.release();
    this.closed = true;
    if (!error) return { warning: null };
    return {
      warning:
        `Every change is saved, but the workspace file could not be rewritten to include them ` +
        `because ${diskWhy(error)}. They are kept in ${basename(journalPathFor(this.path))} beside it, and are ` +
        `folded in when the workspace is next opened. Do not delete that file.`,
    };
  }

  /**
   * Drop the in-memory state and rebuild it from the snapshot and journal on disk. Returns how many
   * journal records were replayed. With `reopenJournal`, appending continues after the last whole
   * record (a torn tail cut off), as on open.
   */
  private reloadFromDisk(reopenJournal = false): number {
    // Synchronous: sql.js is already loaded (we have a db).
    const sqljs = this.db.sqljs;
    const fresh = loadDb(sqljs, this.path, this.opts.recordLimitBytes);
    const meta = readMeta(fresh);
    const jPath = journalPathFor(this.path);
    const contents = readJournal(jPath);
    const replay = journalVerdict(contents, meta) === 'replay';
    if (replay) for (const r of contents.records) fresh.replay(r);
    this.currentDb.close();
    this.currentDb = fresh;
    this.meta = meta;
    if (reopenJournal && replay) {
      this.journal.close();
      this.journal = JournalWriter.openContinuing(jPath, goodLength(jPath), contents.records.length);
    }
    return replay ? contents.records.length : 0;
  }

  private assertOpen(): void {
    if (this.closed) throw new AppError('no-workspace', 'This workspace has been closed.');
  }

  private assertWritable(): void {
    if (this.readOnly)
      throw new AppError(
        'read-only',
        `${basename(this.path)} is open to read only: nothing in it can be changed. Open it for editing first.`,
        { path: this.path },
      );
  }
}

/** The snapshot generation a file records, or NaN when it cannot be read (the integrity check then says why). */
function generationOf(db: Db): number {
  try {
    return Number(db.scalar<string>("SELECT value FROM meta WHERE key = 'generation'"));
  } catch {
    return NaN;
  }
}

/** The lock, or a clear error when the disk refuses to write it. */
function acquireLock(path: string, now: Date, action: 'create' | 'open'): FileLock {
  try {
    return FileLock.acquire(path, now);
  } catch (e) {
    throw errnoOf(e) ? ioError(e, path, action) : e;
  }
}

function assertWritable(path: string): void {
  try {
    accessSync(dirname(path), fsc.W_OK);
    accessSync(path, fsc.W_OK);
  } catch {
    throw new AppError(
      'read-only',
      `This workspace is in a folder (or is a file) that can't be written to, so it can't be opened for ` +
        `editing. Copy it to a folder you can write to, such as Documents, and open the copy.`,
      { path },
    );
  }
}

function ioError(e: unknown, path: string, action: 'create' | 'save' | 'open' | 'migrate'): AppError {
  if (e instanceof AppError) return e;
  const code = errnoOf(e);
  const message = {
    create: `Could not create the workspace because ${diskWhy(e)}.`,
    open: `Could not open the workspace for editing because ${diskWhy(e)}. Nothing has been changed.`,
    migrate:
      `Could not open the workspace because ${diskWhy(e)}: it needs updating to this version of the app, which ` +
      `means writing it again. Nothing has been changed.`,
    save: `Could not save your change because ${diskWhy(e)}. Nothing was changed: the workspace is as it was before.`,
  }[action];
  return new AppError(code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'read-only' : 'io', message, {
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
): Promise<{
  db: Db;
  fileSchema: number;
  meta: { workspaceId: string; consultationId: string; generation: number };
  journal: JournalContents;
  journalApplied: boolean;
  fileBytes: number;
  integrity: string[];
}> {
  const sqljs = await loadSqlJs();
  const fileBytes = checkHeader(path);
  const bytes = readFileBytes(path);
  const db = loadDb(sqljs, path, Infinity, bytes);
  try {
    const { applied, pending } = inspectMigrations(db);
    const integrity = options.integrityCheck === false ? [] : integrityProblems(db);
    // before the journal changes the index
    const fts = options.integrityCheck === false || integrity.length ? null : ftsChecksumProblem(db);
    if (fts) integrity.push(fts);
    const meta = readMeta(db);
    const journal = readJournal(journalPathFor(path));
    const changed = options.integrityCheck === false ? null : bytesChanged(bytes, journal, meta);
    if (changed) integrity.push(changed);
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
