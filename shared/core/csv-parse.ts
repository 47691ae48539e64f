/**
 * A small RFC 4180 CSV reader for files the app imports itself (codebooks), so shared/ needs no
 * parsing library. Accepts CRLF, LF or CR line ends, quoted fields with doubled quotes and line
 * breaks inside, an optional UTF-8 byte order mark, and a trailing line break. Blank lines are
 * returned as rows with one empty field (callers skip them). Throws on an unterminated quote.
 */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`${message} (line ${line})`);
    this.name = 'CsvError';
  }
}

export function parseCsv(text: string, delimiter = ','): string[][] {
  const s = text.startsWith('\ufeff') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  const n = s.length;
  let atFieldStart = true;
  while (i < n) {
    const c = s[i]!;
    if (atFieldStart && c === '"') {
      // Quoted field: runs to the next quote that is not doubled.
      const startLine = line;
      i++;
      for (;;) {
        if (i >= n) throw new CsvError('A quoted field is not closed', startLine);
        const d = s[i]!;
        if (d === '"') {
          if (s[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (d === '\n') line++;
        field += d;
        i++;
      }
      atFieldStart = false;
      continue;
    }
    if (c === delimiter) {
      row.push(field);
      field = '';
      atFieldStart = true;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      atFieldStart = true;
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    // Text after a closing quote ("ab"c) is kept, as spreadsheet programs do.
    field += c;
    atFieldStart = false;
    i++;
  }
  if (!atFieldStart || field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
