import { buildMsg } from '../../generators/msg-file';
import type { Rng } from '../../generators/random';
import { fillDocx } from '../../harness/fill-forms';
import { readZip, writeZip } from '#electron/services/formats/zip/zip';
import { enc, mutate, randomBytes, type TrialFile, type TrialInput } from './case';

/**
 * Hostile returned forms (this consultation's own Word and Excel forms, filled and damaged),
 * emails (.eml traps and damaged messages), Outlook messages (.msg damaged, or not .msg at all)
 * and folders (mixtures, nothing importable, paths that never end).
 */
export interface Forms {
  docx: Uint8Array;
  xlsx: Uint8Array;
}

function filledDocx(rng: Rng, blank: Uint8Array): Uint8Array {
  try {
    return fillDocx(
      blank,
      new Map([
        [
          'Question 1',
          new Map([
            [
              0,
              rng.pick([
                'I agree with the proposal.',
                'No.\nBecause it costs too much.',
                '=HYPERLINK("http://x")',
                'x'.repeat(rng.int(1, 50_000)),
              ]),
            ],
          ]),
        ],
      ]),
    );
  } catch {
    return blank;
  }
}

function withPart(bytes: Uint8Array, name: string, change: (xml: string) => string): Uint8Array {
  const files = readZip(bytes);
  const before = files.get(name);
  files.set(name, enc(change(before ? new TextDecoder().decode(before) : '')));
  return writeZip(
    [...files].map(([n, data]) => ({ name: n, data })),
    new Date('2027-01-01T00:00:00Z'),
  );
}

export function formInputs(rng: Rng, forms: Forms, count: number): TrialInput[] {
  const out: TrialInput[] = [];
  const traps: [string, string, () => Uint8Array][] = [
    ['a filled Word form', 'docx', () => filledDocx(rng, forms.docx)],
    ['a blank Excel form', 'xlsx', () => forms.xlsx],
    [
      'a Word form whose ids are removed',
      'docx',
      () => withPart(forms.docx, 'docProps/custom.xml', () => '<Properties/>'),
    ],
    [
      'a Word form with entity expansion',
      'docx',
      () =>
        withPart(forms.docx, 'word/document.xml', (x) =>
          x
            .replace(
              '<w:document',
              '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c ' +
                '"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e ' +
                '"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]><w:document',
            )
            .replace(/<w:t>([^<]*)<\/w:t>/, '<w:t>&e;&e;&e;</w:t>'),
        ),
    ],
    [
      'a Word form whose body is not XML',
      'docx',
      () => withPart(forms.docx, 'word/document.xml', () => '<w:document><<<'),
    ],
    [
      'a Word form 50,000 tables deep',
      'docx',
      () =>
        withPart(forms.docx, 'word/document.xml', (x) =>
          x.replace('<w:body>', `<w:body>${'<w:tbl><w:tr><w:tc>'.repeat(50_000)}`),
        ),
    ],
    [
      'an Excel form whose hidden sheet is gone',
      'xlsx',
      () =>
        withPart(forms.xlsx, 'xl/workbook.xml', (x) => x.replace(/<sheet [^>]*state="(very)?[hH]idden"[^>]*\/>/, '')),
    ],
    [
      'an Excel form whose form id is changed',
      'xlsx',
      () =>
        withPart(forms.xlsx, 'xl/sharedStrings.xml', (x) =>
          x.replace(/consultation-[0-9a-f-]+/g, 'consultation-00000000-0000-0000-0000-000000000000'),
        ),
    ],
    [
      'an Excel form with a 10 MB answer',
      'xlsx',
      () =>
        withPart(forms.xlsx, 'xl/worksheets/sheet1.xml', (x) =>
          x.replace(
            '</sheetData>',
            `<row r="900"><c r="B900" t="inlineStr"><is><t>${'z'.repeat(10 * 2 ** 20)}</t></is></c></row></sheetData>`,
          ),
        ),
    ],
  ];
  for (const [name, ext, bytes] of traps)
    out.push({ family: 'returned form (traps)', name, files: [{ path: `form.${ext}`, bytes: bytes() }] });
  while (out.length < count) {
    const ext = rng.pick(['docx', 'xlsx'] as const);
    const base = ext === 'docx' ? filledDocx(rng, forms.docx) : forms.xlsx;
    const { how, bytes } = mutate(rng, base);
    out.push({ family: `returned form (damaged ${ext})`, name: how, files: [{ path: `form.${ext}`, bytes }] });
  }
  return out;
}

const EML = (body: string, headers = '') =>
  `From: "Siân Jones" <sian@example.org>\r\nTo: consult@example.gov.uk\r\nSubject: ` +
  `=?UTF-8?B?TXkgcmVzcG9uc2UgwqM1?=\r\nDate: Tue, 2 Mar 2027 10:00:00 +0000\r\nMessage-ID: ` +
  `<1@example.org>\r\nMIME-Version: 1.0\r\n${headers}Content-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`;

function nested(depth: number): string {
  let s = 'text\r\n';
  for (let i = 0; i < depth; i++)
    s = `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n${s}\r\n--b${i}--\r\n`;
  return `From: a@x.org\r\nTo: c@gov.uk\r\nSubject: deep\r\nMIME-Version: 1.0\r\n${s}`;
}

export function emailInputs(rng: Rng, count: number): TrialInput[] {
  const out: TrialInput[] = [];
  const traps: [string, () => string | Uint8Array][] = [
    ['a plain response', () => EML('I agree with proposal 1 because the bus takes an hour.')],
    ['no headers at all', () => 'I agree.\r\n'],
    ['headers only, no body', () => EML('').replace(/\r\n\r\n\r\n$/, '\r\n')],
    ['a 2 MB Subject line', () => EML('ok', `X-Long: ${'a'.repeat(2 * 2 ** 20)}\r\n`)],
    ['100,000 headers', () => EML('ok', 'X-H: v\r\n'.repeat(100_000))],
    ['multipart nested 2,000 deep', () => nested(2000)],
    [
      'a boundary that never closes',
      () =>
        'From: a@x.org\r\nSubject: s\r\nContent-Type: multipart/mixed; ' +
        'boundary="zz"\r\n\r\n--zz\r\nContent-Type: text/plain\r\n\r\nhello\r\n',
    ],
    [
      'base64 that is not base64',
      () =>
        EML('', 'Content-Transfer-Encoding: base64\r\n').replace(
          /\r\n\r\n\r\n$/,
          `\r\n\r\n${'!@#$%^&*'.repeat(1000)}\r\n`,
        ),
    ],
    ['a charset nobody has heard of', () => EML('caf\xe9').replace('charset=utf-8', 'charset=x-made-up-9999')],
    [
      'encoded words that decode to control characters',
      () => EML('ok').replace(/Subject: .*\r\n/, 'Subject: =?UTF-8?Q?=00=01=1B[31m?= =?UTF-8?B?AAAA?=\r\n'),
    ],
    [
      'an attachment declared 10 GB',
      () =>
        EML('ok').replace(
          'Content-Type: text/plain; charset=utf-8\r\n\r\n',
          'Content-Type: multipart/mixed; boundary="q"\r\n\r\n--q\r\nContent-Type: ' +
            'text/plain\r\n\r\nbody\r\n--q\r\nContent-Type: application/pdf; name="a.pdf"; ' +
            'size=10737418240\r\nContent-Disposition: attachment; filename="a.pdf"\r\nContent-Transfer-Encoding: ' +
            'base64\r\n\r\nJVBERi0=\r\n--q--\r\n',
        ),
    ],
    [
      'an HTML body with 100,000 nested tags',
      () => EML(`<html>${'<div>'.repeat(100_000)}hi</html>`).replace('text/plain', 'text/html'),
    ],
    ['NUL bytes in the body', () => EML('I\0 agree\0\0')],
    [
      'bytes that are not UTF-8 in an 8bit body',
      () => new Uint8Array([...enc(EML('').slice(0, -2)), 0xff, 0xfe, 0xc3, 0x28, 0x0d, 0x0a]),
    ],
  ];
  for (const [name, make] of traps) {
    const v = make();
    out.push({
      family: 'email .eml (traps)',
      name,
      files: [{ path: 'reply.eml', bytes: typeof v === 'string' ? enc(v) : v }],
    });
  }
  while (out.length < count) {
    const { how, bytes } = mutate(
      rng,
      enc(EML(`Response ${out.length}: ${'I agree with the proposal. '.repeat(rng.int(1, 200))}`)),
    );
    out.push({
      family: 'email .eml (damaged)',
      name: how,
      files: [{ path: rng.pick(['reply.eml', 'REPLY.EML', 'reply.txt']), bytes }],
    });
  }
  return out;
}

function msg(rng: Rng): Uint8Array {
  return buildMsg({
    subject: 'Consultation response',
    body: `I support the proposal.\r\n${'More words. '.repeat(rng.int(1, 500))}`,
    senderName: 'Ann Example',
    senderEmail: 'ann@example.org',
    to: [{ name: 'Consultation team', email: 'consultation@example.gov.uk' }],
    sent: new Date('2027-04-02T10:11:12Z'),
    attachments: rng.chance(0.5)
      ? [{ name: 'letter.pdf', mime: 'application/pdf', data: randomBytes(rng, rng.int(1, 20_000)) }]
      : [],
  });
}

export function msgInputs(rng: Rng, count: number): TrialInput[] {
  const out: TrialInput[] = [
    { family: 'Outlook .msg (traps)', name: 'a real message', files: [{ path: 'reply.msg', bytes: msg(rng) }] },
    {
      family: 'Outlook .msg (traps)',
      name: 'text named .msg',
      files: [{ path: 'reply.msg', bytes: enc('Name,Why\nAnn,ok\n') }],
    },
    {
      family: 'Outlook .msg (traps)',
      name: 'an email named .msg',
      files: [{ path: 'reply.msg', bytes: enc(EML('hello')) }],
    },
    { family: 'Outlook .msg (traps)', name: 'an empty .msg', files: [{ path: 'reply.msg', bytes: new Uint8Array(0) }] },
    {
      family: 'Outlook .msg (traps)',
      name: 'an OLE header and nothing else',
      files: [{ path: 'reply.msg', bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) }],
    },
    {
      family: 'Outlook .msg (traps)',
      name: 'random sectors after an OLE header',
      files: [
        {
          path: 'reply.msg',
          bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...randomBytes(rng, 16_384)]),
        },
      ],
    },
  ];
  while (out.length < count) {
    const { how, bytes } = mutate(rng, msg(rng));
    out.push({ family: 'Outlook .msg (damaged)', name: how, files: [{ path: 'reply.msg', bytes }] });
  }
  return out;
}

/** Folders of files: what a user drops in when they pick "a folder of returned forms and emails". */
export function folderInputs(rng: Rng, pool: TrialInput[], count: number): TrialInput[] {
  const out: TrialInput[] = [
    { family: 'folder (traps)', name: 'an empty folder', files: [{ path: 'in', special: 'folder' }], args: ['in'] },
    {
      family: 'folder (traps)',
      name: 'only files that cannot be imported',
      files: [
        { path: 'in/notes.pdf', bytes: enc('%PDF-1.4') },
        { path: 'in/photo.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0]) },
      ],
      args: ['in'],
    },
    {
      family: 'folder (traps)',
      name: 'a FIFO named .csv (a read that never ends)',
      files: [
        { path: 'in/pipe.csv', special: 'fifo' },
        { path: 'in/reply.eml', bytes: enc(EML('ok')) },
      ],
      args: ['in'],
    },
    { family: 'folder (traps)', name: 'a FIFO given by name', files: [{ path: 'pipe.csv', special: 'fifo' }] },
    {
      family: 'folder (traps)',
      name: 'a link to /dev/zero named .csv',
      files: [{ path: 'zero.csv', special: 'link-to-zero' }],
    },
    {
      family: 'folder (traps)',
      name: 'a link to itself named .csv',
      files: [{ path: 'loop.csv', special: 'link-loop' }],
    },
    {
      family: 'folder (traps)',
      name: 'a folder inside a folder, and hidden files',
      files: [
        { path: 'in/deeper/x.csv', bytes: enc('Why\nok\n') },
        { path: 'in/.hidden.csv', bytes: enc('Why\nhidden\n') },
        { path: 'in/~$lock.xlsx', bytes: enc('lock') },
        { path: 'in/reply.eml', bytes: enc(EML('ok')) },
      ],
      args: ['in'],
    },
  ];
  while (out.length < count) {
    const n = rng.int(2, 6);
    const files: TrialFile[] = [];
    const names: string[] = [];
    for (let i = 0; i < n; i++) {
      const c = rng.pick(pool);
      const f = c.files[0]!;
      if (!f.bytes) continue;
      const ext = f.path.split('.').pop();
      files.push({ path: `in/${i}-${c.family.replace(/\W+/g, '-')}.${ext}`, bytes: f.bytes });
      names.push(c.name);
    }
    out.push({ family: 'folder (mixtures)', name: names.join(' + ').slice(0, 120), files, args: ['in'] });
  }
  return out;
}
