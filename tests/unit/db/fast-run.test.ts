import { describe, expect, it } from 'vitest';
import { Db } from '#electron/services/core/db/database';
import { fastRunner } from '#electron/services/core/db/fast-run';
import { loadSqlJs } from '#electron/services/core/db/sqljs';

/**
 * The direct binding path (fast-run.ts) must store exactly what sql.js's own Statement.run would:
 * each case is written through both and read back.
 */
describe('writing through SQLite C API bindings', () => {
  const values: (string | number | null)[][] = [
    ['plain', 1],
    ['', 0],
    ['“Smart” quotes – dashes, ££ and é', -5],
    ['emoji 🙂 and 𝔘 outside the BMP', 2 ** 31 + 7],
    ['nul\u0000inside', 3.25],
    ['lone surrogate \ud800 here', null],
    ['x'.repeat(200_000), Number.MAX_SAFE_INTEGER],
    [null, -(2 ** 40)],
  ];

  it('is available on the sql.js this app ships, and stores the same values as sql.js', async () => {
    const sqljs = await loadSqlJs();
    const raw = new sqljs.Database();
    expect(fastRunner(sqljs, raw)).not.toBeNull();
    raw.close();

    const db = Db.fromBytes(sqljs);
    const plain = new sqljs.Database();
    for (const d of [db, plain]) {
      const create = 'CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, n ANY) STRICT';
      if (d instanceof Db) d.exec(create);
      else d.exec(create);
    }
    values.forEach((v, i) => {
      db.run('INSERT INTO t (id, s, n) VALUES (?, ?, ?)', [i + 1, ...v]);
      plain.run('INSERT INTO t (id, s, n) VALUES (?, ?, ?)', [i + 1, ...v]);
    });
    const ours = db.all<{ s: string | null; n: number | null; bytes: number | null }>(
      'SELECT s, n, length(CAST(s AS BLOB)) AS bytes FROM t ORDER BY id',
    );
    const theirs = plain
      .exec('SELECT s, n, length(CAST(s AS BLOB)) AS bytes FROM t ORDER BY id')[0]!
      .values.map(([s, n, bytes]) => ({ s, n, bytes }));
    expect(ours).toHaveLength(values.length);
    // sql.js writes a lone surrogate as three invalid UTF-8 bytes; TextEncoder as U+FFFD. Everything else is identical.
    ours.forEach((row, i) => {
      if (i === 5) expect(row.s).toBe('lone surrogate \ufffd here');
      else expect(row).toEqual(theirs[i]);
    });
    expect(ours[4]!.s).toBe('nul\u0000inside');
    expect(ours[3]!.n).toBe(2 ** 31 + 7);
    db.close();
    plain.close();
  });

  it('is not used when sql.js does not look as expected (the caller keeps sql.js’s own path)', async () => {
    const sqljs = await loadSqlJs();
    expect(fastRunner(sqljs, {} as never)).toBeNull();
    expect(fastRunner({} as never, new sqljs.Database())).toBeNull();
  });

  it('reports a failed statement with SQLite’s message and leaves the statement usable', async () => {
    const db = Db.fromBytes(await loadSqlJs());
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT NOT NULL UNIQUE)');
    const insert = 'INSERT INTO t (id, s) VALUES (?, ?)';
    db.run(insert, [1, 'a']);
    expect(() => db.run(insert, [2, 'a'])).toThrow(/UNIQUE constraint failed: t\.s/);
    expect(() => db.run(insert, [3, null])).toThrow(/NOT NULL constraint failed: t\.s/);
    db.run(insert, [4, 'b']);
    expect(db.all('SELECT id, s FROM t ORDER BY id')).toEqual([
      { id: 1, s: 'a' },
      { id: 4, s: 'b' },
    ]);
    db.close();
  });

  it('keeps working after export() has closed and reopened the connection', async () => {
    const db = Db.fromBytes(await loadSqlJs());
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT NOT NULL UNIQUE)');
    db.run('INSERT INTO t (id, s) VALUES (?, ?)', [1, 'before']);
    const bytes = db.exportBytes();
    expect(bytes.length).toBeGreaterThan(0);
    db.run('INSERT INTO t (id, s) VALUES (?, ?)', [2, 'after']);
    expect(() => db.run('INSERT INTO t (id, s) VALUES (?, ?)', [3, 'after'])).toThrow(/UNIQUE constraint failed/);
    expect(db.scalar("SELECT group_concat(s, ',') FROM t")).toBe('before,after');
    db.close();
  });

  it('stores blobs (through sql.js’s path) alongside strings', async () => {
    const db = Db.fromBytes(await loadSqlJs());
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB, s TEXT)');
    db.run('INSERT INTO t (id, b, s) VALUES (?, ?, ?)', [1, new Uint8Array([0, 255, 7]), 'with blob']);
    const row = db.get<{ b: Uint8Array; s: string }>('SELECT b, s FROM t');
    expect(Array.from(row!.b)).toEqual([0, 255, 7]);
    expect(row!.s).toBe('with blob');
    db.close();
  });
});

describe('reading rows as tuples', () => {
  it('gives the same values as sql.js, row by row, blobs included', async () => {
    const db = Db.fromBytes(await loadSqlJs());
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, n ANY, b BLOB)');
    const rows: [number, string | null, number | string | null][] = [
      [1, 'plain', 1],
      [2, '“Smart” 🙂 𝔘', 2.5],
      [3, 'nul\u0000inside', -(2 ** 40)],
      [4, null, null],
      [5, 'x'.repeat(100_000), 'text in an ANY column'],
    ];
    for (const r of rows) db.run('INSERT INTO t (id, s, n) VALUES (?, ?, ?)', r);
    const sql = 'SELECT id, s, n FROM t WHERE id >= ? ORDER BY id';
    expect(db.tuples(sql, [2])).toEqual(rows.slice(1));
    expect(db.tuples(sql, [99])).toEqual([]);
    // The same statement again, and one with a blob (read through sql.js).
    expect(db.tuples(sql, [1])).toEqual(rows);
    db.run('UPDATE t SET b = ? WHERE id = 1', [new Uint8Array([9, 8])]);
    const withBlob = db.tuples<[number, Uint8Array | null]>('SELECT id, b FROM t ORDER BY id');
    expect(Array.from(withBlob[0]![1]!)).toEqual([9, 8]);
    expect(withBlob[1]![1]).toBeNull();
    expect(() => db.tuples('SELECT nosuchcolumn FROM t')).toThrow(/no such column/);
    db.close();
  });
});

describe('reading a column of ids as numbers', () => {
  it('gives every row’s first column, past the first buffer, NULL as 0, the same through sql.js’s path', async () => {
    const sqljs = await loadSqlJs();
    // Without the C API functions fastRunner needs, Db reads through sql.js's own statements.
    const plain = Db.fromBytes({ ...sqljs, _sqlite3_step: undefined } as never);
    for (const db of [Db.fromBytes(sqljs), plain]) {
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER)');
      for (let i = 1; i <= 3000; i++) db.run('INSERT INTO t (id, n) VALUES (?, ?)', [i, i === 7 ? null : i * 4096]);
      const ids = db.numbers('SELECT n >> 12 FROM t WHERE id >= ? ORDER BY id', [2]);
      expect(ids).toBeInstanceOf(Float64Array);
      expect(ids.length).toBe(2999);
      expect(Array.from(ids.subarray(0, 7))).toEqual([2, 3, 4, 5, 6, 0, 8]);
      expect(ids[2998]).toBe(3000);
      expect(Array.from(db.numbers('SELECT 1099511627776 + id FROM t WHERE id < 3'))).toEqual([
        2 ** 40 + 1,
        2 ** 40 + 2,
      ]);
      expect(db.numbers('SELECT id FROM t WHERE id > ?', [5000]).length).toBe(0);
      expect(() => db.numbers('SELECT nosuchcolumn FROM t')).toThrow(/no such column/);
      db.close();
    }
  });
});
