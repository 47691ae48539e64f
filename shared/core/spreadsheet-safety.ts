/**
 * Spreadsheet output that cannot run anything (OWASP "CSV Injection"): a cell whose text starts
 * with =, +, -, @, a tab or a carriage return is read by Excel, LibreOffice and Google Sheets as a
 * formula, so "=HYPERLINK(...)" or "=cmd|' /C calc'!A0" in a respondent's answer would run when an
 * official opens the export. OWASP's advice is to prefix such cells with a single quote, which
 * spreadsheet programs show as text.
 *
 * We go a little further than the OWASP list:
 * - leading white space is looked through (" =1+1"): some programs trim before parsing;
 * - line feeds count like carriage returns;
 * - the full-width and small forms of the trigger characters (＝ ＋ － ＠, ﹦ ﹢ ﹣ ﹫) are treated
 *   as triggers, because East Asian input methods and some import paths fold them to ASCII;
 * - a value that already starts with quotes before a trigger ("'=1") gets one more quote, so
 *   `restoreCell` can undo `neutraliseCell` exactly (round trip through our own CSV import).
 *
 * Every CSV and spreadsheet the app writes passes its text cells through `neutraliseCell`.
 * (Numbers written as number cells by a spreadsheet library are not text and need no prefix.)
 */

const TRIGGERS = new Set([
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\n',
  '\uff1d',
  '\uff0b',
  '\uff0d',
  '\uff20',
  '\ufe66',
  '\ufe62',
  '\ufe63',
  '\ufe6b',
]);
/** White space that may be trimmed before a program decides whether a cell is a formula. */
const LEADING_SPACE = /^[ \u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff\v\f]*/;

/** Whether a spreadsheet could read this text as a formula. */
export function isFormulaLike(value: string): boolean {
  let v = value;
  while (v.startsWith("'")) v = v.slice(1);
  // Tabs and line breaks are triggers themselves, so they are not skipped as white space.
  v = v.replace(LEADING_SPACE, '');
  return v.length > 0 && TRIGGERS.has(v[0]!);
}

/** The value, made safe to put in a spreadsheet cell: prefixed with ' if it could be a formula. */
export function neutraliseCell(value: string): string {
  return isFormulaLike(value) ? `'${value}` : value;
}

/** Undoes `neutraliseCell` (for reading back files we wrote): `restoreCell(neutraliseCell(v)) === v`. */
export function restoreCell(value: string): string {
  return value.startsWith("'") && isFormulaLike(value.slice(1)) ? value.slice(1) : value;
}

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark so Excel reads the file as UTF-8. Default true. */
  bom?: boolean;
  /** Neutralise formula-like cells (default true; turn off only for machine-to-machine files). */
  neutralise?: boolean;
}

/**
 * Rows as CSV text per RFC 4180: comma-separated, CRLF after every row, a field quoted when it
 * holds a comma, quote, CR or LF, or has leading or trailing spaces, quotes doubled inside.
 * A row that is a single empty field is written as "" so it is not mistaken for a blank line.
 * The result is a string; encode it as UTF-8 when writing (the BOM is the first character).
 */
export function toCsv(rows: readonly (readonly string[])[], opts: CsvOptions = {}): string {
  const { bom = true, neutralise = true } = opts;
  const out: string[] = [];
  for (const row of rows) {
    if (row.length === 1 && row[0] === '') {
      out.push('""');
      continue;
    }
    out.push(row.map((cell) => csvField(neutralise ? neutraliseCell(cell) : cell)).join(','));
  }
  return (bom ? '\ufeff' : '') + out.map((l) => l + '\r\n').join('');
}

function csvField(v: string): string {
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
