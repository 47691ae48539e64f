import { describe, expect, it } from 'vitest';
import { exampleDraft } from '#shared/domain/draft/example';
import { commaDraft } from '../../generators/drafts';
import { toCsv } from '../../generators/encode';
import { readSourceFile } from '#electron/services/formats/read/index';
import {
  detectLayout,
  proposeMapping,
  applyMapping,
  inferQuestions,
  sourceFingerprint,
} from '#shared/domain/survey-import/index';
import { parseSurveyTime } from '#shared/domain/survey-import/index';
import { OptionMatcher } from '#shared/domain/survey-import/values/option-matcher';

const csv = (rows: string[][]) => readSourceFile(toCsv(rows), 'a.csv');

describe('proposing a mapping', () => {
  const draft = exampleDraft();
  it('matches question numbers in their usual spellings, and text when there is no number', () => {
    const t = csv([
      [
        'Q1',
        '2. Which services would you use?',
        'Question 3',
        'Q4: standard for information',
        'How often should NHS health information pages be checked for accuracy?',
      ],
      ['Agree', 'Booking appointments', 'Nothing', 'Agree', 'Every year'],
    ]);
    const l = detectLayout(t);
    const p = proposeMapping(l, draft, t);
    expect(p.mapping.map((m) => (m.kind === 'question' ? m.questionId : m.kind))).toEqual([
      'example-q1',
      'example-q2',
      'example-q3',
      'example-q4',
      'example-q5',
    ]);
    expect(p.unmatched).toEqual([]);
    expect(p.confidence.every((c) => c > 0.4)).toBe(true);
    expect(p.reasons[0]).toMatch(/question number 1/);
  });

  it('lists columns that match no question as unmatched, with a reason, and keeps their cells as received', () => {
    const t = csv([
      ['What is your favourite colour of bus?', 'Q1'],
      ['Red', 'Agree'],
    ]);
    const p = proposeMapping(detectLayout(t), draft, t);
    expect(p.mapping[0]).toEqual({ kind: 'keep' });
    expect(p.unmatched).toEqual([0]);
    expect(p.reasons[0]).toMatch(/no question.*kept with each response as received/i);
  });

  it(
    "keeps the survey tool's own columns (IP address, progress) with each response, and leaves out only empty " +
      'columns with no header',
    () => {
      const t = csv([
        ['ID', 'Start time', 'Completion time', 'IP Address', 'Progress', '', 'Q1'],
        ['1', '', '', '10.0.0.1', '100', '', 'Agree'],
      ]);
      const layout = detectLayout(t);
      const p = proposeMapping(layout, draft, t);
      expect(p.mapping[3]).toEqual({ kind: 'keep' });
      expect(p.mapping[4]).toEqual({ kind: 'keep' });
      expect(p.mapping[5]).toEqual({ kind: 'ignore' });
      const r = applyMapping(t, layout, p.mapping, draft);
      expect(r.responses[0]!.extra).toEqual([
        [3, '10.0.0.1'],
        [4, '100'],
      ]);
    },
  );

  it('fingerprints a source by its headers: the same survey matches, a changed one does not', () => {
    const a = detectLayout(
      csv([
        ['ID', 'Start time', 'Completion time', 'Q1'],
        ['1', '', '', 'Agree'],
      ]),
    );
    const b = detectLayout(
      csv([
        ['ID', 'Start time', 'Completion time', 'q1 '],
        ['9', '', '', 'No'],
        ['10', '', '', 'Yes'],
      ]),
    );
    const c = detectLayout(
      csv([
        ['ID', 'Start time', 'Completion time', 'Q1', 'Q2'],
        ['1', '', '', 'Agree', ''],
      ]),
    );
    expect(sourceFingerprint(a)).toBe(sourceFingerprint(b));
    expect(sourceFingerprint(a)).not.toBe(sourceFingerprint(c));
    expect(sourceFingerprint(a)).toMatch(/^microsoft-forms:[0-9a-f]{16}$/);
  });
});

describe('values', () => {
  it('splits multi-select lists on ; and , without splitting options that contain commas', () => {
    const d = commaDraft();
    const t = csv([
      ['Q1', 'Q2', 'Q3'],
      ['The NHS, nationally; Charities, voluntary or community organisations', 'Yes, with conditions', 'x'],
      ['Charities, Local authorities, Regulators, such as the CQC, or ombudsmen', 'yes', 'x'],
      ['charities , The NHS, nationally,My own idea, with a comma', ' YES, WITH CONDITIONS ', 'x'],
    ]);
    const l = detectLayout(t);
    const p = proposeMapping(l, d, t);
    const r = applyMapping(t, l, p.mapping, d);
    expect(r.responses.map((x) => x.answers[0]!.optionIds)).toEqual([
      ['c-o1', 'c-o3'],
      ['c-o4', 'c-o2', 'c-o5'],
      ['c-o4', 'c-o1', 'other'],
    ]);
    expect(r.responses[2]!.answers[0]!.otherText).toBe('My own idea, with a comma');
    expect(r.responses.map((x) => x.answers[1]!.optionIds)).toEqual([['c-yc'], ['c-y'], ['c-yc']]);
  });

  it('treats blank markers as not answered, unless they are an option', () => {
    const d = exampleDraft();
    const t = csv([
      ['Q1', 'Q3', 'Q8'],
      ['-', 'N/A', 'Not provided'],
      ['Agree', '  ', 'n/a'],
      ['Don’t know', 'Real answer', '-'],
    ]);
    const l = detectLayout(t);
    const r = applyMapping(t, l, proposeMapping(l, d, t).mapping, d);
    expect(r.rejected.map((x) => [x.sourceRow, x.reason])).toEqual([
      [2, 'Row 2 has nothing in any of the columns being imported.'],
    ]);
    expect(r.responses.map((x) => x.answers.map((a) => [a.questionId, a.optionIds, a.text]))).toEqual([
      [['example-q1', ['likert-agree'], 'Agree']],
      [
        ['example-q1', ['likert-dont-know'], 'Don’t know'],
        ['example-q3', [], 'Real answer'],
      ],
    ]);
    const withNa = commaDraft();
    withNa.questions[1]!.options.push({ id: 'c-na', label: 'N/A' });
    const t2 = csv([['Q2'], ['N/A']]);
    const l2 = detectLayout(t2);
    expect(
      applyMapping(t2, l2, proposeMapping(l2, withNa, t2).mapping, withNa).responses[0]!.answers[0]!.optionIds,
    ).toEqual(['c-na']);
  });

  it('keeps a row whose closed answer is not an option, flags it and counts the value', () => {
    const d = exampleDraft();
    const t = csv([
      ['Q1', 'Q5'],
      ['Sort of agree', 'Every year'],
      ['Agree', 'Weekly'],
      ['Sort of agree', 'Weekly'],
    ]);
    const l = detectLayout(t);
    const r = applyMapping(t, l, proposeMapping(l, d, t).mapping, d);
    expect(r.responses).toHaveLength(3);
    expect(r.responses[0]!.answers[0]).toEqual({
      questionId: 'example-q1',
      optionIds: [],
      text: 'Sort of agree',
      unmatched: ['Sort of agree'],
    });
    expect(r.responses[0]!.issues[0]!.message).toBe('"Sort of agree" is not an option of question 1.');
    expect(r.unmatchedValues.map((u) => [u.value, u.count, u.rows])).toEqual([
      ['Sort of agree', 2, [2, 4]],
      ['Weekly', 2, [3, 4]],
    ]);
  });

  it('matches labels whatever the case, spacing and quotes', () => {
    const m = new OptionMatcher([
      { id: 'a', label: 'Don’t know' },
      { id: 'b', label: 'Strongly agree' },
    ]);
    for (const v of ["don't know", '  DON’T   KNOW ', '"Don\'t know"', 'Not sure'])
      expect(m.single(v).optionIds).toEqual(['a']);
    expect(m.single('strongly Agree').optionIds).toEqual(['b']);
  });

  it('reads survey times in each tool’s format as London time', () => {
    expect(parseSurveyTime('3/14/27 10:22:05', 'mdy')).toBe('2027-03-14T10:22:05.000Z');
    expect(parseSurveyTime('06/14/2027 01:22:05 PM', 'mdy')).toBe('2027-06-14T12:22:05.000Z');
    expect(parseSurveyTime('14/06/2027 13:22', 'dmy')).toBe('2027-06-14T12:22:00.000Z');
    expect(parseSurveyTime('2027-06-14 13:22:05', 'dmy')).toBe('2027-06-14T12:22:05.000Z');
    expect(parseSurveyTime('2027-06-14 13:22:05 UTC', 'dmy')).toBe('2027-06-14T13:22:05.000Z');
    expect(parseSurveyTime('2027-06-14T13:22:05+02:00', 'dmy')).toBe('2027-06-14T11:22:05.000Z');
    expect(parseSurveyTime('31/02/2027', 'dmy')).toBeNull();
    expect(parseSurveyTime('yesterday', 'dmy')).toBeNull();
  });
});

describe('creating questions from an export', () => {
  it('closed when under 20% of 20+ answers are distinct; multi-select from ; lists; open otherwise', () => {
    const rows: string[][] = [['Colour', 'Why?', 'Channels', 'Any other comments']];
    const colours = ['Red', 'Blue', 'Green'];
    for (let i = 0; i < 40; i++)
      rows.push([
        colours[i % 3]!,
        `Because reason number ${i}`,
        i % 2 ? 'Email;Post;' : 'Online;',
        i % 5 ? '' : `Comment ${i}`,
      ]);
    const t = csv(rows);
    const l = detectLayout(t);
    const qs = inferQuestions(l, t, { sectionId: 's', idPrefix: 'imp' });
    // "Why?" straight after a question is read as its explanation.
    expect(qs.map((q) => [q.text, q.type, q.explain, q.options.map((o) => o.label)])).toEqual([
      ['Colour', 'single_choice', true, ['Red', 'Blue', 'Green']],
      ['Channels', 'multi_choice', false, ['Online', 'Email', 'Post']],
      ['Any other comments', 'any_other_comments', false, []],
    ]);
    expect(qs[0]!.options.map((o) => o.id)).toEqual(['imp-c0-o1', 'imp-c0-o2', 'imp-c0-o3']);
  });
});

describe('applying in slices', () => {
  it('slices of rows give the same responses as the whole file', async () => {
    const { generateResponses } = await import('../../generators/synthetic');
    const { writePlain } = await import('../../generators/layouts');
    const d = exampleDraft();
    const t = csv(writePlain(d, generateResponses(d, { count: 90, seed: 2 })));
    const l = detectLayout(t);
    const m = proposeMapping(l, d, t).mapping;
    const whole = applyMapping(t, l, m, d);
    const parts = [0, 30, 60].map((from) =>
      applyMapping(t, l, m, d, { from: from === 0 ? 0 : l.dataStart + from, to: l.dataStart + from + 30 }),
    );
    expect(parts.flatMap((p) => p.responses)).toEqual(whole.responses);
    expect(whole.responses).toHaveLength(90);
  });
});

describe('respondent fields from more than one column', () => {
  it('joins first and last names, and keeps one copy of an email given twice', () => {
    const d = exampleDraft();
    const t = csv([
      ['ID', 'Start time', 'Completion time', 'Email', 'Name', 'First name', 'Last name', 'Your email address', 'Q1'],
      ['1', '', '', 'jane@example.org', 'anonymous', 'Jane', 'Smith', 'JANE@example.org', 'Agree'],
    ]);
    const l = detectLayout(t);
    const r = applyMapping(t, l, proposeMapping(l, d, t).mapping, d);
    expect(r.responses[0]!.respondent).toEqual({ email: 'jane@example.org', name: 'Jane Smith' });
  });
});

describe('starting a workspace from an export alone', () => {
  it('a SurveyMonkey export becomes questions of the right types, then imports fully', async () => {
    const { generateResponses } = await import('../../generators/synthetic');
    const { writeSurveyMonkey } = await import('../../generators/layouts');
    const { blankDraft } = await import('#shared/domain/draft/template');
    const { docFromText } = await import('#shared/domain/draft/rich-text');
    const example = exampleDraft();
    const t = csv(writeSurveyMonkey(example, generateResponses(example, { count: 200, seed: 4 })));
    const l = detectLayout(t);
    const d = blankDraft('From SurveyMonkey');
    d.sections.push({ id: 's', kind: 'other', title: 'Imported', body: docFromText(''), guidance: '' });
    const first = proposeMapping(l, d, t);
    d.questions = inferQuestions(l, t, { sectionId: 's', columns: first.unmatched });
    expect(d.questions.map((q) => [q.type, q.allowOther, q.explain])).toEqual(
      example.questions.map((q) => [q.type, q.allowOther, q.explain]),
    );
    expect(d.questions.map((q) => q.text)).toEqual(example.questions.map((q) => q.text));
    const p = proposeMapping(l, d, t);
    expect(p.unmatched).toEqual([]);
    const r = applyMapping(t, l, p.mapping, d);
    expect(r.responses).toHaveLength(200);
    expect(r.rejected).toEqual([]);
    expect(r.unmatchedValues).toEqual([]);
  });
});
