import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerOptions, orderedQuestions, type Draft } from '#shared/domain/draft/model';
import { isAppError } from '#shared/core/errors';
import {
  buildConsultationDocx,
  buildResponseFormXlsx,
  readResponseFormXlsx,
  type ReturnedAnswer,
} from '#electron/services/documents/consultation-outputs';
import { xmlSafe } from '#electron/services/formats/text-safety';
import { fillXlsx } from '../../harness/fill-forms';
import { validateOoxml } from '../../harness/ooxml';
import { byNs, Package, S } from '../../harness/ooxml-read';
import { convertWithLibreOffice, haveRenderer } from '../../harness/render';
import { tempDir } from '../../harness/temp';
import { badDraft, CTX, writeTo } from './fixtures';
import { expectedAnswer, numberOf, respondentsAnswers, type Given } from './form-answers';

const tmp = tempDir('cw-outputs-xlsx-');
let draft: Draft;
let bytes: Uint8Array;
let pkg: Package;

beforeAll(async () => {
  // The hostile draft: 40 options with commas, quotes, emoji and right-to-left labels.
  draft = badDraft();
  bytes = await buildResponseFormXlsx(draft, CTX);
  pkg = new Package(bytes);
});
afterAll(() => tmp.cleanup());

const sheetXml = (name: string): Document => {
  const wb = pkg.xml('xl/workbook.xml');
  const i = byNs(wb, S, 'sheet').findIndex((s) => s.getAttribute('name') === name);
  return pkg.xml(`xl/worksheets/sheet${i + 1}.xml`);
};

/** Answer cells located as a person sees the form: by the labels in columns A and B. */
function locate(wb: XLSX.WorkBook, d: Draft) {
  const q = wb.Sheets['Questions']!;
  const rows = XLSX.utils.sheet_to_json<string[]>(q, { header: 1, defval: '', raw: false });
  const numbers = numberOf(d);
  const cells = new Map<string, { answer?: string; option: Map<string, string>; other?: string; explain?: string }>();
  for (const question of orderedQuestions(d)) {
    const n = numbers.get(question.id)!;
    const start = rows.findIndex((r) => r[1]?.startsWith(`Question ${n}: `));
    const entry = { option: new Map<string, string>() } as {
      answer?: string;
      option: Map<string, string>;
      other?: string;
      explain?: string;
    };
    if (answerOptions(question).length === 0 || ['likert_agree5', 'yes_no', 'single_choice'].includes(question.type))
      entry.answer = `Questions!C${start + 1}`;
    for (let r = start + 1; r < rows.length && rows[r]![0] === n && !rows[r]![1]?.startsWith('Question '); r++) {
      const label = rows[r]![1]!;
      const opt = answerOptions(question).find((o) => xmlSafe(o.label) === label);
      if (label.startsWith('Please explain your answer')) entry.explain = `Questions!C${r + 1}`;
      else if (label.startsWith('If you chose “Other”')) entry.other = `Questions!C${r + 1}`;
      else if (opt) entry.option.set(opt.id, `Questions!C${r + 1}`);
    }
    cells.set(question.id, entry);
  }
  const about = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['About you']!, { header: 1, defval: '', raw: false });
  const fields = new Map(
    d.aboutYou
      .filter((f) => f.enabled)
      .map((f) => [f.key, `About you!B${about.findIndex((r) => r[0] === f.label) + 1}`]),
  );
  return { cells, fields };
}

function fillMap(
  d: Draft,
  layout: ReturnType<typeof locate>,
  given: { respondent: Record<string, string>; answers: (Given | null)[] },
): Map<string, string> {
  const fill = new Map<string, string>();
  for (const [key, value] of Object.entries(given.respondent)) fill.set(layout.fields.get(key as never)!, value);
  const qs = orderedQuestions(d);
  given.answers.forEach((g, i) => {
    if (!g) return;
    const q = qs[i]!;
    const at = layout.cells.get(q.id)!;
    const opts = answerOptions(q);
    if (at.answer && opts.length && g.chosen[0]) fill.set(at.answer, opts.find((o) => o.id === g.chosen[0])!.label);
    else if (at.answer && g.text !== undefined) fill.set(at.answer, g.text);
    if (!at.answer) for (const id of g.chosen) fill.set(at.option.get(id)!, 'X');
    for (const [id, rank] of g.ranks) fill.set(at.option.get(id)!, String(rank));
    if (g.otherText !== undefined) fill.set(at.other!, g.otherText);
    if (g.explanation !== undefined) fill.set(at.explain!, g.explanation);
  });
  return fill;
}

const expectedAll = (d: Draft, answers: (Given | null)[]): ReturnedAnswer[] =>
  orderedQuestions(d).flatMap((q, i) => (answers[i] ? [expectedAnswer(q, answers[i])] : []));

describe('response form (.xlsx)', () => {
  it('passes the OOXML schema validator and has no macros', async () => {
    const r = await validateOoxml(writeTo(tmp.dir, 'form.xlsx', bytes));
    expect(r.ok, r.output).toBe(true);
    expect([...pkg.files.keys()].some((n) => /vba|\.bin$/i.test(n))).toBe(false);
    expect(pkg.text('[Content_Types].xml')).not.toMatch(/macroEnabled/i);
  });

  it('has the instructions, about you and questions sheets, and a very hidden _workbench sheet', () => {
    const sheets = byNs(pkg.xml('xl/workbook.xml'), S, 'sheet').map((s) => [
      s.getAttribute('name'),
      s.getAttribute('state'),
    ]);
    expect(sheets).toEqual([
      ['Instructions', 'visible'],
      ['About you', 'visible'],
      ['Questions', 'visible'],
      ['_workbench', 'veryHidden'],
    ]);
    const wb = XLSX.read(bytes, { type: 'array' });
    expect(wb.Sheets['Instructions']!['A1'].v).toMatch(/^Response form: /);
    const hidden = wb.Sheets['_workbench']!;
    expect([hidden['A2'].v, hidden['B2'].v, hidden['A3'].v, hidden['B4'].v, hidden['B5'].v]).toEqual([
      'kind',
      'consultation-workbench/response-form-xlsx',
      'formId',
      CTX.consultationId,
      '1',
    ]);
    expect(hidden['B3'].v).toMatch(/^form-[0-9a-f]{16}$/);
    // Word-limit guidance beside the open question that has a limit.
    const visible = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['Questions']!, { header: 1, defval: '' });
    const q3 = visible.find((r) => String(r[1]).includes('What, if anything, would stop you'))!;
    expect(q3[3]).toBe('Please use no more than 300 words.');
    // Every question's stable id and every option code is there.
    const records = XLSX.utils.sheet_to_json<string[]>(hidden, { header: 1, defval: '' }).slice(7);
    for (const q of orderedQuestions(draft)) {
      expect(records.some((r) => r[0] === 'question' && r[1] === q.id)).toBe(true);
      for (const o of answerOptions(q))
        expect(records.some((r) => r[0] === 'option' && r[1] === q.id && r[4] === o.id)).toBe(true);
    }
  });

  it('protects every sheet; only the answer boxes are unlocked', () => {
    const xfs = byNs(byNs(pkg.xml('xl/styles.xml'), S, 'cellXfs')[0]!, S, 'xf');
    const unlocked = (c: Element) =>
      byNs(xfs[Number(c.getAttribute('s') ?? 0)]!, S, 'protection')[0]?.getAttribute('locked') === '0';
    for (const name of ['Instructions', 'About you', 'Questions', '_workbench']) {
      const x = sheetXml(name);
      expect(byNs(x, S, 'sheetProtection')[0]?.getAttribute('sheet'), name).toBe('1');
      expect(byNs(x, S, 'sheetProtection')[0]?.getAttribute('password') ?? null).toBeNull();
    }
    const q = sheetXml('Questions');
    const open = byNs(q, S, 'c')
      .filter(unlocked)
      .map((c) => c.getAttribute('r')!);
    // Unlocked: column C only, one box per answer row the hidden sheet records.
    expect(open.every((r) => r.startsWith('C'))).toBe(true);
    const wb = XLSX.read(bytes, { type: 'array' });
    const cells = XLSX.utils
      .sheet_to_json<string[]>(wb.Sheets['_workbench']!, { header: 1, defval: '' })
      .filter((r) => r[0] === 'row')
      .map((r) => r[6]!.replace('Questions!', ''));
    expect(new Set(open)).toEqual(new Set(cells));
    // Numbers and question text are locked.
    for (const c of byNs(q, S, 'c').filter((c) => /^[AB]\d+$/.test(c.getAttribute('r')!)))
      expect(unlocked(c)).toBe(false);
    expect(
      byNs(sheetXml('About you'), S, 'c')
        .filter(unlocked)
        .every((c) => c.getAttribute('r')!.startsWith('B')),
    ).toBe(true);
  });

  it('offers drop-down lists of the exact option labels, each validation a single non-overlapping range', () => {
    const wb = XLSX.read(bytes, { type: 'array' });
    const hidden = wb.Sheets['_workbench']!;
    const layout = locate(wb, draft);
    const x = sheetXml('Questions');
    const dvs = byNs(x, S, 'dataValidation').map((dv) => ({
      sqref: dv.getAttribute('sqref')!,
      type: dv.getAttribute('type'),
      formula: byNs(dv, S, 'formula1')[0]?.textContent ?? '',
    }));
    for (const dv of dvs) expect(dv.sqref).toMatch(/^[A-Z]+\d+(:[A-Z]+\d+)?$/);
    const covered = dvs.flatMap((dv) => {
      const [a, b = a] = dv.sqref.split(':');
      const from = Number(a!.slice(1));
      const to = Number(b!.slice(1));
      return Array.from({ length: to - from + 1 }, (_, i) => `C${from + i}`);
    });
    expect(new Set(covered).size).toBe(covered.length);
    for (const q of orderedQuestions(draft)) {
      const at = layout.cells.get(q.id)!;
      const opts = answerOptions(q);
      if (!opts.length || !at.answer) continue;
      const dv = dvs.find(
        (d) => d.sqref === `${at.answer!.replace('Questions!', '')}:${at.answer!.replace('Questions!', '')}`,
      )!;
      expect(dv.type).toBe('list');
      const m = /^'_workbench'!\$F\$(\d+):\$F\$(\d+)$/.exec(dv.formula)!;
      const labels = Array.from(
        { length: Number(m[2]) - Number(m[1]) + 1 },
        (_, i) => hidden[`F${Number(m[1]) + i}`].v,
      );
      expect(labels).toEqual(opts.map((o) => xmlSafe(o.label)));
    }
    // The 40-option question: one tick range over its 40 rows.
    const q40 = layout.cells.get('bad-q40')!;
    const first = q40.option.get('bad-q40-o1')!.replace('Questions!', '');
    const last = q40.option.get('other')!.replace('Questions!', '');
    expect(dvs.find((d) => d.sqref === `${first}:${last}`)).toMatchObject({ type: 'list', formula: '"X"' });
  });

  it('reads back an untouched form as no answers, and refuses files that are not our forms', async () => {
    expect(readResponseFormXlsx(bytes)).toEqual({
      formId: expect.stringMatching(/^form-/),
      consultationId: CTX.consultationId,
      respondent: {},
      answers: [],
      warnings: [],
    });
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('Sheet1').getCell('A1').value = 'hello';
    const notOurs = new Uint8Array(await plain.xlsx.writeBuffer());
    for (const bad of [
      notOurs,
      new TextEncoder().encode('not a spreadsheet at all'),
      await buildConsultationDocx(draft, CTX),
    ]) {
      try {
        readResponseFormXlsx(bad);
        expect.unreachable('should have thrown');
      } catch (e) {
        expect(isAppError(e) && e.code).toBe('bad-file');
      }
    }
  });

  it('round trip: whatever a respondent types in the unlocked boxes comes back exactly (property-based)', () => {
    const wb = XLSX.read(bytes, { type: 'array' });
    const layout = locate(wb, draft);
    fc.assert(
      fc.property(respondentsAnswers(draft), (given) => {
        const filled = fillXlsx(bytes, fillMap(draft, layout, given));
        const back = readResponseFormXlsx(filled);
        expect(back.warnings).toEqual([]);
        expect(back.respondent).toEqual(given.respondent);
        expect(back.answers).toEqual(expectedAll(draft, given.answers));
      }),
      { numRuns: 100, seed: 20270215 },
    );
  });

  it('reports what it cannot map instead of guessing', () => {
    const wb = XLSX.read(bytes, { type: 'array' });
    const layout = locate(wb, draft);
    const q1 = orderedQuestions(draft)[0]!;
    const q40 = layout.cells.get('bad-q40')!;
    const ranking = orderedQuestions(draft).find((q) => q.type === 'ranking')!;
    const q6 = layout.cells.get('example-q6')!;
    const fill = new Map([
      [q6.answer!, 'A national NHS body'],
      [q6.other!, 'A regulator and a charity'],
      [layout.cells.get(q1.id)!.answer!, 'Somewhat agree'],
      [[...layout.cells.get(ranking.id)!.option.values()][0]!, 'first'],
      [q40.option.get('bad-q40-o2')!, 'x'],
    ]);
    const back = readResponseFormXlsx(fillXlsx(bytes, fill));
    expect(back.answers.find((a) => a.questionId === q1.id)).toEqual({
      questionId: q1.id,
      optionIds: [],
      text: 'Somewhat agree',
    });
    expect(back.answers.find((a) => a.questionId === 'bad-q40')?.optionIds).toEqual(['bad-q40-o2']);
    expect(back.answers.find((a) => a.questionId === 'example-q6')).toEqual({
      questionId: 'example-q6',
      optionIds: ['example-q6-o2'],
      text: '',
      otherText: 'A regulator and a charity',
    });
    expect(back.warnings).toHaveLength(3);
    expect(back.warnings[0]).toMatch(/^Question 1: “Somewhat agree” is not one of the options/);
    expect(back.warnings[1]).toMatch(/^Question 8: “Other” is filled in, but another answer is chosen/);
    expect(back.warnings[2]).toMatch(/not a whole number/);
  });
});

describe('options not written yet, or written twice', () => {
  it('print as "Option N" and "label (2)", so each answer maps back to exactly one option', async () => {
    const d = badDraft();
    const q = d.questions.find((x) => x.id === 'bad-long')!;
    q.options = [
      { id: 'blank', label: '  ' },
      { id: 'first', label: 'Same answer' },
      { id: 'second', label: 'same  ANSWER' },
    ];
    const form = await buildResponseFormXlsx(d, CTX);
    const layout = locate(XLSX.read(form, { type: 'array' }), d);
    const hidden = XLSX.utils.sheet_to_json<string[]>(XLSX.read(form, { type: 'array' }).Sheets['_workbench']!, {
      header: 1,
      defval: '',
    });
    expect(hidden.filter((r) => r[0] === 'option' && r[1] === 'bad-long').map((r) => r[5])).toEqual([
      'Option 1',
      'Same answer',
      'same  ANSWER (2)',
    ]);
    const back = readResponseFormXlsx(
      fillXlsx(form, new Map([[layout.cells.get('bad-long')!.answer!, 'same  ANSWER (2)']])),
    );
    expect(back.answers).toEqual([{ questionId: 'bad-long', optionIds: ['second'], text: '' }]);
  });
});

describe.skipIf(!haveRenderer())('response form (.xlsx) filled with another program and saved by LibreOffice', () => {
  it('is still recognised and read', async () => {
    const d = badDraft();
    const form = await buildResponseFormXlsx(d, CTX);
    const layout = locate(XLSX.read(form, { type: 'array' }), d);
    // Filled with exceljs (as another spreadsheet program would), then opened and saved by LibreOffice Calc.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(form.slice().buffer);
    const q1 = orderedQuestions(d)[0]!;
    const at = (ref: string) => wb.getWorksheet(ref.split('!')[0]!)!.getCell(ref.split('!')[1]!);
    at(layout.cells.get(q1.id)!.answer!).value = 'Strongly disagree';
    at(layout.cells.get(q1.id)!.explain!).value = 'Because, "quoted" =SUM(A1)\nsecond line 🏥';
    at(layout.cells.get('bad-q40')!.option.get('bad-q40-o1')!).value = 'X';
    at(layout.cells.get('bad-q40')!.other!).value = 'Something else';
    at(layout.fields.get('name')!).value = 'Ada Lovelace';
    const filled = writeTo(tmp.dir, 'filled.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    const saved = convertWithLibreOffice(filled, 'xlsx:Calc MS Excel 2007 XML', `${tmp.dir}/lo`);
    expect((await validateOoxml(saved)).ok).toBe(true);
    const back = readResponseFormXlsx(new Uint8Array(readFileSync(saved)));
    expect(back.consultationId).toBe(CTX.consultationId);
    expect(back.respondent).toEqual({ name: 'Ada Lovelace' });
    expect(back.answers).toEqual([
      {
        questionId: q1.id,
        optionIds: ['likert-strongly-disagree'],
        text: '',
        explanation: 'Because, "quoted" =SUM(A1)\nsecond line 🏥',
      },
      { questionId: 'bad-q40', optionIds: ['bad-q40-o1', 'other'], text: '', otherText: 'Something else' },
    ]);
  });
});
