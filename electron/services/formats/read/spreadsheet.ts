import * as XLSX from '@e965/xlsx';
import { AppError } from '#shared/core/errors';
import type { ImportWarning } from '#shared/domain/survey-import/types';
import type { ImportLimits } from './limits';

/**
 * Workbooks (XLSX, XLS, ODS, HTML tables saved as .xls) with SheetJS 0.20.3 from the @e965/xlsx
 * republication — never npm `xlsx` 0.18.5, which has prototype pollution (CVE-2023-30533) and
 * ReDoS (CVE-2024-22363) advisories fixed in 0.20.2. Safe options: formulas are not kept (their
 * last saved value is read; SheetJS has no calculation engine, so nothing is ever evaluated), no
 * styles, HTML or VBA, dense sheets, one sheet parsed, rows capped. Zip files are checked by
 * zip-guard.ts before they get here. Dates become "YYYY-MM-DD HH:mm:ss" as on the sheet's clock.
 */
export interface ReadSheet {
  cells: string[][];
  sheetName: string;
  sheetNames: string[];
  warnings: ImportWarning[];
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function cellText(c: XLSX.CellObject | undefined): string {
  if (!c) return '';
  switch (c.t) {
    case 's':
      return typeof c.v === 'string' ? c.v : String(c.v ?? '');
    case 'd': {
      const d = c.v instanceof Date ? c.v : new Date(String(c.v));
      if (Number.isNaN(d.getTime())) return c.w ?? '';
      const time =
        d.getUTCHours() || d.getUTCMinutes() || d.getUTCSeconds()
          ? ` ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
          : '';
      return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}${time}`;
    }
    case 'b':
      return c.v ? 'TRUE' : 'FALSE';
    case 'e':
      return c.w ?? '#ERROR';
    case 'z':
      return '';
    default:
      // Numbers: as displayed (keeps "1-10" text, "0.5" not "0.50000001"), else the plain value.
      return c.w ?? (c.v === undefined || c.v === null ? '' : String(c.v));
  }
}

/**
 * Runs SheetJS with the console quiet: on a damaged file it writes notes of its own ("Missing Info
 * for XLS Record …") straight to the console, which on the command line would land on stderr
 * beside the one clear message. What is wrong is reported by the error it throws, or not at all.
 */
function quietly<T>(read: () => T): T {
  const c = console as unknown as Record<'log' | 'warn' | 'error', (...args: unknown[]) => void>;
  const saved = { log: c.log, warn: c.warn, error: c.error };
  c.log = c.warn = c.error = () => {};
  try {
    return read();
  } finally {
    Object.assign(c, saved);
  }
}

export function readWorkbook(
  data: Uint8Array | string,
  fileName: string,
  limits: ImportLimits,
  sheet?: string,
): ReadSheet {
  const opts: XLSX.ParsingOptions = {
    type: typeof data === 'string' ? 'string' : 'array',
    dense: true,
    cellFormula: false,
    cellHTML: false,
    cellNF: false,
    cellStyles: false,
    cellText: true,
    cellDates: true,
    UTC: true,
    bookVBA: false,
    bookDeps: false,
    bookFiles: false,
    sheetStubs: false,
    WTF: false,
    sheetRows: limits.maxRows + 1,
    sheets: sheet ?? 0,
  };
  let wb: XLSX.WorkBook;
  try {
    wb = quietly(() => XLSX.read(data, opts));
  } catch (e) {
    const msg = (e as Error).message ?? '';
    if (/password|encrypt/i.test(msg))
      throw new AppError(
        'bad-file',
        `${fileName} is protected with a password. Save an unprotected copy and import that.`,
        { reason: 'encrypted' },
      );
    // SheetJS's own words when they describe the file; a JavaScript slip inside it says nothing to the official.
    const why =
      e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError ? '' : ` (${msg.slice(0, 200)})`;
    throw new AppError(
      'bad-file',
      `${fileName} could not be read as a spreadsheet: it may be damaged, or not a spreadsheet${why}. If it was ` +
        `downloaded or emailed, get a fresh copy.`,
      { reason: 'damaged' },
    );
  }
  const sheetNames = wb.SheetNames.slice();
  const name = sheet ?? sheetNames[0];
  if (sheet !== undefined && !sheetNames.includes(sheet))
    throw new AppError('not-found', `${fileName} has no sheet called "${sheet}".`, { reason: 'no-sheet', sheetNames });
  if (name === undefined) throw new AppError('bad-file', `${fileName} has no sheets.`, { reason: 'empty' });
  const ws = wb.Sheets[name];
  if (!ws) {
    // Listed but not read: SheetJS drops a sheet it cannot parse (a text index past the end of the
    // shared strings, say). Read again, strictly, only to say why.
    let why = '';
    try {
      quietly(() => XLSX.read(data, { ...opts, WTF: true }));
    } catch (e) {
      // SheetJS's own words help when they describe the file; a JavaScript slip inside it does not.
      if (!(e instanceof TypeError || e instanceof RangeError))
        why = ` (${((e as Error).message ?? '').slice(0, 200)})`;
    }
    throw new AppError(
      'bad-file',
      `${fileName} is damaged: its sheet "${name}" could not be read${why}. If it was downloaded or emailed, ` +
        `get a fresh copy.`,
      { reason: 'damaged', sheetNames },
    );
  }

  const warnings: ImportWarning[] = [];
  const ref = ws['!ref'];
  const range = ref ? XLSX.utils.decode_range(ref) : { s: { r: 0, c: 0 }, e: { r: -1, c: -1 } };
  const dense = (ws['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  let width = 0;
  for (const row of dense)
    if (row)
      for (let c = row.length - 1; c >= width; c--)
        if (cellText(row[c]) !== '') {
          width = c + 1;
          break;
        }
  if (width > limits.maxColumns)
    throw new AppError(
      'bad-file',
      `${fileName} has ${width.toLocaleString('en-GB')} columns; the importer reads at ` +
        `most ${limits.maxColumns.toLocaleString('en-GB')}. Remove unused columns and try again.`,
      { reason: 'too-many-columns', columns: width },
    );
  if (range.e.r + 1 > limits.maxRows)
    throw new AppError(
      'bad-file',
      `${fileName} has more than ${limits.maxRows.toLocaleString('en-GB')} rows; the importer reads at most ` +
        `that many. Split the file and import the parts.`,
      { reason: 'too-many-rows' },
    );
  const cells: string[][] = [];
  const rows = Math.max(dense.length, 0);
  for (let r = 0; r < rows; r++) {
    const src = dense[r];
    const out = new Array<string>(width);
    for (let c = 0; c < width; c++) out[c] = cellText(src?.[c]);
    cells.push(out);
  }
  // Trailing blank rows are formatting, not data.
  while (cells.length > 0 && cells[cells.length - 1]!.every((v) => v === '')) cells.pop();
  if (sheetNames.length > 1)
    warnings.push({
      code: 'more-sheets',
      message:
        `Read the sheet "${name}". The file has ${sheetNames.length} sheets (${sheetNames.join(', ')}): choose ` +
        `another if the responses are on it.`,
    });
  return { cells, sheetName: name, sheetNames, warnings };
}
