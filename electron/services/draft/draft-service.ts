import { randomUUID } from 'node:crypto';
import { type z } from 'zod';
import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import { AppError } from '#shared/core/errors';
import {
  CLOSED_TYPES,
  type aboutYouFieldSchema,
  checkerSettingsSchema,
  draftSchema,
  metadataSchema,
  privacyNoticeSchema,
  questionSchema,
  type Draft,
  type DraftMetadata,
  type Question,
  type QuestionType,
  type SectionKind,
} from '#shared/domain/draft/model';
import { emptyDoc, type RichDoc } from '#shared/domain/draft/rich-text';
import { audit } from '../core/audit';
import {
  applyRows,
  diffRows,
  draftToRows,
  isEmptyChange,
  questionRow,
  readRows,
  rowsToDraft,
  upsertQuestion,
  upsertSection,
  writeMeta,
  writeWholeDraft,
  type QuestionRow,
} from './draft-rows';
import type { DraftHistory } from './history';

/**
 * Every change to the draft goes through here: one journaled mutation, an audit entry for
 * structural changes, and a record of the rows it touched for undo.
 */
export interface DraftContext {
  file: WorkspaceFile;
  history: DraftHistory;
  actor: string;
  now: Date;
}

const titleOf = (db: Db) => db.scalar<string>('SELECT title FROM consultation WHERE id = 1') ?? '';

export function loadDraft(db: Db): Draft {
  return rowsToDraft(readRows(db), titleOf(db));
}

/** Run a change, keeping the workspace title in step with the draft's, and record it for undo. */
function change(ctx: DraftContext, what: string | null, fn: (db: Db, now: string) => void): void {
  const recorded = ctx.file.mutate((db) => changeWithin(db, ctx, what, fn));
  if (!isEmptyChange(recorded)) ctx.history.record(recorded);
}

/** A draft change made inside a transaction the caller holds; returns what changed, for the undo history. */
function changeWithin(
  db: Db,
  ctx: Pick<DraftContext, 'now' | 'actor'>,
  what: string | null,
  fn: (db: Db, now: string) => void,
): ReturnType<typeof diffRows> {
  const now = ctx.now.toISOString();
  const before = readRows(db);
  if (!before.meta) writeMeta(db, draftToRows(rowsToDraft(before, titleOf(db))).meta, now);
  fn(db, now);
  syncTitle(db, now);
  const after = readRows(db);
  const diff = diffRows(before, after);
  if (what && !isEmptyChange(diff)) audit(db, ctx.now, ctx.actor, 'draft.change', what);
  return diff;
}

function syncTitle(db: Db, now: string): void {
  const json = db.scalar<string>('SELECT metadata FROM draft_meta WHERE id = 1');
  if (!json) return;
  const title = (JSON.parse(json) as { title?: string }).title ?? '';
  if (title && title !== titleOf(db))
    db.run('UPDATE consultation SET title = ?, updated_at = ? WHERE id = 1', [title, now]);
}

// ---------------------------------------------------------------- whole draft

export function replaceDraft(ctx: DraftContext, draft: Draft, what: string): void {
  change(ctx, what, (db, now) => writeWholeDraft(db, draft, now));
}

/** When the workspace title changes elsewhere (the Overview page), the draft's title follows. */
export function titleChanged(db: Db, title: string, now: string): void {
  const json = db.scalar<string>('SELECT metadata FROM draft_meta WHERE id = 1');
  if (!json) return;
  const m = JSON.parse(json) as DraftMetadata;
  if (m.title === title) return;
  db.run('UPDATE draft_meta SET metadata = ?, updated_at = ? WHERE id = 1', [JSON.stringify({ ...m, title }), now]);
}

// ---------------------------------------------------------------- metadata and annex content

export function updateMetadata(ctx: DraftContext, patch: Partial<DraftMetadata>): DraftMetadata {
  let result: DraftMetadata | undefined;
  change(ctx, null, (db, now) => {
    const d = loadDraft(db);
    const next = metadataSchema.parse({ ...d.metadata, ...patch });
    db.run('UPDATE draft_meta SET metadata = ?, updated_at = ? WHERE id = 1', [JSON.stringify(next), now]);
    result = next;
  });
  return result!;
}

export function updateAboutYou(ctx: DraftContext, fields: z.infer<typeof aboutYouFieldSchema>[]): void {
  const keys = fields.map((f) => f.key);
  if (new Set(keys).size !== keys.length)
    throw new AppError('invalid-input', 'Each "About you" field can appear only once.');
  change(ctx, 'about you', (db, now) => {
    db.run('UPDATE draft_meta SET about_you = ?, updated_at = ? WHERE id = 1', [JSON.stringify(fields), now]);
  });
}

export function updatePrivacy(ctx: DraftContext, patch: Partial<z.infer<typeof privacyNoticeSchema>>): void {
  change(ctx, null, (db, now) => {
    const d = loadDraft(db);
    db.run('UPDATE draft_meta SET privacy = ?, updated_at = ? WHERE id = 1', [
      JSON.stringify(privacyNoticeSchema.parse({ ...d.privacyNotice, ...patch })),
      now,
    ]);
  });
}

export function updateChecker(ctx: DraftContext, patch: Partial<z.infer<typeof checkerSettingsSchema>>): void {
  change(ctx, 'checker settings', (db, now) => {
    const d = loadDraft(db);
    db.run('UPDATE draft_meta SET checker = ?, updated_at = ? WHERE id = 1', [
      JSON.stringify(checkerSettingsSchema.parse({ ...d.checker, ...patch })),
      now,
    ]);
  });
}

export function dismissFinding(ctx: DraftContext, key: string, reason: string): void {
  change(ctx, `dismissed finding ${key}`, (db, now) => {
    const d = loadDraft(db);
    const dismissed = [...d.dismissed.filter((x) => x.key !== key), { key, reason, at: now, by: ctx.actor }];
    db.run('UPDATE draft_meta SET dismissed = ?, updated_at = ? WHERE id = 1', [JSON.stringify(dismissed), now]);
  });
}

export function restoreFinding(ctx: DraftContext, key: string): void {
  change(ctx, `restored finding ${key}`, (db, now) => {
    const d = loadDraft(db);
    db.run('UPDATE draft_meta SET dismissed = ?, updated_at = ? WHERE id = 1', [
      JSON.stringify(d.dismissed.filter((x) => x.key !== key)),
      now,
    ]);
  });
}

// ---------------------------------------------------------------- sections

function sectionRow(db: Db, id: string) {
  const rows = readRows(db);
  const s = rows.sections.get(id);
  if (!s)
    throw new AppError('not-found', 'That section no longer exists. It may have been deleted or undone.', {
      sectionId: id,
    });
  return { rows, s };
}

export function updateSection(
  ctx: DraftContext,
  id: string,
  patch: { title?: string; body?: RichDoc; kind?: SectionKind },
): void {
  change(ctx, null, (db, now) => {
    const { s } = sectionRow(db, id);
    upsertSection(
      db,
      {
        ...s,
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
        ...(patch.body !== undefined ? { body: JSON.stringify(patch.body) } : {}),
      },
      now,
    );
  });
}

function renumberSections(db: Db, orderedIds: string[], now: string): void {
  const rows = readRows(db);
  orderedIds.forEach((id, i) => {
    const s = rows.sections.get(id);
    if (s && s.position !== i) upsertSection(db, { ...s, position: i }, now);
  });
}

export function addSection(
  ctx: DraftContext,
  input: { kind: SectionKind; title: string; afterId?: string | undefined },
): string {
  const id = randomUUID();
  change(ctx, `added section "${input.title}"`, (db, now) => {
    const order = [...readRows(db).sections.values()].sort((a, b) => a.position - b.position).map((s) => s.id);
    const at = input.afterId ? order.indexOf(input.afterId) + 1 : order.length;
    if (input.afterId && at === 0) throw new AppError('not-found', 'The section to add after no longer exists.');
    upsertSection(
      db,
      {
        id,
        position: order.length,
        kind: input.kind,
        title: input.title,
        body: JSON.stringify(emptyDoc()),
        guidance: '',
      },
      now,
    );
    order.splice(at, 0, id);
    renumberSections(db, order, now);
  });
  return id;
}

export function deleteSection(ctx: DraftContext, id: string): void {
  change(ctx, `deleted section`, (db, now) => {
    const { rows, s } = sectionRow(db, id);
    const qs = [...rows.questions.values()].filter((q) => q.section_id === id);
    if (qs.length) {
      throw new AppError(
        'conflict',
        `The section "${s.title}" has ${qs.length} question${qs.length === 1 ? '' : 's'}. Move or delete them first.`,
        { sectionId: id },
      );
    }
    db.run('DELETE FROM section WHERE id = ?', [id]);
    renumberSections(
      db,
      [...rows.sections.values()]
        .filter((x) => x.id !== id)
        .sort((a, b) => a.position - b.position)
        .map((x) => x.id),
      now,
    );
  });
}

export function moveSection(ctx: DraftContext, id: string, toIndex: number): void {
  change(ctx, 'moved section', (db, now) => {
    const { rows } = sectionRow(db, id);
    const order = [...rows.sections.values()]
      .sort((a, b) => a.position - b.position)
      .map((s) => s.id)
      .filter((x) => x !== id);
    order.splice(Math.max(0, Math.min(toIndex, order.length)), 0, id);
    renumberSections(db, order, now);
  });
}

// ---------------------------------------------------------------- questions

function questionsOf(rows: ReturnType<typeof readRows>, sectionId: string): QuestionRow[] {
  return [...rows.questions.values()].filter((q) => q.section_id === sectionId).sort((a, b) => a.position - b.position);
}

function renumberQuestions(db: Db, sectionId: string, ordered: QuestionRow[], now: string): void {
  ordered.forEach((q, i) => {
    if (q.position !== i || q.section_id !== sectionId)
      upsertQuestion(db, { ...q, section_id: sectionId, position: i }, now);
  });
}

const DEFAULT_TEXT: Record<QuestionType, string> = {
  open_text: '',
  likert_agree5: 'To what extent do you agree that …?',
  yes_no: 'Do you agree that …?',
  single_choice: '',
  multi_choice: '',
  ranking: 'Rank these from most useful (1) to least useful.',
  numeric: '',
  any_other_comments: 'Is there anything else you would like to tell us about these proposals?',
};

export function addQuestion(
  ctx: DraftContext,
  input: { sectionId: string; type: QuestionType; afterId?: string | undefined },
): string {
  const id = randomUUID();
  change(ctx, `added question`, (db, now) => {
    const rows = readRows(db);
    if (!rows.sections.has(input.sectionId)) throw new AppError('not-found', 'That section no longer exists.');
    const list = questionsOf(rows, input.sectionId);
    const at = input.afterId ? list.findIndex((q) => q.id === input.afterId) + 1 : list.length;
    const needsOptions = input.type === 'single_choice' || input.type === 'multi_choice' || input.type === 'ranking';
    const q: QuestionRow = {
      id,
      section_id: input.sectionId,
      position: list.length,
      type: input.type,
      text: DEFAULT_TEXT[input.type],
      hint: input.type === 'multi_choice' ? 'Select all that apply.' : '',
      options: JSON.stringify(
        needsOptions
          ? [
              { id: randomUUID(), label: 'Option 1' },
              { id: randomUUID(), label: 'Option 2' },
            ]
          : [],
      ),
      allow_other: 0,
      explain: input.type === 'likert_agree5' || input.type === 'yes_no' ? 1 : 0,
      word_limit: null,
      continues: 0,
    };
    upsertQuestion(db, q, now);
    list.splice(at, 0, q);
    renumberQuestions(db, input.sectionId, list, now);
  });
  return id;
}

/**
 * Questions inferred from a survey export's columns (responses import, `--create-questions`), added
 * at the end of a section in one undoable change. With `newSectionTitle` a proposal section is
 * created for them first (a workspace with no sections yet). Ids are kept: the mapping refers to them.
 */
/**
 * Questions created from a survey export's columns, added inside the transaction that stores the
 * export's rows (so a refused or failed import leaves no questions behind). Returns a function to
 * call once that transaction is saved, which makes the addition undoable.
 */
export function addQuestionsWithin(
  db: Db,
  ctx: Omit<DraftContext, 'file'>,
  input: { sectionId: string; newSectionTitle?: string | undefined; questions: Question[] },
): () => void {
  if (!input.questions.length) return () => {};
  const diff = changeWithin(
    db,
    ctx,
    `added ${input.questions.length} question${input.questions.length === 1 ? '' : 's'} from a survey export`,
    (d, now) => {
      const rows = readRows(d);
      if (!rows.sections.has(input.sectionId)) {
        if (!input.newSectionTitle) throw new AppError('not-found', 'That section no longer exists.');
        upsertSection(
          d,
          {
            id: input.sectionId,
            position: rows.sections.size,
            kind: 'proposal',
            title: input.newSectionTitle,
            body: JSON.stringify(emptyDoc()),
            guidance: '',
          },
          now,
        );
      }
      const list = questionsOf(readRows(d), input.sectionId);
      for (const raw of input.questions) {
        if (rows.questions.has(raw.id))
          throw new AppError('conflict', `A question with the id ${raw.id} already exists.`);
        const q = questionSchema.parse({ ...raw, sectionId: input.sectionId });
        upsertQuestion(d, questionRow(q, list.length), now);
        list.push({ id: q.id } as QuestionRow);
      }
    },
  );
  return () => {
    if (!isEmptyChange(diff)) ctx.history.record(diff);
  };
}

/** Fields of a question that can be edited; options keep their ids (new ones get fresh ids). */
export type QuestionPatch = Partial<Omit<Question, 'id' | 'sectionId' | 'options'>> & {
  options?: { id?: string | undefined; label: string }[];
};

export function updateQuestion(ctx: DraftContext, id: string, patch: QuestionPatch): Question {
  let out: Question | undefined;
  change(ctx, null, (db, now) => {
    const rows = readRows(db);
    const row = rows.questions.get(id);
    if (!row)
      throw new AppError('not-found', 'That question no longer exists. It may have been deleted or undone.', {
        questionId: id,
      });
    const current = loadDraft(db).questions.find((q) => q.id === id)!;
    const options = patch.options
      ? patch.options.map((o) => ({ id: o.id || randomUUID(), label: o.label }))
      : current.options;
    const next = questionSchema.parse({ ...current, ...patch, options });
    if (next.allowOther && !(next.type === 'single_choice' || next.type === 'multi_choice')) next.allowOther = false;
    if (!CLOSED_TYPES.has(next.type)) next.explain = false;
    upsertQuestion(db, { ...questionRow(next, row.position), section_id: row.section_id }, now);
    out = next;
  });
  return out!;
}

export function deleteQuestion(ctx: DraftContext, id: string): void {
  change(ctx, `deleted question`, (db, now) => {
    const rows = readRows(db);
    const row = rows.questions.get(id);
    if (!row) throw new AppError('not-found', 'That question no longer exists.');
    db.run('DELETE FROM question WHERE id = ?', [id]);
    renumberQuestions(
      db,
      row.section_id,
      questionsOf(rows, row.section_id).filter((q) => q.id !== id),
      now,
    );
  });
}

export function moveQuestion(ctx: DraftContext, id: string, sectionId: string, toIndex: number): void {
  change(ctx, 'moved question', (db, now) => {
    const rows = readRows(db);
    const row = rows.questions.get(id);
    if (!row) throw new AppError('not-found', 'That question no longer exists.');
    if (!rows.sections.has(sectionId)) throw new AppError('not-found', 'That section no longer exists.');
    if (row.section_id !== sectionId)
      renumberQuestions(
        db,
        row.section_id,
        questionsOf(rows, row.section_id).filter((q) => q.id !== id),
        now,
      );
    const target = questionsOf(rows, sectionId).filter((q) => q.id !== id);
    // The moved row keeps its old section here so renumberQuestions sees it differs and writes it.
    target.splice(Math.max(0, Math.min(toIndex, target.length)), 0, row);
    renumberQuestions(db, sectionId, target, now);
  });
}

// ---------------------------------------------------------------- undo and redo

export function undo(ctx: DraftContext): boolean {
  const c = ctx.history.takeUndo();
  if (!c) return false;
  try {
    ctx.file.mutate((db) => {
      applyRows(db, c, 'before', ctx.now.toISOString());
      syncTitle(db, ctx.now.toISOString());
    });
  } catch (e) {
    ctx.history.pushRedone(c);
    throw e;
  }
  ctx.history.pushUndone(c);
  return true;
}

export function redo(ctx: DraftContext): boolean {
  const c = ctx.history.takeRedo();
  if (!c) return false;
  try {
    ctx.file.mutate((db) => {
      applyRows(db, c, 'after', ctx.now.toISOString());
      syncTitle(db, ctx.now.toISOString());
    });
  } catch (e) {
    ctx.history.pushUndone(c);
    throw e;
  }
  ctx.history.pushRedone(c);
  return true;
}

// ---------------------------------------------------------------- JSON import

/** Parse and validate a draft JSON document, with the path of the first problem in the message. */
export function parseDraftJson(text: string, source = 'The draft file'): Draft {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new AppError('bad-file', `${source} is not valid JSON (${(e as Error).message}).`);
  }
  const r = draftSchema.safeParse(raw);
  if (!r.success) {
    const issues = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new AppError('bad-file', `${source} is not a valid consultation draft. ${issues.join('; ')}`, { issues });
  }
  return r.data;
}
