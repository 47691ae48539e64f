import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT_DIR = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** The e2e tests run the built app; build it if `npm test` has not already. */
export default function globalSetup(): void {
  const root = ROOT_DIR;
  if (
    !existsSync(join(root, 'dist', 'renderer', 'index.html')) ||
    !existsSync(join(root, 'dist', 'node', 'host.mjs'))
  ) {
    execFileSync(process.execPath, [join(root, 'build', 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });
  }
}
