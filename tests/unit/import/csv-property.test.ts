import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readSourceFile } from '#electron/services/formats/read/index';
import { toCsv, type CsvEncoding } from '../../generators/encode';

/**
 * Any table of strings the generator's CSV writer writes reads back as the same cells, in every
 * encoding and separator. (Excluded: NUL, which makes a file binary, and a leading U+FEFF, which
 * every reader takes for a byte-order mark.)
 */
const cell = fc
  .string({ unit: 'grapheme', maxLength: 30 })
  .map((s) => s.replaceAll('\u0000', '').replaceAll('\uFEFF', ''));
const tricky = fc.constantFrom(
  '',
  ' ',
  '"',
  '""',
  ',',
  ';',
  '\t',
  '|',
  '\n',
  '\r\n',
  '\r',
  'a,b',
  'say "hi"',
  '£5',
  'naïve',
  '=SUM(A1)',
  '__proto__',
  ' lead',
  'trail ',
  'N/A',
);
const anyCell = fc.oneof(cell, tricky);

function hasContent(rows: string[][]): boolean {
  return rows.some((r) => r.some((c) => c.trim() !== ''));
}

describe('CSV written by the generator reads back cell for cell', () => {
  it('any table, any separator, any encoding (separator given)', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.array(anyCell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 })
          .filter(hasContent)
          .filter((rows) => !/^sep=/i.test(rows[0]![0]!)),
        fc.constantFrom(',', ';', '\t', '|'),
        fc.constantFrom<CsvEncoding>('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'),
        fc.constantFrom<'\r\n' | '\n'>('\r\n', '\n'),
        (rows, delimiter, encoding, eol) => {
          const t = readSourceFile(toCsv(rows, { delimiter, encoding, eol }), 'p.csv', { delimiter });
          expect(t.cells).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rectangular tables of 2+ columns: the separator is sniffed correctly', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 6 })
          .chain((w) => fc.array(fc.array(anyCell, { minLength: w, maxLength: w }), { minLength: 2, maxLength: 8 }))
          .filter(hasContent)
          .filter((rows) => !/^sep=/i.test(rows[0]![0]!)),
        fc.constantFrom(',', ';', '\t', '|'),
        (rows, delimiter) => {
          const t = readSourceFile(toCsv(rows, { delimiter, quoteAll: true }), 'p.csv');
          expect(t.cells).toEqual(rows);
        },
      ),
      { numRuns: 400 },
    );
  });
});
