import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { tempDir } from '../../harness/temp';
import { writeSurvey } from '../responses/helpers';
import { parseDelimited, parseDelimitedUtf8 } from '#electron/services/formats/read/csv';
import { decodeText, utf8TextStart } from '#electron/services/formats/read/decode-text';
import { csvText } from '../../generators/encode';

/**
 * A large UTF-8 export is decoded and parsed a piece at a time (csv.ts, parseDelimitedUtf8) so that the text of each
 * piece goes with its rows. It must read exactly as the whole text does (parseDelimited): the same cells, separator,
 * end, warnings and row problems — for files written properly, and for files with quotes out of place, stray line
 * breaks, a byte-order mark, a "sep=" line, or U+FEFF inside. Pieces are made a few bytes long here, so that every
 * kind of place a piece can end is met.
 */
const bits = fc.constantFrom(
  'a',
  'bc',
  ' ',
  '"',
  '""',
  ',',
  ';',
  '\t',
  '\n',
  '\r\n',
  '\r',
  'é',
  '’',
  '😀',
  '\uFEFF',
  'x"y',
  '=1',
);
const cell = fc.array(bits, { maxLength: 5 }).map((parts) => parts.join(''));
const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 });

/** A file's text: written properly (quoted where needed), or the cells joined as they are (quotes left loose). */
const fileText = fc
  .record({
    rows,
    delimiter: fc.constantFrom(',', ';', '\t'),
    eol: fc.constantFrom<'\r\n' | '\n'>('\r\n', '\n'),
    raw: fc.boolean(),
    lastEol: fc.boolean(),
    sep: fc.boolean(),
  })
  .map(({ rows: r, delimiter, eol, raw, lastEol, sep }) => {
    const body = raw ? r.map((row) => row.join(delimiter)).join(eol) + eol : csvText(r, { delimiter, eol });
    const text = (sep ? `sep=${delimiter}${eol}` : '') + body;
    return lastEol ? text : text.replace(/(\r\n|\n)$/, '');
  });

function both(bytes: Uint8Array, pieceBytes: number, delimiter?: string) {
  const start = utf8TextStart(bytes);
  expect(start).not.toBeNull();
  const opts = delimiter ? { delimiter } : {};
  return {
    pieces: parseDelimitedUtf8(bytes, start!, { ...opts, pieceBytes }),
    whole: parseDelimited(decodeText(bytes, 'p.csv').text, opts),
  };
}

describe('a UTF-8 export parsed a piece at a time reads as its whole text does', () => {
  it('any file, any piece size, the separator sniffed or given', () => {
    let inPieces = 0;
    fc.assert(
      fc.property(
        fileText,
        fc.boolean(),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        (text, bom, pieceBytes, given) => {
          const bytes = new TextEncoder().encode((bom ? '\uFEFF' : '') + text);
          const delimiter = given ? [',', ';', '\t'].find((d) => text.includes(d)) : undefined;
          const { pieces, whole } = both(bytes, pieceBytes, delimiter);
          if (pieces) {
            inPieces++;
            expect(pieces).toEqual(whole);
          }
        },
      ),
      { numRuns: 3000 },
    );
    // Most files are read in pieces (the rest are short, or end a piece where the whole text would not).
    expect(inPieces).toBeGreaterThan(1500);
  });

  it('a quote out of place: the rest of the file is read in one, and the problem is told at the same row', () => {
    const good = Array.from({ length: 50 }, (_, i) => `${i},"a, b",x`).join('\r\n');
    const text = `${good}\r\n99,"never closed,y\r\n100,z\r\n`;
    const bytes = new TextEncoder().encode(text);
    const { pieces, whole } = both(bytes, 64);
    expect(whole.rowProblems.length).toBeGreaterThan(0);
    expect(pieces).toEqual(whole);
  });

  it('a generated export of several pieces, at the size pieces are made in an import', () => {
    const t = tempDir('cw-csv-pieces-');
    try {
      // Microsoft Forms-style rows with open answers of several lines: about 11 MB, three pieces or more.
      const file = writeSurvey(t.dir, 'forms.csv', { count: 6000, seed: 5 }).path;
      const bytes = new Uint8Array(readFileSync(file));
      expect(bytes.length).toBeGreaterThan(8 * 2 ** 20);
      const start = utf8TextStart(bytes)!;
      const pieces = parseDelimitedUtf8(bytes, start);
      expect(pieces).not.toBeNull();
      expect(pieces!.cells.length).toBe(6001);
      expect(pieces).toEqual(parseDelimited(decodeText(bytes, 'forms.csv').text));
    } finally {
      t.cleanup();
    }
  });

  it('a file of bare \\r line breaks, or one too short to divide, is left to the whole text', () => {
    const cr = new TextEncoder().encode(Array.from({ length: 40 }, (_, i) => `${i},a`).join('\r') + '\r');
    expect(parseDelimitedUtf8(cr, 0, { pieceBytes: 16 })).toBeNull();
    const short = new TextEncoder().encode('a,b\r\n1,2\r\n');
    expect(parseDelimitedUtf8(short, 0, { pieceBytes: 1024 })).toBeNull();
  });
});
