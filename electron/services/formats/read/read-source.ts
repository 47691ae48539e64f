import { AppError } from '#shared/core/errors';
import type { ImportWarning, RawTable, SourceFormat } from '#shared/domain/survey-import/types';
import { decodeText, utf8TextStart } from './decode-text';
import { parseDelimited, parseDelimitedUtf8, utf8Head } from './csv';
import { readWorkbook } from './spreadsheet';
import { checkZip, zipEntryText } from './zip-guard';
import { checkOdsRepeats } from './ods-repeats';
import { formatBytes, withLimits, type ImportLimits } from './limits';

/**
 * Any survey export → a RawTable of text cells. The kind of file is decided by its bytes, not its
 * name (a ".xls" that is really a CSV or an HTML table is common): zip → XLSX or ODS (after the
 * zip-bomb check), OLE2 → XLS, known non-spreadsheets (PDF, images, Word) refused by name, anything
 * else is text → CSV/TSV. Every failure is an AppError('bad-file') whose message says what is wrong
 * and what to do, with details.reason: 'empty' | 'too-large' | 'not-a-spreadsheet' | 'damaged' |
 * 'zip-bomb' | 'encrypted' | 'too-many-columns' | 'too-many-rows' | 'bad-encoding'.
 */
export interface ReadOptions {
  /** Spreadsheet: the sheet to read (default the first). */
  sheet?: string;
  /** CSV: the separator, when the official overrides the sniffed one. */
  delimiter?: string;
  limits?: Partial<ImportLimits>;
}

function refuse(fileName: string, what: string): AppError {
  return new AppError(
    'bad-file',
    `${fileName} is ${what}, not a spreadsheet or CSV file. Export the responses as CSV or Excel and import that.`,
    { reason: 'not-a-spreadsheet' },
  );
}

function startsWith(b: Uint8Array, sig: number[]): boolean {
  return sig.every((v, i) => b[i] === v);
}

export function readSourceFile(bytes: Uint8Array, fileName: string, opts: ReadOptions = {}): RawTable {
  const limits = withLimits(opts.limits);
  if (bytes.length === 0) throw new AppError('bad-file', `${fileName} is empty.`, { reason: 'empty' });
  if (bytes.length > limits.maxFileBytes)
    throw new AppError(
      'bad-file',
      `${fileName} is ${formatBytes(bytes.length)}; the importer reads files up ` +
        `to ${formatBytes(limits.maxFileBytes)}. Split it and import the parts.`,
      { reason: 'too-large' },
    );
  const ext = (/\.([a-z0-9]+)$/i.exec(fileName)?.[1] ?? '').toLowerCase();

  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const entries = checkZip(bytes, fileName, limits);
    const names = new Set(entries.map((e) => e.name));
    let format: SourceFormat;
    if (names.has('xl/workbook.xml') || names.has('xl/workbook.bin')) format = 'xlsx';
    else if (
      names.has('content.xml') &&
      names.has('mimetype') &&
      zipEntryText(
        bytes,
        entries.find((e) => e.name === 'mimetype')!,
      ).includes('spreadsheet')
    ) {
      format = 'ods';
      const content = entries.find((e) => e.name === 'content.xml')!;
      checkOdsRepeats(zipEntryText(bytes, content, content.uncompressedSize), fileName, limits);
    } else if (names.has('word/document.xml')) throw refuse(fileName, 'a Word document');
    else if (names.has('ppt/presentation.xml')) throw refuse(fileName, 'a PowerPoint presentation');
    else if (names.has('content.xml')) throw refuse(fileName, 'an OpenDocument file of another kind');
    else throw refuse(fileName, 'a zip archive');
    return fromSheet(readWorkbook(bytes, fileName, limits, opts.sheet), fileName, format, []);
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (ext === 'msg') throw refuse(fileName, 'an Outlook message (import it as an email)');
    if (ext === 'doc') throw refuse(fileName, 'a Word document');
    return fromSheet(readWorkbook(bytes, fileName, limits, opts.sheet), fileName, 'xls', []);
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) throw refuse(fileName, 'a PDF');
  if (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(bytes, [0xff, 0xd8, 0xff]) ||
    startsWith(bytes, [0x47, 0x49, 0x46, 0x38])
  )
    throw refuse(fileName, 'an image');
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) throw refuse(fileName, 'a Rich Text (RTF) document');
  if (startsWith(bytes, [0x1f, 0x8b])) throw refuse(fileName, 'a compressed (gzip) file');

  // A UTF-8 file (the usual export) is parsed a few megabytes at a time when it is large (csv.ts: the text of each
  // piece goes with its rows); anything else, or one that cannot be, as one string.
  const utf8At = utf8TextStart(bytes);
  let decoded = utf8At === null ? decodeText(bytes, fileName) : null;
  const whole = () => (decoded ??= decodeText(bytes, fileName));
  const head = decoded?.text ?? utf8Head(bytes, utf8At!);
  const lead = head.slice(0, 2048).trimStart().toLowerCase();
  if (lead.startsWith('<') && /<table[\s>]/i.test(head.slice(0, 1 << 20))) {
    const { text, warnings } = whole();
    return fromSheet(readWorkbook(text, fileName, limits, opts.sheet), fileName, 'html', warnings);
  }
  if (lead.startsWith('<?xml') || lead.startsWith('<!doctype') || lead.startsWith('<html'))
    throw refuse(fileName, 'a web page or XML file with no table');
  if (lead.startsWith('{\\rtf')) throw refuse(fileName, 'a Rich Text (RTF) document');
  if (
    /^(from|received|return-path|mime-version|message-id|delivered-to): /i.test(lead) &&
    /\n(subject|from): /i.test(head.slice(0, 8192))
  )
    throw refuse(fileName, 'an email (import it as an email)');

  const csvOpts = {
    ...(opts.delimiter ? { delimiter: opts.delimiter } : {}),
    preferTab: ext === 'tsv' || ext === 'tab',
  };
  const parsed =
    (utf8At !== null ? parseDelimitedUtf8(bytes, utf8At, csvOpts) : null) ?? parseDelimited(whole().text, csvOpts);
  const encoding = decoded?.encoding ?? 'utf-8';
  const warnings = [...(decoded?.warnings ?? []), ...parsed.warnings, ...dropNuls(parsed.cells)];
  let width = 0;
  for (const r of parsed.cells) if (r.length > width) width = r.length;
  if (width > limits.maxColumns)
    throw new AppError(
      'bad-file',
      `${fileName} has ${width.toLocaleString('en-GB')} columns; the importer reads at ` +
        `most ${limits.maxColumns.toLocaleString('en-GB')}. Remove unused columns, or check the separator.`,
      { reason: 'too-many-columns', columns: width },
    );
  if (parsed.cells.length > limits.maxRows)
    throw new AppError(
      'bad-file',
      `${fileName} has ${parsed.cells.length.toLocaleString('en-GB')} rows; the importer reads at ` +
        `most ${limits.maxRows.toLocaleString('en-GB')}. Split the file and import the parts.`,
      { reason: 'too-many-rows' },
    );
  if (parsed.cells.every((r) => r.every((c) => c.trim() === '')))
    throw new AppError('bad-file', `${fileName} has no data in it.`, { reason: 'empty' });
  if (parsed.endsMidRow && parsed.cells.length > 1) {
    const last = parsed.cells[parsed.cells.length - 1]!;
    const header = parsed.cells[0]!;
    if (last.length < header.length)
      warnings.push({
        code: 'ends-mid-row',
        message: `The file ends part-way through row ${parsed.cells.length}: it may have been cut off.`,
        row: parsed.cells.length,
      });
  }
  return {
    fileName,
    format: 'csv',
    cells: parsed.cells,
    rowNumbers: parsed.cells.map((_, i) => i + 1),
    columnCount: width,
    encoding,
    delimiter: parsed.delimiter,
    endsMidRow: parsed.endsMidRow,
    rowProblems: parsed.rowProblems,
    warnings,
  };
}

function fromSheet(
  s: ReturnType<typeof readWorkbook>,
  fileName: string,
  format: SourceFormat,
  warnings: ImportWarning[],
): RawTable {
  let width = 0;
  for (const r of s.cells) if (r.length > width) width = r.length;
  if (s.cells.length === 0 || s.cells.every((r) => r.every((c) => c.trim() === '')))
    throw new AppError('bad-file', `The sheet "${s.sheetName}" in ${fileName} is empty.`, {
      reason: 'empty',
      sheetNames: s.sheetNames,
    });
  return {
    fileName,
    format,
    cells: s.cells,
    rowNumbers: s.cells.map((_, i) => i + 1),
    columnCount: width,
    sheetName: s.sheetName,
    sheetNames: s.sheetNames,
    warnings: [...warnings, ...s.warnings],
  };
}

/**
 * Removes NUL characters (byte 0: text never holds one; a damaged copy or a faulty tool leaves
 * them) from the cells, and says where they were, so the rest of each cell is kept and the
 * official can check it.
 */
function dropNuls(cells: string[][]): ImportWarning[] {
  const places: string[] = [];
  let count = 0;
  let firstRow = 0;
  for (let r = 0; r < cells.length; r++) {
    const row = cells[r]!;
    for (let c = 0; c < row.length; c++) {
      if (!row[c]!.includes('\u0000')) continue;
      row[c] = row[c]!.replaceAll('\u0000', '');
      if (count++ === 0) firstRow = r + 1;
      if (places.length < 3) {
        const header = r > 0 ? cells[0]?.[c]?.trim() : '';
        places.push(
          `row ${r + 1}, ` +
            `column ${c + 1}${header ? ` ("${header.length > 40 ? `${header.slice(0, 40)}…` : header}")` : ''}`,
        );
      }
    }
  }
  if (!count) return [];
  return [
    {
      code: 'nul-removed',
      message:
        `${count === 1 ? 'A cell' : `${count.toLocaleString('en-GB')} cells`} held a NUL character (a byte that ` +
        `text never holds), now removed: ${places.join('; ')}${count > places.length ? '; …' : ''}. ` +
        `Check ${count === 1 ? 'it' : 'them'} against the original.`,
      row: firstRow,
    },
  ];
}
