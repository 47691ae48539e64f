import { describe, expect, it } from 'vitest';
import { RULES } from '#shared/checker/index';
import { CASES } from './cases';
import { of, NOW } from './helpers';

describe('every rule fires where it should and not where it should not', () => {
  for (const c of CASES) {
    it(`${c.rule}: ${c.name}`, () => {
      const now = c.now ?? NOW;
      const fired = of(c.fires(), c.rule, now);
      expect(fired.length, `${c.rule} should fire`).toBeGreaterThan(0);
      c.expect?.(fired);
      const quiet = of(c.quiet(), c.rule, c.now ? NOW : now);
      expect(quiet.map((f) => `${f.title}: ${f.message}`)).toEqual([]);
    });
  }

  it('every rule in the catalogue has a case', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    const missing = RULES.map((r) => r.id).filter((id) => id !== 'R-INTERNAL' && !covered.has(id));
    expect(missing).toEqual([]);
  });
});
