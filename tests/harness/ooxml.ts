import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The vendored OOXML validator (tests/tools/ooxml: ECMA-376 transitional schemas + xmllint):
 * the nearest check, without Microsoft Office, that Word or Excel opens a file without offering
 * to repair it. Needs `xmllint` (Debian: libxml2-utils) and python3.
 */
const VALIDATOR = join(dirname(fileURLToPath(import.meta.url)), '..', 'tools', 'ooxml', 'ooxml-validate');

export function validateOoxml(path: string): { ok: boolean; output: string } {
  const r = spawnSync('python3', [VALIDATOR, path], { encoding: 'utf8', timeout: 120_000 });
  if (r.error) return { ok: false, output: `could not run the validator: ${r.error.message}` };
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}
