import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { lineWidth, MAX_WIDTH } from '../../../build/eslint-rules/line-width.js';

/** No line over 120 characters: what Prettier cannot break (a string, a comment), lint refuses. */
const eslint = new ESLint({
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { local: { rules: { 'line-width': lineWidth } } },
      rules: { 'local/line-width': 'error' },
    },
  ],
});
const lint = async (code: string) => (await eslint.lintText(code, { filePath: 'probe.ts' }))[0]!.messages;

describe('line width', () => {
  it(`refuses a line of ${MAX_WIDTH + 1} characters and accepts one of ${MAX_WIDTH}`, async () => {
    const line = (n: number) => `const s = '${'x'.repeat(n - "const s = '';".length)}';`;
    expect(line(MAX_WIDTH)).toHaveLength(MAX_WIDTH);
    expect(await lint(line(MAX_WIDTH))).toEqual([]);
    const long = await lint(`// fine\n${line(MAX_WIDTH + 1)}\n`);
    expect(long.map((m) => [m.line, m.message])).toEqual([
      [2, expect.stringMatching(/121 characters long; the limit is 120/)],
    ]);
  });

  it('counts characters, not UTF-16 units: 120 emoji fit', async () => {
    expect(await lint(`// ${'😀'.repeat(MAX_WIDTH - 3)}`)).toEqual([]);
  });
});
