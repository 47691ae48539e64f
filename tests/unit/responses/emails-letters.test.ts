import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { tempDir } from '../../harness/temp';
import { buildMsg } from '../../generators/msg-file';
import { GENERAL_COMMENTS_ID } from '#shared/domain/responses/store';
import { workspaceWith } from './helpers';

let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir('cw-responses-mail-');
});
afterEach(() => t.cleanup());

const EML = [
  'From: =?UTF-8?Q?Si=C3=A2n_Jones?= <sian.jones@example.org>',
  'To: consultation@example.gov.uk',
  'Date: Tue, 13 Apr 2027 09:30:00 +0100',
  'Subject: Response to the NHS online consultation',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'I agree with one front door, but only if the phone line stays.',
  '',
  'On checking pages: every six months is enough.',
  '',
  'Also, my GP surgery in Llanelli is excellent.',
  '--b1',
  'Content-Type: application/pdf; name="evidence.pdf"',
  'Content-Disposition: attachment; filename="evidence.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  'JVBERi0xLjQK',
  '--b1--',
  '',
].join('\r\n');

describe('emails', () => {
  it('shows sender, date, subject, body and attachments, then imports the passages the official assigned', async () => {
    const ws = await workspaceWith(t.dir);
    const path = t.path('response.eml');
    writeFileSync(path, EML);
    const read = await ws.call('responses.readEmail', { path });
    expect(read.message).toMatchObject({
      from: 'sian.jones@example.org',
      fromName: 'Siân Jones',
      subject: 'Response to the NHS online consultation',
      date: '2027-04-13T08:30:00.000Z',
    });
    expect(read.message.attachments).toEqual([
      expect.objectContaining({ name: 'evidence.pdf', contentType: 'application/pdf' }),
    ]);
    const out = await ws.call('responses.importEmail', {
      path,
      assignments: [
        { questionId: 'example-q1', text: 'I agree with one front door, but only if the phone line stays.' },
        { questionId: 'example-q5', text: 'On checking pages: every six months is enough.' },
        { questionId: GENERAL_COMMENTS_ID, text: 'Also, my GP surgery in Llanelli is excellent.' },
      ],
      respondent: { region: 'Wales' },
    });
    expect(out).toMatchObject({ imported: 1, batches: [{ type: 'email', sourceName: 'response.eml' }] });
    const r = await ws.call('responses.get', { id: 1 });
    expect(r.channel).toBe('email');
    expect(r.submittedAt).toBe('2027-04-13T08:30:00.000Z');
    expect(r.respondent.fields).toEqual({ name: 'Siân Jones', email: 'sian.jones@example.org', region: 'Wales' });
    // General comments go to the consultation's "anything else" question.
    expect(r.answers.map((a) => [a.questionId, a.text])).toEqual([
      ['example-q1', 'I agree with one front door, but only if the phone line stays.'],
      ['example-q5', 'On checking pages: every six months is enough.'],
      ['example-q11', 'Also, my GP surgery in Llanelli is excellent.'],
    ]);
    // The whole message is kept with the response.
    expect(r.source).toMatchObject({
      kind: 'email',
      subject: 'Response to the NHS online consultation',
      attachments: [expect.objectContaining({ name: 'evidence.pdf' })],
    });
    expect(r.source!.body).toContain('Llanelli');
    expect((await ws.call('responses.search', { query: 'Llanelli' })).results[0]).toMatchObject({
      responseId: 1,
      questionId: 'example-q11',
    });
    expect((await ws.call('responses.search', { query: 'Sian' })).results[0]).toMatchObject({
      responseId: 1,
      questionId: null,
      field: 'respondent',
    });
    await ws.router.shutdown();
  });

  it(
    'imports Outlook .msg files, and with no assignment the whole body is general comments; the same email twice ' +
      'is refused',
    async () => {
      const ws = await workspaceWith(t.dir, 'blank');
      const path = t.path('from outlook.msg');
      writeFileSync(
        path,
        buildMsg({
          subject: 'My views',
          body: 'Please keep the telephone line.\r\nThank you.',
          senderName: 'Ola Nordmann',
          senderEmail: 'ola@example.org',
          to: [{ name: 'Team', email: 'team@example.gov.uk' }],
          sent: new Date('2027-04-02T10:00:00Z'),
          attachments: [],
        }),
      );
      const inspected = await ws.call('responses.inspectFiles', { paths: [path] });
      expect(inspected.files[0]).toMatchObject({ type: 'email', name: 'from outlook.msg' });
      const out = await ws.call('responses.import', { paths: [path] });
      expect(out.imported).toBe(1);
      const r = await ws.call('responses.get', { id: 1 });
      // A blank consultation has no "anything else" question: the text is kept as general comments.
      expect(r.answers).toEqual([
        expect.objectContaining({
          questionId: GENERAL_COMMENTS_ID,
          text: expect.stringContaining('Please keep the telephone line.'),
        }),
      ]);
      expect(r.answers[0]!.questionText).toBe('General comments (not about one question)');
      expect(r.respondent.fields).toMatchObject({ name: 'Ola Nordmann', email: 'ola@example.org' });
      expect(await ws.fails('responses.importEmail', { path, assignments: [] })).toMatchObject({ code: 'exists' });
      await ws.router.shutdown();
    },
  );
});

describe('letters', () => {
  it('a typed letter with the respondent’s details becomes a response on the letter channel, kept whole', async () => {
    const ws = await workspaceWith(t.dir);
    const text = 'Dear team,\n\nI strongly disagree with closing the phone line.\n\nYours faithfully,\nMargaret';
    const out = await ws.call('responses.addLetter', {
      respondent: {
        name: 'Margaret Hughes',
        address: '1 High Street, Hexham',
        postcode: 'NE46 1AA',
        confidential: 'Yes',
        confidentialReason: 'My neighbour works there.',
        publishConsent: 'No',
      },
      receivedAt: '2027-04-20',
      text,
      assignments: [{ questionId: 'example-q7', text: 'I strongly disagree with closing the phone line.' }],
      reference: 'POST-0042',
    });
    expect(out.batches[0]).toMatchObject({ type: 'letter', sourceName: 'Letter from Margaret Hughes (2027-04-20)' });
    const r = await ws.call('responses.get', { id: out.batchId! });
    expect(r).toMatchObject({ channel: 'letter', externalId: 'POST-0042', submittedAt: '2027-04-20' });
    expect(r.respondent).toMatchObject({ confidentialRequested: true, hasPersonalData: true, isOrganisation: false });
    expect(r.source).toMatchObject({ kind: 'letter', body: text });
    expect(r.answers.map((a) => a.questionId)).toEqual(['example-q7']);
    const batches = await ws.call('responses.batches', {});
    expect(batches[0]).toMatchObject({ format: 'typed', sha256: null, channel: 'letter' });
    // Confidential and personal flags are filterable.
    expect((await ws.call('responses.list', { filters: { hasPersonalData: true }, offset: 0, limit: 5 })).total).toBe(
      1,
    );
    expect(
      (await ws.call('responses.list', { filters: { channel: 'letter' }, offset: 0, limit: 5 })).rows[0],
    ).toMatchObject({ confidential: true, name: 'Margaret Hughes' });
    await ws.router.shutdown();
  });

  it('refuses an empty letter and a passage assigned to a question that does not exist', async () => {
    const ws = await workspaceWith(t.dir);
    expect(await ws.fails('responses.addLetter', { respondent: {}, text: '', assignments: [] })).toMatchObject({
      code: 'invalid-input',
    });
    expect(
      await ws.fails('responses.addLetter', {
        respondent: {},
        text: 'Hello',
        assignments: [{ questionId: 'nope', text: 'Hello' }],
      }),
    ).toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/not in the consultation/) });
    expect((await ws.call('responses.batches', {})).length).toBe(0);
    await ws.router.shutdown();
  });
});
