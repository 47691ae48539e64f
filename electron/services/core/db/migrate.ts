import { AppError } from '#shared/core/errors';
import type { Db } from './database';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations/index';

/** 'CWWB' as a 32-bit integer: the SQLite application_id that marks a file as a workspace. */
export const APPLICATION_ID = 0x43575742;

export interface MigrationState {
  applied: { id: number; name: string }[];
  pending: Migration[];
}

const HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`;

/** Make a new, empty database into a workspace: id, history table, every migration. */
export function initialiseNew(db: Db, now: Date): void {
  db.exec(`PRAGMA application_id = ${APPLICATION_ID}`);
  db.exec(HISTORY_TABLE);
  applyPending(db, MIGRATIONS, now);
}

/** Check a file's identity and migration history against this build. Throws a clear AppError. */
export function inspectMigrations(db: Db, known: readonly Migration[] = MIGRATIONS): MigrationState {
  const appId = db.scalar<number>('PRAGMA application_id');
  const hasHistory =
    db.scalar<number>("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_migrations'") === 1;
  if (appId !== APPLICATION_ID || !hasHistory) {
    throw new AppError('not-a-workspace', 'This file is a database, but not a Consultation Workbench workspace.');
  }
  const applied = db.all<{ id: number; name: string }>('SELECT id, name FROM schema_migrations ORDER BY id');
  for (let i = 0; i < applied.length; i++) {
    const a = applied[i]!;
    const k = known[i];
    if (!k) {
      throw new AppError(
        'newer-version',
        `This workspace was saved by a newer version of Consultation Workbench (schema ${applied.length}; this ` +
          `version knows ${known.length}). Install the newer version to open it. The file has not been changed.`,
        { fileSchema: applied.length, knownSchema: known.length },
      );
    }
    if (k.id !== a.id || k.name !== a.name) {
      throw new AppError(
        'unknown-history',
        `This workspace has a change history this version does not recognise (step ${a.id} is "${a.name}", ` +
          `expected "${k.name}"). The file has not been changed.`,
        { step: a.id, found: a.name, expected: k.name },
      );
    }
  }
  return { applied, pending: known.slice(applied.length) };
}

export function applyPending(db: Db, pending: readonly Migration[], now: Date): void {
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      db.run('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)', [
        m.id,
        m.name,
        now.toISOString(),
      ]);
    }
    const count = db.scalar<number>('SELECT count(*) FROM schema_migrations') ?? 0;
    db.exec(`PRAGMA user_version = ${count}`);
  });
}

export { SCHEMA_VERSION };
