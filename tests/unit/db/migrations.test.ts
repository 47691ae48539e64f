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
