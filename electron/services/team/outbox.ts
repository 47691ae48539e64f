import type { Db } from '../core/db/database';
import { ENTITIES, isEntityName, type EntityData, type EntityName } from './entities';

/**
 * This copy's changes waiting to be sent. The triggers of migration 0011 note each changed row's kind and key in
 * team_outbox; here they become operations carrying the row's state as it is now (a row changed ten times is sent
 * once). An operation's `replicaOp` is the outbox id of its row's latest change, which is what makes a retried push
 * harmless: the server skips a (copy, replicaOp, key) it has already accepted.
 */
export interface PushOp {
  replicaOp: number;
  entity: EntityName;
  /** The team-wide key (a uid for codings and quotes). */
  key: string;
  questionId: string | null;
  data: EntityData | null;
  visible: unknown;
  checkConflict: boolean;
}

export interface Outbox {
  ops: PushOp[];
  /** The last outbox id read: rows up to it are removed once the server has accepted the push. */
  upTo: number;
  /** New team-wide ids given to this copy's own new rows: written to team_link with the push's acknowledgement. */
  newLinks: { entity: EntityName; uid: string; localId: number }[];
}

/** Read the outbox (nothing is written: the caller records the push's success in one change afterwards). */
export function readOutbox(db: Db, replica: string, limit = 20_000): Outbox {
  const rows = db.all<{ entity: string; key: string; last: number }>(
    'SELECT entity, key, max(id) AS last FROM team_outbox WHERE id <= (SELECT coalesce(max(id), 0) FROM ' +
      '(SELECT id FROM team_outbox ORDER BY id LIMIT ?)) GROUP BY entity, key ORDER BY last',
    [limit],
  );
  const upTo = rows.reduce((m, r) => Math.max(m, r.last), 0);
  const ops: PushOp[] = [];
  const newLinks: Outbox['newLinks'] = [];
  for (const r of rows) {
    if (!isEntityName(r.entity)) continue;
    const kind = ENTITIES[r.entity];
    const data = kind.read(db, r.key);
    const base = { replicaOp: r.last, entity: kind.name, data, visible: kind.visible(data) ?? null };
    const checkConflict = kind.rule !== null;
    if (!kind.linked) {
      ops.push({ ...base, key: r.key, questionId: kind.questionOf(r.key, data), checkConflict });
      continue;
    }
    // A coding or quote: every uid this row stands for (its own, and a colleague's when both made the same coding).
    const localId = Number(r.key);
    let uids = db
      .all<{ uid: string }>('SELECT uid FROM team_link WHERE entity = ? AND local_id = ?', [kind.name, localId])
      .map((l) => l.uid);
    if (uids.length === 0) {
      const uid = `${replica}:${localId}`;
      uids = [uid];
      newLinks.push({ entity: kind.name, uid, localId });
    }
    for (const uid of uids) ops.push({ ...base, key: uid, questionId: kind.questionOf(uid, data), checkConflict });
  }
  return { ops, upTo, newLinks };
}

/** After the server accepted a push: the sent outbox rows go, new uids are linked, each uid's state noted. */
export function acknowledgePush(db: Db, box: Outbox): void {
  db.run('DELETE FROM team_outbox WHERE id <= ?', [box.upTo]);
  for (const l of box.newLinks)
    db.run('INSERT OR IGNORE INTO team_link (entity, uid, local_id) VALUES (?, ?, ?)', [l.entity, l.uid, l.localId]);
  for (const op of box.ops)
    if (ENTITIES[op.entity].linked)
      db.run('UPDATE team_link SET removed = ? WHERE entity = ? AND uid = ?', [
        op.data && op.data.removedAt == null ? 0 : 1,
        op.entity,
        op.key,
      ]);
}

export const pendingChanges = (db: Db): number =>
  db.scalar<number>('SELECT count(*) FROM (SELECT DISTINCT entity, key FROM team_outbox)') ?? 0;
