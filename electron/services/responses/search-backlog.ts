import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import { ANSWER_INDEXED, RESPONDENT_INDEXED, type BacklogTarget } from './search-index';
import { ANSWER_SLOTS } from './answer-ids';

/**
 * The search backlog (migration 0006): rows saved but not yet in the full-text indexes, indexed a
 * chunk at a time after a large import returns. Everything here writes, so on a workspace open for
 * editing call it inside a mutation (the chunk is journaled like any change, and replays to the
 * same index after a crash); on a read-only copy it only changes that copy.
 */
/** Answers per chunk: 1,000 responses' worth of answer ids (ids carry their response: answer-ids.ts). */
const ANSWER_ID_SPAN = 1000 * ANSWER_SLOTS;
const RESPONDENT_ID_SPAN = 20_000;

const INDEX_SQL: Record<BacklogTarget, string> = {
  answer:
    `INSERT INTO answer_fts (docid, text, other_text, explanation) SELECT id, text, other_text, explanation FROM ` +
    `answer WHERE id >= ? AND id <= ? AND ${ANSWER_INDEXED}`,
  respondent:
    `INSERT INTO respondent_fts (docid, name, organisation) SELECT id, name, organisation FROM respondent WHERE ` +
    `id >= ? AND id <= ? AND ${RESPONDENT_INDEXED}`,
};

/** Leave rows with ids in [fromId, toId] for the backlog instead of indexing them now. */
export function deferIndexing(db: Db, target: BacklogTarget, fromId: number, toId: number): void {
  if (toId < fromId) return;
  db.run('INSERT INTO search_backlog (target, from_id, to_id) VALUES (?, ?, ?)', [target, fromId, toId]);
}

/** Whether anything is waiting to be indexed. */
export function backlogPending(db: Db): boolean {
  return (db.scalar<number>('SELECT count(*) FROM search_backlog') ?? 0) > 0;
}

/** Index one chunk of the oldest entry. Returns false when there was nothing left to index. */
export function indexBacklogChunk(db: Db): boolean {
  const next = db.get<{ id: number; target: BacklogTarget; from_id: number; to_id: number }>(
    'SELECT id, target, from_id, to_id FROM search_backlog ORDER BY id LIMIT 1',
  );
  if (!next) return false;
  const span = next.target === 'answer' ? ANSWER_ID_SPAN : RESPONDENT_ID_SPAN;
  const upTo = Math.min(next.to_id, next.from_id + span - 1);
  db.run(INDEX_SQL[next.target], [next.from_id, upTo]);
  if (upTo >= next.to_id) db.run('DELETE FROM search_backlog WHERE id = ?', [next.id]);
  else db.run('UPDATE search_backlog SET from_id = ? WHERE id = ?', [upTo + 1, next.id]);
  return true;
}

/** Index everything waiting. */
export function finishBacklog(db: Db): void {
  while (indexBacklogChunk(db));
}

/**
 * Before anything searches a workspace: index what is waiting, as one saved change (in memory only when it is open to
 * read).
 */
export function completeSearchIndex(file: WorkspaceFile): void {
  if (!backlogPending(file.db)) return;
  // A workspace open to read only: what a crash left in the backlog is indexed in memory, never written.
  if (file.readOnly) finishBacklog(file.db);
  else file.mutate((db) => finishBacklog(db));
}
