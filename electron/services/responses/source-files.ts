import { createHash } from 'node:crypto';
import { readFileBytes } from '../core/files/read-bytes';
import { readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { AppError } from '#shared/core/errors';
import type { Db } from '../core/db/database';
import type { ImportSourceType, InspectedFile } from '#shared/domain/responses/store';
import { checkZip, zipEntryText } from '../formats/read/zip-guard';
import { DEFAULT_LIMITS, formatBytes } from '../formats/read/limits';
import { XLSX_SHEETS } from '../documents/forms/response-form-xlsx';
import { DOCX_FORM_KIND } from '../documents/forms/docx-form-ids';

/**
 * Files picked for import: read once (size-checked first), hashed, and sorted into what they are
 * by their bytes — a survey export, one of our returned response forms (Word or Excel, recognised
 * by the ids the form builders embed) or an email — so each goes to its own reader. A folder
 * stands for the importable files directly inside it.
 */
export interface SourceFile extends InspectedFile {
  data: Uint8Array;
  /** Returned forms: which kind, from the package's parts. */
  formKind?: 'form-xlsx' | 'form-docx';
  emailFormat?: 'eml' | 'msg';
}

const IMPORTABLE = /\.(csv|tsv|tab|txt|xlsx|xlsm|xls|ods|docx|eml|msg|html?)$/i;

/** Paths as given, with any folder replaced by the importable files inside it (sorted by name). */
export function expandPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new AppError('not-found', `There is no file or folder at ${abs}.`, { path: abs });
    }
    if (st.isDirectory()) {
      const names = readdirSync(abs)
        .filter((n) => IMPORTABLE.test(n) && !n.startsWith('~$') && !n.startsWith('.'))
        .sort((a, b) => a.localeCompare(b, 'en-GB', { numeric: true }));
      if (!names.length)
        throw new AppError(
          'not-found',
          `The folder ${abs} has no files that can be imported (CSV, Excel, ODS, Word forms, emails).`,
          { path: abs },
        );
      for (const n of names) if (statSync(join(abs, n)).isFile()) out.push(join(abs, n));
    } else out.push(abs);
  }
  return out;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Read a file for import, refusing anything over the importer's size limit before reading it. */
export function readSource(path: string, db?: Db): SourceFile {
  const abs = resolve(path);
  let size: number;
  try {
    const st = statSync(abs);
    if (st.isDirectory())
      throw new AppError('bad-file', `${abs} is a folder. Choose the files inside it.`, { path: abs });
    // A pipe or a device never ends (reading /dev/zero fills memory, a pipe waits for ever): only files are read.
    if (!st.isFile())
      throw new AppError(
        'bad-file',
        `${basename(abs)} is not a file but a ${st.isFIFO() ? 'pipe' : st.isSocket() ? 'socket' : 'device'}, so ` +
          `it cannot be imported.`,
        { path: abs },
      );
    size = st.size;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('not-found', `There is no file at ${abs}.`, { path: abs });
  }
  const name = basename(abs);
  if (size > DEFAULT_LIMITS.maxFileBytes) {
    throw new AppError(
      'bad-file',
      `${name} is ${formatBytes(size)}; the importer reads files up ` +
        `to ${formatBytes(DEFAULT_LIMITS.maxFileBytes)}. Split it and import the parts.`,
      { reason: 'too-large', path: abs },
    );
  }
  let data: Uint8Array;
  try {
    data = readFileBytes(abs);
  } catch (e) {
    throw new AppError('io', `Could not read ${abs}: ${(e as Error).message}`, { path: abs });
  }
  const file: SourceFile = { path: abs, name, bytes: data.length, sha256: sha256Hex(data), type: null, data };
  classify(file);
  if (db) {
    const prior = priorImport(db, file.sha256);
    if (prior) file.alreadyImported = prior;
  }
  return file;
}

/** The batch that imported these bytes, unless it was undone. */
export function priorImport(db: Db, sha256: string): InspectedFile['alreadyImported'] {
  const row = db.get<{ id: number; imported_at: string; source_name: string }>(
    'SELECT id, imported_at, source_name FROM import_batch WHERE sha256 = ? AND undone_at IS NULL ORDER BY id ' +
      'DESC LIMIT 1',
    [sha256],
  );
  return row ? { batchId: row.id, at: row.imported_at, sourceName: row.source_name } : undefined;
}

function startsWith(b: Uint8Array, sig: number[]): boolean {
  return sig.every((v, i) => b[i] === v);
}

function setType(file: SourceFile, type: ImportSourceType | null, problem?: string): void {
  file.type = type;
  if (problem) file.problem = problem;
}

/** Decide what a file is from its bytes (and, for Outlook messages, its name). */
function classify(file: SourceFile): void {
  const b = file.data;
  const ext = (/\.([a-z0-9]+)$/i.exec(file.name)?.[1] ?? '').toLowerCase();
  if (b.length === 0) return setType(file, null, `${file.name} is empty.`);
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (ext === 'msg') {
      file.emailFormat = 'msg';
      return setType(file, 'email');
    }
    if (ext === 'doc')
      return setType(
        file,
        null,
        `${file.name} is an old-style Word document (.doc). Response forms are Word .docx files; save it as ` +
          `.docx and import that.`,
      );
    return setType(file, 'survey');
  }
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06])) {
    let entries;
    try {
      entries = checkZip(b, file.name, DEFAULT_LIMITS);
    } catch (e) {
      return setType(file, null, (e as Error).message);
    }
    const byName = new Map(entries.map((e) => [e.name, e]));
    const custom = byName.get('docProps/custom.xml');
    if (byName.has('word/document.xml')) {
      if (custom && zipEntryText(b, custom, 1 << 20).includes(DOCX_FORM_KIND)) {
        file.formKind = 'form-docx';
        return setType(file, 'response-form');
      }
      return setType(
        file,
        null,
        `${file.name} is a Word document but not one of this consultation's response forms (it has none of the ` +
          `form's hidden ids). Type or paste it in as a letter instead.`,
      );
    }
    const workbook = byName.get('xl/workbook.xml');
    if (workbook && new RegExp(`name="${XLSX_SHEETS.hidden}"`).test(zipEntryText(b, workbook, 1 << 20))) {
      file.formKind = 'form-xlsx';
      return setType(file, 'response-form');
    }
    return setType(file, 'survey');
  }
  if (ext === 'eml' || looksLikeEmail(b)) {
    file.emailFormat = 'eml';
    return setType(file, 'email');
  }
  // Named as an Outlook message but not one (and not an email either): never read it as a survey export.
  if (ext === 'msg') {
    return setType(
      file,
      null,
      `${file.name} is named as an Outlook message (.msg) but is not one: it may be damaged, or another kind of ` +
        `file renamed. If it came from Outlook, save the message again (File, Save As, Outlook Message Format) and ` +
        `import that.`,
    );
  }
  return setType(file, 'survey');
}

function looksLikeEmail(b: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(b.subarray(0, 8192));
  return (
    /^(from|received|return-path|mime-version|message-id|delivered-to|date|subject|to): /im.test(head.slice(0, 200)) &&
    /\n(subject|from): /i.test(head)
  );
}

/** What the wizard shows for a file: no bytes. */
export function inspected(file: SourceFile): InspectedFile {
  const { data: _data, formKind: _f, emailFormat: _e, ...rest } = file;
  return rest;
}
