import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { agreement, binaryKappa, cohensKappa, kappaBand } from '#shared/analysis/agreement';

describe("Cohen's kappa against published worked examples", () => {
  it(
    'Wikipedia "Cohen\'s kappa", simple example: 50 grant ' + 'proposals, readers A and B → po 0.70, pe 0.50, κ 0.40',
    () => {
      // Yes/Yes 20, A yes B no 5, A no B yes 10, No/No 15.
      const k = binaryKappa({ both: 20, aOnly: 5, bOnly: 10, neither: 15 });
      expect(k.n).toBe(50);
      expect(k.observed).toBeCloseTo(0.7, 12);
      expect(k.expected).toBeCloseTo(0.5, 12);
      expect(k.kappa).toBeCloseTo(0.4, 12);
    },
  );

  it(
    'Wikipedia, "same percentages but different numbers": ' + 'both agree 60% of the time, yet κ = 0.1304 and 0.2593',
    () => {
      const first = binaryKappa({ both: 45, aOnly: 15, bOnly: 25, neither: 15 });
      expect(first.observed).toBeCloseTo(0.6, 12);
      expect(first.expected).toBeCloseTo(0.54, 12);
      expect(first.kappa!).toBeCloseTo(0.1304, 4);
      const second = binaryKappa({ both: 25, aOnly: 35, bOnly: 5, neither: 35 });
      expect(second.observed).toBeCloseTo(0.6, 12);
      expect(second.expected).toBeCloseTo(0.46, 12);
      expect(second.kappa!).toBeCloseTo(0.2593, 4);
    },
  );

  it('three categories (hand-computed): po = 0.70, pe = 0.41, κ = 0.29 / 0.59', () => {
    // Proportions ×100: rows coder A, columns coder B; margins A .5/.3/.2, B .6/.3/.1.
    const k = cohensKappa([
      [44, 5, 1],
      [7, 20, 3],
      [9, 5, 6],
    ]);
    expect(k.observed).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.41, 12);
    expect(k.kappa!).toBeCloseTo(0.29 / 0.59, 12);
  });

  it('perfect agreement is 1; agreement at chance level is 0; systematic disagreement is negative', () => {
    expect(binaryKappa({ both: 7, aOnly: 0, bOnly: 0, neither: 3 }).kappa).toBe(1);
    expect(binaryKappa({ both: 25, aOnly: 25, bOnly: 25, neither: 25 }).kappa).toBeCloseTo(0, 12);
    expect(binaryKappa({ both: 0, aOnly: 10, bOnly: 10, neither: 0 }).kappa).toBeCloseTo(-1, 12);
  });

  it(
    'is undefined (null, "no-variation") when both coders used one category for everything, and "no-items" with ' +
      'nothing coded',
    () => {
      const none = binaryKappa({ both: 0, aOnly: 0, bOnly: 0, neither: 12 });
      expect(none.kappa).toBeNull();
      expect(none.undefinedReason).toBe('no-variation');
      expect(none.observed).toBe(1);
      expect(binaryKappa({ both: 5, aOnly: 0, bOnly: 0, neither: 0 }).undefinedReason).toBe('no-variation');
      expect(binaryKappa({ both: 0, aOnly: 0, bOnly: 0, neither: 0 })).toMatchObject({
        kappa: null,
        undefinedReason: 'no-items',
        observed: null,
      });
    },
  );

  it('rejects tables that are not square or hold negative counts', () => {
    expect(() => cohensKappa([[1, 2]])).toThrow(/square/);
    expect(() => cohensKappa([[-1]])).toThrow(/non-negative/);
  });

  it('never exceeds 1, and is symmetric in the two coders', () => {
    const count = fc.integer({ min: 0, max: 50 });
    fc.assert(
      fc.property(count, count, count, count, (a, b, c, d) => {
        const k1 = binaryKappa({ both: a, aOnly: b, bOnly: c, neither: d });
        const k2 = binaryKappa({ both: a, aOnly: c, bOnly: b, neither: d });
        // (A property returning an assertion's own value fails when that value is falsy: assert, then return.)
        if (k1.kappa === null) {
          expect(k2.kappa).toBeNull();
          return;
        }
        expect(k1.kappa).toBeLessThanOrEqual(1 + 1e-12);
        expect(k1.kappa).toBeCloseTo(k2.kappa!, 12);
      }),
    );
  });
});

describe('agreement on double-coded answers', () => {
  // 10 answers, themes cost / access / trust. Built so the per-theme tables are known:
  // cost: both 3, A only 1, B only 1, neither 5; access: both 4, A only 0, B only 2, neither 4;
  // trust: coded by neither anywhere.
  const items = [
    { itemId: 'r1', coderA: ['cost', 'access'], coderB: ['cost', 'access'] },
    { itemId: 'r2', coderA: ['cost'], coderB: ['cost', 'access'] },
    { itemId: 'r3', coderA: ['cost', 'access'], coderB: ['cost', 'access'] },
    { itemId: 'r4', coderA: ['cost'], coderB: [] },
    { itemId: 'r5', coderA: [], coderB: ['cost'] },
    { itemId: 'r6', coderA: ['access'], coderB: ['access'] },
    { itemId: 'r7', coderA: [], coderB: ['access'] },
    { itemId: 'r8', coderA: [], coderB: [] },
    { itemId: 'r9', coderA: ['access'], coderB: ['access'] },
    { itemId: 'r10', coderA: [], coderB: [] },
  ];

  it('gives per-theme tables, kappa and percent agreement', () => {
    const r = agreement(items, ['cost', 'access', 'trust']);
    expect(r.items).toBe(10);
    const [cost, access, trust] = r.themes;
    expect(cost!.table).toEqual({ both: 3, aOnly: 1, bOnly: 1, neither: 5 });
    expect(cost!.percentAgreement).toBeCloseTo(0.8, 12);
    // pe = .4·.4 + .6·.6 = .52 → κ = (.8 − .52) / .48
    expect(cost!.kappa!).toBeCloseTo(0.28 / 0.48, 12);
    expect(access!.table).toEqual({ both: 4, aOnly: 0, bOnly: 2, neither: 4 });
    // pe = .4·.6 + .6·.4 = .48 → κ = (.8 − .48) / .52
    expect(access!.kappa!).toBeCloseTo(0.32 / 0.52, 12);
    expect(trust!).toMatchObject({ kappa: null, undefinedReason: 'no-variation', percentAgreement: 1 });
  });

  it('overall: mean of defined per-theme kappas, and kappa of the pooled table (named apart)', () => {
    const r = agreement(items, ['cost', 'access', 'trust']);
    expect(r.meanKappaThemes).toBe(2);
    expect(r.meanKappa!).toBeCloseTo((0.28 / 0.48 + 0.32 / 0.52) / 2, 12);
    // Pooled over 30 decisions: both 7, A only 1, B only 3, neither 19.
    const pooled = binaryKappa({ both: 7, aOnly: 1, bOnly: 3, neither: 19 });
    expect(r.pooledKappa.kappa!).toBeCloseTo(pooled.kappa!, 12);
    expect(r.percentAgreement!).toBeCloseTo(26 / 30, 12);
    // Identical theme sets on r1, r3, r6, r8, r9, r10.
    expect(r.exactMatch!).toBeCloseTo(0.6, 12);
  });

  it('without a theme list uses every theme either coder applied; ignores codes outside a given list', () => {
    expect(agreement(items).themes.map((t) => t.themeId)).toEqual(['access', 'cost']);
    const onlyCost = agreement(items, ['cost']);
    expect(onlyCost.themes).toHaveLength(1);
    expect(onlyCost.exactMatch!).toBeCloseTo(0.8, 12);
  });

  it('labels kappa with the Landis and Koch bands', () => {
    expect([null, -0.1, 0.1, 0.3, 0.5, 0.7, 0.9].map(kappaBand)).toEqual([
      'Not defined',
      'Poor',
      'Slight',
      'Fair',
      'Moderate',
      'Substantial',
      'Almost perfect',
    ]);
  });
});
