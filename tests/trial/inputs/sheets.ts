import { deflateRawSync } from 'node:zlib';
import { exampleDraft } from '#shared/domain/draft/example';
import { readZip, writeZip } from '#electron/services/formats/zip/zip';
import { toWorkbook, type BookType } from '../../generators/encode';
import { LAYOUT_NAMES, writeLayout } from '../../generators/layouts';
import type { Rng } from '../../generators/random';
import { generateResponses } from '../../generators/synthetic';
import { enc, mutate, randomBytes, type TrialInput } from './case';

/**
 * Hostile spreadsheets: XLSX, XLS and ODS exports damaged byte by byte; packages whose parts are
 * rewritten to trap a parser (entity expansion, a sheet claiming a million rows, text indexes past
 * the end, deep nesting, external entities); and zip bombs of each kind the guard must stop.
 */
const draft = exampleDraft();

function workbook(rng: Rng, type: BookType, count = rng.int(1, 40)): Uint8Array {
  return toWorkbook(
    writeLayout(rng.pick(LAYOUT_NAMES), draft, generateResponses(draft, { count, seed: rng.int(1, 1e6) })),
    type,
  );
}

/** Rewrites one part of a package (with right checksums, so only the content is hostile). */
function withPart(bytes: Uint8Array, name: string, change: (xml: string) => string): Uint8Array {
  const files = readZip(bytes);
  const before = files.get(name);
  files.set(name, enc(change(before ? new TextDecoder().decode(before) : '')));
  return writeZip(
    [...files].map(([n, data]) => ({ name: n, data })),
    new Date('2027-01-01T00:00:00Z'),
  );
}

/** A zip written by hand: parts with declared sizes that may lie, and entries that may share bytes. */
function rawZip(parts: { name: string; data: Uint8Array; declared?: number; sameAs?: number }[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    if (p.sameAs !== undefined) {
      offsets.push(offsets[p.sameAs]!);
    } else {
      const body = deflateRawSync(p.data);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(8, 8);
      local.writeUInt32LE(body.length, 18);
      local.writeUInt32LE(p.declared ?? p.data.length, 22);
      local.writeUInt16LE(name.length, 26);
      offsets.push(offset);
      locals.push(local, name, body);
      offset += 30 + name.length + body.length;
      (p as { body?: Buffer }).body = body;
    }
    const src = p.sameAs !== undefined ? parts[p.sameAs]! : p;
    const body = (src as { body?: Buffer }).body!;
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(src.declared ?? src.data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offsets[offsets.length - 1]!, 42);
    central.push(cd, name);
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

function traps(rng: Rng): [string, () => Uint8Array, string][] {
  const xlsx = () => workbook(rng, 'xlsx', 5);
  const sheet = 'xl/worksheets/sheet1.xml';
  const zeros = (n: number) => new Uint8Array(n);
  return [
    [
      'entity expansion in the sheet',
      () =>
        withPart(xlsx(), sheet, (x) =>
          x
            .replace(
              '<worksheet',
              '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaaaaaaaaaaaa"><!ENTITY b ' +
                '"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d ' +
                '"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]><worksheet',
            )
            .replace(/<v>[^<]*<\/v>/, '<v>&e;&e;&e;&e;</v>'),
        ),
      'xlsx',
    ],
    [
      'an external entity in the shared strings',
      () =>
        withPart(xlsx(), 'xl/sharedStrings.xml', (x) =>
          x
            .replace('<sst', '<!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst')
            .replace(/<t>[^<]*<\/t>/, '<t>&x;</t>'),
        ),
      'xlsx',
    ],
    [
      'a sheet claiming a million rows and 16,384 columns',
      () =>
        withPart(xlsx(), sheet, (x) =>
          x
            .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>')
            .replace(
              '</sheetData>',
              '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row></sheetData>',
            ),
        ),
      'xlsx',
    ],
    [
      'a text index past the end of the shared strings',
      () => withPart(xlsx(), sheet, (x) => x.replace(/(<c [^>]*t="s"[^>]*><v>)\d+/, '$1999999')),
      'xlsx',
    ],
    [
      'no shared strings part',
      () => {
        const files = readZip(xlsx());
        files.delete('xl/sharedStrings.xml');
        return writeZip(
          [...files].map(([name, data]) => ({ name, data })),
          new Date('2027-01-01T00:00:00Z'),
        );
      },
      'xlsx',
    ],
    ['a sheet that is not XML', () => withPart(xlsx(), sheet, () => 'this is not xml <<<< &&&'), 'xlsx'],
    [
      'a sheet nested 100,000 elements deep',
      () => withPart(xlsx(), sheet, (x) => x.replace('<sheetData>', `<sheetData>${'<row>'.repeat(100_000)}`)),
      'xlsx',
    ],
    [
      'a cell with a 30 MB inline string',
      () =>
        withPart(xlsx(), sheet, (x) =>
          x.replace(
            '</sheetData>',
            `<row r="999"><c r="A999" t="inlineStr"><is><t>${'y'.repeat(30 * 2 ** 20)}</t></is></c></row></sheetData>`,
          ),
        ),
      'xlsx',
    ],
    [
      'a workbook with no sheets',
      () => withPart(xlsx(), 'xl/workbook.xml', (x) => x.replace(/<sheets>[\s\S]*<\/sheets>/, '<sheets/>')),
      'xlsx',
    ],
    [
      'a workbook naming a sheet that is missing',
      () => withPart(xlsx(), 'xl/workbook.xml', (x) => x.replace(/r:id="rId\d+"/, 'r:id="rId999"')),
      'xlsx',
    ],
    [
      'a formula that refers to another workbook',
      () =>
        withPart(xlsx(), sheet, (x) =>
          x.replace(
            /<c r="A2"[^>]*>[\s\S]*?<\/c>/,
            '<c r="A2"><f>[1]Sheet1!A1*WEBSERVICE("http://example.org")</f><v>1</v></c>',
          ),
        ),
      'xlsx',
    ],
    [
      'macros inside (.xlsm)',
      () => {
        const files = readZip(xlsx());
        files.set('xl/vbaProject.bin', randomBytes(rng, 4096));
        return writeZip(
          [...files].map(([name, data]) => ({ name, data })),
          new Date('2027-01-01T00:00:00Z'),
        );
      },
      'xlsm',
    ],
    [
      'a part declaring 2 GB',
      () =>
        rawZip([
          { name: '[Content_Types].xml', data: enc('<Types/>') },
          { name: 'xl/workbook.xml', data: zeros(1000), declared: 2_000_000_000 },
        ]),
      'xlsx',
    ],
    [
      '40 MB of zeros in one part',
      () =>
        rawZip([
          { name: '[Content_Types].xml', data: enc('<Types/>') },
          { name: 'xl/workbook.xml', data: zeros(40 * 2 ** 20) },
        ]),
      'xlsx',
    ],
    [
      'a part that lies about its size',
      () =>
        rawZip([
          { name: '[Content_Types].xml', data: enc('<Types/>') },
          { name: 'xl/workbook.xml', data: zeros(30 * 2 ** 20), declared: 5000 },
        ]),
      'xlsx',
    ],
    [
      '100 entries sharing one 9.5 MB stream',
      () =>
        rawZip([
          { name: 'xl/workbook.xml', data: zeros(9.5 * 2 ** 20) },
          ...Array.from({ length: 99 }, (_, i) => ({ name: `xl/worksheets/s${i}.xml`, data: zeros(1), sameAs: 0 })),
        ]),
      'xlsx',
    ],
    [
      '12,000 parts',
      () => rawZip(Array.from({ length: 12_000 }, (_, i) => ({ name: `p${i}.xml`, data: enc('<a/>') }))),
      'xlsx',
    ],
    [
      'a zip inside a zip',
      () => rawZip([{ name: 'xl/workbook.xml', data: rawZip([{ name: 'inner.xml', data: zeros(9 * 2 ** 20) }]) }]),
      'xlsx',
    ],
    [
      'a Word document named .xlsx',
      () =>
        rawZip([
          { name: '[Content_Types].xml', data: enc('<Types/>') },
          { name: 'word/document.xml', data: enc('<w:document/>') },
        ]),
      'xlsx',
    ],
    ['an empty zip', () => new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Uint8Array(18)]), 'xlsx'],
    ['a zip with its table of contents cut off', () => workbook(rng, 'xlsx').subarray(0, 400), 'xlsx'],
    [
      'an OLE file of random sectors (.xls)',
      () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...randomBytes(rng, 8192)]),
      'xls',
    ],
    [
      'an OLE file whose sector chain loops (.xls)',
      () => {
        const b = workbook(rng, 'xls');
        // Point the first FAT entries at each other.
        const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
        const fat = 512 + view.getUint32(0x4c, true) * 512;
        if (fat + 8 < b.length) {
          view.setUint32(fat, 1, true);
          view.setUint32(fat + 4, 0, true);
        }
        return b;
      },
      'xls',
    ],
    [
      'an ODS whose content is not XML',
      () => withPart(workbook(rng, 'ods'), 'content.xml', () => '<office:document-content><<<<'),
      'ods',
    ],
    [
      'an ODS claiming a billion repeated rows',
      () =>
        withPart(workbook(rng, 'ods'), 'content.xml', (x) =>
          x.replace('<table:table-row', '<table:table-row table:number-rows-repeated="1000000000"'),
        ),
      'ods',
    ],
    [
      'an ODS claiming a billion repeated cells',
      () =>
        withPart(workbook(rng, 'ods'), 'content.xml', (x) =>
          x.replace('<table:table-cell', '<table:table-cell table:number-columns-repeated="1000000000"'),
        ),
      'ods',
    ],
    [
      'an encrypted-looking workbook',
      () =>
        new Uint8Array([
          0xd0,
          0xcf,
          0x11,
          0xe0,
          0xa1,
          0xb1,
          0x1a,
          0xe1,
          ...enc('EncryptionInfo EncryptedPackage'),
          ...randomBytes(rng, 4000),
        ]),
      'xlsx',
    ],
    [
      'an HTML table saved as .xls, 50,000 rows',
      () => enc(`<html><table>${'<tr><td>Why</td><td>because</td></tr>'.repeat(50_000)}</table></html>`),
      'xls',
    ],
  ];
}

export function sheetInputs(rng: Rng, count: number): TrialInput[] {
  const out: TrialInput[] = [];
  traps(rng).forEach(([name, bytes, ext], i) =>
    out.push({
      family: 'spreadsheet (traps)',
      name,
      files: [{ path: `responses.${ext}`, bytes: bytes() }],
      createQuestions: i % 2 === 1,
    }),
  );
  const types: BookType[] = ['xlsx', 'xls', 'ods'];
  while (out.length < count) {
    const type = rng.pick(types);
    const { how, bytes } = mutate(rng, workbook(rng, type));
    out.push({
      family: `spreadsheet (damaged ${type})`,
      name: how,
      files: [{ path: `export.${type}`, bytes }],
      createQuestions: rng.chance(0.4),
    });
  }
  return out;
}
