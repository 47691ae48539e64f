// The Chromium the end-to-end tests drive. `npm test` finds one, or provides it, before anything
// else runs, so a fresh machine gets either a browser or one clear line saying what to install —
// never a stack trace twenty minutes in.
//
// In order: $CHROMIUM_PATH; Debian's /usr/bin/chromium (or chromium / chromium-browser / google-chrome
// on the PATH); Playwright's own browser if someone installed it; otherwise, as root on Debian, it
// installs Debian's `chromium` package with apt (saying so). Playwright's own download
// (`npx playwright install`) is never tried: it needs a CDN this project cannot rely on.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const isExecutable = (p) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

async function playwrightsOwn() {
  try {
    const { chromium } = await import('playwright-core');
    const p = chromium.executablePath();
    return p && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

/** A browser already on this machine, or undefined. */
export async function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : undefined;
  if (isExecutable('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const p = onPath(name);
    if (p) return p;
  }
  return playwrightsOwn();
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const isDebian = () => existsSync('/etc/debian_version') && Boolean(onPath('apt-get'));

/**
 * The browser's path, installing Debian's chromium first when that is possible. Returns
 * { path } or { problem } (one line for the user: what to install).
 */
export async function chromiumForTests(log = console.log) {
  if (process.env.CHROMIUM_PATH && !isExecutable(process.env.CHROMIUM_PATH)) {
    return {
      problem:
        `CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which is not an executable file. Point it at ` +
        `Chromium, or unset it.`,
    };
  }
  const found = await findChromium();
  if (found) return { path: found };
  const what = 'The end-to-end tests need Chromium';
  if (!isDebian() || !isRoot()) {
    return {
      problem: isDebian()
        ? `${what}: run \`sudo apt-get install chromium\` (or set CHROMIUM_PATH to a Chromium or Chrome), then ` +
          `npm test again.`
        : `${what}: install Chromium or Google Chrome, or set CHROMIUM_PATH to one, then npm test again.`,
    };
  }
  log(
    "No Chromium on this machine: installing Debian's chromium package for the end-to-end tests (apt-get " +
      'install chromium) …',
  );
  // apt's own output is kept back unless it fails: a page of dpkg lines says nothing useful.
  const run = (args) =>
    spawnSync('apt-get', args, {
      encoding: 'utf8',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      maxBuffer: 64 * 2 ** 20,
    });
  const update = run(['update', '-qq']);
  const install = update.status === 0 ? run(['install', '-y', '-qq', '--no-install-recommends', 'chromium']) : update;
  const after = await findChromium();
  if (install.status === 0 && after) {
    log(`Installed Chromium: ${after}`);
    return { path: after };
  }
  const tail = `${install.stdout ?? ''}${install.stderr ?? ''}`.trim().split('\n').slice(-5).join('\n');
  if (tail) log(tail);
  return {
    problem:
      `${what}, and \`apt-get install chromium\` did not succeed (exit ${install.status ?? install.signal}). ` +
      `Install it by hand, then npm test again.`,
  };
}
