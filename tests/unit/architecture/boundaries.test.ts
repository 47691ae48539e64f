import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { boundaries } from '../../../build/eslint-rules/boundaries.js';

/**
 * The layers (ARCHITECTURE.md) are a lint rule: an import that runs back up a layer fails `npm run
 * lint`. Each case lints one line of code as if it were a file in that folder (nothing is written).
 */
const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parser: tseslint.parser },
      plugins: { local: { rules: { boundaries } } },
      rules: { 'local/boundaries': 'error' },
    },
  ],
});

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, file) });
  return (result?.messages ?? []).map((m) => m.message);
}

describe('who may import whom', () => {
  it.each([
    [
      'a feature reaching up into the router',
      'electron/services/draft/probe.ts',
      "import { Router } from '../router/router';",
      /services code must not depend on services-router/,
    ],
    [
      'the core importing a feature',
      'electron/services/core/probe.ts',
      "import { DraftHistory } from '../draft/history';",
      /services-core code must not depend on services code/,
    ],
    [
      'a file format knowing a feature',
      'electron/services/formats/probe.ts',
      "import { searchResponses } from '../responses/search';",
      /services-formats code must not depend on services code/,
    ],
    [
      'the domain importing the analysis',
      'shared/domain/probe.ts',
      "import { tally } from '../analysis/tallies';",
      /shared-domain code must not depend on shared-analysis/,
    ],
    [
      'shared/core importing the domain',
      'shared/core/probe.ts',
      "import type { Draft } from '../domain/draft/model';",
      /shared-core code must not depend on shared-domain/,
    ],
    [
      'shared code using Node',
      'shared/domain/probe.ts',
      "import { readFileSync } from 'node:fs';",
      /Node built-ins are not available/,
    ],
    [
      'the renderer reaching into the services',
      'renderer/src/probe.ts',
      "import { Router } from '../../electron/services/router/router';",
      /renderer code must not depend on services-router/,
    ],
    [
      'the services using Electron',
      'electron/services/workspace/probe.ts',
      "import { app } from 'electron';",
      /only the Electron shell/,
    ],
    [
      'a subpath import running up a layer',
      'shared/core/probe.ts',
      "import type { Draft } from '#shared/domain/draft/model';",
      /shared-core code must not depend on shared-domain/,
    ],
    [
      'the renderer naming the services by subpath',
      'renderer/src/probe.ts',
      "import { Router } from '#electron/services/router/router';",
      /renderer code must not depend on services-router/,
    ],
    [
      'a relative path out of its top folder',
      'electron/cli/probe.ts',
      "import { AppError } from '../../shared/core/errors';",
      /import it as '#shared\/…'/,
    ],
    [
      'an unknown subpath',
      'electron/cli/probe.ts',
      "import { x } from '#lib/x';",
      /the subpath imports are #shared\/ and #electron\//,
    ],
  ])('refuses %s', async (_what, file, code, message) => {
    const found = await problems(file, code);
    expect(
      found.some((m) => message.test(m)),
      found.join('\n'),
    ).toBe(true);
  });

  it.each([
    [
      'the router composing the features',
      'electron/services/router/probe.ts',
      "import { DraftHistory } from '../draft/history';",
    ],
    [
      'a feature on the core and the formats',
      'electron/services/responses/probe.ts',
      "import { Db } from '../core/db/database';\nimport { zip } from '../formats/zip';",
    ],
    ['the analysis on the domain', 'shared/analysis/probe.ts', "import type { Draft } from '../domain/draft/model';"],
    ['the CLI on the router', 'electron/cli/probe.ts', "import { Router } from '../services/router/router';"],
    [
      'the services on shared, by subpath',
      'electron/services/draft/probe.ts',
      "import { AppError } from '#shared/core/errors';",
    ],
    [
      'a test on anything, by subpath',
      'tests/unit/probe.ts',
      "import { Router } from '#electron/services/router/router';",
    ],
  ])('allows %s', async (_what, file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
