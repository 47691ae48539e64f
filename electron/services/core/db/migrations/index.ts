import { sql as m0001 } from './0001_init';
import { sql as m0002 } from './0002_draft';
import { sql as m0003 } from './0003_export_log';
import { sql as m0004 } from './0004_responses';
import { sql as m0005 } from './0005_analysis';
import { sql as m0006 } from './0006_search_backlog';
import { sql as m0007 } from './0007_response_extra';
import { sql as m0008 } from './0008_personal_data_review';
import { sql as m0009 } from './0009_analysis_counts';
import { sql as m0010 } from './0010_proposals';
import { sql as m0011 } from './0011_team';
import { sql as m0012 } from './0012_team_slice';

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

export const MIGRATIONS: readonly Migration[] = [
  { id: 1, name: '0001_init', sql: m0001 },
  { id: 2, name: '0002_draft', sql: m0002 },
  { id: 3, name: '0003_export_log', sql: m0003 },
  { id: 4, name: '0004_responses', sql: m0004 },
  { id: 5, name: '0005_analysis', sql: m0005 },
  { id: 6, name: '0006_search_backlog', sql: m0006 },
  { id: 7, name: '0007_response_extra', sql: m0007 },
  { id: 8, name: '0008_personal_data_review', sql: m0008 },
  { id: 9, name: '0009_analysis_counts', sql: m0009 },
  { id: 10, name: '0010_proposals', sql: m0010 },
  { id: 11, name: '0011_team', sql: m0011 },
  { id: 12, name: '0012_team_slice', sql: m0012 },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
