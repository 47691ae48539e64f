import type { Db } from '../core/db/database';
import {
  aboutYouFieldSchema,
  checkerSettingsSchema,
  dismissalSchema,
  metadataSchema,
  optionSchema,
  privacyNoticeSchema,
  type Draft,
  type Question,
  type Section,
} from '#shared/domain/draft/model';
import { DRAFT_FORMAT, DRAFT_FORMAT_VERSION } from '#shared/domain/draft/model';
import { richDocSchema } from '#shared/domain/draft/rich-text';
import { blankDraft } from '#shared/domain/draft/template';
import { z } from 'zod';
import { AppError } from '#shared/core/errors';

/**
 * The draft's rows, read and written as plain records. Kept apart from the operations so the
 * undo machinery can compare rows before and after any change without knowing what it was.
 */
export interface MetaRow {
  metadata: string;
  about_you: string;
  privacy: string;
  checker: string;
  dismissed: string;
}
export interface SectionRow {
  id: string;
  position: number;
  kind: string;
  title: string;
  body: string;
  guidance: string;
}
export interface QuestionRow {
  id: string;
  section_id: string;
  position: number;
  type: string;
  text: string;
  hint: string;
  options: string;
  allow_other: number;
  explain: number;
  word_limit: number | null;
  continues: number;
}

export interface DraftRows {
  meta: MetaRow | null;
  sections: Map<string, SectionRow>;
  questions: Map<string, QuestionRow>;
}

export function readRows(db: Db): DraftRows {
  const meta =
    db.get<MetaRow & Record<string, string>>(
      'SELECT metadata, about_you, privacy, checker, dismissed FROM draft_meta WHERE id = 1',
    ) ?? null;
  const sections = new Map<string, SectionRow>();
  for (const r of db.all<SectionRow & Record<string, string | number>>(
    'SELECT id, position, kind, title, body, guidance FROM section ORDER BY position',
  ))
    sections.set(r.id, r);
  const questions = new Map<string, QuestionRow>();
  for (const r of db.all<QuestionRow & Record<string, string | number | null>>(
    'SELECT id, section_id, position, type, text, hint, options, allow_other, explain, word_limit, continues ' +
      'FROM question ORDER BY position',
  ))
    questions.set(r.id, r);
  return { meta, sections, questions };
}

// ---------------------------------------------------------------- rows → Draft

/** A stored JSON value of the draft, parsed and checked; a damaged one is a clear error, not a crash. */
const parse = <T>(schema: z.ZodType<T>, json: string, what: string): T => {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new AppError(
      'corrupt',
      `This workspace is damaged: the stored ${what} of the draft cannot be read. Run Verify, and open a copy ` +
        `of the backup (.bak) if it fails.`,
    );
  }
  const r = schema.safeParse(raw);
  if (!r.success)
    throw new AppError(
      'corrupt',
      `This workspace is damaged: the stored ${what} of the draft is not valid ` +
        `(${r.error.issues[0]?.message ?? 'unknown problem'}). Run Verify, and open a copy of the backup (.bak) if ` +
        `it fails.`,
    );
  return r.data;
};

export function rowsToDraft(rows: DraftRows, fallbackTitle: string): Draft {
  const base = blankDraft(fallbackTitle);
  const m = rows.meta;
  const sections: Section[] = [...rows.sections.values()]
    .sort((a, b) => a.position - b.position)
    .map((s) => ({
      id: s.id,
      kind: s.kind as Section['kind'],
      title: s.title,
      body: parse(richDocSchema, s.body, 'section'),
      guidance: s.guidance,
    }));
  const sectionOrder = new Map(sections.map((s, i) => [s.id, i]));
  const questions: Question[] = [...rows.questions.values()]
    .sort(
      (a, b) =>
        (sectionOrder.get(a.section_id) ?? 0) - (sectionOrder.get(b.section_id) ?? 0) || a.position - b.position,
    )
    .map((q) => ({
      id: q.id,
      sectionId: q.section_id,
      type: q.type as Question['type'],
      text: q.text,
      hint: q.hint,
      options: parse(z.array(optionSchema), q.options, 'options'),
      allowOther: q.allow_other === 1,
      explain: q.explain === 1,
      wordLimit: q.word_limit,
      continues: q.continues === 1,
    }));
  return {
    format: DRAFT_FORMAT,
    formatVersion: DRAFT_FORMAT_VERSION,
    metadata: m ? parse(metadataSchema, m.metadata, 'metadata') : base.metadata,
    sections,
    questions,
    aboutYou: m ? parse(z.array(aboutYouFieldSchema), m.about_you, 'about you') : base.aboutYou,
    privacyNotice: m ? parse(privacyNoticeSchema, m.privacy, 'privacy notice') : base.privacyNotice,
    checker: m ? parse(checkerSettingsSchema, m.checker, 'checker settings') : base.checker,
    dismissed: m ? parse(z.array(dismissalSchema), m.dismissed, 'dismissed findings') : [],
  };
}

// ---------------------------------------------------------------- Draft → rows

/** A question as its row, at `position` within its section. */
export function questionRow(q: Question, position: number): QuestionRow {
  return {
    id: q.id,
    section_id: q.sectionId,
    position,
    type: q.type,
    text: q.text,
    hint: q.hint,
    options: JSON.stringify(q.options),
    allow_other: q.allowOther ? 1 : 0,
    explain: q.explain ? 1 : 0,
    word_limit: q.wordLimit,
    continues: q.continues ? 1 : 0,
  };
}

export function draftToRows(d: Draft): DraftRows {
  const sections = new Map<string, SectionRow>();
  d.sections.forEach((s, i) =>
    sections.set(s.id, {
      id: s.id,
      position: i,
      kind: s.kind,
      title: s.title,
      body: JSON.stringify(s.body),
      guidance: s.guidance,
    }),
  );
  const questions = new Map<string, QuestionRow>();
  const perSection = new Map<string, number>();
  for (const q of d.questions) {
    const pos = perSection.get(q.sectionId) ?? 0;
    perSection.set(q.sectionId, pos + 1);
    questions.set(q.id, questionRow(q, pos));
  }
  return {
    meta: {
      metadata: JSON.stringify(d.metadata),
      about_you: JSON.stringify(d.aboutYou),
      privacy: JSON.stringify(d.privacyNotice),
      checker: JSON.stringify(d.checker),
      dismissed: JSON.stringify(d.dismissed),
    },
    sections,
    questions,
  };
}

// ---------------------------------------------------------------- diff and apply (for undo and redo)

export interface RowChange {
  meta?: { before: MetaRow | null; after: MetaRow | null };
  sections: { id: string; before: SectionRow | null; after: SectionRow | null }[];
  questions: { id: string; before: QuestionRow | null; after: QuestionRow | null }[];
}

const same = (a: object | null | undefined, b: object | null | undefined) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function diffRows(before: DraftRows, after: DraftRows): RowChange {
  const change: RowChange = { sections: [], questions: [] };
  if (!same(before.meta, after.meta)) change.meta = { before: before.meta, after: after.meta };
  for (const id of new Set([...before.sections.keys(), ...after.sections.keys()])) {
    const b = before.sections.get(id) ?? null;
    const a = after.sections.get(id) ?? null;
    if (!same(a, b)) change.sections.push({ id, before: b, after: a });
  }
  for (const id of new Set([...before.questions.keys(), ...after.questions.keys()])) {
    const b = before.questions.get(id) ?? null;
    const a = after.questions.get(id) ?? null;
    if (!same(a, b)) change.questions.push({ id, before: b, after: a });
  }
  return change;
}

export const isEmptyChange = (c: RowChange): boolean => !c.meta && c.sections.length === 0 && c.questions.length === 0;

/** Make the rows named in a change look like its `before` (undo) or `after` (redo) side. */
export function applyRows(db: Db, change: RowChange, side: 'before' | 'after', now: string): void {
  // Questions first when removing (they reference sections), sections first when adding.
  for (const q of change.questions) if (!q[side]) db.run('DELETE FROM question WHERE id = ?', [q.id]);
  for (const s of change.sections) if (!s[side]) db.run('DELETE FROM section WHERE id = ?', [s.id]);
  if (change.meta) writeMeta(db, change.meta[side], now);
  for (const s of change.sections) {
    const r = s[side];
    if (r) upsertSection(db, r, now);
  }
  for (const q of change.questions) {
    const r = q[side];
    if (r) upsertQuestion(db, r, now);
  }
}

export function writeMeta(db: Db, m: MetaRow | null, now: string): void {
  if (!m) {
    db.run('DELETE FROM draft_meta WHERE id = 1');
    return;
  }
  db.run(
    `INSERT INTO draft_meta (id, metadata, about_you, privacy, checker, dismissed, updated_at)
     VALUES (1, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET metadata = excluded.metadata, about_you = excluded.about_you,
       privacy = excluded.privacy,
       checker = excluded.checker, dismissed = excluded.dismissed, updated_at = excluded.updated_at`,
    [m.metadata, m.about_you, m.privacy, m.checker, m.dismissed, now],
  );
}

export function upsertSection(db: Db, s: SectionRow, now: string): void {
  db.run(
    `INSERT INTO section (id, position, kind, title, body, guidance, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET position = excluded.position, kind = excluded.kind, title = excluded.title,
       body = excluded.body, guidance = excluded.guidance, updated_at = excluded.updated_at`,
    [s.id, s.position, s.kind, s.title, s.body, s.guidance, now],
  );
}

export function upsertQuestion(db: Db, q: QuestionRow, now: string): void {
  db.run(
    `INSERT INTO question
       (id, section_id, position, type, text, hint, options, allow_other, explain, word_limit, continues, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET section_id = excluded.section_id, position = excluded.position,
       type = excluded.type,
       text = excluded.text, hint = excluded.hint, options = excluded.options, allow_other = excluded.allow_other,
       explain = excluded.explain, word_limit = excluded.word_limit, continues = excluded.continues,
       updated_at = excluded.updated_at`,
    [
      q.id,
      q.section_id,
      q.position,
      q.type,
      q.text,
      q.hint,
      q.options,
      q.allow_other,
      q.explain,
      q.word_limit,
      q.continues,
      now,
    ],
  );
}

/** Replace the whole draft (new from a template or JSON). */
export function writeWholeDraft(db: Db, d: Draft, now: string): void {
  const rows = draftToRows(d);
  db.run('DELETE FROM question');
  db.run('DELETE FROM section');
  writeMeta(db, rows.meta, now);
  for (const s of rows.sections.values()) upsertSection(db, s, now);
  for (const q of rows.questions.values()) upsertQuestion(db, q, now);
}
