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

export function parseDelimited(text: string, opts: { delimiter?: string; preferTab?: boolean } = {}): ParsedDelimited {
  const warnings: ImportWarning[] = [];
  let body = text;
  let delimiter = opts.delimiter;
  const sep = /^sep=(.)\r?\n/i.exec(body);
  if (sep) {
    delimiter ??= sep[1]!;
    body = body.slice(sep[0].length);
  }
  delimiter ??= sniffDelimiter(body.slice(0, 1 << 16), opts.preferTab);

  const res = Papa.parse<string[]>(body, {
    delimiter,
    skipEmptyLines: false,
    header: false,
    dynamicTyping: false,
    quoteChar: '"',
    escapeChar: '"',
  });
  const cells = res.data;
  const endsMidRow = body.length > 0 && !/[\r\n]$/.test(body);
  // A final line break ends the last row; it does not start a new one.
  const last = cells[cells.length - 1];
  if (!endsMidRow && last && last.length === 1 && last[0] === '') cells.pop();

  const rowProblems: { row: number; reason: string }[] = [];
  for (const e of res.errors) {
    if (e.type !== 'Quotes' || e.row === undefined) continue;
    const row = e.row + 1;
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
  return { cells, delimiter, endsMidRow, warnings, rowProblems };
}
