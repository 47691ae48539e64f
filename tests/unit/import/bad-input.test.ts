import { describe, expect, it } from 'vitest';
import { crc32, deflateRawSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import { exampleDraft } from '#shared/domain/draft/example';
import { isAppError } from '#shared/core/errors';
import { readSourceFile } from '#electron/services/formats/read/index';
import { detectLayout, proposeMapping, applyMapping } from '#shared/domain/survey-import/index';
import { toCsv, toWorkbook } from '../../generators/encode';
import { writeMicrosoftForms } from '../../generators/layouts';
import { generateResponses } from '../../generators/synthetic';

/**
 * Hostile and broken files: each gives a clear error (an AppError 'bad-file' with a reason and a
 * message saying what is wrong) or a rejected row naming the row — never a crash, never a hang
 * (vitest's time limit fails a hang).
 */
function refusal(fn: () => unknown): { reason: unknown; message: string } {
  try {
    fn();
  } catch (e) {
    expect(isAppError(e), String(e)).toBe(true);
    const err = e as { code: string; message: string; details?: { reason?: unknown } };
    expect(err.code).toBe('bad-file');
    return { reason: err.details?.reason, message: err.message };
  }
  throw new Error('expected the file to be refused');
}

/** A zip written by hand so sizes can lie (checksums are right, as a bomb's are). */
function zip(parts: { name: string; data: Uint8Array; declaredSize?: number; deflate?: boolean }[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const body = p.deflate === false ? Buffer.from(p.data) : deflateRawSync(p.data);
    const size = p.declaredSize ?? p.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(p.deflate === false ? 0 : 8, 8);
    local.writeUInt32LE(crc32(p.data) >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(p.deflate === false ? 0 : 8, 10);
    cd.writeUInt32LE(crc32(p.data) >>> 0, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    chunks.push(local, name, body);
    central.push(cd, name);
    offset += local.length + name.length + body.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, cdBuf, end]));
}

const draft = exampleDraft();

describe('files that are not survey exports', () => {
  it('refuses an empty file', () => {
    expect(refusal(() => readSourceFile(new Uint8Array(0), 'a.csv')).reason).toBe('empty');
    expect(refusal(() => readSourceFile(new TextEncoder().encode('\n\n  \n'), 'a.csv')).reason).toBe('empty');
  });

  it('refuses PDFs, images, Word documents, zips and binary data, saying what they are', () => {
    const pdf = refusal(() => readSourceFile(new TextEncoder().encode('%PDF-1.7\n...'), 'responses.xlsx'));
    expect(pdf.message).toMatch(/is a PDF, not a spreadsheet/);
    expect(
      refusal(() => readSourceFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'a.csv'))
        .message,
    ).toMatch(/image/);
    const docx = zip([
      { name: '[Content_Types].xml', data: new TextEncoder().encode('<Types/>') },
      { name: 'word/document.xml', data: new TextEncoder().encode('<w:document/>') },
    ]);
    expect(refusal(() => readSourceFile(docx, 'responses.xlsx')).message).toMatch(/Word document/);
    expect(
      refusal(() => readSourceFile(zip([{ name: 'notes.txt', data: new TextEncoder().encode('hello') }]), 'a.xlsx'))
        .message,
    ).toMatch(/zip archive/);
    const random = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    expect(refusal(() => readSourceFile(random, 'a.csv')).reason).toBe('not-a-spreadsheet');
  });
});

describe('damaged files', () => {
  const table = writeMicrosoftForms(draft, generateResponses(draft, { count: 30, seed: 5 }));

  it('a truncated XLSX is refused as damaged', () => {
    const bytes = toWorkbook(table, 'xlsx');
    for (const keep of [0.3, 0.9, 0.999]) {
      const r = refusal(() => readSourceFile(bytes.subarray(0, Math.floor(bytes.length * keep)), 'a.xlsx'));
      expect(r.reason).toBe('damaged');
      expect(r.message).toMatch(/damaged or incomplete/);
    }
  });

  it('a CSV cut off inside a quoted cell rejects that row with the reason', () => {
    const text = new TextDecoder().decode(toCsv(table));
    const cut = text.slice(0, text.lastIndexOf('"') - 5);
    const t = readSourceFile(new TextEncoder().encode(cut), 'a.csv');
    expect(t.warnings.some((w) => w.code === 'unterminated-quote')).toBe(true);
    const l = detectLayout(t);
    const r = applyMapping(t, l, proposeMapping(l, draft, t).mapping, draft);
    const last = r.rejected[r.rejected.length - 1]!;
    expect(last.reason).toMatch(/never closed/);
    expect(r.responses.length + r.rejected.length).toBe(t.cells.length - 1);
  });

  it('a CSV cut off mid-row rejects that row: the file may have been cut off', () => {
    const t = readSourceFile(
      new TextEncoder().encode('ID,Start time,Completion time,Q1,Q3\r\n1,,,Agree,Fine\r\n2,,,Agr'),
      'a.csv',
    );
    expect(t.endsMidRow).toBe(true);
    const l = detectLayout(t);
    const r = applyMapping(t, l, proposeMapping(l, draft, t).mapping, draft);
    expect(r.responses).toHaveLength(1);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]!.sourceRow).toBe(3);
    expect(r.rejected[0]!.reason).toMatch(/cut off/);
    expect(r.rejected[0]!.raw['Q1']).toBe('Agr');
  });

  it('a row with more cells than the header is rejected with the raw row', () => {
    const t = readSourceFile(new TextEncoder().encode('Q1,Q3\nAgree,Fine\nAgree,Fine, really,extra\n'), 'a.csv');
    const l = detectLayout(t);
    const r = applyMapping(t, l, proposeMapping(l, draft, t).mapping, draft);
    expect(r.rejected.map((x) => x.sourceRow)).toEqual([3]);
    expect(r.rejected[0]!.reason).toMatch(/4 cells but the header has 2/);
    expect(Object.values(r.rejected[0]!.raw)).toEqual(['Agree', 'Fine', ' really', 'extra']);
  });
});

describe('zip bombs', () => {
  it('refuses a part that declares a huge size', () => {
    const bomb = zip([{ name: 'xl/workbook.xml', data: new Uint8Array(1000), declaredSize: 2_000_000_000 }]);
    expect(refusal(() => readSourceFile(bomb, 'a.xlsx')).reason).toBe('zip-bomb');
  });

  it('refuses a part compressed far too well', () => {
    const big = new Uint8Array(40 * 1024 * 1024); // 40 MB of zeros deflates to ~40 KB
    const r = refusal(() => readSourceFile(zip([{ name: 'xl/worksheets/sheet1.xml', data: big }]), 'a.xlsx'));
    expect(r.reason).toBe('zip-bomb');
  });

  it('stops a part that lies about its size after the size it declared', () => {
    const lie = zip([
      { name: '[Content_Types].xml', data: new TextEncoder().encode('<Types/>') },
      { name: 'xl/workbook.xml', data: new Uint8Array(5 * 1024 * 1024), declaredSize: 1000 },
    ]);
    const r = refusal(() => readSourceFile(lie, 'a.xlsx'));
    expect(r.reason).toBe('zip-bomb');
    expect(r.message).toMatch(/more than it declares/);
  });

  it('refuses an archive with too many parts', () => {
    const parts = Array.from({ length: 30 }, (_, i) => ({ name: `p${i}.xml`, data: new Uint8Array(1) }));
    expect(refusal(() => readSourceFile(zip(parts), 'a.xlsx', { limits: { maxZipEntries: 20 } })).reason).toBe(
      'zip-bomb',
    );
  });

  it('refuses 100 entries that all point at one 9.5 MB stream (each under the limits, together over them)', () => {
    // One honest part, then its central entry repeated under other names with the same offset.
    const one = Buffer.from(zip([{ name: 'xl/worksheets/sheet1.xml', data: new Uint8Array(9.5 * 1024 * 1024) }]));
    const eocd = one.length - 22;
    const cdOffset = one.readUInt32LE(eocd + 16);
    const entry = one.subarray(cdOffset, eocd);
    const copies = Array.from({ length: 100 }, (_, i) => {
      const e = Buffer.from(entry);
      const name = Buffer.from(`xl/worksheets/s${String(i).padStart(5, '0')}.xml`);
      e.writeUInt16LE(name.length, 28);
      return Buffer.concat([e.subarray(0, 46), name]);
    });
    const cd = Buffer.concat(copies);
    const end = Buffer.from(one.subarray(eocd));
    end.writeUInt16LE(100, 8);
    end.writeUInt16LE(100, 10);
    end.writeUInt32LE(cd.length, 12);
    const bomb = new Uint8Array(Buffer.concat([one.subarray(0, cdOffset), cd, end]));
    const r = refusal(() => readSourceFile(bomb, 'a.xlsx'));
    expect(r.reason).toBe('zip-bomb');
    expect(r.message).toMatch(/share the same stored bytes/);
  });
});

describe('a damaged spreadsheet is called damaged, not a zip bomb', () => {
  const good = () =>
    Buffer.from(
      toWorkbook(
        [
          ['Q1', 'Q2'],
          ['Agree', 'Fine'],
        ],
        'xlsx',
      ),
    );

  it("a changed byte in a part's stored bytes: its checksum says so", () => {
    const b = good();
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    // The first part's data starts after its local header and name.
    const start = 30 + view.getUint16(26, true) + view.getUint16(28, true);
    let seen = 0;
    for (let i = 0; i < 64; i++) {
      const bad = Buffer.from(b);
      const at = start + (i % Math.max(1, view.getUint32(18, true)));
      bad[at] = bad[at]! ^ (1 << (i % 8));
      const r = refusal(() => readSourceFile(new Uint8Array(bad), 'a.xlsx'));
      expect(r.reason, r.message).toBe('damaged');
      expect(r.message).toMatch(
        /^a\.xlsx is damaged or incomplete \(the part .+\)\. If it was downloaded or emailed, get a fresh copy\.$/,
      );
      seen++;
    }
    expect(seen).toBe(64);
  });

  it('a changed size in one of the two places a part is described', () => {
    const b = good();
    b.writeUInt32LE(b.readUInt32LE(22) + 7, 22); // the first local header's uncompressed size
    const r = refusal(() => readSourceFile(new Uint8Array(b), 'a.xlsx'));
    expect(r.reason).toBe('damaged');
    expect(r.message).toMatch(/described two different ways/);
  });
});

describe('oversized content', () => {
  it('a 10 MB cell rejects its row, naming the row and the column', () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const t = readSourceFile(new TextEncoder().encode(`Q1,Q3\nAgree,fine\nAgree,"${huge}"\nDisagree,ok\n`), 'a.csv');
    const l = detectLayout(t);
    const r = applyMapping(t, l, proposeMapping(l, draft, t).mapping, draft);
    expect(r.responses).toHaveLength(2);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]!.reason).toBe(
      'Row 3, column "Q3": the cell has 10,485,760 characters, more than the 200,000 allowed.',
    );
    expect(r.rejected[0]!.raw['Q3']!.length).toBe(huge.length);
  });

  it('2,000 columns are refused with the limit named (CSV and XLSX)', () => {
    const row = Array.from({ length: 2000 }, (_, i) => `C${i}`);
    const csv = refusal(() => readSourceFile(toCsv([row, row]), 'a.csv'));
    expect(csv.reason).toBe('too-many-columns');
    expect(csv.message).toMatch(/2,000 columns; the importer reads at most 1,000/);
    expect(refusal(() => readSourceFile(toWorkbook([row, row], 'xlsx'), 'a.xlsx')).reason).toBe('too-many-columns');
  });

  it('refuses a file over the size limit, and too many rows', () => {
    expect(
      refusal(() => readSourceFile(new Uint8Array(2048).fill(65), 'a.csv', { limits: { maxFileBytes: 1024 } })).reason,
    ).toBe('too-large');
    expect(
      refusal(() => readSourceFile(new TextEncoder().encode('a\n1\n2\n3\n4\n'), 'a.csv', { limits: { maxRows: 3 } }))
        .reason,
    ).toBe('too-many-rows');
  });
});

describe('cells that look like code', () => {
  it('formula cells in a workbook are read as their saved value, never evaluated', () => {
    const ws = XLSX.utils.aoa_to_sheet([['Q1', 'Q3', 'Q8']]);
    ws['A2'] = { t: 's', v: 'Agree', f: 'CONCAT("Ag","ree")' };
    ws['B2'] = { t: 'n', v: 42, f: 'WEBSERVICE("http://example.com/steal")' };
    ws['C2'] = { t: 's', v: "=cmd|' /C calc'!A0" };
    ws['!ref'] = 'A1:C2';
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const t = readSourceFile(bytes, 'a.xlsx');
    expect(t.cells[1]).toEqual(['Agree', '42', "=cmd|' /C calc'!A0"]);
  });

  it('formula-looking CSV cells stay text in the responses', () => {
    const t = readSourceFile(
      new TextEncoder().encode('Q1,Q3\nAgree,"=HYPERLINK(""http://x"",""y"")"\nAgree,+SUM(A1)\n'),
      'a.csv',
    );
    const l = detectLayout(t);
    const r = applyMapping(t, l, proposeMapping(l, draft, t).mapping, draft);
    expect(r.responses.map((x) => x.answers[1]!.text)).toEqual(['=HYPERLINK("http://x","y")', '+SUM(A1)']);
  });
});

describe('hostile and duplicate headers', () => {
  it('"__proto__" and "constructor" headers are plain keys: no prototype pollution', () => {
    const csv =
      '__proto__,constructor,prototype,Q1\n"{""polluted"":1}",x,y,Agree\n"{""polluted"":1}",x,y,Nonsense,extra\n';
    const t = readSourceFile(new TextEncoder().encode(csv), 'a.csv');
    const l = detectLayout(t);
    const p = proposeMapping(l, draft, t);
    const r = applyMapping(t, l, p.mapping, draft);
    expect(r.responses).toHaveLength(1);
    const raw = r.rejected[0]!.raw;
    expect(Object.keys(raw)).toEqual(['__proto__', 'constructor', 'prototype', 'Q1', 'Column 5']);
    expect(raw['__proto__']).toBe('{"polluted":1}');
    expect(Object.getPrototypeOf(raw)).toBeNull();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    // And through SheetJS.
    const x = readSourceFile(
      toWorkbook(
        [
          ['__proto__', 'constructor', 'Q1'],
          ['{"polluted":1}', 'x', 'Agree'],
        ],
        'xlsx',
      ),
      'a.xlsx',
    );
    expect(x.cells[0]).toEqual(['__proto__', 'constructor', 'Q1']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('duplicate headers stay separate columns and separate raw keys', () => {
    const t = readSourceFile(
      new TextEncoder().encode(
        'ID,Start time,Completion time,Q1,Please explain your answer,Q4,Please explain your ' +
          'answer\n1,,,Agree,Because A,Disagree,Because B\n2,,,Agree,,Disagree,x,y\n',
      ),
      'a.csv',
    );
    const l = detectLayout(t);
    const p = proposeMapping(l, draft, t);
    expect(p.mapping[4]).toEqual({ kind: 'question', questionId: 'example-q1', part: 'explanation' });
    expect(p.mapping[6]).toEqual({ kind: 'question', questionId: 'example-q4', part: 'explanation' });
    const r = applyMapping(t, l, p.mapping, draft);
    expect(r.responses[0]!.answers.map((a) => a.explanation)).toEqual(['Because A', 'Because B']);
    expect(Object.keys(r.rejected[0]!.raw)).toEqual([
      'ID',
      'Start time',
      'Completion time',
      'Q1',
      'Please explain your answer',
      'Q4',
      'Please explain your answer (2)',
      'Column 8',
    ]);
  });
});
