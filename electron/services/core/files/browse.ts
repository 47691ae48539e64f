import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, extname, join, parse, resolve } from 'node:path';
import { AppError } from '#shared/core/errors';
import type { BrowseEntry, BrowseResult } from '#shared/domain/workspace';

/**
 * The app's own file chooser (the browser host has no native dialogs): a folder's sub-folders and
 * the files of the kinds asked for, the places to start from, and making a new folder. The window
 * never touches the file system; it asks for one folder at a time through the contract.
 */

/** More than this in one folder and the rest are counted, not listed (type the name instead). */
export const MAX_ENTRIES = 2000;

export interface BrowseOptions {
  folder: string;
  /** Lower-case extensions without the dot; none = every file. */
  extensions?: readonly string[] | undefined;
  foldersOnly?: boolean | undefined;
  /** Places to offer besides home: the consultations folder, recent folders. */
  places: ReadonlyArray<{ label: string; path: string }>;
}

export function browseFolder(opts: BrowseOptions): BrowseResult {
  const folder = resolve(opts.folder);
  let names: string[];
  try {
    if (!statSync(folder).isDirectory()) throw new Error('not a folder');
    names = readdirSync(folder);
  } catch {
    throw new AppError('not-found', `The folder ${folder} does not exist or cannot be opened.`, { field: 'folder' });
  }
  const wanted = opts.extensions?.length ? new Set(opts.extensions.map((e) => `.${e.toLowerCase()}`)) : null;
  const entries: BrowseEntry[] = [];
  let otherFiles = 0;
  for (const name of names) {
    // Hidden files and folders (".config") are not where officials keep documents.
    if (name.startsWith('.')) continue;
    const path = join(folder, name);
    let st;
    try {
      st = statSync(path);
    } catch {
      continue; // a broken link, or no permission: nothing to choose
    }
    if (st.isDirectory()) entries.push({ name, path, kind: 'folder', bytes: null, modifiedAt: st.mtime.toISOString() });
    else if (st.isFile()) {
      if (opts.foldersOnly || (wanted && !wanted.has(extname(name).toLowerCase()))) otherFiles++;
      else entries.push({ name, path, kind: 'file', bytes: st.size, modifiedAt: st.mtime.toISOString() });
    }
  }
  const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });
  entries.sort((a, b) => (a.kind === b.kind ? collator.compare(a.name, b.name) : a.kind === 'folder' ? -1 : 1));
  const root = parse(folder).root;
  const home = homedir();
  const places: Array<{ label: string; path: string }> = [{ label: 'Home', path: home }];
  for (const p of opts.places) if (!places.some((x) => x.path === p.path)) places.push(p);
  if (!places.some((x) => x.path === root)) places.push({ label: 'The whole computer', path: root });
  return {
    folder,
    parent: folder === root ? null : dirname(folder),
    entries: entries.slice(0, MAX_ENTRIES),
    notShown: Math.max(0, entries.length - MAX_ENTRIES),
    otherFiles,
    places,
  };
}

/** Characters no file system takes in a name (Windows' set, so a folder made here opens anywhere). */
const BAD_NAME = /[<>:"/\\|?*]/;
const hasControl = (s: string): boolean => [...s].some((c) => c.charCodeAt(0) < 32);

export function makeFolder(parent: string, name: string): { path: string } {
  const clean = name.trim();
  if (!clean || clean === '.' || clean === '..')
    throw new AppError('invalid-input', 'Enter a name for the new folder.', { field: 'name' });
  if (BAD_NAME.test(clean) || hasControl(clean) || clean.length > 255)
    throw new AppError(
      'invalid-input',
      'A folder name cannot contain < > : " / \\ | ? * and must be at most 255 characters.',
      { field: 'name' },
    );
  const path = join(resolve(parent), clean);
  try {
    mkdirSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new AppError('exists', `There is already a folder or file called “${clean}” here.`, { field: 'name' });
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      throw new AppError('read-only', `A folder cannot be made in ${resolve(parent)}: permission denied.`, {
        field: 'name',
      });
    throw new AppError('io', `The folder could not be made: ${(e as Error).message}`, { field: 'name' });
  }
  return { path };
}

/** Whether a path names an existing file or folder (for "replace the existing file?"). */
export function pathKind(path: string): 'file' | 'folder' | null {
  try {
    const st = statSync(path);
    return st.isDirectory() ? 'folder' : st.isFile() ? 'file' : null;
  } catch {
    return null;
  }
}
