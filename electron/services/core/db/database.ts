import type { Database, SqlJsStatic, Statement } from 'sql.js';
import { fastRunner, type FastRunner, type SqlValue } from './fast-run';

export type { SqlValue };
export type Param = SqlValue | boolean | undefined;
export type Row = Record<string, SqlValue>;

/** One write statement as journaled: index into the record's SQL list, and its parameters. */
export type JournalOp = [sqlIndex: number, params: SqlValue[]];
export interface JournalRecord {
  at: string;
  sql: string[];
  ops: JournalOp[];
}

/** Pragmas that sql.js resets whenever export() closes and reopens the database. */
const CONNECTION_PRAGMAS = ['PRAGMA foreign_keys = ON', 'PRAGMA recursive_triggers = ON'];

const normalise = (params: readonly Param[]): SqlValue[] =>
  params.map((p) => (p === undefined ? null : typeof p === 'boolean' ? (p ? 1 : 0) : p));

/**
 * A thin layer over a sql.js Database. All writes go through run() so that, inside a mutation,
 * they are recorded for the change journal; reads go through all()/get(). Statements are
 * prepared once and cached, because sql.js re-parses SQL on every Database.run().
 */
export class Db {
  private statements = new Map<string, Statement>();
  private recording: {
    sqlIndex: Map<string, number>;
    sql: string[];
    ops: JournalOp[];
    bytes: number;
    overflow: boolean;
  } | null = null;
  private inTransaction = false;
  private asyncOpen = false;
  private functions = new Map<string, (...args: SqlValue[]) => SqlValue>();
  private readonly fast: FastRunner | null;

  constructor(
    readonly sqljs: SqlJsStatic,
    private raw: Database,
    /** Past this many bytes a mutation stops recording statements and asks for a snapshot instead. */
    private readonly recordLimitBytes = 8 * 1024 * 1024,
  ) {
    this.applyConnectionPragmas();
    this.fast = fastRunner(sqljs, raw);
  }

  /** Bind, step and reset a prepared write statement (fast-run.ts, or sql.js's own path). */
  private runPrepared(sql: string, values: SqlValue[]): void {
    const st = this.prepared(sql);
    if (this.fast) this.fast.run(st, sql, values);
    else st.run(values);
  }

  static fromBytes(sqljs: SqlJsStatic, bytes?: Uint8Array, recordLimitBytes?: number): Db {
    return new Db(sqljs, new sqljs.Database(bytes), recordLimitBytes);
  }

  private applyConnectionPragmas(): void {
    for (const p of CONNECTION_PRAGMAS) this.raw.exec(p);
    for (const [name, fn] of this.functions) this.raw.create_function(name, fn);
  }

  /** Register a SQL function; kept across export(), which drops them. */
  createFunction(name: string, fn: (...args: SqlValue[]) => SqlValue): void {
    this.functions.set(name, fn);
    this.raw.create_function(name, fn);
  }

  private prepared(sql: string): Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.raw.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  /** Run a write statement (INSERT/UPDATE/DELETE/DDL). Recorded for the journal inside a mutation. */
  run(sql: string, params: readonly Param[] = []): void {
    const values = normalise(params);
    this.runPrepared(sql, values);
    const rec = this.recording;
    if (rec && !rec.overflow) {
      let idx = rec.sqlIndex.get(sql);
      if (idx === undefined) {
        idx = rec.sql.length;
        rec.sql.push(sql);
        rec.sqlIndex.set(sql, idx);
        rec.bytes += sql.length;
      }
      rec.ops.push([idx, values]);
      for (const v of values)
        rec.bytes += typeof v === 'string' ? v.length * 2 : v instanceof Uint8Array ? v.length * 1.4 : 8;
      if (rec.bytes > this.recordLimitBytes) {
        rec.overflow = true;
        rec.ops = [];
        rec.sql = [];
        rec.sqlIndex.clear();
      }
    }
  }

  /** Number of rows changed by the last write. */
  changes(): number {
    return this.raw.getRowsModified();
  }

  all<T = Row>(sql: string, params: readonly Param[] = []): T[] {
    const st = this.prepared(sql);
    try {
      st.bind(normalise(params));
      const out: T[] = [];
      while (st.step()) out.push(st.getAsObject() as T);
      return out;
    } finally {
      st.reset();
    }
  }

  get<T = Row>(sql: string, params: readonly Param[] = []): T | undefined {
    const st = this.prepared(sql);
    try {
      st.bind(normalise(params));
      return st.step() ? (st.getAsObject() as T) : undefined;
    } finally {
      st.reset();
    }
  }

  /**
   * Every row as an array of values, in column order: for reads of many rows, where making an
   * object per row (and reading the column names for each) would cost more than the read.
   */
  tuples<T extends SqlValue[] = SqlValue[]>(sql: string, params: readonly Param[] = []): T[] {
    const st = this.prepared(sql);
    const values = normalise(params);
    const fast = this.fast?.tuples(st, sql, values);
    if (fast) return fast as T[];
    try {
      st.bind(values);
      const out: T[] = [];
      while (st.step()) out.push(st.get() as T);
      return out;
    } finally {
      st.reset();
    }
  }

  /**
   * The first column of every row as numbers, for a column of integers (a NULL reads as 0): a long
   * list of ids (a search's hits) read with no object or array per row.
   */
  numbers(sql: string, params: readonly Param[] = []): Float64Array {
    const st = this.prepared(sql);
    const values = normalise(params);
    const fast = this.fast?.numbers(st, sql, values);
    if (fast) return fast;
    try {
      st.bind(values);
      const out: number[] = [];
      while (st.step()) {
        const v = st.get()[0];
        out.push(typeof v === 'number' ? v : Number(v ?? 0));
      }
      return Float64Array.from(out);
    } finally {
      st.reset();
    }
  }

  /** First column of the first row. */
  scalar<T extends SqlValue>(sql: string, params: readonly Param[] = []): T | undefined {
    const st = this.prepared(sql);
    try {
      st.bind(normalise(params));
      return st.step() ? (st.get()[0] as T) : undefined;
    } finally {
      st.reset();
    }
  }

  /** Multi-statement SQL (migrations). Never recorded: migrations are followed by a snapshot. */
  exec(sql: string): void {
    this.raw.exec(sql);
  }

  /**
   * Run fn in a transaction, recording its writes. Returns fn's value with the journal record,
   * or `overflow` when the change was too big to journal and needs a snapshot instead.
   */
  recordedTransaction<T>(fn: () => T, at: string): { value: T; record: JournalRecord | null; overflow: boolean } {
    this.beginRecorded();
    try {
      return this.endRecorded(fn(), at);
    } catch (e) {
      this.rollbackRecorded();
      throw e;
    }
  }

  /**
   * As recordedTransaction, for a change written as its parts arrive (an import streamed from a
   * worker thread). While it is open `busy` is true: the caller keeps everyone else off this
   * database meanwhile (WorkspaceFile.mutateAsync), because anything run now would be inside it.
   */
  async recordedTransactionAsync<T>(
    fn: () => Promise<T>,
    at: string,
  ): Promise<{ value: T; record: JournalRecord | null; overflow: boolean }> {
    this.beginRecorded();
    this.asyncOpen = true;
    try {
      const value = await fn();
      return this.endRecorded(value, at);
    } catch (e) {
      this.rollbackRecorded();
      throw e;
    } finally {
      this.asyncOpen = false;
    }
  }

  /** A change is being written part by part (recordedTransactionAsync): reads now would see half of it. */
  get busy(): boolean {
    return this.asyncOpen;
  }

  private beginRecorded(): void {
    if (this.inTransaction) throw new Error('Nested mutation: a mutation may not start another');
    this.inTransaction = true;
    this.recording = { sqlIndex: new Map(), sql: [], ops: [], bytes: 0, overflow: false };
    this.raw.exec('BEGIN');
  }

  private endRecorded<T>(value: T, at: string): { value: T; record: JournalRecord | null; overflow: boolean } {
    this.raw.exec('COMMIT');
    const rec = this.recording!;
    this.recording = null;
    this.inTransaction = false;
    if (rec.overflow) return { value, record: null, overflow: true };
    return { value, record: rec.ops.length ? { at, sql: rec.sql, ops: rec.ops } : null, overflow: false };
  }

  private rollbackRecorded(): void {
    try {
      this.raw.exec('ROLLBACK');
    } catch {
      // The transaction may already be gone (sql.js rolls back on some errors).
    }
    this.recording = null;
    this.inTransaction = false;
  }

  /** Plain transaction, not recorded (replay, migrations, read-only work). */
  transaction<T>(fn: () => T): T {
    if (this.inTransaction) return fn();
    this.inTransaction = true;
    this.raw.exec('BEGIN');
    try {
      const v = fn();
      this.raw.exec('COMMIT');
      return v;
    } catch (e) {
      try {
        this.raw.exec('ROLLBACK');
      } catch {
        // already rolled back
      }
      throw e;
    } finally {
      this.inTransaction = false;
    }
  }

  /** Re-run a journaled record (on open, after a crash). */
  replay(record: JournalRecord): void {
    this.transaction(() => {
      for (const [idx, params] of record.ops) {
        const sql = record.sql[idx];
        if (sql === undefined) throw new Error('Journal record refers to a missing statement');
        this.runPrepared(sql, params);
      }
    });
  }

  /**
   * Serialise the whole database. sql.js closes and reopens the connection to do this, which frees
   * every prepared statement, drops custom functions and resets connection pragmas: all redone here.
   */
  exportBytes(): Uint8Array {
    this.statements.clear(); // sql.js frees them itself during export()
    const bytes = this.raw.export();
    this.applyConnectionPragmas();
    return bytes;
  }

  close(): void {
    this.statements.clear();
    this.raw.close();
    this.fast?.dispose();
  }
}
