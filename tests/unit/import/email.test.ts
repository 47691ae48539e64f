import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { isAppError } from '#shared/core/errors';
import { readEmail, readSourceFile } from '#electron/services/formats/read/index';
import { buildMsg } from '../../generators/msg-file';

/** Emailed responses: real RFC 822/MIME bytes and a real OLE2 .msg, parsed back. */
const enc = (s: string) => new TextEncoder().encode(s.replace(/\n/g, '\r\n'));

describe('.eml', () => {
  it('plain text', async () => {
    const m = await readEmail(
      enc(`From: "Jane Smith" <jane@example.org>
To: consult@example.gov.uk
Subject: Response to the consultation
Date: Tue, 13 Apr 2027 09:30:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

I agree with proposal 1.
Keep the phone line.
`),
      'a.eml',
    );
    expect(m).toEqual({
      from: 'jane@example.org',
      fromName: 'Jane Smith',
      to: ['consult@example.gov.uk'],
      date: '2027-04-13T08:30:00.000Z',
      subject: 'Response to the consultation',
      body: 'I agree with proposal 1.\nKeep the phone line.',
      attachments: [],
      format: 'eml',
    });
  });

  it('multipart/alternative with quoted-printable text and HTML: the text part is taken', async () => {
    const m = await readEmail(
      enc(`From: Siân <sian@example.org>
To: consult@example.gov.uk
Subject: =?UTF-8?B?U2nDom4ncyByZXNwb25zZSDigJMgwqM1?=
Date: Wed, 14 Apr 2027 12:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

It costs =C2=A340 =E2=80=94 too much. This line is long and soft-wrap=
ped here.
--b1
Content-Type: text/html; charset=utf-8

<p>HTML version</p>
--b1--
`),
      'a.eml',
    );
    expect(m.subject).toBe("Siân's response – £5");
    expect(m.fromName).toBe('Siân');
    expect(m.body).toBe('It costs £40 — too much. This line is long and soft-wrapped here.');
  });

  it('HTML only: reduced to text', async () => {
    const m = await readEmail(
      enc(
        [
          'From: a@example.org',
          'Subject: html',
          'Content-Type: text/html; charset=utf-8',
          '',
          '<html><head><style>p{color:red}</style></head><body><p>First &amp; foremost</p>' +
            '<ul><li>One</li><li>Two</li></ul><script>alert(1)</script></body></html>',
          '',
        ].join('\n'),
      ),
      'a.eml',
    );
    expect(m.body).toBe('First & foremost\n\n- One\n- Two');
  });

  it('base64 body in a Windows-1252 charset, with attachments listed', async () => {
    const body = Buffer.from(iconv.encode('Café costs £5 – “fair”.', 'win1252')).toString('base64');
    const pdf = Buffer.from(new Uint8Array(300).fill(7)).toString('base64');
    const m = await readEmail(
      enc(`From: Bob <bob@example.org>
To: Consult <consult@example.gov.uk>, other@example.org
Subject: With attachments
Date: Thu, 15 Apr 2027 08:00:00 GMT
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="mix"

--mix
Content-Type: text/plain; charset=windows-1252
Content-Transfer-Encoding: base64

${body}
--mix
Content-Type: application/pdf; name="response.pdf"
Content-Disposition: attachment; filename="response.pdf"
Content-Transfer-Encoding: base64

${pdf}
--mix
Content-Type: text/csv; name="=?iso-8859-1?Q?donn=E9es.csv?="
Content-Disposition: attachment
Content-Transfer-Encoding: base64

${Buffer.from('a,b\r\n').toString('base64')}
--mix--
`),
      'a.eml',
    );
    expect(m.body).toBe('Café costs £5 – “fair”.');
    expect(m.to).toEqual(['consult@example.gov.uk', 'other@example.org']);
    expect(m.attachments).toEqual([
      { name: 'response.pdf', size: 300, contentType: 'application/pdf' },
      { name: 'données.csv', size: 5, contentType: 'text/csv' },
    ]);
  });

  it('refuses a file that is not an email', async () => {
    await expect(readEmail(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'a.eml')).rejects.toSatisfy(
      (e) => isAppError(e) && /not an email/.test((e as Error).message),
    );
    await expect(readEmail(new Uint8Array(0), 'a.eml')).rejects.toSatisfy(isAppError);
  });

  it('the spreadsheet reader points emails to the email import', () => {
    expect(() => readSourceFile(enc('From: a@example.org\nSubject: hi\n\nbody\n'), 'a.csv')).toThrow(
      /import it as an email/,
    );
  });
});

describe('.msg (Outlook)', () => {
  it('reads sender, recipients, sent time, subject, body and attachments', async () => {
    const bytes = buildMsg({
      subject: 'My response – £5',
      body: 'Dear team,\r\nI agree with proposal 1.\r\n',
      senderName: 'Siân Jones',
      senderEmail: 'sian@example.org',
      to: [{ name: 'Consultation', email: 'consult@example.gov.uk' }],
      sent: new Date('2027-04-02T10:11:12Z'),
      attachments: [
        { name: 'letter.pdf', mime: 'application/pdf', data: new Uint8Array(1234) },
        {
          name: 'evidence.xlsx',
          mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          data: new Uint8Array(77),
        },
      ],
    });
    expect(bytes.subarray(0, 4)).toEqual(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]));
    const m = await readEmail(bytes, 'response.msg');
    expect(m).toEqual({
      from: 'sian@example.org',
      fromName: 'Siân Jones',
      to: ['consult@example.gov.uk'],
      date: '2027-04-02T10:11:12.000Z',
      subject: 'My response – £5',
      body: 'Dear team,\nI agree with proposal 1.',
      attachments: [
        { name: 'letter.pdf', size: 1234, contentType: 'application/pdf' },
        {
          name: 'evidence.xlsx',
          size: 77,
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        },
      ],
      format: 'msg',
    });
  });

  it('a .msg is refused by the spreadsheet reader with a pointer to the email import', () => {
    const bytes = buildMsg({
      subject: 's',
      body: 'b',
      senderName: 'n',
      senderEmail: 'e@x.org',
      to: [],
      sent: new Date(0),
      attachments: [],
    });
    expect(() => readSourceFile(bytes, 'a.msg')).toThrow(/Outlook message/);
  });

  it('a damaged .msg is refused, not crashed on', async () => {
    const bytes = buildMsg({
      subject: 's',
      body: 'b',
      senderName: 'n',
      senderEmail: 'e@x.org',
      to: [],
      sent: new Date(0),
      attachments: [],
    });
    await expect(readEmail(bytes.subarray(0, 600), 'a.msg')).rejects.toSatisfy(isAppError);
  });

  it(
    'a .msg whose tables are damaged is refused before the reader trusts them: a sector chain that loops, a ' +
      'stream claiming gigabytes',
    async () => {
      // These made the message reader build an array until the process died (the trial's V8 "invalid size").
      const good = Buffer.from(
        buildMsg({
          subject: 's',
          body: 'b'.repeat(5000),
          senderName: 'n',
          senderEmail: 'e@x.org',
          to: [],
          sent: new Date(0),
          attachments: [],
        }),
      );
      const sector = 1 << good.readUInt16LE(0x1e);
      const at = (s: number) => sector + s * sector;
      const dir = good.readUInt32LE(0x30);
      const fat = good.readUInt32LE(0x4c);
      const loop = Buffer.from(good);
      loop.writeUInt32LE(dir, at(fat) + dir * 4); // the directory's next sector is itself
      await expect(readEmail(loop, 'loop.msg')).rejects.toThrow(/^loop\.msg is damaged: .*directory loops/);
      const huge = Buffer.from(good);
      for (let o = at(dir); o < at(dir) + sector; o += 128)
        if (huge[o + 0x42] === 2) huge.writeUInt32LE(0x7fffffff, o + 0x78);
      await expect(readEmail(huge, 'huge.msg')).rejects.toThrow(/^huge\.msg is damaged: .*far larger than the file/);
    },
  );
});

describe('an email as a response', () => {
  it('takes the sender, the time and the text the official assigned to questions', async () => {
    const { responseFromEmail } = await import('#shared/domain/responses/index');
    const m = await readEmail(
      enc(
        'From: "Jane Smith" <jane@example.org>\nDate: Tue, 13 Apr 2027 09:30:00 +0100\nSubject: x\n\nPart ' +
          'one.\n\nPart two.\n',
      ),
      'a.eml',
    );
    const r = responseFromEmail(m, [
      { questionId: 'example-q3', text: 'Part one.' },
      { questionId: 'example-q11', text: 'Part two.' },
      { questionId: 'example-q3', text: ' More on three. ' },
      { questionId: 'example-q8', text: '  ' },
    ]);
    expect(r).toEqual({
      sourceRow: 1,
      channel: 'email',
      submittedAt: '2027-04-13T08:30:00.000Z',
      respondent: { name: 'Jane Smith', email: 'jane@example.org' },
      answers: [
        { questionId: 'example-q3', optionIds: [], text: 'Part one.\n\nMore on three.' },
        { questionId: 'example-q11', optionIds: [], text: 'Part two.' },
      ],
      issues: [],
    });
  });
});
