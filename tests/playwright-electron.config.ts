import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));

// The Electron shell tier: runs where an Electron binary exists, skipped elsewhere.
export default defineConfig({
  testDir: join(here, 'e2e-electron'),
  outputDir: join(here, '.output', 'e2e-electron'),
  workers: 1,
  timeout: 90_000,
  reporter: [['list']],
});
