import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { AppError } from '#shared/core/errors';
import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import type { Draft } from '#shared/domain/draft/model';
import {
  codebookFromCsv,
  codebookFromQdc,
  codebookToCsv,
  codebookToQdc,
  codebookTree,
  CodebookImportError,
  themesForQuestion,
  validateCodebook,
  type Codebook,
  type CodebookTheme,
} from '#shared/analysis/codebook';
import type { ThemeView } from '#shared/coding/types';
import { GENERAL_COMMENTS_ID } from '#shared/domain/responses/store';
import { audit } from '../core/audit';
import { analysisQuestions } from './questions';
import { writeLoggedFile } from './logged-file';

/**
 * The codebook: themes per question or shared, hierarchical, with descriptions, kept in the
 * `theme` table with stable ids (new themes get a GUID, so a REFI-QDA export keeps them as they
 * are). Deleting a theme archives it (its codings stay, left out of every count) and can be undone.
 * Import from CSV or REFI-QDA .qdc merges into the codebook: a theme with the same id, or else the
 * same name under the same parent, is updated; anything else is added.
 */
interface ThemeRow {
  id: string;
  name: string;
  description: string;
  parent_id: string | null;
  question_ids: string;
  codable: number;
  colour: string | null;
  sort_order: number;
  origin: ThemeView['origin'];
  created_at: string;
  created_by: string;
  archived_at: string | null;
}

const parseIds = (json: string): string[] => {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

function rowToTheme(r: ThemeRow): CodebookTheme {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    parentId: r.parent_id,
    questionIds: parseIds(r.question_ids),
    codable: r.codable === 1,
    colour: r.colour,
  };
}

function rows(db: Db): ThemeRow[] {
  return db.all<ThemeRow>(
    'SELECT id, name, description, parent_id, question_ids, codable, colour, sort_order, origin, created_at, ' +
      'created_by, archived_at FROM theme ORDER BY sort_order, created_at, id',
  );
}

/** Every theme in tree order (parents before children), deleted ones included and marked. */
export function listThemes(db: Db): ThemeView[] {
  const all = rows(db);
  const byId = new Map(all.map((r) => [r.id, r]));
  return codebookTree({ themes: all.map(rowToTheme) }).map(({ theme, depth }) => {
    const r = byId.get(theme.id)!;
    return {
      ...theme,
      order: r.sort_order,
      archived: r.archived_at !== null,
      origin: r.origin,
      createdAt: r.created_at,
      createdBy: r.created_by,
      depth,
    };
  });
}

/** The codebook as shared/analysis sees it: themes not deleted. */
export function activeCodebook(db: Db): Codebook {
  return {
    themes: rows(db)
      .filter((r) => r.archived_at === null)
      .map(rowToTheme),
  };
}

/** Codable, not deleted themes that apply to a question (its own and the shared ones), in tree order. */
export function questionThemes(db: Db, questionId: string): ThemeView[] {
  const active = new Set(themesForQuestion(activeCodebook(db), questionId).map((t) => t.id));
  return listThemes(db).filter((t) => active.has(t.id) && t.codable);
}

export interface ThemeInput {
  id?: string | undefined;
  name: string;
  description?: string | undefined;
  parentId?: string | null | undefined;
  questionIds?: string[] | undefined;
  codable?: boolean | undefined;
  colour?: string | null | undefined;
  order?: number | undefined;
}

function knownQuestionIds(draft: Draft): Set<string> {
  return new Set([...analysisQuestions(draft, false).map((q) => q.id), GENERAL_COMMENTS_ID]);
}

/** Two themes can be confused only where both can be used: shared themes overlap every question. */
const overlaps = (a: CodebookTheme, b: CodebookTheme): boolean =>
  a.questionIds.length === 0 || b.questionIds.length === 0 || a.questionIds.some((q) => b.questionIds.includes(q));

function checkTheme(db: Db, t: CodebookTheme): void {
  const others = rows(db)
    .filter((r) => r.id !== t.id && r.archived_at === null)
    .map(rowToTheme);
  // "Cost" under question 3 and "Cost" under question 8 are different themes; the same name twice for one question is
  // not.
  const problems = validateCodebook({ themes: [...others, t] }).filter(
    (p) =>
      (p.themeId === t.id || p.problem === 'cycle') &&
      (p.problem !== 'duplicate-name' ||
        others.some(
          (o) =>
            o.name.trim().toLowerCase() === t.name.trim().toLowerCase() && o.parentId === t.parentId && overlaps(o, t),
        )),
  );
  const p = problems[0];
  if (!p) return;
  const field = p.problem === 'empty-name' || p.problem === 'duplicate-name' ? 'name' : 'parentId';
  const message =
    p.problem === 'duplicate-name'
      ? `There is already a theme called “${t.name.trim()}” in the same place. Choose another name.`
      : p.problem === 'empty-name'
        ? 'Enter a name for the theme.'
        : p.problem === 'missing-parent'
          ? 'The theme to put it under does not exist (it may have been deleted).'
          : 'A theme cannot be put under itself or one of its own sub-themes.';
  throw new AppError('invalid-input', message, { field });
}

/** Add a theme (no id) or change one. Returns the theme as saved. */
export function saveTheme(file: WorkspaceFile, draft: Draft, input: ThemeInput, now: Date, actor: string): ThemeView {
  const known = knownQuestionIds(draft);
  const bad = (input.questionIds ?? []).filter((q) => !known.has(q));
  if (bad.length)
    throw new AppError('invalid-input', `Not a question of this consultation: ${bad.join(', ')}.`, {
      field: 'questionIds',
    });
  if (input.colour && !/^#[0-9a-fA-F]{6}$/.test(input.colour))
    throw new AppError('invalid-input', 'Give the colour as #RRGGBB.', { field: 'colour' });
  const id = file.mutate((db) => {
    const at = now.toISOString();
    const existing = input.id ? db.get<ThemeRow>('SELECT * FROM theme WHERE id = ?', [input.id]) : undefined;
    if (input.id && !existing) throw new AppError('not-found', 'That theme is not in the codebook.', { field: 'id' });
    const base: CodebookTheme = existing
      ? rowToTheme(existing)
      : {
          id: randomUUID().toUpperCase(),
          name: '',
          description: '',
          parentId: null,
          questionIds: [],
          codable: true,
          colour: null,
        };
    const t: CodebookTheme = {
      ...base,
      name: input.name.replace(/\s+/g, ' ').trim(),
      description: input.description !== undefined ? input.description.trim() : base.description,
      parentId: input.parentId !== undefined ? input.parentId : base.parentId,
      questionIds: input.questionIds !== undefined ? [...new Set(input.questionIds)] : base.questionIds,
      codable: input.codable ?? base.codable,
      colour: input.colour !== undefined ? input.colour : base.colour,
    };
    checkTheme(db, t);
    const order =
      input.order ??
      existing?.sort_order ??
      db.scalar<number>('SELECT coalesce(max(sort_order), 0) + 1 FROM theme') ??
      1;
    if (existing) {
      db.run(
        'UPDATE theme SET name = ?, description = ?, parent_id = ?, question_ids = ?, codable = ?, colour = ?, ' +
          'sort_order = ?, updated_at = ?, updated_by = ? WHERE id = ?',
        [
          t.name,
          t.description,
          t.parentId,
          JSON.stringify(t.questionIds),
          t.codable ? 1 : 0,
          t.colour,
          order,
          at,
          actor,
          t.id,
        ],
      );
      audit(db, now, actor, 'analysis.theme-change', t.id, { name: t.name, was: existing.name });
    } else {
      insertTheme(db, t, order, 'manual', at, actor);
      audit(db, now, actor, 'analysis.theme-add', t.id, { name: t.name });
    }
    return t.id;
  });
  return listThemes(file.db).find((x) => x.id === id)!;
}

function insertTheme(
  db: Db,
  t: CodebookTheme,
  order: number,
  origin: ThemeView['origin'],
  at: string,
  actor: string,
): void {
  db.run(
    'INSERT INTO theme (id, name, description, parent_id, question_ids, codable, colour, sort_order, origin, ' +
      'created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [
      t.id,
      t.name,
      t.description,
      t.parentId,
      JSON.stringify(t.questionIds),
      t.codable ? 1 : 0,
      t.colour,
      order,
      origin,
      at,
      actor,
      at,
      actor,
    ],
  );
}

/** Add themes made elsewhere (accepted suggestions), inside the caller's mutation. */
export function addThemes(
  db: Db,
  themes: readonly CodebookTheme[],
  origin: ThemeView['origin'],
  now: Date,
  actor: string,
): void {
  let order = db.scalar<number>('SELECT coalesce(max(sort_order), 0) FROM theme') ?? 0;
  for (const t of themes) {
    checkTheme(db, t);
    insertTheme(db, t, ++order, origin, now.toISOString(), actor);
  }
}

/**
 * Delete (archive) a theme or restore it. Deleting a parent deletes its sub-themes with it, and
 * restoring restores the ones deleted at the same time. Returns the themes changed.
 */
export function archiveTheme(
  file: WorkspaceFile,
  id: string,
  archived: boolean,
  now: Date,
  actor: string,
): { changed: string[]; codings: number } {
  return file.mutate((db) => {
    const t = db.get<ThemeRow>('SELECT * FROM theme WHERE id = ?', [id]);
    if (!t) throw new AppError('not-found', 'That theme is not in the codebook.');
    const all = rows(db);
    const family = [id];
    for (let i = 0; i < family.length; i++)
      for (const r of all) if (r.parent_id === family[i] && !family.includes(r.id)) family.push(r.id);
    let changed: string[];
    if (archived) {
      changed = family.filter((f) => all.find((r) => r.id === f)!.archived_at === null);
      for (const f of changed)
        db.run('UPDATE theme SET archived_at = ?, archived_by = ? WHERE id = ?', [now.toISOString(), actor, f]);
    } else {
      if (t.parent_id && all.find((r) => r.id === t.parent_id)?.archived_at)
        throw new AppError('conflict', 'Restore the theme it sits under first.');
      // The sub-themes deleted together with it (same moment) come back with it.
      changed = family.filter((f) => {
        const r = all.find((x) => x.id === f)!;
        return r.archived_at !== null && (f === id || r.archived_at === t.archived_at);
      });
      for (const f of changed) db.run('UPDATE theme SET archived_at = NULL, archived_by = NULL WHERE id = ?', [f]);
    }
    const codings = changed.length
      ? (db.scalar<number>(
          `SELECT count(*) FROM coding WHERE removed_at IS NULL AND theme_id IN (${changed.map(() => '?').join(',')})`,
          changed,
        ) ?? 0)
      : 0;
    if (changed.length)
      audit(db, now, actor, archived ? 'analysis.theme-delete' : 'analysis.theme-restore', id, {
        name: t.name,
        themes: changed,
        codings,
      });
    return { changed, codings };
  });
}

export interface CodebookImportOutcome {
  added: number;
  updated: number;
  warnings: string[];
  themes: ThemeView[];
}

/** Read a codebook file (.csv, or REFI-QDA .qdc / .xml) and merge it into the codebook. */
export function importCodebook(
  file: WorkspaceFile,
  draft: Draft,
  path: string,
  now: Date,
  actor: string,
): CodebookImportOutcome {
  let text: string;
  try {
    if (statSync(path).size > 20 * 1024 * 1024)
      throw new AppError('bad-file', 'The codebook file is larger than 20MB, which is too large for a codebook.', {
        field: 'path',
      });
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('not-found', `Could not read ${path}: ${(e as Error).message}`, { field: 'path' });
  }
  const ext = extname(path).toLowerCase();
  let imported: Codebook;
  const warnings: string[] = [];
  try {
    const r =
      ext === '.qdc' || ext === '.xml' || /^\s*<\?xml|^\s*<CodeBook/i.test(text)
        ? codebookFromQdc(text)
        : codebookFromCsv(text);
    imported = r.codebook;
    warnings.push(...r.warnings);
  } catch (e) {
    if (e instanceof CodebookImportError)
      throw new AppError('bad-file', `The codebook could not be read: ${e.message}.`, { field: 'path' });
    throw e;
  }
  if (!imported.themes.length) throw new AppError('bad-file', 'The file holds no themes.', { field: 'path' });
  const known = knownQuestionIds(draft);
  const unknownQuestions = new Set<string>();
  let added = 0;
  let updated = 0;
  file.mutate((db) => {
    const existing = rows(db);
    const byId = new Map(existing.map((r) => [r.id, r]));
    // Imported id → id in this codebook (matched by id, else by name under the same parent).
    const mapped = new Map<string, string>();
    const key = (name: string, parent: string | null) => `${parent ?? ''}\u0000${name.trim().toLowerCase()}`;
    const byName = new Map(existing.filter((r) => r.archived_at === null).map((r) => [key(r.name, r.parent_id), r.id]));
    let order = db.scalar<number>('SELECT coalesce(max(sort_order), 0) FROM theme') ?? 0;
    const at = now.toISOString();
    for (const { theme: t } of codebookTree(imported)) {
      const parentId = t.parentId === null ? null : (mapped.get(t.parentId) ?? null);
      const questionIds = t.questionIds.filter((q) => {
        if (known.has(q)) return true;
        unknownQuestions.add(q);
        return false;
      });
      const target = byId.has(t.id) ? t.id : byName.get(key(t.name, parentId));
      if (target) {
        mapped.set(t.id, target);
        db.run(
          'UPDATE theme SET name = ?, description = ?, parent_id = ?, question_ids = ?, codable = ?, colour = ' +
            'coalesce(?, colour), archived_at = NULL, archived_by = NULL, updated_at = ?, updated_by = ? WHERE id ' +
            '= ?',
          [
            t.name.trim(),
            t.description,
            parentId,
            JSON.stringify(questionIds),
            t.codable ? 1 : 0,
            t.colour,
            at,
            actor,
            target,
          ],
        );
        updated++;
      } else {
        const id = t.id.trim() || randomUUID().toUpperCase();
        mapped.set(t.id, id);
        insertTheme(db, { ...t, id, parentId, questionIds, name: t.name.trim() }, ++order, 'imported', at, actor);
        byName.set(key(t.name, parentId), id);
        added++;
      }
    }
    const problems = validateCodebook(activeCodebook(db)).filter((p) => p.problem !== 'duplicate-name');
    if (problems.length)
      throw new AppError('bad-file', `The codebook could not be merged: ${problems[0]!.message}.`, { field: 'path' });
    audit(db, now, actor, 'analysis.codebook-import', null, { path, added, updated });
  });
  if (unknownQuestions.size)
    warnings.push(
      `Themes were for questions this consultation does not have ` +
        `(${[...unknownQuestions].slice(0, 5).join(', ')}${unknownQuestions.size > 5 ? '…' : ''}); they are shared ` +
        `across every question instead.`,
    );
  return { added, updated, warnings, themes: listThemes(file.db) };
}

/** Write the codebook (themes not deleted) as CSV or REFI-QDA .qdc, and log the export. */
export function exportCodebook(
  file: WorkspaceFile,
  draft: Draft,
  path: string,
  format: 'csv' | 'qdc',
  now: Date,
  actor: string,
) {
  const cb = activeCodebook(file.db);
  if (!cb.themes.length) throw new AppError('conflict', 'The codebook is empty: add a theme first.');
  const numbers = new Map(
    analysisQuestions(draft, true).map((q) => [q.id, q.number ? `Question ${q.number}` : q.text]),
  );
  const text =
    format === 'csv'
      ? codebookToCsv(cb)
      : codebookToQdc(cb, { origin: 'Consultation Workbench', questionLabel: (id) => numbers.get(id) ?? id });
  return writeLoggedFile(file, {
    path,
    extension: format === 'csv' ? '.csv' : '.qdc',
    bytes: new TextEncoder().encode(text),
    kind: `codebook-${format}`,
    redaction: 'not-applicable',
    note: `${cb.themes.length} themes`,
    now,
    actor,
  });
}
