import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { Document, Packer, Paragraph } from 'docx';
import { tempDir } from '../../harness/temp';
import { fillDocx, fillXlsx } from '../../harness/fill-forms';
import { buildResponseFormDocx, buildResponseFormXlsx } from '#electron/services/documents/consultation-outputs';
import { exampleDraft } from '#shared/domain/draft/example';
import { answerOptions, orderedQuestions, questionNumbers, type Draft } from '#shared/domain/draft/model';
import { workspaceWith } from './helpers';

/**
 * Returned response forms: made by the outputs builders for this workspace's consultation, filled
 * in as a respondent's Excel or Word would, and imported — recognised by their hidden ids, with
 * no mapping asked for; a form from another consultation is refused and says why.
 */
let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir('cw-responses-forms-');
});
afterEach(() => t.cleanup());

const NOW = new Date('2027-03-01T09:00:00Z');

/** Cell references of every answer box, from the form's own hidden map. */
function xlsxCells(bytes: Uint8Array) {
  const wb = XLSX.read(bytes, { type: 'array' });
  const rows = XLSX.utils
    .sheet_to_json<string[]>(wb.Sheets['_workbench']!, { header: 1, defval: '', raw: false })
    .slice(7);
  const fields = new Map<string, string>();
  const questions = new Map<
    string,
    { answer?: string; options: Map<string, string>; other?: string; explain?: string }
  >();
  let current: string | null = null;
  for (const r of rows) {
    if (r[0] === 'field') fields.set(r[1]!, r[6]!);
    else if (r[0] === 'question') {
      current = r[1]!;
      questions.set(current, { options: new Map() });
    } else if (r[0] === 'row' && current) {
      const q = questions.get(current)!;
      if (r[3] === 'answer') q.answer = r[6]!;
      else if (r[3] === 'option') q.options.set(r[4]!, r[6]!);
      else if (r[3] === 'other') q.other = r[6]!;
      else if (r[3] === 'explain') q.explain = r[6]!;
    }
  }
  return { fields, questions };
}

async function filledXlsx(draft: Draft, consultationId: string, name: string, email: string): Promise<Uint8Array> {
  const bytes = await buildResponseFormXlsx(draft, { now: NOW, consultationId });
  const { fields, questions } = xlsxCells(bytes);
  const q1 = questions.get('example-q1')!;
  const q3 = questions.get('example-q3')!;
  const q2 = questions.get('example-q2')!;
  const fill = new Map<string, string>([
    [fields.get('name')!, name],
    [fields.get('email')!, email],
    [q1.answer!, 'Agree'],
    [q1.explain!, 'It would help my mother find her results.'],
    [q3.answer!, 'Nothing would stop me, café or no café.'],
    [q2.options.get(answerOptions(draft.questions.find((q) => q.id === 'example-q2')!)[1]!.id)!, 'X'],
  ]);
  return fillXlsx(bytes, fill);
}

async function filledDocx(draft: Draft, consultationId: string, name: string): Promise<Uint8Array> {
  const bytes = await buildResponseFormDocx(draft, { now: NOW, consultationId });
  const nums = questionNumbers(draft);
  const about = draft.aboutYou.filter((f) => f.enabled);
  const fill = new Map<string, Map<number, string>>([
    ['About you', new Map([[about.findIndex((f) => f.key === 'name'), name]])],
    [`Question ${nums.get('example-q1')!}`, new Map([[3, 'X']])], // Disagree
    [`Question ${nums.get('example-q3')!}`, new Map([[0, 'Broadband where I live is too slow.\nSecond paragraph.']])],
  ]);
  return fillDocx(bytes, fill);
}

describe('returned response forms', () => {
  it(
    'imports filled Excel and Word forms from a folder with no mapping, and refuses another consultation’s form ' +
      'and a stray Word file',
    async () => {
      const ws = await workspaceWith(t.dir);
      const draft = exampleDraft();
      const folder = join(t.dir, 'returned');
      mkdirSync(folder);
      writeFileSync(
        join(folder, '01 Jane.xlsx'),
        await filledXlsx(draft, ws.consultationId, 'Jane Doe', 'jane@example.org'),
      );
      writeFileSync(join(folder, '02 Sam.docx'), await filledDocx(draft, ws.consultationId, 'Sam Smith'));
      writeFileSync(
        join(folder, '03 other consultation.xlsx'),
        await filledXlsx(draft, 'another-consultation-id', 'Alex', 'alex@example.org'),
      );
      writeFileSync(
        join(folder, '04 covering letter.docx'),
        await Packer.toBuffer(
          new Document({
            sections: [{ children: [new Paragraph('Dear Sir or Madam, please find my response attached.')] }],
          }),
        ),
      );

      const out = await ws.call('responses.import', { paths: [folder] });
      expect(out.imported).toBe(2);
      expect(out.batches.map((b) => [b.sourceName, b.type])).toEqual([
        ['01 Jane.xlsx', 'response-form'],
        ['02 Sam.docx', 'response-form'],
      ]);
      expect(out.skipped).toEqual([
        {
          file: '03 other consultation.xlsx',
          reason: expect.stringMatching(/response form for a different consultation/),
        },
        {
          file: '04 covering letter.docx',
          reason: expect.stringMatching(/not one of this consultation's response forms/),
        },
      ]);

      const jane = await ws.call('responses.get', { id: 1 });
      expect(jane.channel).toBe('response-form');
      expect(jane.respondent.fields).toMatchObject({ name: 'Jane Doe', email: 'jane@example.org' });
      expect(jane.answers.find((a) => a.questionId === 'example-q1')).toMatchObject({
        optionIds: ['likert-agree'],
        explanation: 'It would help my mother find her results.',
      });
      expect(jane.answers.find((a) => a.questionId === 'example-q3')?.text).toBe(
        'Nothing would stop me, café or no café.',
      );
      expect(jane.answers.find((a) => a.questionId === 'example-q2')?.optionIds).toHaveLength(1);
      expect(jane.source).toMatchObject({ kind: 'response-form', formId: expect.stringMatching(/^form-/) });
      const sam = await ws.call('responses.get', { id: 2 });
      expect(sam.respondent.fields.name).toBe('Sam Smith');
      expect(sam.answers.find((a) => a.questionId === 'example-q1')?.optionIds).toEqual(['likert-disagree']);
      expect(sam.answers.find((a) => a.questionId === 'example-q3')?.text).toBe(
        'Broadband where I live is too slow.\nSecond paragraph.',
      );

      // Accents fold in search: "cafe" finds "café".
      const hit = await ws.call('responses.search', { query: 'cafe' });
      expect(hit.results).toEqual([
        expect.objectContaining({
          responseId: 1,
          questionId: 'example-q3',
          highlights: [expect.any(Array), expect.any(Array)],
        }),
      ]);

      // The same folder again: everything already imported or refused, so nothing happens, and it says so.
      const again = await ws.fails('responses.import', { paths: [folder] });
      expect(again.message).toMatch(/^Nothing was imported: 01 Jane\.xlsx: 01 Jane\.xlsx was already imported/);
      await ws.router.shutdown();
    },
  );

  it('refuses a single form from another consultation with a clear message', async () => {
    const ws = await workspaceWith(t.dir);
    const path = join(t.dir, 'foreign.xlsx');
    writeFileSync(path, await filledXlsx(exampleDraft(), 'someone-elses-consultation', 'Alex', 'alex@example.org'));
    const e = await ws.fails('responses.import', { paths: [path] });
    expect(e).toMatchObject({ code: 'conflict' });
    expect(e.message).toMatch(/different consultation .* not imported/);
    expect((await ws.call('responses.batches', {})).length).toBe(0);
    await ws.router.shutdown();
  });

  it(
    'records the channel of every response, and every question of the form is mapped by id whatever its number ' +
      'now',
    async () => {
      const ws = await workspaceWith(t.dir);
      const draft = exampleDraft();
      const path = join(t.dir, 'form.xlsx');
      writeFileSync(path, await filledXlsx(draft, ws.consultationId, 'Jane', 'jane@example.org'));
      // Move the first question to the end before the form comes back: numbers change, ids do not.
      const d = (await ws.call('draft.get', {})).draft;
      await ws.call('draft.moveQuestion', {
        id: 'example-q1',
        sectionId: d.sections[d.sections.length - 1]!.id,
        toIndex: 99,
      });
      await ws.call('responses.import', { paths: [path] });
      const r = await ws.call('responses.get', { id: 1 });
      expect(r.answers.find((a) => a.questionId === 'example-q1')).toMatchObject({
        optionIds: ['likert-agree'],
        number: String(orderedQuestions((await ws.call('draft.get', {})).draft).length),
      });
      const summary = await ws.call('responses.summary', {});
      expect(summary.channels).toEqual([{ channel: 'response-form', count: 1 }]);
      await ws.router.shutdown();
    },
  );
});
