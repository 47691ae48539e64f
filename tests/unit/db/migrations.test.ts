import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadSqlJs } from '#electron/services/core/db/sqljs';
import { Db } from '#electron/services/core/db/database';
import { APPLICATION_ID, applyPending } from '#electron/services/core/db/migrate';
import { MIGRATIONS, SCHEMA_VERSION } from '#electron/services/core/db/migrations/index';
import { WorkspaceFile, backupPathFor } from '#electron/services/core/db/workspace-file';
import { loadDraft, updateMetadata } from '#electron/services/draft/draft-service';
import { DraftHistory } from '#electron/services/draft/history';
import { tempDir } from '../../harness/temp';

/** A workspace file as an older version of the app would have written it: only the first `upTo` migrations. */
async function oldWorkspace(path: string, upTo: number, title: string): Promise<void> {
  const SQL = await loadSqlJs();
  const db = Db.fromBytes(SQL);
  db.exec(`PRAGMA application_id = ${APPLICATION_ID}`);
  db.exec(
    'CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT',
  );
  applyPending(db, MIGRATIONS.slice(0, upTo), new Date('2026-01-01T00:00:00Z'));
  db.transaction(() => {
    db.run(
      "INSERT INTO meta (key, value) VALUES ('workspace_id', 'old-ws'), ('consultation_id', 'old-c'), " +
        "('generation', '1'), ('created_at', '2026-01-01T00:00:00Z')",
    );
    db.run(
      "INSERT INTO consultation (id, title, created_at, updated_at) VALUES (1, ?, '2026-01-01T00:00:00Z', " +
        "'2026-01-01T00:00:00Z')",
      [title],
    );
  });
  writeFileSync(path, db.exportBytes());
  db.close();
}

describe('migrations', () => {
  it('every migration is numbered in order with a unique name', () => {
    MIGRATIONS.forEach((m, i) => {
      expect(m.id).toBe(i + 1);
      expect(m.name).toMatch(new RegExp(`^${String(i + 1).padStart(4, '0')}_[a-z0-9_]+$`));
    });
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  for (let upTo = 1; upTo < MIGRATIONS.length; upTo++) {
    it(
      `a workspace at schema ${upTo} opens, is migrated to ${SCHEMA_VERSION}, keeps its data and a backup of the ` +
        `old file`,
      async () => {
        const t = tempDir();
        const p = t.path('old.consult');
        await oldWorkspace(p, upTo, 'Made by an older version');
        const original = readFileSync(p);
        const f = await WorkspaceFile.open(p);
        expect(f.db.scalar('PRAGMA user_version')).toBe(SCHEMA_VERSION);
        expect(f.db.scalar('SELECT count(*) FROM schema_migrations')).toBe(SCHEMA_VERSION);
        expect(f.db.scalar('SELECT title FROM consultation')).toBe('Made by an older version');
        // The draft reads (with defaults) and can be changed.
        expect(loadDraft(f.db).metadata.title).toBe('Made by an older version');
        updateMetadata({ file: f, history: new DraftHistory(), actor: 't', now: new Date() }, { audience: 'Everyone' });
        expect(existsSync(backupPathFor(p))).toBe(true);
        expect(readFileSync(backupPathFor(p)).equals(original)).toBe(true);
        f.close();
        t.cleanup();
      },
    );
  }
});

describe('0010: coding and coding_op rebuilt to allow proposals', () => {
  it('keeps every coding and operation with its id, the counters (ids never reused) and the indexes', async () => {
    const SQL = await loadSqlJs();
    const db = Db.fromBytes(SQL);
    db.exec('CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    applyPending(db, MIGRATIONS.slice(0, 9), new Date('2026-01-01T00:00:00Z'));
    const at = '2026-02-01T00:00:00Z';
    db.transaction(() => {
      for (let i = 1; i <= 3; i++)
        db.run("INSERT INTO coding_op (kind, description, count, at, by) VALUES ('bulk-search', ?, 1, ?, 'a')", [
          `op ${i}`,
          at,
        ]);
      for (let i = 1; i <= 5; i++)
        db.run(
          "INSERT INTO coding (response_id, question_id, theme_id, coder, source, op_id, at) VALUES (?, 'q1', 't', " +
            "'a', 'manual', ?, ?)",
          [i, i <= 3 ? i : null, at],
        );
      // The newest rows go (as after an undone batch): AUTOINCREMENT must not hand their ids out again.
      db.run('DELETE FROM coding WHERE id = 5');
      db.run('DELETE FROM coding_op WHERE id = 3');
    });
    const before = db.all('SELECT * FROM coding ORDER BY id');
    const opsBefore = db.all('SELECT * FROM coding_op ORDER BY id');
    applyPending(db, MIGRATIONS.slice(9, 10), new Date('2026-03-01T00:00:00Z'));
    expect(db.all('SELECT * FROM coding ORDER BY id')).toEqual(before);
    expect(db.all('SELECT * FROM coding_op ORDER BY id')).toEqual(opsBefore);
    const insert =
      'INSERT INTO coding (response_id, question_id, theme_id, coder, source, at) VALUES (?, ?, ?, ?, ?, ?)';
    db.run(insert, [9, 'q1', 't', 'a', 'proposal', at]);
    db.run("INSERT INTO coding_op (kind, description, at, by) VALUES ('proposal', 'p', ?, 'a')", [at]);
    expect(db.scalar('SELECT max(id) FROM coding')).toBe(6);
    expect(db.scalar('SELECT max(id) FROM coding_op')).toBe(4);
    expect(() => db.run(insert, [9, 'q1', 'u', 'a', 'robot', at])).toThrow(/CHECK/);
    const indexes = db
      .all<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'coding' ORDER BY name",
      )
      .map((r) => r.name);
    expect(indexes).toEqual([
      'coding_answer',
      'coding_op_added',
      'coding_op_removed',
      'coding_response',
      'coding_theme',
      'coding_whole_answer',
    ]);
    // The unique index still holds: one whole-answer coding per theme.
    expect(() => db.run(insert, [1, 'q1', 't', 'a', 'manual', at])).toThrow(/UNIQUE/);
    db.close();
  });
});
