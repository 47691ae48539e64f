import type { Db } from '../core/db/database';
import { ENTITIES, isEntityName, type EntityData } from './entities';

/**
 * Write colleagues' rows pulled from the server into this copy, inside the sync's change (team_state.applying is 1,
 * so the triggers do not send them back). A row this copy has changed since its last push is left alone: its own
 * change is sent next and, being later, wins (and is a listed conflict if a colleague's differed).
 *
 * Codings and quotes arrive by uid. A uid seen for the first time is linked to the local row holding the same
 * coding (the same theme on the same answer, coded on two copies) or to a new row. A local coding stays coded while
 * any of its uids is not removed on the server, so a removal takes away only what its copy had seen.
 */
export interface PulledRow {
  entity: string;
  key: string;
  data: EntityData | null;
}

export function applyPulled(db: Db, rows: readonly PulledRow[]): number {
  let applied = 0;
  const pendingLocal = new Set(
    db
      .all<{ entity: string; key: string }>('SELECT DISTINCT entity, key FROM team_outbox')
      .map((r) => `${r.entity}\u0000${r.key}`),
  );
  const isPending = (entity: string, localKey: string | number): boolean =>
    pendingLocal.has(`${entity}\u0000${localKey}`);
  // A slice copy takes only its questions' work (and what belongs to no question: the codebook, settings).
  const sliceJson = db.scalar<string | null>('SELECT slice FROM team_state WHERE id = 1') ?? null;
  const slice = sliceJson ? new Set(JSON.parse(sliceJson) as string[]) : null;
  for (const row of rows) {
    if (!isEntityName(row.entity)) continue;
    const kind = ENTITIES[row.entity];
    const question = slice ? kind.questionOf(row.key, row.data) : null;
    if (question !== null && slice && !slice.has(question)) continue;
    if (!kind.linked) {
      if (isPending(kind.name, row.key)) continue;
      kind.write(db, row.key, row.data, null);
      applied++;
      continue;
    }
    const link = db.get<{ local_id: number }>('SELECT local_id FROM team_link WHERE entity = ? AND uid = ?', [
      kind.name,
      row.key,
    ]);
    if (link && isPending(kind.name, link.local_id)) continue;
    const removed = !row.data || row.data.removedAt != null ? 1 : 0;
    if (link) {
      db.run('UPDATE team_link SET removed = ? WHERE entity = ? AND uid = ?', [removed, kind.name, row.key]);
      if (kind.name === 'quote') kind.write(db, row.key, row.data, link.local_id);
      else settleCoding(db, link.local_id, row.data);
    } else {
      const localId = kind.write(db, row.key, row.data, null)!;
      db.run('INSERT INTO team_link (entity, uid, local_id, removed) VALUES (?, ?, ?, ?)', [
        kind.name,
        row.key,
        localId,
        removed,
      ]);
      if (kind.name === 'coding') settleCoding(db, localId, row.data);
    }
    applied++;
  }
  return applied;
}

/** A local coding is coded while any uid linked to it is not removed; removed (as the last removal says) otherwise. */
function settleCoding(db: Db, localId: number, data: EntityData | null): void {
  const active =
    (db.scalar<number>('SELECT count(*) FROM team_link WHERE entity = ? AND local_id = ? AND removed = 0', [
      'coding',
      localId,
    ]) ?? 0) > 0;
  const row = db.get<{
    removed_at: string | null;
    coder_set: string;
    response_id: number;
    question_id: string;
    theme_id: string;
    start_offset: number | null;
    end_offset: number | null;
  }>(
    'SELECT removed_at, coder_set, response_id, question_id, theme_id, start_offset, end_offset FROM coding ' +
      'WHERE id = ?',
    [localId],
  );
  if (!row) return;
  if (active && row.removed_at !== null) {
    // Coded again elsewhere: restore, unless this copy already holds the same coding in another row.
    const other = db.get<{ id: number }>(
      'SELECT id FROM coding WHERE coder_set = ? AND response_id = ? AND question_id = ? AND theme_id = ? AND ' +
        'start_offset IS ? AND end_offset IS ? AND removed_at IS NULL AND id <> ?',
      [row.coder_set, row.response_id, row.question_id, row.theme_id, row.start_offset, row.end_offset, localId],
    );
    if (other)
      db.run('UPDATE team_link SET local_id = ? WHERE entity = ? AND local_id = ?', [other.id, 'coding', localId]);
    else db.run('UPDATE coding SET removed_at = NULL, removed_by = NULL, removed_op = NULL WHERE id = ?', [localId]);
  } else if (!active && row.removed_at === null) {
    db.run('UPDATE coding SET removed_at = ?, removed_by = ? WHERE id = ?', [
      (data?.removedAt as string | undefined) ?? (data?.at as string | undefined) ?? '',
      (data?.removedBy as string | undefined) ?? '',
      localId,
    ]);
  }
}
