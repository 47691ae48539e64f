import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readZip } from '#electron/services/formats/zip/zip';
import { ByteSink } from '#electron/services/formats/zip/byte-sink';
import { ZipStreamWriter } from '#electron/services/formats/zip/zip-stream';
import { StreamWorkbook, Style } from '#electron/services/formats/xlsx/stream-workbook';
import { tempDir } from '../../harness/temp';

/** The streaming ZIP writer: entries of many pieces read back exactly, by our reader and by unzip. */
async function write(path: string, big: string, mtime = new Date('2027-08-02T10:00:00Z')) {
  const sink = new ByteSink(path);
  const zip = new ZipStreamWriter(sink, mtime);
  await zip.add('small.xml', '<a>é</a>');
  const e = await zip.begin('big/part.xml');
  for (let i = 0; i < big.length; i += 70_001) await e.write(big.slice(i, i + 70_001));
  await e.close();
  await zip.add('empty.txt', '');
  const e2 = await zip.begin('streamed-empty.txt');
  await e2.close();
  await zip.finish();
  return sink.end();
}

describe('streaming ZIP writer', () => {
  const t = tempDir('cw-zip-stream-');
  // About 5 MB of varied text: several 1 MB pieces, each deflated on its own.
  const big = Array.from(
    { length: 60_000 },
    (_, i) => `<row r="${i}"><c>${(i * 2654435761) % 1000003} ünïcødé ${'x'.repeat(i % 17)}</c></row>`,
  ).join('');

  it('reads back every entry exactly, and unzip agrees', async () => {
    const path = t.path('a.zip');
    const out = await write(path, big);
    const bytes = readFileSync(path);
    expect(out.bytes).toBe(bytes.length);
    const files = readZip(new Uint8Array(bytes));
    expect([...files.keys()]).toEqual(['small.xml', 'big/part.xml', 'empty.txt', 'streamed-empty.txt']);
    expect(new TextDecoder().decode(files.get('big/part.xml'))).toBe(big);
    expect(new TextDecoder().decode(files.get('small.xml'))).toBe('<a>é</a>');
    expect(files.get('streamed-empty.txt')!.length).toBe(0);
    expect(bytes.length).toBeLessThan(Buffer.byteLength(big) / 3);
    const unzip = spawnSync('unzip', ['-t', path], { encoding: 'utf8' });
    if (!unzip.error) expect(unzip.stdout).toContain('No errors detected');
    t.cleanup();
  });

  it('gives the same bytes for the same entries and clock', async () => {
    const t2 = tempDir('cw-zip-stream-');
    const a = await write(t2.path('a.zip'), big);
    const b = await write(t2.path('b.zip'), big);
    const c = await write(t2.path('c.zip'), big, new Date('2028-01-01T00:00:00Z'));
    expect(a.sha256).toBe(b.sha256);
    expect(c.sha256).not.toBe(a.sha256);
    t2.cleanup();
  });
});

describe('worksheet rows of a 0/1 matrix', () => {
  const t = tempDir('cw-flag-rows-');
  /** One sheet of `rows`, written cell by cell (row) or as flag rows (flagRow); the file's SHA-256. */
  async function sheet(path: string, rows: Array<[string, number[]]>, fast: boolean): Promise<string> {
    const sink = new ByteSink(path);
    const wb = await StreamWorkbook.start(
      sink,
      [{ name: 'Matrix', widths: [8, 14, 14, 14], table: { name: 'M', columns: ['Id', 'A', 'B', 'C'] } }],
      {
        title: 'T',
        subject: 'S',
        creator: 'C',
        description: 'D',
        language: 'en-GB',
        now: new Date('2027-08-02T10:00:00Z'),
      },
    );
    const w = await wb.sheet();
    w.startTable();
    await w.row(['Id', 'A', 'B', 'C'], { style: Style.Header });
    for (const [id, values] of rows) {
      if (fast) await w.flagRow(id, Uint8Array.from(values));
      else await w.row([id, ...values]);
    }
    await w.close();
    await wb.finish();
    return (await sink.end()).sha256;
  }

  it('are written exactly as the same cells written one by one', async () => {
    // Ids short and long (a long one wraps and makes the row taller), values 0 and 1, an empty id.
    const rows: Array<[string, number[]]> = [
      ['101', [0, 1, 0]],
      ['a response id long enough to wrap', [1, 1, 1]],
      ['', [0, 0, 1]],
      ['=1+1', [1, 0, 0]],
    ];
    expect(await sheet(t.path('fast.xlsx'), rows, true)).toBe(await sheet(t.path('slow.xlsx'), rows, false));
  });
});
