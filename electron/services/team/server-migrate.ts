import { AppError } from '#shared/core/errors';
import type { TeamDb } from './team-db';
import { SERVER_MIGRATIONS, SERVER_SCHEMA_VERSION } from './server-schema/index';

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
  return db.transaction(async (tx) => {
    if (create) await tx.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await useSchema(tx, schema);
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`consultation-workbench-migrate:${schema}`]);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS team_migration (id integer PRIMARY KEY, name text NOT NULL, ' +
        'applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL DEFAULT session_user)',
    );
    const applied = await tx.query<{ id: number; name: string }>('SELECT id, name FROM team_migration ORDER BY id');
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
    for (const m of SERVER_MIGRATIONS.slice(applied.length)) {
      await tx.query(m.sql);
      await tx.query('INSERT INTO team_migration (id, name) VALUES ($1, $2)', [m.id, m.name]);
    }
    return SERVER_SCHEMA_VERSION;
  });
}
