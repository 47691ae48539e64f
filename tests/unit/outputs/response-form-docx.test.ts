import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerOptions, orderedQuestions, questionNumbers, type Draft } from '#shared/domain/draft/model';
import { isAppError } from '#shared/core/errors';
import {
  buildConsultationDocx,
  buildResponseFormDocx,
  buildResponseFormXlsx,
  readResponseFormDocx,
  type ReturnedAnswer,
} from '#electron/services/documents/consultation-outputs';
import { xmlSafe } from '#electron/services/formats/text-safety';
import { fillDocx } from '../../harness/fill-forms';
import { validateOoxml } from '../../harness/ooxml';
import { byNs, Package, paragraphText, W, wordParagraphs } from '../../harness/ooxml-read';
import { convertWithLibreOffice, haveRenderer } from '../../harness/render';
import { tempDir } from '../../harness/temp';
import { badDraft, CTX, writeTo } from './fixtures';
import { expectedAnswer, respondentsAnswers, type Given } from './form-answers';

const tmp = tempDir('cw-outputs-docx-form-');
let draft: Draft;
let bytes: Uint8Array;
let pkg: Package;

beforeAll(async () => {
  draft = badDraft();
  bytes = await buildResponseFormDocx(draft, CTX);
  pkg = new Package(bytes);
});
afterAll(() => tmp.cleanup());

/** Each table as its rows' left-hand labels, keyed by its first cell: what a respondent sees. */
function tables(p: Package): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const t of byNs(p.xml('word/document.xml'), W, 'tbl')) {
    const rows = byNs(t, W, 'tr').map((tr) =>
      byNs(byNs(tr, W, 'tc')[0]!, W, 'p')
        .map(paragraphText)
        .join('\n'),
    );
    out.set(rows[0]!, rows.slice(1));
  }
  return out;
}

function fillFor(
  d: Draft,
  t: Map<string, string[]>,
  given: { respondent: Record<string, string>; answers: (Given | null)[] },
): Map<string, Map<number, string>> {
  const numbers = questionNumbers(d);
  const fill = new Map<string, Map<number, string>>();
  const put = (table: string, row: number, text: string) => {
    if (row < 0) throw new Error(`No row for ${table}`);
    fill.set(table, (fill.get(table) ?? new Map<number, string>()).set(row, text));
  };
  const about = t.get('About you')!;
  for (const [key, value] of Object.entries(given.respondent)) {
    const label = d.aboutYou.find((f) => f.key === key)!.label;
    put(
      'About you',
      about.findIndex((l) => l.split('\n')[0] === label),
      value,
    );
  }
  orderedQuestions(d).forEach((q, i) => {
    const g = given.answers[i];
    if (!g) return;
    const name = `Question ${numbers.get(q.id)!}`;
    const rows = t.get(name)!;
    const rowOf = (label: string) => rows.findIndex((l) => l === label);
    const opts = answerOptions(q);
    for (const id of g.chosen) put(name, rowOf(xmlSafe(opts.find((o) => o.id === id)!.label)), 'X');
    for (const [id, rank] of g.ranks) put(name, rowOf(xmlSafe(opts.find((o) => o.id === id)!.label)), String(rank));
    if (g.text !== undefined)
      put(
        name,
        rows.findIndex((l) => l.startsWith('Your answer')),
        g.text,
      );
    if (g.otherText !== undefined)
      put(
        name,
        rows.findIndex((l) => l.startsWith('If you chose “Other”')),
        g.otherText,
      );
    if (g.explanation !== undefined)
      put(
        name,
        rows.findIndex((l) => l.startsWith('Please explain your answer')),
        g.explanation,
      );
  });
  return fill;
}

const expectedAll = (d: Draft, answers: (Given | null)[]): ReturnedAnswer[] =>
  orderedQuestions(d).flatMap((q, i) => (answers[i] ? [expectedAnswer(q, answers[i])] : []));

describe('response form (.docx)', () => {
  it('passes the OOXML schema validator, with no macros and no form fields', async () => {
    const r = await validateOoxml(writeTo(tmp.dir, 'form.docx', bytes));
    expect(r.ok, r.output).toBe(true);
    expect([...pkg.files.keys()].some((n) => /vba|\.bin$/i.test(n))).toBe(false);
    const doc = pkg.xml('word/document.xml');
    for (const tag of ['sdt', 'ffData', 'checkBox', 'fldSimple']) expect(byNs(doc, W, tag), tag).toHaveLength(0);
  });

  it('puts each question left and its answer boxes right, one table per question plus About you', () => {
    const t = tables(pkg);
    const numbers = questionNumbers(draft);
    expect([...t.keys()]).toEqual([
      'About you',
      ...orderedQuestions(draft).map((q) => `Question ${numbers.get(q.id)!}`),
    ]);
    const q1 = t.get('Question 1')!;
    expect(q1).toEqual([
      'Strongly agree',
      'Agree',
      'Neither agree nor disagree',
      'Disagree',
      'Strongly disagree',
      'Don’t know',
      'Please explain your answer.',
    ]);
    const q40 = orderedQuestions(draft).find((q) => q.id === 'bad-q40')!;
    expect(t.get(`Question ${numbers.get(q40.id)!}`)).toHaveLength(40 + 1 + 1 + 1);
    const open = orderedQuestions(draft).find((q) => q.id === 'example-q3')!;
    expect(t.get(`Question ${numbers.get(open.id)!}`)).toEqual(['Your answer (no more than 300 words)']);
    const doc = pkg.xml('word/document.xml');
    for (const tbl of byNs(doc, W, 'tbl')) {
      const rows = byNs(tbl, W, 'tr');
      expect(byNs(rows[0]!, W, 'tblHeader')).toHaveLength(1);
      expect(rows.every((r) => byNs(r, W, 'tc').length === 2)).toBe(true);
      expect(byNs(tbl, W, 'gridSpan')).toHaveLength(0);
    }
    // Every question is printed in the numbered style above its table.
    const questions = wordParagraphs(doc)
      .filter((p) => p.style === 'Question')
      .map((p) => p.text);
    expect(questions).toEqual(
      orderedQuestions(draft).map((q) => `Question ${numbers.get(q.id)!}: ${xmlSafe(q.text).trim()}`),
    );
  });

  it('keeps its ids in custom document properties', () => {
    const custom = pkg.text('docProps/custom.xml');
    expect(custom).toContain('name="CW form kind"><vt:lpwstr>consultation-workbench/response-form-docx</vt:lpwstr>');
    expect(custom).toContain(`name="CW consultation id"><vt:lpwstr>${CTX.consultationId}</vt:lpwstr>`);
    expect(custom).toMatch(/name="CW form id"><vt:lpwstr>form-[0-9a-f]{16}<\/vt:lpwstr>/);
    // Every value fits Word's 255-character limit.
    for (const m of custom.matchAll(/<vt:lpwstr>([^<]*)<\/vt:lpwstr>/g)) expect(m[1]!.length).toBeLessThanOrEqual(255);
    expect(readResponseFormDocx(bytes)).toEqual({
      formId: expect.stringMatching(/^form-/),
      consultationId: CTX.consultationId,
      respondent: {},
      answers: [],
      warnings: [],
    });
  });

  it('round trip: answers typed into the right-hand cells come back exactly (property-based)', () => {
    const layout = tables(pkg);
    fc.assert(
      fc.property(respondentsAnswers(draft), (given) => {
        const back = readResponseFormDocx(fillDocx(bytes, fillFor(draft, layout, given)));
        expect(back.warnings).toEqual([]);
        expect(back.respondent).toEqual(given.respondent);
        expect(back.answers).toEqual(expectedAll(draft, given.answers));
      }),
      { numRuns: 100, seed: 20270301 },
    );
  });

  it(
    'reads ticks however they are typed, ignores deleted ' + 'text, and matches rows by label when rows were removed',
    () => {
      const filled = fillDocx(
        bytes,
        new Map([
          ['Question 1', new Map([[1, '✓']])],
          [
            'Question 2',
            new Map([
              [0, 'x'],
              [2, 'yes'],
            ]),
          ],
        ]),
      );
      const p = new Package(filled);
      // A tracked deletion in the explanation box of question 1, and a deleted row in question 2's table.
      let xml = p.text('word/document.xml');
      xml = xml.replace(
        /(Please explain your answer\.[\s\S]*?<w:tc>[\s\S]*?)<w:p>/,
        '$1<w:p><w:del w:id="90" w:author="R" w:date="2027-03-01T00:00:00Z"><w:r><w:delText>removed ' +
          'words</w:delText></w:r></w:del></w:p><w:p>',
      );
      xml = xml.replace(/<w:tr>(?:(?!<w:tr>)[\s\S])*?Option 2, with a comma[\s\S]*?<\/w:tr>/, '');
      p.set('word/document.xml', xml);
      const back = readResponseFormDocx(p.bytes());
      expect(back.answers).toEqual([
        { questionId: 'example-q1', optionIds: ['likert-agree'], text: '' },
        { questionId: 'bad-q40', optionIds: ['bad-q40-o1', 'bad-q40-o3'], text: '' },
      ]);
      expect(back.warnings).toEqual([
        expect.stringMatching(
          /^Question 2: the table has 42 answer rows instead of 43; rows were matched by their labels\.$/,
        ),
      ]);
    },
  );

  it('refuses documents that are not our forms', async () => {
    const notOurs = [
      await buildConsultationDocx(draft, CTX),
      await buildResponseFormXlsx(draft, CTX),
      new TextEncoder().encode('plain text'),
    ];
    for (const bad of notOurs) {
      try {
        readResponseFormDocx(bad);
        expect.unreachable('should have thrown');
      } catch (e) {
        expect(isAppError(e) && e.code).toBe('bad-file');
      }
    }
  });
});

describe.skipIf(!haveRenderer())('response form (.docx) saved again by LibreOffice Writer', () => {
  it('keeps its properties and tables, so answers are still read', () => {
    const given = {
      respondent: { name: 'Grace Hopper', region: 'Wales' },
      answers: orderedQuestions(draft).map((): Given | null => null),
    };
    given.answers[0] = {
      questionId: 'example-q1',
      chosen: ['likert-disagree'],
      ranks: new Map(),
      explanation: 'Line one, with "quotes"\nLine two 🏥',
    };
    const filled = writeTo(tmp.dir, 'filled.docx', fillDocx(bytes, fillFor(draft, tables(pkg), given)));
    const saved = convertWithLibreOffice(filled, 'docx:MS Word 2007 XML', `${tmp.dir}/lo`);
    const back = readResponseFormDocx(new Uint8Array(readFileSync(saved)));
    expect(back.warnings).toEqual([]);
    expect(back.respondent).toEqual({ name: 'Grace Hopper', region: 'Wales' });
    expect(back.answers).toEqual([
      {
        questionId: 'example-q1',
        optionIds: ['likert-disagree'],
        text: '',
        explanation: 'Line one, with "quotes"\nLine two 🏥',
      },
    ]);
  });
});
