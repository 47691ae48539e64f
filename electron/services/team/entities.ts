import type { Db, Row } from '../core/db/database';

/**
 * What a team shares, one entry per kind of row: how a copy reads its own row to send it, how it writes a
 * colleague's row it pulled, what an analyst sees of it (to tell a real conflict from two copies making the same
 * change) and the rule that settles a conflict, in words shown to the analyst.
 *
 * A change travels as the row's whole state (`data`, null when the row was deleted), never as an SQL statement:
 * local ids differ from copy to copy, and a state is applied the same way however many times it arrives.
 * Codings and quotes are "linked" kinds: their key on the server is a team-wide uid (`<replica>:<local id>`), held
 * locally in team_link. Every other kind's key is the same on every copy (a theme's UUID, an answer's key, a
 * section of the government response).
 */
export type EntityName = 'theme' | 'coding' | 'annotation' | 'quote' | 'response_text' | 'analysis_setting';
export type EntityData = Record<string, unknown>;

export interface EntityKind {
  readonly name: EntityName;
  /** Keyed by a uid per copy's row (set semantics) rather than a key shared by every copy. */
  readonly linked: boolean;
  /** The local row for a local key (a linked kind's local id) as it is now; null when it is gone. */
  read(db: Db, localKey: string): EntityData | null;
  /**
   * Write a pulled state. Linked kinds: `localId` is the row the uid is linked to (null: none yet), and the return
   * is the local id written (a new row, or one already holding the same coding). Others return null.
   */
  write(db: Db, key: string, data: EntityData | null, localId: number | null): number | null;
  /** The part an analyst sees: two versions that agree here are not a conflict. */
  visible(data: EntityData | null): unknown;
  /** How a conflict on this kind is settled (null: conflict-free by construction). */
  readonly rule: string | null;
  /** The question a row belongs to, for the server's per-question sharing (row-level security). */
  questionOf(key: string, data: EntityData | null): string | null;
}

/** A JSON value as text (null stays null): what a column of TEXT affinity gets. */
export const str = (v: unknown): string | null =>
  v === null || v === undefined
    ? null
    : typeof v === 'string'
      ? v
      : typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : JSON.stringify(v);
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

const theme: EntityKind = {
  name: 'theme',
  linked: false,
  read(db, id) {
    const r = db.get<Row>('SELECT * FROM theme WHERE id = ?', [id]);
    if (!r) return null;
    return {
      name: r.name,
      description: r.description,
      parentId: r.parent_id,
      questionIds: JSON.parse(String(r.question_ids)) as unknown,
      codable: r.codable === 1,
      colour: r.colour,
      sortOrder: r.sort_order,
      origin: r.origin,
      createdAt: r.created_at,
      createdBy: r.created_by,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
      archivedAt: r.archived_at,
      archivedBy: r.archived_by,
    };
  },
  write(db, id, d) {
    if (!d) return null; // themes are archived, never deleted
    db.run(
      `INSERT INTO theme (id, name, description, parent_id, question_ids, codable, colour, sort_order, origin,
         created_at, created_by, updated_at, updated_by, archived_at, archived_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description,
         parent_id = excluded.parent_id, question_ids = excluded.question_ids, codable = excluded.codable,
         colour = excluded.colour, sort_order = excluded.sort_order, origin = excluded.origin,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by, archived_at = excluded.archived_at,
         archived_by = excluded.archived_by`,
      [
        id,
        str(d.name) ?? '',
        str(d.description) ?? '',
        str(d.parentId),
        JSON.stringify(d.questionIds ?? []),
        d.codable === false ? 0 : 1,
        str(d.colour),
        num(d.sortOrder) ?? 0,
        str(d.origin) ?? 'manual',
        str(d.createdAt) ?? '',
        str(d.createdBy) ?? '',
        str(d.updatedAt) ?? '',
        str(d.updatedBy) ?? '',
        str(d.archivedAt),
        str(d.archivedBy),
      ],
    );
    return null;
  },
  visible: (d) =>
    d && {
      name: d.name,
      description: d.description,
      parentId: d.parentId,
      questionIds: d.questionIds,
      codable: d.codable,
      archived: !!d.archivedAt,
    },
  rule:
    'Changed on two copies before either had synced. Both versions are kept here; the theme shows the one that ' +
    'reached the server last until someone chooses.',
  questionOf: () => null,
};

const coding: EntityKind = {
  name: 'coding',
  linked: true,
  read(db, localId) {
    const r = db.get<Row>('SELECT * FROM coding WHERE id = ?', [Number(localId)]);
    if (!r) return null;
    return {
      coderSet: r.coder_set,
      responseId: r.response_id,
      questionId: r.question_id,
      themeId: r.theme_id,
      start: r.start_offset,
      end: r.end_offset,
      coder: r.coder,
      source: r.source,
      passage: r.passage,
      at: r.at,
      removedAt: r.removed_at,
      removedBy: r.removed_by,
    };
  },
  write(db, _uid, d, localId) {
    if (!d) return localId;
    const removed = d.removedAt != null;
    if (localId !== null) {
      const r = db.get<{ removed_at: string | null }>('SELECT removed_at FROM coding WHERE id = ?', [localId]);
      if (r) return localId; // its state is settled over all its uids by the caller (sync-apply.ts)
    }
    // The same coding already here (this copy or another coded the same theme on the same answer): one row, two uids.
    const same = removed
      ? undefined
      : db.get<{ id: number }>(
          'SELECT id FROM coding WHERE coder_set = ? AND response_id = ? AND question_id = ? AND theme_id = ? AND ' +
            'start_offset IS ? AND end_offset IS ? AND removed_at IS NULL',
          [str(d.coderSet), num(d.responseId), str(d.questionId), str(d.themeId), num(d.start), num(d.end)],
        );
    if (same) return same.id;
    db.run(
      `INSERT INTO coding (response_id, question_id, theme_id, coder_set, coder, source, start_offset, end_offset,
         passage, at, removed_at, removed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        num(d.responseId),
        str(d.questionId),
        str(d.themeId),
        str(d.coderSet) ?? 'main',
        str(d.coder) ?? '',
        str(d.source) ?? 'manual',
        num(d.start),
        num(d.end),
        str(d.passage),
        str(d.at) ?? '',
        str(d.removedAt),
        str(d.removedBy),
      ],
    );
    return db.scalar<number>('SELECT last_insert_rowid()')!;
  },
  visible: (d) => (d ? d.removedAt == null : null),
  rule: null, // a set: every copy's additions are kept, a removal removes what its copy had seen
  questionOf: (_k, d) => (d ? str(d.questionId) : null),
};

const annotation: EntityKind = {
  name: 'annotation',
  linked: false,
  read(db, key) {
    const [set, q, r] = JSON.parse(key) as [string, string, number];
    const a = db.get<Row>(
      'SELECT sentiment, memo, complete, updated_by, updated_at FROM annotation WHERE coder_set = ? AND ' +
        'question_id = ? AND response_id = ?',
      [set, q, r],
    );
    return a
      ? {
          sentiment: a.sentiment,
          memo: a.memo,
          complete: a.complete === 1,
          updatedBy: a.updated_by,
          updatedAt: a.updated_at,
        }
      : null;
  },
  write(db, key, d) {
    const [set, q, r] = JSON.parse(key) as [string, string, number];
    if (!d) {
      db.run('DELETE FROM annotation WHERE coder_set = ? AND question_id = ? AND response_id = ?', [set, q, r]);
      return null;
    }
    db.run(
      `INSERT INTO annotation (coder_set, response_id, question_id, sentiment, memo, complete, updated_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(coder_set, question_id, response_id) DO UPDATE SET sentiment = excluded.sentiment,
         memo = excluded.memo, complete = excluded.complete, updated_by = excluded.updated_by,
         updated_at = excluded.updated_at`,
      [
        set,
        r,
        q,
        str(d.sentiment),
        str(d.memo) ?? '',
        d.complete ? 1 : 0,
        str(d.updatedBy) ?? '',
        str(d.updatedAt) ?? '',
      ],
    );
    return null;
  },
  visible: (d) => d && { sentiment: d.sentiment ?? null, memo: d.memo ?? '', complete: !!d.complete },
  rule:
    'The note on this answer was changed on two copies before either had synced. The later one is kept; both are ' +
    'listed here.',
  questionOf: (key) => (JSON.parse(key) as [string, string, number])[1],
};

const quote: EntityKind = {
  name: 'quote',
  linked: true,
  read(db, localId) {
    const r = db.get<Row>('SELECT * FROM quote WHERE id = ?', [Number(localId)]);
    if (!r) return null;
    return {
      responseId: r.response_id,
      questionId: r.question_id,
      start: r.start_offset,
      end: r.end_offset,
      text: r.text,
      note: r.note,
      themeIds: JSON.parse(String(r.theme_ids)) as unknown,
      markedBy: r.marked_by,
      markedAt: r.marked_at,
      removedAt: r.removed_at,
      removedBy: r.removed_by,
    };
  },
  write(db, _uid, d, localId) {
    if (!d) return localId;
    const values = [str(d.note) ?? '', JSON.stringify(d.themeIds ?? []), str(d.removedAt), str(d.removedBy)];
    if (localId !== null && db.get('SELECT 1 FROM quote WHERE id = ?', [localId])) {
      db.run('UPDATE quote SET note = ?, theme_ids = ?, removed_at = ?, removed_by = ? WHERE id = ?', [
        ...values,
        localId,
      ]);
      return localId;
    }
    db.run(
      `INSERT INTO quote (response_id, question_id, start_offset, end_offset, text, marked_by, marked_at, note,
         theme_ids, removed_at, removed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        num(d.responseId),
        str(d.questionId),
        num(d.start),
        num(d.end),
        str(d.text) ?? '',
        str(d.markedBy) ?? '',
        str(d.markedAt) ?? '',
        ...values,
      ],
    );
    return db.scalar<number>('SELECT last_insert_rowid()')!;
  },
  visible: (d) => d && { note: d.note, themeIds: d.themeIds, removed: d.removedAt != null },
  rule:
    'This quote was changed on two copies before either had synced. The later change is kept; both are listed ' +
    'here.',
  questionOf: (_k, d) => (d ? str(d.questionId) : null),
};

const responseText: EntityKind = {
  name: 'response_text',
  linked: false,
  read(db, key) {
    const r = db.get<Row>('SELECT text, updated_at, updated_by FROM response_text WHERE key = ?', [key]);
    return r ? { text: r.text, updatedAt: r.updated_at, updatedBy: r.updated_by } : null;
  },
  write(db, key, d) {
    if (!d) {
      db.run('DELETE FROM response_text WHERE key = ?', [key]);
      return null;
    }
    db.run(
      'INSERT INTO response_text (key, text, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO ' +
        'UPDATE SET text = excluded.text, updated_at = excluded.updated_at, updated_by = excluded.updated_by',
      [key, str(d.text) ?? '', str(d.updatedAt) ?? '', str(d.updatedBy) ?? ''],
    );
    return null;
  },
  visible: (d) => (d ? d.text : null),
  rule:
    'This part of the government response was edited on two copies before either had synced. The last writer ' +
    'wins; both versions are kept here and in the team’s history.',
  questionOf: (key) => (key.startsWith('question:') ? key.slice('question:'.length) : null),
};

const analysisSetting: EntityKind = {
  name: 'analysis_setting',
  linked: false,
  read(db, key) {
    const v = db.scalar<string>('SELECT value FROM analysis_setting WHERE key = ?', [key]);
    return v === undefined ? null : { value: v };
  },
  write(db, key, d) {
    if (!d) db.run('DELETE FROM analysis_setting WHERE key = ?', [key]);
    else
      db.run(
        'INSERT INTO analysis_setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
        [key, str(d.value) ?? ''],
      );
    return null;
  },
  visible: (d) => (d ? d.value : null),
  rule: 'This analysis setting was changed on two copies before either had synced. The later change is kept.',
  questionOf: () => null,
};

export const ENTITIES: Readonly<Record<EntityName, EntityKind>> = {
  theme,
  coding,
  annotation,
  quote,
  response_text: responseText,
  analysis_setting: analysisSetting,
};

export const isEntityName = (s: string): s is EntityName => Object.hasOwn(ENTITIES, s);
