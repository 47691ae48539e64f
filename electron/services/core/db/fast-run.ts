import type { Database, SqlJsStatic, Statement } from 'sql.js';

/** A value SQLite stores (the one home of this type; database.ts re-exports it). */
export type SqlValue = string | number | null | Uint8Array;

/**
 * Runs a prepared write statement with its values bound straight through SQLite's C API, which
 * sql.js exports on its module. sql.js's own Statement.run() encodes each string to UTF-8 with a
 * JavaScript loop over code points (twice: once to count the bytes, once to write them), mallocs
 * and frees a buffer per string, and goes through a wrapper per call; at 1.8 million answers that
 * was a quarter of an import. Here every string of a call is encoded by TextEncoder into one
 * scratch array, copied into one reused WASM buffer, and bound in place (SQLITE_STATIC: SQLite
 * reads it during step, and the buffer is only reused after the statement is reset).
 *
 * It relies on two things sql.js does not document — the statement pointer being a Statement's
 * first own property, and the Database's connection being `db` — so it checks both against
 * SQLite (sqlite3_sql must give back the statement's own SQL) and, if either ever fails after an
 * upgrade, says so by returning null from `fastRunner`, and the caller keeps using sql.js's path.
 */
interface SqlJsExports {
  _sqlite3_bind_text(stmt: number, pos: number, ptr: number, bytes: number, destructor: number): number;
  _sqlite3_bind_int(stmt: number, pos: number, value: number): number;
  _sqlite3_bind_double(stmt: number, pos: number, value: number): number;
  _sqlite3_step(stmt: number): number;
  _sqlite3_reset(stmt: number): number;
  _sqlite3_clear_bindings(stmt: number): number;
  _sqlite3_sql(stmt: number): number;
  _sqlite3_data_count(stmt: number): number;
  _sqlite3_column_type(stmt: number, col: number): number;
  _sqlite3_column_double(stmt: number, col: number): number;
  _sqlite3_column_text(stmt: number, col: number): number;
  _sqlite3_column_bytes(stmt: number, col: number): number;
  _sqlite3_errmsg(db: number): number;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  writeArrayToMemory(array: Uint8Array, ptr: number): void;
  UTF8ToString(ptr: number, maxBytes?: number, ignoreNul?: boolean): string;
}

const SQLITE_OK = 0;
const SQLITE_ROW = 100;
const SQLITE_DONE = 101;
const SQLITE_INTEGER = 1;
const SQLITE_FLOAT = 2;
const SQLITE_TEXT = 3;
const SQLITE_NULL = 5;

export interface FastRunner {
  run(st: Statement, sql: string, values: readonly SqlValue[]): void;
  /** Every row of a read as an array of values (null when a row holds a blob: the caller uses sql.js then). */
  tuples(st: Statement, sql: string, values: readonly SqlValue[]): SqlValue[][] | null;
  /** The first column of every row as numbers (a column of integers: NULL reads as 0), or null for sql.js to read. */
  numbers(st: Statement, sql: string, values: readonly SqlValue[]): Float64Array | null;
  /** Frees the WASM buffer (when the database closes). */
  dispose(): void;
}

export function fastRunner(sqljs: SqlJsStatic, raw: Database): FastRunner | null {
  const m = sqljs as unknown as Partial<SqlJsExports>;
  const needed: (keyof SqlJsExports)[] = [
    '_sqlite3_bind_text',
    '_sqlite3_bind_int',
    '_sqlite3_bind_double',
    '_sqlite3_step',
    '_sqlite3_reset',
    '_sqlite3_clear_bindings',
    '_sqlite3_sql',
    '_sqlite3_data_count',
    '_sqlite3_column_type',
    '_sqlite3_column_double',
    '_sqlite3_column_text',
    '_sqlite3_column_bytes',
    '_sqlite3_errmsg',
    '_malloc',
    '_free',
    'writeArrayToMemory',
    'UTF8ToString',
  ];
  if (needed.some((k) => typeof m[k] !== 'function')) return null;
  const api = m as SqlJsExports;
  // The connection changes whenever sql.js's export() closes and reopens it: read it when needed.
  const connection = (): unknown => (raw as unknown as { db?: unknown }).db;
  if (typeof connection() !== 'number' || connection() === 0) return null;

  const encoder = new TextEncoder();
  let scratch = new Uint8Array(64 * 1024);
  let heap = 0;
  let heapSize = 0;
  const offsets: number[] = [];
  const lengths: number[] = [];
  const checked = new WeakMap<Statement, number>();
  let broken = false;

  /** The statement's pointer, checked once per statement against the SQL SQLite holds for it. */
  const pointerOf = (st: Statement, sql: string): number | null => {
    const known = checked.get(st);
    if (known !== undefined) return known;
    const first = Object.keys(st)[0];
    const ptr = first === undefined ? undefined : (st as unknown as Record<string, unknown>)[first];
    if (typeof ptr !== 'number' || ptr === 0 || api.UTF8ToString(api._sqlite3_sql(ptr)) !== sql) return null;
    checked.set(st, ptr);
    return ptr;
  };

  const fail = (stmt: number): never => {
    const message = api.UTF8ToString(api._sqlite3_errmsg(connection() as number));
    api._sqlite3_reset(stmt);
    api._sqlite3_clear_bindings(stmt);
    throw new Error(message);
  };

  /** Binds the values to the statement (its pointer), or returns false when sql.js must do it (a blob). */
  const bind = (stmt: number, values: readonly SqlValue[]): boolean => {
    if (values.some((v) => v instanceof Uint8Array)) return false;
    // Encode every string of the call into the scratch array, end to end.
    let need = 0;
    for (const v of values) if (typeof v === 'string') need += v.length * 3;
    if (need > scratch.length) scratch = new Uint8Array(Math.max(need, scratch.length * 2));
    let used = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v !== 'string') continue;
      offsets[i] = used;
      const n = v.length === 0 ? 0 : encoder.encodeInto(v, scratch.subarray(used)).written;
      lengths[i] = n;
      used += n;
    }
    if (used + 1 > heapSize) {
      if (heap) api._free(heap);
      heapSize = Math.max(used + 1, heapSize * 2, 64 * 1024);
      heap = api._malloc(heapSize);
      if (!heap) {
        heapSize = 0;
        throw new Error('Out of memory while writing to the workspace.');
      }
    }
    if (used) api.writeArrayToMemory(scratch.subarray(0, used), heap);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      let rc = SQLITE_OK;
      if (typeof v === 'string') rc = api._sqlite3_bind_text(stmt, i + 1, heap + offsets[i]!, lengths[i]!, 0);
      else if (typeof v === 'number')
        rc = v === (v | 0) ? api._sqlite3_bind_int(stmt, i + 1, v) : api._sqlite3_bind_double(stmt, i + 1, v);
      // null: left unbound, which SQLite reads as NULL (bindings are cleared after every run).
      if (rc !== SQLITE_OK) fail(stmt);
    }
    return true;
  };

  const statement = (st: Statement, sql: string): number | null => {
    const stmt = broken ? null : pointerOf(st, sql);
    if (stmt === null) broken = true;
    return stmt;
  };

  const run = (st: Statement, sql: string, values: readonly SqlValue[]): void => {
    const stmt = statement(st, sql);
    if (stmt === null || !bind(stmt, values)) {
      st.run(values as SqlValue[]);
      return;
    }
    const rc = api._sqlite3_step(stmt);
    if (rc !== SQLITE_DONE && rc !== SQLITE_ROW) fail(stmt);
    api._sqlite3_reset(stmt);
    api._sqlite3_clear_bindings(stmt);
  };
  const tuples = (st: Statement, sql: string, values: readonly SqlValue[]): SqlValue[][] | null => {
    const stmt = statement(st, sql);
    if (stmt === null || !bind(stmt, values)) return null;
    const out: SqlValue[][] = [];
    try {
      for (;;) {
        const rc = api._sqlite3_step(stmt);
        if (rc === SQLITE_DONE) break;
        if (rc !== SQLITE_ROW) fail(stmt);
        const n = api._sqlite3_data_count(stmt);
        const row = new Array<SqlValue>(n);
        for (let c = 0; c < n; c++) {
          const type = api._sqlite3_column_type(stmt, c);
          if (type === SQLITE_INTEGER || type === SQLITE_FLOAT) row[c] = api._sqlite3_column_double(stmt, c);
          else if (type === SQLITE_TEXT) {
            const ptr = api._sqlite3_column_text(stmt, c);
            row[c] = api.UTF8ToString(ptr, api._sqlite3_column_bytes(stmt, c), true);
          } else if (type === SQLITE_NULL) row[c] = null;
          else return null; // a blob: read by sql.js instead
        }
        out.push(row);
      }
      return out;
    } finally {
      api._sqlite3_reset(stmt);
      api._sqlite3_clear_bindings(stmt);
    }
  };

  // A column of ids (a search's hits) without an array per row: two calls into SQLite a row, nothing allocated.
  const numbers = (st: Statement, sql: string, values: readonly SqlValue[]): Float64Array | null => {
    const stmt = statement(st, sql);
    if (stmt === null || !bind(stmt, values)) return null;
    let out = new Float64Array(1024);
    let n = 0;
    try {
      for (;;) {
        const rc = api._sqlite3_step(stmt);
        if (rc === SQLITE_DONE) break;
        if (rc !== SQLITE_ROW) fail(stmt);
        if (n === out.length) {
          const grown = new Float64Array(out.length * 2);
          grown.set(out);
          out = grown;
        }
        out[n++] = api._sqlite3_column_double(stmt, 0);
      }
      return out.subarray(0, n);
    } finally {
      api._sqlite3_reset(stmt);
      api._sqlite3_clear_bindings(stmt);
    }
  };

  return {
    run,
    tuples,
    numbers,
    dispose: () => {
      if (heap) api._free(heap);
      heap = 0;
      heapSize = 0;
    },
  };
}
