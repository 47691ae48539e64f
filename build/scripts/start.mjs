// `npm start`: build, then run the desktop app in Electron where its binary exists; otherwise run
// the same app in the browser host and say why.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './build-node.mjs';

const build = spawnSync(process.execPath, [join(root, 'build', 'scripts', 'build.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

function electronBinary() {
  const dir = join(root, 'node_modules', 'electron');
  const pathTxt = join(dir, 'path.txt');
  if (!existsSync(pathTxt))
    return {
      reason: 'the Electron binary was not downloaded (installed with ELECTRON_SKIP_BINARY_DOWNLOAD, or no network)',
    };
  const exe = join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim());
  if (!existsSync(exe)) return { reason: `the Electron binary is missing (${exe})` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return { reason: 'there is no display to open a window on' };
  return { exe };
}

const found = electronBinary();
const child = found.exe
  ? spawn(found.exe, [root], { cwd: root, stdio: 'inherit' })
  : spawn(process.execPath, [join(root, 'dist', 'node', 'host.mjs'), '--reason', found.reason], {
      cwd: root,
      stdio: 'inherit',
    });
child.on('exit', (code) => process.exit(code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
