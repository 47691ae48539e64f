import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Unit and integration tests: shared/ and electron/services/ in plain Node, real sql.js on real temp files.
export default defineConfig({
  root,
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores: two workers keep the machine responsive and the run predictable.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
