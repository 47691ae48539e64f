import Database from 'better-sqlite3';

/**
 * The raw limit's database, shared by the import suites: native SQLite (better-sqlite3) with one
 * table of responses and one of answers (a row per non-empty cell) indexed by response, and its
 * two insert statements. No mapping, no checks — the floor an import is measured against.
 */
export function rawDatabase(
  path: string,
  opts: { durable: boolean },
): { db: Database.Database; insertResponse: Database.Statement; insertAnswer: Database.Statement } {
  const db = new Database(path);
  if (opts.durable) db.pragma('journal_mode = WAL');
  else {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
  }
  db.exec(
    'CREATE TABLE response (id INTEGER PRIMARY KEY, external_id TEXT); CREATE TABLE answer (id INTEGER ' +
      'PRIMARY KEY, response_id INTEGER NOT NULL, col INTEGER NOT NULL, text TEXT NOT NULL); CREATE INDEX ' +
      'answer_response ON answer(response_id);',
  );
  return {
    db,
    insertResponse: db.prepare('INSERT INTO response (id, external_id) VALUES (?, ?)'),
    insertAnswer: db.prepare('INSERT INTO answer (response_id, col, text) VALUES (?, ?, ?)'),
  };
}
