import type { Db } from '../core/db/database';

/**
 * Keeps the FTS4 indexes (answer_fts, respondent_fts, campaign_member_fts; external content, see
 * migration 0004) in step with their tables. There are no triggers, for speed (see the migration),
 * so every write to an indexed column must come through here:
 *   - before a row's indexed text changes or the row is deleted: unindex it (FTS4 removes the terms
 *     by reading the stored text, which must still be what was indexed);
 *   - after a row is inserted or its text changed: index it.
 * Whether a row is in an index is decided by the same condition on both sides (a row with nothing
 * to index is never added), so removing never touches terms that were not added.
 */
export const ANSWER_INDEXED = `(text <> '' OR other_text IS NOT NULL OR explanation IS NOT NULL)`;
export const RESPONDENT_INDEXED = `(name IS NOT NULL OR organisation IS NOT NULL)`;
export const MEMBER_INDEXED = `(addition <> '')`;

/**
 * Rows of a large import waiting in the search backlog (search-backlog.ts, migration 0006) are not
 * in the index yet: they are neither removed from it nor added to it here (the backlog indexes
 * them as they are when it gets to them).
 */
export type BacklogTarget = 'answer' | 'respondent';
const notInBacklog = (target: BacklogTarget, id: string): string =>
  `NOT EXISTS (SELECT 1 FROM search_backlog b WHERE b.target = '${target}' AND ${id} BETWEEN b.from_id AND b.to_id)`;
const ANSWER_NOT_WAITING = notInBacklog('answer', 'id');
const RESPONDENT_NOT_WAITING = notInBacklog('respondent', 'id');

/** Index answers inserted with ids from `firstId` on (one statement: FTS4 builds in C, no per-row calls). */
export function indexAnswersFrom(db: Db, firstId: number): void {
  db.run(
    `INSERT INTO answer_fts (docid, text, other_text, explanation) SELECT id, text, other_text, explanation ` +
      `FROM answer WHERE id >= ? AND ${ANSWER_INDEXED}`,
    [firstId],
  );
}

/**
 * Index the answers written since `after` (an answer id; the rows of an import arrive in id order), returning the
 * highest id now indexed up to. An import with nothing to build its index afterwards indexes each slice of rows
 * this way while the file reader prepares the next.
 */
export function indexAnswersWrittenAfter(db: Db, after: number): number {
  const upTo = db.scalar<number>('SELECT max(id) FROM answer') ?? after;
  if (upTo > after)
    db.run(
      `INSERT INTO answer_fts (docid, text, other_text, explanation) SELECT id, text, other_text, explanation ` +
        `FROM answer WHERE id > ? AND id <= ? AND ${ANSWER_INDEXED}`,
      [after, upTo],
    );
  return Math.max(upTo, after);
}

export function indexRespondentsFrom(db: Db, firstId: number): void {
  db.run(
    `INSERT INTO respondent_fts (docid, name, organisation) SELECT id, name, organisation FROM respondent WHERE ` +
      `id >= ? AND ${RESPONDENT_INDEXED}`,
    [firstId],
  );
}

export function indexAnswer(db: Db, id: number): void {
  db.run(
    `INSERT INTO answer_fts (docid, text, other_text, explanation) SELECT id, text, other_text, explanation ` +
      `FROM answer WHERE id = ? AND ${ANSWER_INDEXED} AND ${ANSWER_NOT_WAITING}`,
    [id],
  );
}

export function unindexAnswer(db: Db, id: number): void {
  db.run(
    `DELETE FROM answer_fts WHERE docid IN (SELECT id FROM answer WHERE id = ? AND ${ANSWER_INDEXED} ` +
      `AND ${ANSWER_NOT_WAITING})`,
    [id],
  );
}

export function indexRespondent(db: Db, id: number): void {
  db.run(
    `INSERT INTO respondent_fts (docid, name, organisation) SELECT id, name, organisation FROM respondent WHERE ` +
      `id = ? AND ${RESPONDENT_INDEXED} AND ${RESPONDENT_NOT_WAITING}`,
    [id],
  );
}

export function unindexRespondent(db: Db, id: number): void {
  db.run(
    `DELETE FROM respondent_fts WHERE docid IN (SELECT id FROM respondent WHERE id = ? ` +
      `AND ${RESPONDENT_INDEXED} AND ${RESPONDENT_NOT_WAITING})`,
    [id],
  );
}

/** Index the campaign members with ids from `first` to `last` (just written together), in id order. */
export function indexMemberRange(db: Db, first: number, last: number): void {
  db.run(
    `INSERT INTO campaign_member_fts (docid, addition) SELECT id, addition FROM campaign_member WHERE id BETWEEN ? ` +
      `AND ? AND ${MEMBER_INDEXED} ORDER BY id`,
    [first, last],
  );
}

export function unindexMember(db: Db, id: number): void {
  db.run(
    `DELETE FROM campaign_member_fts WHERE docid IN (SELECT id FROM campaign_member WHERE id = ? ` +
      `AND ${MEMBER_INDEXED})`,
    [id],
  );
}

/** Unindex every campaign member of a campaign (before its members are deleted). */
export function unindexMembersOfCampaign(db: Db, campaignId: number): void {
  db.run(
    `DELETE FROM campaign_member_fts WHERE docid IN (SELECT id FROM campaign_member WHERE campaign_id = ? ` +
      `AND ${MEMBER_INDEXED})`,
    [campaignId],
  );
}

/** Unindex everything belonging to a batch's responses (before they are deleted). */
export function unindexBatch(db: Db, batchId: number): void {
  db.run(
    `DELETE FROM answer_fts WHERE docid IN (SELECT id FROM answer WHERE (id >> 12) IN (SELECT id FROM response ` +
      `WHERE batch_id = ?) AND ${ANSWER_INDEXED} AND ${ANSWER_NOT_WAITING})`,
    [batchId],
  );
  db.run(
    `DELETE FROM respondent_fts WHERE docid IN (SELECT id FROM respondent WHERE batch_id = ? ` +
      `AND ${RESPONDENT_INDEXED} AND ${RESPONDENT_NOT_WAITING})`,
    [batchId],
  );
  db.run(
    `DELETE FROM campaign_member_fts WHERE docid IN (SELECT m.id FROM campaign_member m JOIN response r ON r.id ` +
      `= m.response_id WHERE r.batch_id = ? AND m.addition <> '')`,
    [batchId],
  );
}
