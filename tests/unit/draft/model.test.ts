import { describe, expect, it } from 'vitest';
import { draftSchema, questionNumbers, orderedQuestions, answerOptions, type Draft } from '#shared/domain/draft/model';
import { exampleDraft } from '#shared/domain/draft/example';
import { standardTemplate } from '#shared/domain/draft/template';
import { formatDateTime } from '#shared/domain/govuk-dates';

describe('draft model', () => {
  it('the example consultation is a valid draft with 11 questions numbered 1 to 11', () => {
    const d = draftSchema.parse(exampleDraft());
    const nums = questionNumbers(d);
    expect(orderedQuestions(d).map((q) => nums.get(q.id))).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
    ]);
    expect(formatDateTime(new Date(d.metadata.closesAt!))).toBe('11:59pm on 24 May 2027');
    expect(formatDateTime(new Date(d.metadata.opensAt!))).toBe('9am on 1 March 2027');
  });

  it('numbers follow section order, and continuing questions become sub-parts', () => {
    const d = exampleDraft();
    // Q4 continues Q3; moving the proposal 2 section before proposal 1 renumbers everything.
    d.questions[3]!.continues = true;
    let nums = questionNumbers(d);
    expect([nums.get('example-q3'), nums.get('example-q4'), nums.get('example-q5')]).toEqual(['3a', '3b', '4']);
    const [p1, p2] = [
      d.sections.findIndex((s) => s.id === 'example-section-proposal-1'),
      d.sections.findIndex((s) => s.id === 'example-section-proposal-2'),
    ];
    [d.sections[p1], d.sections[p2]] = [d.sections[p2]!, d.sections[p1]!];
    nums = questionNumbers(d);
    expect(nums.get('example-q4')).toBe('1');
    expect(nums.get('example-q1')).toBe('4');
  });

  it('rejects unknown fields and wrong types with the path of the problem', () => {
    const bad = { ...exampleDraft(), surprise: 1 } as unknown;
    const r = draftSchema.safeParse(bad);
    expect(r.success).toBe(false);
    const wrong = exampleDraft() as unknown as { questions: { type: unknown }[] };
    wrong.questions[0]!.type = 'essay';
    const r2 = draftSchema.safeParse(wrong);
    expect(r2.success).toBe(false);
    if (!r2.success) expect(r2.error.issues[0]!.path.join('.')).toBe('questions.0.type');
  });

  it('fixed scales have stable option ids; Other is added where allowed', () => {
    const d: Draft = exampleDraft();
    expect(answerOptions(d.questions[0]!).map((o) => o.label)).toEqual([
      'Strongly agree',
      'Agree',
      'Neither agree nor disagree',
      'Disagree',
      'Strongly disagree',
      'Don’t know',
    ]);
    expect(answerOptions(d.questions[1]!).at(-1)).toEqual({ id: 'other', label: 'Other (please specify)' });
    expect(answerOptions(d.questions[2]!)).toEqual([]);
  });

  it('the standard template has every section kind the standard expects, in order', () => {
    let n = 0;
    const t = standardTemplate('New', () => `id-${n++}`);
    expect(t.sections.map((s) => s.kind)).toEqual([
      'foreword',
      'executive-summary',
      'background',
      'proposal',
      'impacts',
      'next-steps',
      'how-to-respond',
      'confidentiality',
      'glossary',
    ]);
    expect(draftSchema.safeParse(t).success).toBe(true);
  });
});
