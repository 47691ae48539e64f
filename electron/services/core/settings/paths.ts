import { existsSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';

/** Where app settings live when the shell does not say (Electron passes its userData folder). */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['CW_CONFIG_DIR']) return env['CW_CONFIG_DIR'];
  if (platform() === 'win32' && env['APPDATA']) return join(env['APPDATA'], 'Consultation Workbench');
  if (platform() === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Consultation Workbench');
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'consultation-workbench');
}

/** Where new workspaces are suggested: Documents when it exists, else the home folder. */
export function defaultWorkspaceFolder(env: NodeJS.ProcessEnv = process.env): string {
  if (env['CW_DEFAULT_FOLDER']) return env['CW_DEFAULT_FOLDER'];
  const docs = join(homedir(), 'Documents');
  return existsSync(docs) ? docs : homedir();
}
