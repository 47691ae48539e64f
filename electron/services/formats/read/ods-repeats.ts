import { AppError } from '#shared/core/errors';
import type { ImportLimits } from './limits';

/**
 * An OpenDocument sheet says "this row, N times" (table:number-rows-repeated) and "this cell, N
 * times" (table:number-columns-repeated). LibreOffice writes huge counts for the empty space after
 * the data, which cost nothing; but a row or cell with something in it repeated a billion times
 * is expanded cell by cell by SheetJS, and fills memory (2 GB in the trial). So before SheetJS
 * reads an ODS, the counts of rows and cells that hold something are added up from content.xml,
 * and a sheet that would expand past the importer's limits is refused, saying why.
 */
const CELLS_LIMIT = 20_000_000;

const repeated = (attrs: string, name: 'rows' | 'columns'): number => {
  const m = new RegExp(`table:number-${name}-repeated="(\\d+)"`).exec(attrs);
  return m ? Number(m[1]) : 1;
};

/** A cell with a value or text in it (an empty one is `<table:table-cell …/>` or has no text:p content). */
const holdsSomething = (cellAttrs: string, inner: string): boolean =>
  /office:value(-type)?=/.test(cellAttrs) || /<text:p[^>]*>[^<\s]/.test(inner) || /<text:(span|s|a)\b/.test(inner);

export function checkOdsRepeats(contentXml: string, fileName: string, limits: ImportLimits): void {
  let cells = 0;
  let rowsWithData = 0;
  const rowRe = /<table:table-row\b([^>]*?)(\/>|>([\s\S]*?)<\/table:table-row>)/g;
  for (let row = rowRe.exec(contentXml); row; row = rowRe.exec(contentXml)) {
    const inner = row[3] ?? '';
    let width = 0;
    const cellRe = /<table:(?:covered-)?table-cell\b([^>]*?)(\/>|>([\s\S]*?)<\/table:(?:covered-)?table-cell>)/g;
    for (let cell = cellRe.exec(inner); cell; cell = cellRe.exec(inner)) {
      if (!holdsSomething(cell[1]!, cell[3] ?? '')) continue;
      const n = repeated(cell[1]!, 'columns');
      if (n > limits.maxColumns)
        throw new AppError(
          'bad-file',
          `${fileName} has a cell repeated ${n.toLocaleString('en-GB')} times across its row; the importer ` +
            `reads at most ${limits.maxColumns.toLocaleString('en-GB')} columns. It may be damaged.`,
          { reason: 'too-many-columns' },
        );
      width += n;
    }
    if (!width) continue;
    const times = repeated(row[1]!, 'rows');
    rowsWithData += times;
    cells += times * width;
    if (rowsWithData > limits.maxRows)
      throw new AppError(
        'bad-file',
        `${fileName} has more than ${limits.maxRows.toLocaleString('en-GB')} rows with something in them (one ` +
          `row is repeated ${times.toLocaleString('en-GB')} times). It may be damaged; if not, split it and import ` +
          `the parts.`,
        { reason: 'too-many-rows' },
      );
    if (cells > CELLS_LIMIT)
      throw new AppError(
        'bad-file',
        `${fileName} would unpack to more than ${CELLS_LIMIT.toLocaleString('en-GB')} cells with something in ` +
          `them. It may be damaged; if not, split it and import the parts.`,
        { reason: 'too-many-rows' },
      );
  }
}
