/**
 * The codebook: themes for coding open answers, per question or shared across questions,
 * hierarchical (a theme may sit under a parent), each with a description. Exchanged with other
 * tools as CSV (Taguette, MAXQDA-style spreadsheets) and as a REFI-QDA codebook (.qdc, the
 * interchange standard QualCoder, NVivo, ATLAS.ti, MAXQDA and Taguette read:
 * http://schema.qdasoftware.org/versions/Codebook/v1.0/Codebook.xsd).
 *
 * CSV columns: id, name, parent (the parent's id), description, questions (question ids separated
 * by "; "; empty = shared by all questions). Import also takes the headers other tools write
 * (tag/code/path for name, memo for description, guid for id), a parent given by name, and
 * MAXQDA-style "Parent > Child" names when there is no parent column.
 *
 * .qdc: nested <Code> elements with guid, name, isCodable, color and <Description>. Theme ids that
 * are not GUIDs are exported as stable GUIDs derived from the id. Question scoping, which the
 * standard has no field for, is written as one <Set> per question (name "Question: …",
 * description "Consultation Workbench question <id>") listing its themes — other tools show these
 * as code sets, and import reads them back.
 */
import { parseCsv, CsvError } from '../core/csv-parse';
import { guidFromString } from '../core/hash';
import { restoreCell, toCsv } from '../core/spreadsheet-safety';
import { escapeXmlAttr, escapeXmlText, parseXml, XmlError, type XmlElement } from '../core/xml';

export interface CodebookTheme {
  id: string;
  name: string;
  description: string;
  parentId: string | null;
  /** Questions the theme is for; empty means shared across all questions. */
  questionIds: string[];
  /** False for a heading that groups themes but is not applied itself (REFI-QDA isCodable="false"). */
  codable: boolean;
  /** "#RRGGBB" or null. */
  colour: string | null;
}

export interface Codebook {
  themes: CodebookTheme[];
}

export interface CodebookImport {
  codebook: Codebook;
  /** Things the official should know (ignored sets, invented ids…); the import still succeeded. */
  warnings: string[];
}

export class CodebookImportError extends Error {
  constructor(
    message: string,
    /** 1-based line (CSV) when known. */
    readonly line: number | null = null,
  ) {
    super(line ? `${message} (line ${line})` : message);
    this.name = 'CodebookImportError';
  }
}

export function newTheme(t: Partial<CodebookTheme> & Pick<CodebookTheme, 'id' | 'name'>): CodebookTheme {
  return { description: '', parentId: null, questionIds: [], codable: true, colour: null, ...t };
}

export interface CodebookProblem {
  themeId: string;
  problem: 'duplicate-id' | 'empty-name' | 'missing-parent' | 'cycle' | 'duplicate-name';
  message: string;
}

/** Structural problems: duplicate ids, empty names, unknown parents, cycles, two siblings with one name. */
export function validateCodebook(cb: Codebook): CodebookProblem[] {
  const out: CodebookProblem[] = [];
  const byId = new Map<string, CodebookTheme>();
  for (const t of cb.themes) {
    if (byId.has(t.id))
      out.push({ themeId: t.id, problem: 'duplicate-id', message: `Two themes have the id "${t.id}"` });
    byId.set(t.id, t);
    if (!t.name.trim()) out.push({ themeId: t.id, problem: 'empty-name', message: `Theme "${t.id}" has no name` });
  }
  for (const t of cb.themes) {
    if (t.parentId !== null && !byId.has(t.parentId))
      out.push({ themeId: t.id, problem: 'missing-parent', message: `The parent of "${t.name}" does not exist` });
    const seen = new Set<string>([t.id]);
    let p = t.parentId;
    while (p !== null && byId.has(p)) {
      if (seen.has(p)) {
        out.push({ themeId: t.id, problem: 'cycle', message: `"${t.name}" is inside itself` });
        break;
      }
      seen.add(p);
      p = byId.get(p)!.parentId;
    }
  }
  const siblings = new Map<string, string>();
  for (const t of cb.themes) {
    const k = `${t.parentId ?? ''}\u0000${t.name.trim().toLowerCase()}`;
    if (siblings.has(k))
      out.push({
        themeId: t.id,
        problem: 'duplicate-name',
        message: `Two themes in the same place are called "${t.name}"`,
      });
    else siblings.set(k, t.id);
  }
  return out;
}

/** Themes that apply to a question: its own and the shared ones, in codebook order. */
export function themesForQuestion(cb: Codebook, questionId: string): CodebookTheme[] {
  return cb.themes.filter((t) => t.questionIds.length === 0 || t.questionIds.includes(questionId));
}

/** Themes in tree order (each parent followed by its children, in codebook order) with their depth. */
export function codebookTree(cb: Codebook): Array<{ theme: CodebookTheme; depth: number }> {
  const ids = new Set(cb.themes.map((t) => t.id));
  const children = new Map<string | null, CodebookTheme[]>();
  for (const t of cb.themes) {
    const p = t.parentId !== null && ids.has(t.parentId) && t.parentId !== t.id ? t.parentId : null;
    const list = children.get(p);
    if (list) list.push(t);
    else children.set(p, [t]);
  }
  const out: Array<{ theme: CodebookTheme; depth: number }> = [];
  const visited = new Set<string>();
  const walk = (p: string | null, depth: number) => {
    for (const t of children.get(p) ?? []) {
      if (visited.has(t.id)) continue;
      visited.add(t.id);
      out.push({ theme: t, depth });
      walk(t.id, depth + 1);
    }
  };
  walk(null, 0);
  // Themes caught in a cycle are never reached from the top: list them at the top level.
  for (const t of cb.themes)
    if (!visited.has(t.id)) {
      visited.add(t.id);
      out.push({ theme: t, depth: 0 });
      walk(t.id, 1);
    }
  return out;
}

// ---------------------------------------------------------------- CSV

export const CODEBOOK_CSV_COLUMNS = ['id', 'name', 'parent', 'description', 'questions'] as const;

/** The codebook as CSV (UTF-8 BOM, CRLF, formula-like cells neutralised), parents before children. */
export function codebookToCsv(cb: Codebook): string {
  const rows: string[][] = [[...CODEBOOK_CSV_COLUMNS]];
  for (const { theme: t } of codebookTree(cb))
    rows.push([t.id, t.name, t.parentId ?? '', t.description, t.questionIds.join('; ')]);
  return toCsv(rows, { bom: true });
}

const HEADER_ALIASES: Record<string, 'id' | 'name' | 'parent' | 'description' | 'questions'> = {
  id: 'id',
  guid: 'id',
  'theme id': 'id',
  name: 'name',
  tag: 'name',
  code: 'name',
  path: 'name',
  theme: 'name',
  parent: 'parent',
  'parent id': 'parent',
  parentid: 'parent',
  description: 'description',
  memo: 'description',
  definition: 'description',
  questions: 'questions',
  question: 'questions',
  'question ids': 'questions',
};

function slugId(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `theme-${s || 'unnamed'}`;
}

/** Reads a codebook CSV. Throws CodebookImportError (with the line) when it cannot be read as one. */
export function codebookFromCsv(text: string): CodebookImport {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvError)
      throw new CodebookImportError('The file is not valid CSV: a quoted field is not closed', e.line);
    throw e;
  }
  const warnings: string[] = [];
  const header = rows[0];
  if (!header) throw new CodebookImportError('The file is empty');
  const col: Partial<Record<'id' | 'name' | 'parent' | 'description' | 'questions', number>> = {};
  header.forEach((h, i) => {
    const k = HEADER_ALIASES[restoreCell(h).trim().toLowerCase()];
    if (k && col[k] === undefined) col[k] = i;
  });
  if (col.name === undefined)
    throw new CodebookImportError('No "name" column (also accepted: tag, code, path, theme)', 1);

  interface Raw {
    line: number;
    id: string | null;
    name: string;
    parent: string;
    description: string;
    questions: string[];
  }
  const raws: Raw[] = [];
  const cell = (row: string[], i: number | undefined) => (i === undefined ? '' : restoreCell(row[i] ?? '').trim());
  rows.slice(1).forEach((row, r) => {
    const line = r + 2;
    if (row.every((c) => !c.trim())) return;
    const name = cell(row, col.name);
    if (!name) throw new CodebookImportError('A theme has no name', line);
    raws.push({
      line,
      id: cell(row, col.id) || null,
      name,
      parent: cell(row, col.parent),
      description: cell(row, col.description),
      questions: cell(row, col.questions)
        .split(/[;|]/)
        .map((q) => q.trim())
        .filter(Boolean),
    });
  });

  const themes: CodebookTheme[] = [];
  const used = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
    used.add(id);
    return id;
  };
  // "Parent > Child" paths (MAXQDA) when no parent column: create the ancestors as needed.
  const splitPaths = col.parent === undefined && raws.some((r) => /\s*>\s*/.test(r.name));
  const byPath = new Map<string, CodebookTheme>();
  for (const r of raws) {
    if (r.id !== null) {
      if (used.has(r.id)) throw new CodebookImportError(`The id "${r.id}" is used twice`, r.line);
      used.add(r.id);
    }
  }
  for (const r of raws) {
    if (splitPaths) {
      const parts = r.name.split(/\s*>\s*/).filter(Boolean);
      let parentId: string | null = null;
      for (let d = 0; d < parts.length; d++) {
        const path = parts.slice(0, d + 1).join('>');
        const leaf = d === parts.length - 1;
        let t = byPath.get(path);
        if (!t) {
          t = newTheme({ id: leaf && r.id ? r.id : uniqueId(slugId(path)), name: parts[d]!, parentId });
          byPath.set(path, t);
          themes.push(t);
        }
        if (leaf) {
          t.description = r.description;
          t.questionIds = r.questions;
        }
        parentId = t.id;
      }
      continue;
    }
    const id = r.id ?? uniqueId(slugId(r.name));
    themes.push(
      newTheme({ id, name: r.name, description: r.description, questionIds: r.questions, parentId: r.parent || null }),
    );
  }
  if (col.id === undefined && raws.length)
    warnings.push('The file has no id column, so ids were made from the theme names.');
  // Parents may be given by id or, as Taguette and spreadsheets do, by name.
  const ids = new Set(themes.map((t) => t.id));
  const byName = new Map<string, CodebookTheme[]>();
  for (const t of themes) byName.set(t.name.toLowerCase(), [...(byName.get(t.name.toLowerCase()) ?? []), t]);
  themes.forEach((t, i) => {
    if (t.parentId === null || ids.has(t.parentId)) return;
    const named = byName.get(t.parentId.toLowerCase());
    if (named?.length === 1) t.parentId = named[0]!.id;
    else
      throw new CodebookImportError(
        `The parent "${t.parentId}" of "${t.name}" is not in the file`,
        splitPaths ? null : raws[i]!.line,
      );
  });
  const problems = validateCodebook({ themes }).filter((p) => p.problem !== 'duplicate-name');
  if (problems.length) throw new CodebookImportError(problems[0]!.message);
  return { codebook: { themes }, warnings };
}

// ---------------------------------------------------------------- REFI-QDA .qdc

export const QDC_NAMESPACE = 'urn:QDA-XML:codebook:1.0';
const GUID = /^(\{)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(\})?$/;
const QUESTION_SET = /^Consultation Workbench question (\S+)$/;

export const isGuid = (s: string): boolean => GUID.test(s);

export interface QdcExportOptions {
  /** Written as the origin attribute. */
  origin?: string;
  /** A readable name for a question in the per-question sets (default: its id). */
  questionLabel?: (questionId: string) => string;
}

/** The codebook as a REFI-QDA codebook document (UTF-8 XML text). */
export function codebookToQdc(cb: Codebook, opts: QdcExportOptions = {}): string {
  const guidOf = new Map(
    cb.themes.map((t) => [
      t.id,
      isGuid(t.id) ? t.id.replace(/[{}]/g, '').toUpperCase() : guidFromString(`theme:${t.id}`),
    ]),
  );
  const tree = codebookTree(cb);
  const lines: string[] = [];
  const open: number[] = [];
  const indent = (d: number) => '  '.repeat(d + 2);
  const closeTo = (depth: number) => {
    while (open.length && open[open.length - 1]! >= depth) lines.push(`${indent(open.pop()!)}</Code>`);
  };
  tree.forEach(({ theme: t, depth }, i) => {
    closeTo(depth);
    const attrs = [`guid="${guidOf.get(t.id)!}"`, `name="${escapeXmlAttr(t.name)}"`, `isCodable="${t.codable}"`];
    if (t.colour && /^#[0-9a-fA-F]{6}$/.test(t.colour)) attrs.push(`color="${t.colour.toUpperCase()}"`);
    const hasChildren = (tree[i + 1]?.depth ?? -1) > depth;
    if (!t.description && !hasChildren) {
      lines.push(`${indent(depth)}<Code ${attrs.join(' ')}/>`);
      return;
    }
    lines.push(`${indent(depth)}<Code ${attrs.join(' ')}>`);
    if (t.description) lines.push(`${indent(depth + 1)}<Description>${escapeXmlText(t.description)}</Description>`);
    if (hasChildren) open.push(depth);
    else lines.push(`${indent(depth)}</Code>`);
  });
  closeTo(0);
  const questions = [...new Set(cb.themes.flatMap((t) => t.questionIds))];
  const sets = questions.map((q) => {
    const members = cb.themes
      .filter((t) => t.questionIds.includes(q))
      .map((t) => `      <MemberCode targetGUID="${guidOf.get(t.id)!}"/>`);
    const label = opts.questionLabel?.(q) ?? q;
    return [
      `    <Set guid="${guidFromString(`question:${q}`)}" name="${escapeXmlAttr(`Question: ${label}`)}">`,
      `      <Description>Consultation Workbench question ${escapeXmlText(q)}</Description>`,
      ...members,
      '    </Set>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<CodeBook xmlns="${QDC_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
      `xsi:schemaLocation="${QDC_NAMESPACE} Codebook.xsd" ` +
      `origin="${escapeXmlAttr(opts.origin ?? 'Consultation Workbench')}">`,
    '  <Codes>',
    ...lines,
    '  </Codes>',
    sets.length ? ['  <Sets>', ...sets, '  </Sets>'].join('\n') : '  <Sets/>',
    '</CodeBook>',
    '',
  ].join('\n');
}

/**
 * Reads a REFI-QDA codebook (.qdc) or the CodeBook part of a project. Ids are the codes' GUIDs
 * (upper case, without braces). Throws CodebookImportError when the file is not one.
 */
export function codebookFromQdc(xml: string): CodebookImport {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlError) throw new CodebookImportError(`The file is not a readable codebook: ${e.message}`);
    throw e;
  }
  const book = root.name === 'CodeBook' ? root : root.children.find((c) => c.name === 'CodeBook');
  if (!book) throw new CodebookImportError('The file is not a REFI-QDA codebook (no CodeBook element)');
  const warnings: string[] = [];
  const themes: CodebookTheme[] = [];
  const seen = new Set<string>();
  const codes = book.children.find((c) => c.name === 'Codes');
  const visit = (el: XmlElement, parentId: string | null) => {
    for (const c of el.children) {
      if (c.name !== 'Code') continue;
      const rawGuid = c.attrs.guid ?? '';
      const name = (c.attrs.name ?? '').trim();
      if (!name) throw new CodebookImportError('A code has no name');
      let id = isGuid(rawGuid) ? rawGuid.replace(/[{}]/g, '').toUpperCase() : '';
      if (!id) {
        id = guidFromString(`imported:${parentId ?? ''}:${name}`);
        warnings.push(`The code "${name}" has no valid guid; one was made.`);
      }
      if (seen.has(id)) throw new CodebookImportError(`Two codes have the guid ${id}`);
      seen.add(id);
      const desc = c.children.find((d) => d.name === 'Description');
      const colour = c.attrs.color && /^#[0-9a-fA-F]{6}$/.test(c.attrs.color) ? c.attrs.color.toUpperCase() : null;
      themes.push(
        newTheme({
          id,
          name,
          parentId,
          description: desc?.text.trim() ?? '',
          codable: c.attrs.isCodable !== 'false',
          colour,
        }),
      );
      visit(c, id);
    }
  };
  if (codes) visit(codes, null);
  const byId = new Map(themes.map((t) => [t.id, t]));
  for (const set of book.children.find((c) => c.name === 'Sets')?.children ?? []) {
    if (set.name !== 'Set') continue;
    const desc = set.children.find((d) => d.name === 'Description')?.text.trim() ?? '';
    const m = QUESTION_SET.exec(desc);
    if (!m) {
      warnings.push(
        `The code set "${set.attrs.name ?? ''}" was not imported (code sets other than questions are not used).`,
      );
      continue;
    }
    for (const mc of set.children) {
      if (mc.name !== 'MemberCode') continue;
      // The standard's attribute is targetGUID; some tools write guid.
      const target = (mc.attrs.targetGUID ?? mc.attrs.guid ?? '').replace(/[{}]/g, '').toUpperCase();
      const t = byId.get(target);
      if (t && !t.questionIds.includes(m[1]!)) t.questionIds.push(m[1]!);
    }
  }
  return { codebook: { themes }, warnings };
}
