import { crc32 } from 'node:zlib';
import type { Db } from './database';

/**
 * A checksum of the full-text search indexes as they were written, checked when the workspace is
 * next opened. SQLite's page-by-page check (what opening runs) sees that each index's storage is
 * well formed, but not that the index inside it still decodes: a damaged byte in an index block
 * is found only by re-reading every answer ('integrity-check', ~3 s at 100,000 responses), and until
 * then the workspace opens, takes changes and is rewritten around the damage. A CRC-32 over the
 * FTS4 shadow tables' blocks (their `_segments` and `_segdir` rows, in key order) is ~0.2 s there,
 * so it is worked out on every snapshot and stored in `meta`, and compared on open before anything
 * is written. Files written before this have no checksum; their first snapshot adds one.
 */
const KEY = 'fts_checksum';

/** The FTS4 tables of this workspace (answer_fts, respondent_fts, campaign_member_fts). */
function ftsTables(db: Db): string[] {
  return db
    .tuples<[string]>(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts4%' " +
        'ORDER BY name',
    )
    .map((r) => r[0]);
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export function ftsChecksum(db: Db): string {
  let crc = 0;
  for (const t of ftsTables(db)) {
    for (const [id, block] of db.tuples<[number, Uint8Array | null]>(
      `SELECT blockid, block FROM ${quote(`${t}_segments`)} ORDER BY blockid`,
    )) {
      crc = crc32(String(id), crc);
      if (block) crc = crc32(block, crc);
    }
    for (const [level, idx, root] of db.tuples<[number, number, Uint8Array | string | null]>(
      `SELECT level, idx, root FROM ${quote(`${t}_segdir`)} ORDER BY level, idx`,
    )) {
      crc = crc32(`${level}.${idx}`, crc);
      if (root) crc = crc32(root, crc);
    }
  }
  return (crc >>> 0).toString(16).padStart(8, '0');
}

/** Record the indexes' checksum in the database about to be written (a snapshot). Not journaled. */
export function storeFtsChecksum(db: Db): void {
  db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
    KEY,
    ftsChecksum(db),
  ]);
}

/** A sentence saying the search index is damaged, or null when it matches (or no checksum was stored). */
export function ftsChecksumProblem(db: Db): string | null {
  try {
    const stored = db.scalar<string>('SELECT value FROM meta WHERE key = ?', [KEY]);
    if (!stored) return null;
    const now = ftsChecksum(db);
    return now === stored ? null : `the search index is damaged (its checksum is ${now}, but ${stored} was written)`;
  } catch (e) {
    return `the search index cannot be read (${(e as Error).message})`;
  }
}
