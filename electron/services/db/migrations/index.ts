import { sql as m0001 } from './0001_init';

/**
 * Every schema change, in order. Append-only: never edit or reorder an entry once it has
 * shipped, because workspaces record the names of the migrations applied to them and a file
 * whose history is not a prefix of this list is refused.
 */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [{ id: 1, name: '0001_init', sql: m0001 }];

export const SCHEMA_VERSION = MIGRATIONS.length;
