import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { tempDir } from '../../harness/temp';
import { journalPathFor } from '#electron/services/core/db/workspace-file';
import type { ColumnMapping } from '#shared/domain/survey-import/types';
import type { CsvEncoding } from '../../generators/encode';
import { workspaceWith, writeCsv, writeSurvey } from './helpers';

/**
 * The import wizard's steps through the Router: preview (layout, proposed mapping, the whole file
 * read through it), correcting the mapping, saving it for the next file from the same source,
 * creating questions, encodings, bad input and cancelling.
 */
let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir('cw-responses-wizard-');
});
afterEach(() => t.cleanup());

describe('preview and mapping', () => {
  it(
    'shows the layout, the proposed mapping with reasons, ' + 'the first rows and the whole file read through it',
    async () => {
      const ws = await workspaceWith(t.dir);
      const f = writeSurvey(t.dir, 'monkey.csv', { layout: 'surveymonkey', count: 50 });
      const p = await ws.call('responses.preview', { path: f.path });
      expect(p).toMatchObject({
        source: 'surveymonkey',
        sourceLabel: 'SurveyMonkey',
        headerRowCount: 2,
        format: 'csv',
        encoding: 'utf-8',
        savedMapping: null,
      });
      expect(p.dryRun).toMatchObject({ dataRows: 50, responses: 50, rejectedCount: 0 });
      expect(p.rows).toHaveLength(10);
      expect(p.columns.length).toBe(p.proposal.mapping.length);
      expect(p.columns.find((c) => c.header.startsWith('Respondent ID'))?.samples.length).toBeGreaterThan(0);
      const q1 = p.proposal.mapping.findIndex((m) => m.kind === 'question' && m.questionId === 'example-q1');
      expect(p.proposal.confidence[q1]).toBeGreaterThan(0.45);
      expect(p.proposal.reasons[q1]).not.toBe('');
      expect(p.canCreateQuestions).toBe(false);

      // The official ignores question 1's columns (answer and explanation): the preview follows, and says the
      // change was theirs.
      const mapping: ColumnMapping = p.proposal.mapping.map((m) =>
        m.kind === 'question' && m.questionId === 'example-q1' ? { kind: 'ignore' } : m,
      );
      const changed = await ws.call('responses.preview', { path: f.path, mapping });
      expect(changed.proposal.reasons[q1]).toBe('Changed by you');
      expect(changed.rows.every((r) => r.answers.every((a) => a.questionId !== 'example-q1'))).toBe(true);
      const out = await ws.call('responses.import', { paths: [f.path], mapping });
      expect(out.imported).toBe(50);

      // The next export from the same survey gets the saved mapping, not a fresh proposal.
      const next = writeSurvey(t.dir, 'monkey-week-2.csv', { layout: 'surveymonkey', count: 20, seed: 99 });
      const p2 = await ws.call('responses.preview', { path: next.path });
      expect(p2.savedMapping).toMatchObject({ savedBy: 'tester' });
      expect(p2.fingerprint).toBe(p.fingerprint);
      expect(p2.proposal.mapping[q1]).toEqual({ kind: 'ignore' });
      expect(p2.proposal.reasons[q1]).toMatch(/^Ignored when this source was last imported/);
      const out2 = await ws.call('responses.import', { paths: [next.path] });
      const r = await ws.call('responses.get', {
        id: (await ws.call('responses.list', { filters: { batchId: out2.batchId! }, offset: 0, limit: 1 })).rows[0]!.id,
      });
      expect(r.answers.some((a) => a.questionId === 'example-q1')).toBe(false);
      await ws.router.shutdown();
    },
  );

  it('lists values that match no option before importing, and keeps their rows', async () => {
    const ws = await workspaceWith(t.dir);
    const path = writeCsv(t.dir, 'odd.csv', [
      ['ID', 'How often should NHS health information pages be checked for accuracy?', 'Your name'],
      ['1', 'Every year', 'A'],
      ['2', 'Whenever it changes, obviously', 'B'],
      ['3', 'Whenever it changes, obviously', 'C'],
    ]);
    const p = await ws.call('responses.preview', { path });
    expect(p.dryRun.unmatchedValues).toEqual([
      expect.objectContaining({ value: 'Whenever it changes, obviously', count: 2, questionId: 'example-q5' }),
    ]);
    expect(p.dryRun.withIssues).toBe(2);
    const out = await ws.call('responses.import', { paths: [path] });
    expect(out).toMatchObject({ imported: 3, unmatchedValues: 2 });
    const r = await ws.call('responses.get', { id: 2 });
    expect(r.answers[0]).toMatchObject({
      questionId: 'example-q5',
      optionIds: [],
      unmatched: ['Whenever it changes, obviously'],
      text: 'Whenever it changes, obviously',
    });
    expect(r.issues[0]!.message).toMatch(/not an option of question 5/);
    expect((await ws.call('responses.search', { query: 'obviously' })).responses).toBe(2);
    await ws.router.shutdown();
  });

  it('offers to create questions when columns match none, and maps to them afterwards', async () => {
    const ws = await workspaceWith(t.dir);
    const path = writeCsv(t.dir, 'extra.csv', [
      [
        'ID',
        'To what extent do you agree that there should be one online front door for NHS information and ' +
          'services in England?',
        'Which bus route do you use most?',
      ],
      ['1', 'Agree', 'Route 7'],
      ['2', 'Disagree', 'Route 12'],
      ['3', 'Agree', 'Route 7'],
    ]);
    const p = await ws.call('responses.preview', { path });
    expect(p.canCreateQuestions).toBe(true);
    expect(p.proposal.unmatched).toEqual([2]);
    const made = await ws.call('responses.createQuestions', { path });
    expect(made.created).toHaveLength(1);
    const q = (await ws.call('draft.get', {})).draft.questions.find((x) => x.id === made.created[0])!;
    expect(q).toMatchObject({ text: 'Which bus route do you use most?', type: 'single_choice' });
    const p2 = await ws.call('responses.preview', { path });
    expect(p2.proposal.mapping[2]).toEqual({ kind: 'question', questionId: q.id, part: 'answer' });
    expect(p2.canCreateQuestions).toBe(false);
    expect(await ws.fails('responses.createQuestions', { path })).toMatchObject({ code: 'invalid-input' });
    await ws.router.shutdown();
  });
});

describe('encodings', () => {
  const rows = [
    ['Your name', 'What, if anything, would stop you from using one front door for NHS services?'],
    ['Siân Jones', 'The £40 million cost – and the café’s Wi‑Fi'],
    ['Zoë Brontë', 'Naïve “smart” quotes'],
  ];
  for (const encoding of ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'] as CsvEncoding[]) {
    it(`reads ${encoding}`, async () => {
      const ws = await workspaceWith(t.dir, 'example', `${encoding}.consult`);
      const r1252 = encoding === 'windows-1252' ? rows.map((r) => r.map((c) => c.replace('‑', '-'))) : rows;
      const path = writeCsv(t.dir, `${encoding}.csv`, r1252, {
        encoding,
        delimiter: encoding === 'utf-16le' ? '\t' : ',',
      });
      const out = await ws.call('responses.import', { paths: [path] });
      expect(out.imported).toBe(2);
      const a = await ws.call('responses.get', { id: 1 });
      expect(a.respondent.fields.name).toBe('Siân Jones');
      expect(a.answers[0]!.text).toBe(r1252[1]![1]);
      if (encoding === 'windows-1252') expect(out.warnings.join(' ')).toMatch(/Windows-1252|1252/i);
      await ws.router.shutdown();
    });
  }
});

/** A zip with one stored part whose declared size lies, as a zip bomb does. */
function bomb(): Uint8Array {
  const name = Buffer.from('xl/workbook.xml');
  const data = deflateRawSync(Buffer.alloc(1000));
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(2_000_000_000, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(2_000_000_000, 24);
  central.writeUInt16LE(name.length, 28);
  const cdOffset = 30 + name.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(46 + name.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return new Uint8Array(Buffer.concat([local, name, data, central, name, eocd]));
}

describe('bad input gives a clear error or a rejected row, never a crash or a partial batch', () => {
  it('refuses every kind of file that is not an export, saying what it is', async () => {
    const ws = await workspaceWith(t.dir);
    const xlsx = readFileSync(writeSurvey(t.dir, 'good.xlsx', { format: 'xlsx', count: 5 }).path);
    const cases: [string, Uint8Array | string, RegExp][] = [
      ['empty.csv', new Uint8Array(0), /empty/],
      ['report.csv', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n'), /PDF/],
      ['photo.xlsx', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]), /image/],
      ['cut-off.xlsx', xlsx.subarray(0, Math.floor(xlsx.length / 2)), /damaged or incomplete/],
      ['bomb.xlsx', bomb(), /zip bomb/],
      [
        'headers-only.csv',
        'Your name,What, if anything, would stop you from using one front door for NHS services?\r\n\r\n\r\n',
        /no responses in it/,
      ],
      ['binary.csv', Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)), /./],
      ['mail.eml', 'This is not an email at all, just text.\n', /not an email|no email headers/],
    ];
    for (const [name, data, why] of cases) {
      const path = t.path(name);
      writeFileSync(path, data);
      const e = await ws.fails('responses.import', { paths: [path] });
      expect(e.code, name).not.toBe('internal');
      expect(e.message, name).toMatch(why);
    }
    expect(await ws.fails('responses.import', { paths: [t.path('missing.csv')] })).toMatchObject({ code: 'not-found' });
    mkdirSync(t.path('empty-folder'));
    expect(await ws.fails('responses.import', { paths: [t.path('empty-folder')] })).toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/no files that can be imported/),
    });
    expect(
      await ws.fails('responses.import', {
        paths: [t.path('good.xlsx')],
        mapping: [{ kind: 'question', questionId: 'no-such-question', part: 'answer' }],
      }),
    ).toMatchObject({ code: 'invalid-input' });
    expect((await ws.call('responses.batches', {})).length).toBe(0);
    await ws.router.shutdown();
  });
});

describe('cancelling an import', () => {
  it('leaves no partial batch and nothing in the journal', async () => {
    const ws = await workspaceWith(t.dir);
    const f = writeSurvey(t.dir, 'big.csv', { count: 30_000, generate: { openLengths: [100, 0, 0] } });
    const journal = journalPathFor(ws.path);
    const before = statSync(journal).size;
    const running = ws.router.dispatch('s', 'responses.import', { paths: [f.path] }, { jobId: 'import-1' });
    while (
      !ws.events.some(
        (e) =>
          e.event === 'job.progress' && /^Importing big\.csv: row/.test((e.payload as { message: string }).message),
      )
    )
      await new Promise((r) => setTimeout(r, 2));
    expect(await ws.call('jobs.cancel', { jobId: 'import-1' })).toEqual({ cancelled: true });
    const r = await running;
    expect(r).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect((await ws.call('responses.batches', {})).length).toBe(0);
    expect((await ws.call('responses.summary', {})).responses).toBe(0);
    expect(statSync(journal).size).toBe(before);
    await ws.router.shutdown();
  });
});
