import Papa from 'papaparse';
import type { ImportWarning } from '#shared/domain/survey-import/types';

/**
 * Delimited text → rows of cells, with papaparse (RFC 4180 quoting: separators, quotes and line
 * breaks inside quoted cells). The separator is sniffed from the first rows: the candidate
 * (',' ';' tab '|') that splits them into the same number of cells, most of them. An Excel
 * "sep=;" first line is obeyed. Cells stay text: nothing is converted or evaluated.
 */
export interface ParsedDelimited {
  cells: string[][];
  delimiter: string;
  endsMidRow: boolean;
  warnings: ImportWarning[];
  rowProblems: { row: number; reason: string }[];
}

const CANDIDATES = [',', ';', '\t', '|'];

export function sniffDelimiter(sample: string, preferTab = false): string {
  let best = ',';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const res = Papa.parse<string[]>(sample, { delimiter: d, preview: 60, skipEmptyLines: true });
    const rows = res.data;
    // The last sampled row may be cut short by the sample's end.
    const counted = rows.length > 2 ? rows.slice(0, -1) : rows;
    if (counted.length === 0) continue;
    const freq = new Map<number, number>();
    for (const r of counted) freq.set(r.length, (freq.get(r.length) ?? 0) + 1);
    let mode = 1;
    let modeCount = 0;
    for (const [len, n] of freq) if (n > modeCount || (n === modeCount && len > mode)) [mode, modeCount] = [len, n];
    if (mode < 2) continue;
    let score = (modeCount / counted.length) * Math.log2(mode);
    // A separator that leaves quotes out of place is the wrong one.
    if (res.errors.some((e) => e.type === 'Quotes' && (e.row ?? 0) < counted.length)) score *= 0.01;
    if (d === '\t' && preferTab) score *= 1.5;
    if (score > bestScore + 1e-9) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** papaparse's quote errors as each row's problem and a warning; `rowsBefore` rows came before the text parsed. */
function quoteProblems(
  errors: Papa.ParseError[],
  rowsBefore: number,
): { rowProblems: { row: number; reason: string }[]; warnings: ImportWarning[] } {
  const rowProblems: { row: number; reason: string }[] = [];
  const warnings: ImportWarning[] = [];
  for (const e of errors) {
    if (e.type !== 'Quotes' || e.row === undefined) continue;
    const row = rowsBefore + e.row + 1;
    const reason =
      e.code === 'MissingQuotes'
        ? `A quoted cell starting in row ${row} is never closed, so everything after it was read into that cell: ` +
          `the file may be cut off or have a stray quote.`
        : `Row ${row} has a quote in the wrong place, so its cells may be split wrongly.`;
    rowProblems.push({ row, reason });
    warnings.push({
      code: e.code === 'MissingQuotes' ? 'unterminated-quote' : 'malformed-quote',
      message: reason,
      row,
    });
  }
  return { rowProblems, warnings };
}

const PAPA_OPTIONS = {
  skipEmptyLines: false,
  header: false,
  dynamicTyping: false,
  quoteChar: '"',
  escapeChar: '"',
} as const;

/** An Excel "sep=;" first line: the separator it names, and its length. */
const SEP_LINE = /^sep=(.)\r?\n/i;

export function parseDelimited(text: string, opts: { delimiter?: string; preferTab?: boolean } = {}): ParsedDelimited {
  const warnings: ImportWarning[] = [];
  let body = text;
  let delimiter = opts.delimiter;
  const sep = SEP_LINE.exec(body);
  if (sep) {
    delimiter ??= sep[1]!;
    body = body.slice(sep[0].length);
  }
  delimiter ??= sniffDelimiter(body.slice(0, 1 << 16), opts.preferTab);

  const res = Papa.parse<string[]>(body, { delimiter, ...PAPA_OPTIONS });
  const cells = res.data;
  const endsMidRow = body.length > 0 && !/[\r\n]$/.test(body);
  // A final line break ends the last row; it does not start a new one.
  const last = cells[cells.length - 1];
  if (!endsMidRow && last && last.length === 1 && last[0] === '') cells.pop();

  const { rowProblems, warnings: quoteWarnings } = quoteProblems(res.errors, 0);
  warnings.push(...quoteWarnings);
  return { cells, delimiter, endsMidRow, warnings, rowProblems };
}

/** Bytes of a UTF-8 export decoded and parsed at a time by parseDelimitedUtf8. */
const PIECE_BYTES = 4 * 1024 * 1024;

/**
 * The first bytes decoded to read what the file is and how it is written: at least the first 2^20 characters (what
 * papaparse guesses the line break from; a character is at most 3 bytes per UTF-16 unit), or the whole text.
 */
const HEAD_BYTES = 3 * (1 << 20) + 64;

/** The start of a UTF-8 text: at least its first HEAD_BYTES bytes, as whole characters (or all of it). */
export function utf8Head(bytes: Uint8Array, start: number): string {
  return new TextDecoder('utf-8').decode(bytes.subarray(start, start + HEAD_BYTES), { stream: true });
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** How many quote characters the bytes [from, to) hold. */
function quotesIn(bytes: Buffer, from: number, to: number): number {
  const part = bytes.subarray(from, to);
  let n = 0;
  for (let i = part.indexOf(QUOTE); i !== -1; i = part.indexOf(QUOTE, i + 1)) n++;
  return n;
}

/**
 * Where the piece starting at `from` (outside any quotes) ends: just after the first line break at or beyond
 * `from + size` with an even number of quotes before it in the piece — the end of a row, in a file whose quotes are
 * where RFC 4180 puts them (the parse of each piece checks that) — or the end of the bytes.
 */
function pieceEnd(bytes: Buffer, from: number, size: number, newline: '\n' | '\r\n'): number {
  let at = Math.min(bytes.length, from + size);
  let quotes = quotesIn(bytes, from, at);
  for (let lf = bytes.indexOf(LF, at); lf !== -1; lf = bytes.indexOf(LF, at)) {
    quotes += quotesIn(bytes, at, lf);
    at = lf + 1;
    if (quotes % 2 === 0 && (newline === '\n' || bytes[lf - 1] === CR)) return at;
  }
  return bytes.length;
}

/**
 * A large UTF-8 export (bytes from `start`, after any byte-order mark; utf8TextStart) parsed as parseDelimited parses
 * its whole text, a few megabytes at a time: each piece ends at the end of a row and is decoded and parsed on its
 * own, so the cells of each row refer to their piece's text rather than to one string of the whole file, and the
 * pieces go as the rows are released (an import maps and frees the table a slice at a time: 335 MB of text for a
 * 176 MB export of 100,000 responses, held to the last row when the cells were parts of one string).
 *
 * The same table as parseDelimited(whole text) gives, warnings and all (tests/unit/import/csv-pieces.test.ts): the
 * separator and the line break are settled from the start of the text as papaparse settles them for the whole, and a
 * piece is taken only when its parse has no problem and ends with the line break, so that it ended a row of the
 * whole; a piece with a problem (a quote out of place) is parsed with the rest of the file in one, as the whole text
 * is from that row on. Null when the file is small, its line breaks are bare \r, or a piece starts with U+FEFF (which
 * papaparse would take for a byte-order mark): the caller then parses the whole text.
 */
export function parseDelimitedUtf8(
  bytes: Uint8Array,
  start: number,
  opts: { delimiter?: string; preferTab?: boolean; pieceBytes?: number } = {},
): ParsedDelimited | null {
  const size = opts.pieceBytes ?? PIECE_BYTES;
  if (bytes.length - start <= size) return null;
  const head = utf8Head(bytes, start);
  let delimiter = opts.delimiter;
  const sep = SEP_LINE.exec(head);
  if (sep) delimiter ??= sep[1]!;
  const bodyHead = sep ? head.slice(sep[0].length) : head;
  delimiter ??= sniffDelimiter(bodyHead.slice(0, 1 << 16), opts.preferTab);
  // The line break papaparse would guess for the whole text, from the same first 2^20 characters (after a BOM).
  const newline = Papa.parse<string[]>(bodyHead, { delimiter, ...PAPA_OPTIONS, preview: 1 }).meta.linebreak;
  if (newline !== '\n' && newline !== '\r\n') return null;

  // Node's Buffer searches for a byte several times faster than Uint8Array's indexOf (a view of the same bytes).
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const cells: string[][] = [];
  const firstDecoder = new TextDecoder('utf-8', { fatal: true });
  // Past the first piece a U+FEFF is text, not a byte-order mark: kept, as decoding the whole text keeps it.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const piece = (from: number, to: number): { text: string; res: Papa.ParseResult<string[]> } | null => {
    let text = (from === start ? firstDecoder : decoder).decode(bytes.subarray(from, to));
    if (from === start && sep) text = text.slice(sep[0].length);
    // papaparse takes a U+FEFF at the start of what it is given for a byte-order mark.
    else if (from !== start && text.charCodeAt(0) === 0xfeff) return null;
    return { text, res: Papa.parse<string[]>(text, { delimiter, newline, ...PAPA_OPTIONS }) };
  };
  let text = '';
  let errors: Papa.ParseError[] = [];
  let rowsBefore = 0;
  for (let from = start; from < bytes.length;) {
    let to = pieceEnd(buffer, from, size, newline);
    let parsed = piece(from, to);
    if (parsed?.res.errors.length && to < bytes.length) {
      // A quote out of place: the rest of the file from this piece's first row is parsed in one, as the whole text
      // would be from there (the rows before are whole), so that the problems are found and told the same way.
      to = bytes.length;
      parsed = piece(from, to);
    }
    if (!parsed) return null;
    text = parsed.text;
    const rows = parsed.res.data;
    if (to < bytes.length) {
      // A piece ends with a line break, which papaparse follows with an empty row: the next piece's first row.
      const last = rows.pop();
      if (!(last && last.length === 1 && last[0] === '')) return null;
    } else {
      errors = parsed.res.errors;
      rowsBefore = cells.length;
    }
    for (const row of rows) cells.push(row);
    from = to;
  }
  const endsMidRow = text.length > 0 && !/[\r\n]$/.test(text);
  const last = cells[cells.length - 1];
  if (!endsMidRow && last && last.length === 1 && last[0] === '') cells.pop();
  const { rowProblems, warnings } = quoteProblems(errors, rowsBefore);
  return { cells, delimiter, endsMidRow, warnings, rowProblems };
}
