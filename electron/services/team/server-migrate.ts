import { AppError } from '#shared/core/errors';
import type { TeamDb } from './team-db';
import { SERVER_MIGRATIONS, SERVER_SCHEMA_VERSION, type ServerMigration } from './server-schema/index';

/**
 * The team's schema on PostgreSQL: named, created and migrated by the app with the lead's own rights (CREATE on
 * the database), never a superuser's. Every statement of the team code runs with search_path set to this schema
 * only, so the same SQL serves any schema name and never touches another.
 */
export const DEFAULT_TEAM_SCHEMA = 'workbench';

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

/** A schema name we can put in SQL safely: lower-case letters, digits and _ (what an official would type). */
export function checkSchemaName(name: string): string {
  if (!IDENT.test(name))
    throw new AppError(
      'invalid-input',
      `"${name}" cannot be a team's schema name: use lower-case letters, digits and _ (up to 63), ` +
        'starting with a letter.',
      { field: 'schema' },
    );
  return name;
}

export async function useSchema(db: TeamDb, schema: string): Promise<void> {
  await db.query(`SET search_path TO "${checkSchemaName(schema)}"`);
}

/**
 * Refuse, in words, a login role the team has not given a role (no USAGE on the schema): PostgreSQL would
 * otherwise skip the schema in search_path and report its tables as missing.
 */
export async function requireTeamAccess(db: TeamDb, schema: string): Promise<void> {
  const r = await db.query<{ ok: boolean }>("SELECT has_schema_privilege($1, 'USAGE') AS ok", [schema]);
  if (!r[0]?.ok)
    throw new AppError(
      'forbidden',
      `The team server does not let ${db.user} use the team "${schema}": your login has no role in the team. ` +
        `Ask the team's lead or database administrator to grant you ${schema}_analyst (or ${schema}_reader).`,
    );
}

export async function schemaExists(db: TeamDb, schema: string): Promise<boolean> {
  const rows = await db.query<{ n: string }>('SELECT count(*) AS n FROM pg_namespace WHERE nspname = $1', [schema]);
  return Number(rows[0]?.n ?? 0) > 0;
}

/**
 * Create the schema (when `create`) and apply the migrations it lacks, in one transaction: a failure leaves the
 * server as it was. Refuses a schema migrated by a newer app, or one that is not a team's.
 */
export async function migrateServer(db: TeamDb, schema: string, create: boolean): Promise<number> {
  checkSchemaName(schema);
  // An analyst's or reader's sync: nothing to do when the schema is up to date, and no right to change it anyway.
  if (!create) {
    await useSchema(db, schema);
    const pending = await pendingMigrations(db, schema);
    if (pending.length === 0) return SERVER_SCHEMA_VERSION;
    const owner = await db.query<{ mine: boolean }>(
      "SELECT pg_has_role(session_user, nspowner, 'MEMBER') AS mine FROM pg_namespace WHERE nspname = $1",
      [schema],
    );
    if (!owner[0]?.mine)
      throw new AppError(
        'newer-version',
        `The team's server needs updating for this version of Consultation Workbench. Ask the team's lead to sync ` +
          'first: their sync updates it.',
      );
  }
  return db.transaction(async (tx) => {
    if (create) await tx.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await useSchema(tx, schema);
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`consultation-workbench-migrate:${schema}`]);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS team_migration (id integer PRIMARY KEY, name text NOT NULL, ' +
        'applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL DEFAULT session_user)',
    );
    for (const m of await pendingMigrations(tx, schema)) {
      await tx.query(m.sql);
      await tx.query('INSERT INTO team_migration (id, name) VALUES ($1, $2)', [m.id, m.name]);
    }
    return SERVER_SCHEMA_VERSION;
  });
}

/** The migrations this schema lacks; refuses a schema migrated by a newer app, or one that is not a team's. */
async function pendingMigrations(db: TeamDb, schema: string): Promise<readonly ServerMigration[]> {
  const exists = await db.query<{ n: string }>(
    "SELECT count(*) AS n FROM pg_tables WHERE schemaname = $1 AND tablename = 'team_migration'",
    [schema],
  );
  if (Number(exists[0]?.n ?? 0) === 0) return SERVER_MIGRATIONS;
  const applied = await db.query<{ id: number; name: string }>('SELECT id, name FROM team_migration ORDER BY id');
  applied.forEach((m, i) => {
    const known = SERVER_MIGRATIONS[i];
    if (!known)
      throw new AppError(
        'newer-version',
        `The team's schema "${schema}" was set up by a newer version of Consultation Workbench. Update the app.`,
      );
    if (known.id !== m.id || known.name !== m.name)
      throw new AppError(
        'unknown-history',
        `The schema "${schema}" on the server is not a Consultation Workbench team.`,
      );
  });
  return SERVER_MIGRATIONS.slice(applied.length);
}
