import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temp folder per test; removed afterwards unless KEEP_TEST_FILES is set. */
export function tempDir(prefix = 'cw-test-'): { dir: string; path: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    path: (name: string) => join(dir, name),
    cleanup: () => {
      if (!process.env['KEEP_TEST_FILES']) rmSync(dir, { recursive: true, force: true });
    },
  };
}
