import { sql as s0001 } from './0001_team';
import { sql as s0002 } from './0002_roles';
import { sql as s0003 } from './0003_search';
import { sql as s0004 } from './0004_published_draft';

/**
 * The team server's schema, step by step, like the workspace file's (core/db/migrations): append-only, never edited
 * once shipped. `../server-migrate.ts` applies the pending ones inside the team's schema and records each in
 * team_migration; a schema whose history is not a prefix of this list is refused.
 */
export interface ServerMigration {
  id: number;
  name: string;
  sql: string;
}

export const SERVER_MIGRATIONS: readonly ServerMigration[] = [
  { id: 1, name: '0001_team', sql: s0001 },
  { id: 2, name: '0002_roles', sql: s0002 },
  { id: 3, name: '0003_search', sql: s0003 },
  { id: 4, name: '0004_published_draft', sql: s0004 },
];

export const SERVER_SCHEMA_VERSION = SERVER_MIGRATIONS.length;
