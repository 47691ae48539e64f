import { describe, expect, it } from 'vitest';
import { readSourceFile } from '#electron/services/formats/read/index';
import { csvText, encodeText, toCsv, type CsvEncoding } from '../../generators/encode';

/** Text exports in every encoding and separator they arrive in, read back cell for cell. */
const ROWS = [
  ['Name', 'Comment', 'Amount'],
  ['Siân O’Brien', 'It costs £40 — “too much”, I’d say', '£1,250'],
  ['Zoë', 'Café, naïve; déjà vu', '€3'],
  ['Seán', 'Plain', '5'],
];

describe('encodings', () => {
  for (const encoding of ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'] as CsvEncoding[]) {
    it(`reads ${encoding}`, () => {
      const t = readSourceFile(toCsv(ROWS, { encoding }), 'a.csv');
      expect(t.cells).toEqual(ROWS);
      expect(t.encoding).toBe(encoding === 'utf-8-bom' ? 'utf-8' : encoding);
      expect(t.warnings.some((w) => w.code === 'encoding-fallback')).toBe(encoding === 'windows-1252');
    });
  }

  it('reads UTF-16 without a byte-order mark', () => {
    const le = encodeText(csvText(ROWS), 'utf-16le').subarray(2);
    expect(readSourceFile(le, 'a.csv').cells).toEqual(ROWS);
    const be = encodeText(csvText(ROWS), 'utf-16be').subarray(2);
    expect(readSourceFile(be, 'a.csv').cells).toEqual(ROWS);
  });

  it('refuses a file with a UTF-8 mark whose bytes are not UTF-8', () => {
    const bad = new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x2c, 0x62, 0x0a, 0xff, 0xfe, 0x2c, 0x63, 0x0a]);
    expect(() => readSourceFile(bad, 'a.csv')).toThrow(/says it is UTF-8/);
  });
});

describe('delimiters and quoting', () => {
  const wide = [
    ['ID', 'Q1', 'Q2', 'Q3'],
    ['1', 'Agree', 'a, b', 'x'],
    ['2', 'Disagree', 'c; d', 'y|z'],
    ['3', 'Agree', 'e\tf', 'w'],
  ];
  for (const [name, d] of [
    ['comma', ','],
    ['semicolon', ';'],
    ['tab', '\t'],
    ['pipe', '|'],
  ] as const) {
    it(`sniffs a ${name}`, () => {
      const t = readSourceFile(toCsv(wide, { delimiter: d }), 'a.txt');
      expect(t.delimiter).toBe(d);
      expect(t.cells).toEqual(wide);
    });
  }

  it('obeys an Excel "sep=" line', () => {
    const t = readSourceFile(new TextEncoder().encode('sep=;\r\na;b\r\n1,5;2\r\n'), 'a.csv');
    expect(t.delimiter).toBe(';');
    expect(t.cells).toEqual([
      ['a', 'b'],
      ['1,5', '2'],
    ]);
  });

  it('keeps quoted multi-line cells, doubled quotes and line endings of any kind', () => {
    const rows = [
      ['ID', 'Answer'],
      ['1', 'First line\nsecond line\n\nfourth, with "quotes"'],
      ['2', 'Windows\r\nline'],
      ['3', ''],
    ];
    for (const eol of ['\r\n', '\n'] as const) {
      const t = readSourceFile(toCsv(rows, { eol }), 'a.csv');
      expect(t.cells).toEqual(rows);
      expect(t.rowNumbers).toEqual([1, 2, 3, 4]);
    }
  });

  it('keeps blank rows in place so row numbers match the file', () => {
    const t = readSourceFile(new TextEncoder().encode('a,b\n\n1,2\n'), 'a.csv');
    expect(t.cells).toEqual([['a', 'b'], [''], ['1', '2']]);
  });
});

describe('other text-based "spreadsheets"', () => {
  it('reads an HTML table saved with an .xls name', () => {
    const html =
      '<html><body><table><tr><td>ID</td><td>Q1</td></tr><tr><td>1</td><td>Strongly ' +
      'agree</td></tr><tr><td>2</td><td>Fish &amp; chips</td></tr></table></body></html>';
    const t = readSourceFile(new TextEncoder().encode(html), 'export.xls');
    expect(t.format).toBe('html');
    expect(t.cells).toEqual([
      ['ID', 'Q1'],
      ['1', 'Strongly agree'],
      ['2', 'Fish & chips'],
    ]);
  });

  it('reads a CSV that was given an .xlsx name', () => {
    const t = readSourceFile(toCsv(ROWS), 'misnamed.xlsx');
    expect(t.format).toBe('csv');
    expect(t.cells).toEqual(ROWS);
  });
});
