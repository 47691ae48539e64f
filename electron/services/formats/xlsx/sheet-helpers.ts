import type ExcelJS from 'exceljs';
import { xmlSafe } from '../text-safety';

/**
 * Small helpers for the spreadsheets we write with exceljs.
 */

/** Excel's limit on the text in one cell. */
export const CELL_TEXT_MAX = 32_767;

/**
 * Text as Excel must receive it: XML-safe, within the cell limit, and with literal "_xHHHH_"
 * sequences escaped (Excel and SheetJS decode them as character codes; exceljs does not escape
 * them when writing, so "_x0041_" typed by an author would come back as "A").
 */
export function cellText(s: string): string {
  let t = xmlSafe(s).replace(/_(x[0-9a-fA-F]{4}_)/g, '_x005F_$1');
  if (t.length > CELL_TEXT_MAX) t = `${t.slice(0, CELL_TEXT_MAX - 1)}…`;
  return t;
}

/** Column letters of a 1-based column number. */
export function colName(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** Sheet names in formulas, always quoted (names starting with "_" or holding spaces need it). */
export const sheetRef = (name: string): string => `'${name.replace(/'/g, "''")}'`;

export const THIN_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FF505A5F' } },
  left: { style: 'thin', color: { argb: 'FF505A5F' } },
  bottom: { style: 'thin', color: { argb: 'FF505A5F' } },
  right: { style: 'thin', color: { argb: 'FF505A5F' } },
};

/** Locked cells that hold no answer get a light grey fill; answer boxes stay white with a border. */
export const LOCKED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F2F1' } };

export const FONT: Partial<ExcelJS.Font> = { name: 'Arial', size: 12 };
export const BOLD: Partial<ExcelJS.Font> = { name: 'Arial', size: 12, bold: true };
export const TITLE: Partial<ExcelJS.Font> = { name: 'Arial', size: 16, bold: true };

/**
 * Data validations added one range at a time, so each is written with its own single `sqref`.
 * exceljs merges neighbouring per-cell validations into overlapping ranges that Excel "repairs"
 * (toolchain trap #9); a key that is already a range ("C5:C5") is written as given.
 */
export function addValidation(
  ws: ExcelJS.Worksheet,
  from: string,
  to: string,
  validation: ExcelJS.DataValidation,
): void {
  (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
    `${from}:${to}`,
    validation,
  );
}

/** Sheet protection without a password (respondents are not locked out; it only prevents accidents). */
export async function protectSheet(ws: ExcelJS.Worksheet): Promise<void> {
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    formatCells: false,
    insertRows: false,
    insertColumns: false,
    deleteRows: false,
    deleteColumns: false,
    sort: false,
    autoFilter: false,
    pivotTables: false,
    insertHyperlinks: false,
    objects: false,
    scenarios: false,
  });
}

/** Lines a text takes in a wrapped cell of this width (Excel width units ≈ characters of '0' in the default font). */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(8, Math.floor(width * 0.95));
  if (!text.includes('\n')) return Math.max(1, Math.ceil(text.length / perLine));
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0);
}

/**
 * Row heights worked out from the wrapped text, written into the file: neither Excel nor
 * LibreOffice reliably resizes rows of a file it did not write, so long questions would be cut off.
 * `minLines` gives answer boxes room to write in.
 */
export function fitRowHeights(ws: ExcelJS.Worksheet, fromRow: number, minLines: Map<number, number> = new Map()): void {
  const widths = (ws.columns ?? []).map((c) => c.width ?? 10);
  for (let r = fromRow; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    let lines = minLines.get(r) ?? 1;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const v = cell.value;
      if (typeof v === 'string') lines = Math.max(lines, wrappedLines(v, widths[col - 1] ?? 10));
    });
    row.height = Math.min(409, Math.ceil(lines * 15.5 + 5));
  }
}

/** A4, fitted to the page width, the header row repeated on every printed page. */
export function printSetup(ws: ExcelJS.Worksheet, opts: { landscape: boolean; titleRow?: number }): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: opts.landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(opts.titleRow ? { printTitlesRow: `${opts.titleRow}:${opts.titleRow}` } : {}),
  };
}
