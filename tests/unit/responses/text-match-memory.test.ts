import { describe, expect, it } from 'vitest';
import v8 from 'node:v8';
import vm from 'node:vm';
import { normaliseLabel } from '#shared/domain/survey-import/values/text-match';

/**
 * normaliseLabel remembers the values it has seen for the life of the process. A value cut from a
 * file's text is, in V8, a view into that whole text: remembering the view kept every imported
 * survey export in memory (shared/core/detached.ts).
 */
describe('remembered labels', () => {
  it('keep no part of the text they were cut from alive', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    (() => {
      // About 64 MB of text, as a survey export read into one string.
      const big = `${'Strongly agree, Agree, '.repeat(2_800_000)}${Math.random()}`;
      for (let i = 0; i < 50; i++) expect(normaliseLabel(big.slice(i * 23, i * 23 + 14))).toBe('strongly agree');
    })();
    // V8 also keeps the last string a regular expression looked at (RegExp.input): look at another.
    /./.test('another string');
    gc();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(16 * 2 ** 20);
  });
});
