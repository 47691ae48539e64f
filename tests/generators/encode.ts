import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';

/**
 * Tables → file bytes: CSV in any of the encodings exports arrive in (UTF-8 with or without a
 * byte-order mark, UTF-16 LE/BE with a mark, Windows-1252), with any separator and line ending;
 * and workbooks (XLSX, XLS, ODS) written by SheetJS.
 */
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface CsvOptions {
  delimiter?: string;
  encoding?: CsvEncoding;
  eol?: '\r\n' | '\n';
  /** Quote every cell, not only those that need it. */
  quoteAll?: boolean;
}

export function csvText(rows: string[][], opts: CsvOptions = {}): string {
  const d = opts.delimiter ?? ',';
  const eol = opts.eol ?? '\r\n';
  const parts: string[] = [];
  for (const row of rows) {
    const cells = row.map((c) =>
      opts.quoteAll || c.includes(d) || c.includes('"') || c.includes('\n') || c.includes('\r') || /^\s|\s$/.test(c)
        ? `"${c.replace(/"/g, '""')}"`
        : c,
    );
    parts.push(cells.join(d));
  }
  return parts.join(eol) + eol;
}

export function encodeText(text: string, encoding: CsvEncoding = 'utf-8'): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return new TextEncoder().encode(text);
    case 'utf-8-bom':
      return new TextEncoder().encode('\uFEFF' + text);
    case 'utf-16le':
      return new Uint8Array(iconv.encode('\uFEFF' + text, 'utf-16le'));
    case 'utf-16be':
      return new Uint8Array(iconv.encode('\uFEFF' + text, 'utf-16be'));
    case 'windows-1252':
      return new Uint8Array(iconv.encode(text, 'win1252'));
  }
}

export function toCsv(rows: string[][], opts: CsvOptions = {}): Uint8Array {
  return encodeText(csvText(rows, opts), opts.encoding ?? 'utf-8');
}

export type BookType = 'xlsx' | 'xls' | 'ods';

/** A workbook with the table on its first sheet; every cell written as text. */
export function toWorkbook(rows: string[][], bookType: BookType, sheetName = 'Responses'): Uint8Array {
  const ws = XLSX.utils.aoa_to_sheet(rows, { cellDates: false });
  // aoa_to_sheet keeps strings as strings; nothing here is a formula.
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, sheetName);
  const out = XLSX.write(wb, {
    type: 'array',
    bookType: bookType === 'xls' ? 'biff8' : bookType,
    compression: true,
  }) as ArrayBuffer;
  return new Uint8Array(out);
}

export type FileFormat = 'csv' | BookType;

export function encodeTable(rows: string[][], format: FileFormat, csv: CsvOptions = {}): Uint8Array {
  return format === 'csv' ? toCsv(rows, csv) : toWorkbook(rows, format);
}
