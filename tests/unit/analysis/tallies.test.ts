import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exampleDraft } from '#shared/domain/draft/example';
import {
  ANSWERED,
  INVALID,
  MULTIPLE_NOTE,
  NOT_ANSWERED,
  ROUNDING_NOTE,
  crossTab,
  encodeAnswers,
  encodeField,
  maskExcluding,
  percent0dp,
  tallyQuestion,
  tallyQuestionOf,
} from '#shared/analysis/tallies';

const draft = exampleDraft();
const q = (n: number) => tallyQuestionOf(draft.questions.find((x) => x.id === `example-q${n}`)!);
const Q1 = q(1); // likert_agree5
const Q2 = q(2); // multi_choice with Other
const Q5 = q(5); // single_choice
const Q9 = q(9); // ranking
const pick = (t: ReturnType<typeof tallyQuestion>) =>
  Object.fromEntries(t.options.map((o) => [o.optionId, [o.count, o.percent]]));

describe('percent0dp', () => {
  it('rounds half up from the exact value, to whole numbers', () => {
    expect([
      percent0dp(1, 8),
      percent0dp(3, 8),
      percent0dp(1, 200),
      percent0dp(1, 3),
      percent0dp(2, 3),
      percent0dp(29, 200),
      percent0dp(0, 5),
      percent0dp(5, 5),
    ]).toEqual([13, 38, 1, 33, 67, 15, 0, 100]);
    expect(percent0dp(3, 0)).toBeNull();
  });
});

describe('single choice and scales (agree/disagree)', () => {
  // 12 respondents: 8 valid answers, 2 not answered (null and []), 2 invalid (unknown id; two choices).
  const answers = [
    ['likert-strongly-agree'],
    ['likert-agree'],
    ['likert-agree'],
    ['likert-neither'],
    ['likert-disagree'],
    ['likert-strongly-disagree'],
    ['likert-dont-know'],
    ['likert-agree'],
    null,
    [],
    ['no-such-option'],
    ['likert-agree', 'likert-disagree'],
  ];
  const enc = encodeAnswers(Q1, answers);

  it('encodes status per respondent', () => {
    expect(Array.from(enc.status)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, NOT_ANSWERED, NOT_ANSWERED, INVALID, INVALID]);
    expect(ANSWERED).toBe(0);
  });

  it('counts and percentages of those answering, with not answered and invalid shown apart', () => {
    const t = tallyQuestion(Q1, enc);
    expect(t).toMatchObject({ respondents: 12, answered: 8, notAnswered: 2, invalid: 2, multiple: false });
    expect(pick(t)).toEqual({
      'likert-strongly-agree': [1, 13],
      'likert-agree': [3, 38],
      'likert-neither': [1, 13],
      'likert-disagree': [1, 13],
      'likert-strongly-disagree': [1, 13],
      'likert-dont-know': [1, 13],
    });
    // 13×5 + 38 = 103: the note says totals may not be 100.
    expect(t.notes).toEqual([ROUNDING_NOTE]);
    expect(t.options.map((o) => o.label)).toEqual([
      'Strongly agree',
      'Agree',
      'Neither agree nor disagree',
      'Disagree',
      'Strongly disagree',
      'Don’t know',
    ]);
  });

  it('campaign responses in or out through the include mask', () => {
    const ids = answers.map((_, i) => `r${i + 1}`);
    // r2, r3 and r8 ("Agree") are campaign members.
    const out = tallyQuestion(Q1, enc, maskExcluding(ids, new Set(['r2', 'r3', 'r8'])));
    expect(out).toMatchObject({ respondents: 9, answered: 5 });
    expect(pick(out)['likert-agree']).toEqual([0, 0]);
    expect(pick(out)['likert-strongly-agree']).toEqual([1, 20]);
  });

  it('property: single-choice counts always sum to the base, and the parts to the respondents', () => {
    const ids = Q5.options.map((o) => o.id);
    const answer = fc.oneof(
      fc.constant(null),
      fc.constant([]),
      fc.constantFrom(...ids).map((id) => [id]),
      fc.constant(['bogus']),
      fc.array(fc.constantFrom(...ids), { minLength: 2, maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(answer, { maxLength: 200 }), fc.array(fc.boolean(), { maxLength: 200 }), (ans, keep) => {
        const mask = Uint8Array.from(ans.map((_, i) => ((keep[i] ?? true) ? 1 : 0)));
        const t = tallyQuestion(Q5, encodeAnswers(Q5, ans), mask);
        expect(t.options.reduce((s, o) => s + o.count, 0)).toBe(t.answered);
        expect(t.answered + t.notAnswered + t.invalid).toBe(t.respondents);
        expect(t.respondents).toBe(mask.reduce((s, v) => s + v, 0));
        // The mask is the same as filtering the answers first.
        const filtered = tallyQuestion(
          Q5,
          encodeAnswers(
            Q5,
            ans.filter((_, i) => mask[i] === 1),
          ),
        );
        expect(filtered.options.map((o) => o.count)).toEqual(t.options.map((o) => o.count));
      }),
    );
  });
});

describe('multiple choice', () => {
  const [o1, o2, o3] = ['example-q2-o1', 'example-q2-o2', 'example-q2-o3'];
  const answers = [[o1, o2], [o1], [o3, 'other'], [o1, o1], null, [], [o2], [o1, o2, o3], ['bogus', o1]];
  it('percentages of respondents answering, so totals can exceed 100; repeats count once', () => {
    const t = tallyQuestion(Q2, encodeAnswers(Q2, answers));
    // Answered: rows 1,2,3,4,7,8 = 6. o1 chosen by rows 1,2,4,8 = 4 → 67%; o2 by 1,7,8 = 3 → 50%;
    // o3 by 3,8 = 2 → 33%; other by 3 = 1 → 17%.
    expect(t).toMatchObject({ answered: 6, notAnswered: 2, invalid: 1, multiple: true });
    const p = pick(t);
    expect([p[o1], p[o2], p[o3], p.other]).toEqual([
      [4, 67],
      [3, 50],
      [2, 33],
      [1, 17],
    ]);
    expect(t.options.reduce((s, o) => s + o.percent!, 0)).toBeGreaterThan(100);
    expect(t.notes).toEqual([MULTIPLE_NOTE]);
  });
});

describe('ranking', () => {
  const o = (i: number) => `example-q9-o${i}`;
  const answers = [[o(1), o(2), o(3), o(4)], [o(2), o(1), o(4), o(3)], [o(1), o(3)], [o(4)], [o(1), o(1)], null];
  it('mean rank among those who ranked each option, and the count ranked first', () => {
    const t = tallyQuestion(Q9, encodeAnswers(Q9, answers));
    expect(t).toMatchObject({ answered: 4, notAnswered: 1, invalid: 1 });
    const r = Object.fromEntries(t.ranking!.map((x) => [x.optionId, x]));
    // o1 ranked 1, 2, 1 → 4/3; o2 ranked 2, 1 → 1.5; o3 ranked 3, 4, 2 → 3; o4 ranked 4, 3, 1 → 8/3.
    expect(r[o(1)]!.meanRank).toBeCloseTo(4 / 3, 12);
    expect(r[o(2)]!.meanRank).toBeCloseTo(1.5, 12);
    expect(r[o(3)]!.meanRank).toBeCloseTo(3, 12);
    expect(r[o(4)]!.meanRank).toBeCloseTo(8 / 3, 12);
    expect([1, 2, 3, 4].map((i) => [r[o(i)]!.rankedFirst, r[o(i)]!.rankedFirstPercent, r[o(i)]!.ranked])).toEqual([
      [2, 50, 3],
      [1, 25, 2],
      [0, 0, 3],
      [1, 25, 3],
    ]);
    expect(r[o(3)]!.rankCounts).toEqual([0, 1, 1, 1]);
    // The option rows of a ranking question are "ranked first".
    expect(t.options.map((x) => x.count)).toEqual([2, 1, 0, 1]);
  });
});

describe('cross-tabs by a respondent field', () => {
  const types = [
    'Member of the public',
    'NHS organisation',
    'Member of the public',
    null,
    'Charity',
    'Member of the public',
    'NHS organisation',
    '',
  ];
  const ans = [
    ['example-q5-o1'],
    ['example-q5-o2'],
    ['example-q5-o1'],
    ['example-q5-o3'],
    null,
    ['example-q5-o2'],
    ['example-q5-o1'],
    ['example-q5-o1'],
  ];
  const field = encodeField('respondentType', types, ['Member of the public', 'NHS organisation', 'Local authority']);

  it('counts, row % of each row base, column % of each option, blank field as "Not answered"', () => {
    const ct = crossTab(Q5, encodeAnswers(Q5, ans), field);
    expect(field.levels).toEqual(['Member of the public', 'NHS organisation', 'Local authority', 'Charity']);
    expect(ct.rows.map((r) => [r.label, r.base, r.notAnswered])).toEqual([
      ['Member of the public', 3, 0],
      ['NHS organisation', 2, 0],
      ['Local authority', 0, 0],
      ['Charity', 0, 1],
      ['Not answered', 2, 0],
    ]);
    expect(ct.counts.map((row) => row.slice(0, 3))).toEqual([
      [2, 1, 0],
      [1, 1, 0],
      [0, 0, 0],
      [0, 0, 0],
      [1, 0, 1],
    ]);
    expect(ct.rowPercent[0]!.slice(0, 3)).toEqual([67, 33, 0]);
    expect(ct.rowPercent[2]![0]).toBeNull();
    expect(ct.columns.slice(0, 3).map((c) => c.total)).toEqual([4, 2, 1]);
    expect(ct.columnPercent.map((row) => row[0])).toEqual([50, 25, 0, 0, 25]);
    expect([ct.base, ct.notAnswered]).toEqual([7, 1]);
    expect(
      crossTab(Q5, encodeAnswers(Q5, ans), field, { includeBlankField: false }).rows.map((r) => r.label),
    ).not.toContain('Not answered');
  });

  it('refuses a field and answers of different lengths', () => {
    expect(() => crossTab(Q5, encodeAnswers(Q5, ans.slice(1)), field)).toThrow(/different respondents/);
  });
});
