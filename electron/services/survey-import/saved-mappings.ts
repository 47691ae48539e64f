import type { Db } from '../core/db/database';
import type { ColumnMapping } from '#shared/domain/survey-import/types';

/**
 * The mapping the official confirmed for a source, keyed by its fingerprint (the tool and its
 * header texts), so the next export of the same survey is mapped the same way without asking.
 */
export function saveMapping(
  db: Db,
  m: { fingerprint: string; sourceKind: string; headers: string[]; mapping: ColumnMapping; now: Date; actor: string },
): void {
  db.run(
    `INSERT INTO saved_mapping (fingerprint, source_kind, headers, mapping, saved_at, saved_by)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (fingerprint) DO UPDATE SET source_kind = excluded.source_kind, headers = excluded.headers,
       mapping = excluded.mapping, saved_at = excluded.saved_at, saved_by = excluded.saved_by`,
    [m.fingerprint, m.sourceKind, JSON.stringify(m.headers), JSON.stringify(m.mapping), m.now.toISOString(), m.actor],
  );
}
