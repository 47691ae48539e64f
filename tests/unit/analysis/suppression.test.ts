import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exampleDraft } from '#shared/domain/draft/example';
import { crossTab, encodeAnswers, encodeField, tallyQuestion, tallyQuestionOf } from '#shared/analysis/tallies';
import { OTHER_AGGREGATED, SUPPRESSED, suppressCrossTab, suppressSmallNumbers } from '#shared/analysis/suppression';

const draft = exampleDraft();
const q = (n: number) => tallyQuestionOf(draft.questions.find((x) => x.id === `example-q${n}`)!);
const repeat = (id: string, n: number) => Array.from({ length: n }, () => [id]);
const o5 = (i: number) => `example-q5-o${i}`;

describe('suppressSmallNumbers (one-way tables)', () => {
  it('merges options chosen by fewer than 10 into "Other (aggregated)", keeping zeros and the base', () => {
    // Every year 40, Every 2 years 25, Every 3 years 6, Only when guidance changes 5, Don't know 0.
    const ans = [...repeat(o5(1), 40), ...repeat(o5(2), 25), ...repeat(o5(3), 6), ...repeat(o5(4), 5), null, null];
    const p = suppressSmallNumbers(tallyQuestion(q(5), encodeAnswers(q(5), ans)));
    expect(p.rows.map((r) => [r.label, r.countText, r.percentText])).toEqual([
      ['Every year', '40', '53%'],
      ['Every 2 years', '25', '33%'],
      ['Don’t know', '0', '0%'],
      [OTHER_AGGREGATED, '11', '14%'],
    ]);
    expect(p.rows.at(-1)!.merged).toEqual(['Every 3 years', 'Only when guidance changes']);
    expect(p).toMatchObject({ answered: 76, notAnswered: 2, suppressed: true, threshold: 10 });
    expect(p.notes.at(-1)).toMatch(/fewer than 10/);
  });

  it(
    'when the merged total is still small, merges the next ' + 'smallest option in too (no subtraction gives it back)',
    () => {
      // 50, 12, 3: "Other" would be 3 — merging the 12 makes it 15.
      const ans = [...repeat(o5(1), 50), ...repeat(o5(2), 12), ...repeat(o5(3), 3)];
      const p = suppressSmallNumbers(tallyQuestion(q(5), encodeAnswers(q(5), ans)));
      const other = p.rows.find((r) => r.label === OTHER_AGGREGATED)!;
      expect(other).toMatchObject({ count: 15, merged: ['Every 2 years', 'Every 3 years'] });
      expect(p.rows.map((r) => r.label)).toEqual([
        'Every year',
        'Only when guidance changes',
        'Don’t know',
        OTHER_AGGREGATED,
      ]);
    },
  );

  it('when fewer than the threshold answered at all, shows the aggregate as [c]; a custom threshold applies', () => {
    const few = [...repeat(o5(1), 4), ...repeat(o5(2), 3)];
    const p = suppressSmallNumbers(tallyQuestion(q(5), encodeAnswers(q(5), few)));
    expect(p.rows.find((r) => r.label === OTHER_AGGREGATED)).toMatchObject({
      count: null,
      countText: SUPPRESSED,
      percentText: SUPPRESSED,
    });
    const lenient = suppressSmallNumbers(tallyQuestion(q(5), encodeAnswers(q(5), few)), 3);
    expect(lenient.suppressed).toBe(false);
    expect(lenient.rows.map((r) => r.countText)).toEqual(['4', '3', '0', '0', '0']);
  });

  it('multiple choice: the aggregate counts respondents once, so it needs the answers', () => {
    const [a, b, c] = ['example-q2-o1', 'example-q2-o2', 'example-q2-o3'];
    // 30 choose a; 6 choose b and c together; 2 choose b only → b 8, c 6 merged; 8 respondents, not 14.
    const ans = [
      ...repeat(a, 30),
      ...Array.from({ length: 6 }, () => [b, c]),
      ...repeat(b, 2),
      ...Array.from({ length: 5 }, () => [a, 'other']),
    ];
    const enc = encodeAnswers(q(2), ans);
    const t = tallyQuestion(q(2), enc);
    expect(() => suppressSmallNumbers(t)).toThrow(/encoded answers/);
    const p = suppressSmallNumbers(t, 10, { answers: enc });
    const other = p.rows.find((r) => r.label === OTHER_AGGREGATED)!;
    // b (8), c (6) and "Other (please specify)" (5) are small: respondents choosing any = 6 + 2 + 5 = 13.
    expect(other.count).toBe(13);
    expect(other.merged).toEqual(['Ordering repeat prescriptions', 'Seeing test results', 'Other (please specify)']);
  });

  it('ranking: mean rank withheld where fewer than the threshold ranked the option', () => {
    const o9 = (i: number) => `example-q9-o${i}`;
    const ans = [...Array.from({ length: 12 }, () => [o9(1), o9(2)]), ...Array.from({ length: 3 }, () => [o9(3)])];
    const p = suppressSmallNumbers(tallyQuestion(q(9), encodeAnswers(q(9), ans)));
    expect(p.ranking!.map((r) => r.meanRankText)).toEqual(['1.0', '2.0', SUPPRESSED, 'no data']);
  });
});

describe('suppressCrossTab', () => {
  it('marks small cells [c] and protects each lone suppressed cell in a row or column (secondary suppression)', () => {
    const region = [...Array(30).fill('London'), ...Array(14).fill('North East'), ...Array(22).fill('Wales')];
    // London: o1 20, o2 10. North East: o1 11, o2 3. Wales: o1 12, o2 10.
    const ans = [
      ...repeat(o5(1), 20),
      ...repeat(o5(2), 10),
      ...repeat(o5(1), 11),
      ...repeat(o5(2), 3),
      ...repeat(o5(1), 12),
      ...repeat(o5(2), 10),
    ];
    const ct = crossTab(q(5), encodeAnswers(q(5), ans), encodeField('region', region));
    const p = suppressCrossTab(ct);
    expect(p.rowLabels).toEqual(['London', 'North East', 'Wales']);
    // North East o2 = 3 is primary; its row base (14) would give it away, so North East o1 (11)
    // goes too; column o1 then has one hidden cell, so its smallest other (Wales 12) goes; and
    // Wales o2 closes the rectangle, fixing the Wales row and column o2 at once. London stays.
    expect(p.counts.map((r) => r.slice(0, 2))).toEqual([
      [20, 10],
      [SUPPRESSED, SUPPRESSED],
      [SUPPRESSED, SUPPRESSED],
    ]);
    expect(p.primary).toBe(1);
    expect(p.secondary).toBe(3);
    expect(p.rowPercent[1]!.slice(0, 2)).toEqual([SUPPRESSED, SUPPRESSED]);
    expect(p.rowBases).toEqual([30, 14, 22]);
    expect(p.notes).toHaveLength(1);
    // Every shown row and column has 0 or at least 2 hidden cells.
    for (const line of [...p.counts.map((r) => r.slice(0, 2)), [0, 1].map((c) => p.counts.map((r) => r[c]))]) {
      const hidden = line.filter((v) => v === SUPPRESSED).length;
      expect(hidden === 0 || hidden >= 2).toBe(true);
    }
  });

  it('leaves a table with no small cells unchanged, and hides small row bases', () => {
    // London 20 / 15, Wales 12 / 11, Outside the UK 4 / 0.
    const ans = [
      ...repeat(o5(1), 20),
      ...repeat(o5(2), 15),
      ...repeat(o5(1), 12),
      ...repeat(o5(2), 11),
      ...repeat(o5(1), 4),
    ];
    const field = encodeField('region', [
      ...Array(35).fill('London'),
      ...Array(23).fill('Wales'),
      ...Array(4).fill('Outside the UK'),
    ]);
    const p = suppressCrossTab(crossTab(q(5), encodeAnswers(q(5), ans), field));
    expect(p.rowBases).toEqual([35, 23, SUPPRESSED]);
    // The 4 is primary; column o1's total would reveal it, so Wales o1 (smaller than London's)
    // goes, then Wales o2 for the Wales row, then the 0 beside the 4 closes the rectangle for
    // column o2. London is untouched; the all-zero columns are not used.
    expect(p.counts.map((r) => r.slice(0, 3))).toEqual([
      [20, 15, 0],
      [SUPPRESSED, SUPPRESSED, 0],
      [SUPPRESSED, SUPPRESSED, 0],
    ]);
    const clean = suppressCrossTab(
      crossTab(q(5), encodeAnswers(q(5), ans.slice(0, 35)), encodeField('region', Array(35).fill('London'))),
    );
    expect([clean.primary, clean.secondary, clean.notes]).toEqual([0, 0, []]);
  });

  it('property: no small number is ever shown, and no shown row or column has exactly one hidden cell', () => {
    const levels = ['A', 'B', 'C', 'D'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...levels), fc.integer({ min: 1, max: 5 })), {
          minLength: 1,
          maxLength: 300,
        }),
        (rows) => {
          const ct = crossTab(
            q(5),
            encodeAnswers(
              q(5),
              rows.map(([, o]) => [o5(o)]),
            ),
            encodeField(
              'f',
              rows.map(([l]) => l),
            ),
          );
          const p = suppressCrossTab(ct);
          for (const v of p.counts.flat()) if (typeof v === 'number') expect(v === 0 || v >= 10).toBe(true);
          for (const v of [...p.rowBases, ...p.columnTotals])
            if (typeof v === 'number') expect(v === 0 || v >= 10).toBe(true);
          p.counts.forEach((row, r) => {
            if (p.rowBases[r] === SUPPRESSED) return;
            expect(row.filter((v) => v === SUPPRESSED).length).not.toBe(1);
          });
          p.columnTotals.forEach((t, c) => {
            if (t === SUPPRESSED) return;
            expect(p.counts.filter((row) => row[c] === SUPPRESSED).length).not.toBe(1);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
