import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readZip, writeZip } from '#electron/services/formats/zip/zip';
import { tempDir } from '../../harness/temp';

const tmp = tempDir('cw-outputs-zip-');
afterAll(() => tmp.cleanup());

describe('ZIP packages', () => {
  const entries = [
    { name: '[Content_Types].xml', data: new TextEncoder().encode('<Types/>'.repeat(100)) },
    { name: 'word/média/ünïcode name.txt', data: new TextEncoder().encode('👩🏽‍⚕️ text') },
    { name: 'empty.bin', data: new Uint8Array(0) },
    { name: 'random.bin', data: new Uint8Array(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251)) },
  ];

  it('writes archives that other tools read back exactly (python zipfile)', () => {
    const path = `${tmp.dir}/ours.zip`;
    writeFileSync(path, writeZip(entries, new Date('2027-02-15T10:30:00Z')));
    const listing = execFileSync(
      'python3',
      [
        '-c',
        'import sys,zipfile,json; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; ' +
          'print(json.dumps([[i.filename,i.file_size,list(i.date_time),z.read(i).hex()] for i in z.infolist()]))',
        path,
      ],
      { encoding: 'utf8' },
    );
    const got = JSON.parse(listing) as [string, number, number[], string][];
    expect(got.map((g) => g[0])).toEqual(entries.map((e) => e.name));
    got.forEach((g, i) => {
      expect(g[1]).toBe(entries[i]!.data.length);
      expect(g[2]).toEqual([2027, 2, 15, 10, 30, 0]);
      expect(g[3]).toBe(Buffer.from(entries[i]!.data).toString('hex'));
    });
  });

  it('reads archives other tools wrote (python zipfile, deflated and stored)', () => {
    const path = `${tmp.dir}/theirs.zip`;
    execFileSync('python3', [
      '-c',
      "import sys,zipfile; z=zipfile.ZipFile(sys.argv[1],'w'); z.writestr('a.xml','<a>'*500, " +
        "compress_type=zipfile.ZIP_DEFLATED); z.writestr('dir/', ''); z.writestr('b.txt','stored', " +
        "compress_type=zipfile.ZIP_STORED); z.comment=b'a comment'; z.close()",
      path,
    ]);
    const files = readZip(new Uint8Array(readFileSync(path)));
    expect([...files.keys()]).toEqual(['a.xml', 'b.txt']);
    expect(new TextDecoder().decode(files.get('a.xml'))).toBe('<a>'.repeat(500));
    expect(new TextDecoder().decode(files.get('b.txt'))).toBe('stored');
  });

  it('is byte-identical for the same entries and time, and refuses what is not a ZIP', () => {
    const t = new Date('2027-02-15T10:30:00Z');
    expect(Buffer.compare(Buffer.from(writeZip(entries, t)), Buffer.from(writeZip(entries, t)))).toBe(0);
    expect(() => readZip(new TextEncoder().encode('not a zip file, just some text that is long enough'))).toThrow(
      /not a ZIP/,
    );
    const cut = writeZip(entries, t).slice(0, 200);
    expect(() => readZip(cut)).toThrow();
  });
});
