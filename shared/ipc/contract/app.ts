import { z } from 'zod';
import { call } from '../spec';
import type { BrowseResult, FolderEntry, RecentEntry } from '../../domain/workspace';

export interface AppInfo {
  name: string;
  version: string;
  shell: 'electron' | 'browser-host' | 'cli';
  /** Native open/save dialogs exist; otherwise the renderer shows in-page equivalents. */
  nativeDialogs: boolean;
  platform: string;
  /** Where new workspaces go unless the user picks elsewhere. */
  defaultFolder: string;
}

const path = z.string().min(1, 'Enter a file path').max(4096, 'The path is too long');

export const appContract = {
  'app.info': call<AppInfo>()(z.strictObject({}), 'query'),
  'recent.list': call<RecentEntry[]>()(z.strictObject({}), 'query'),
  'recent.remove': call<RecentEntry[]>()(z.strictObject({ path }), 'query'),
  'fs.suggestPath': call<{ path: string }>()(
    z.strictObject({ title: z.string().max(1000), folder: path.optional() }),
    'query',
  ),
  'fs.listWorkspaces': call<{ folder: string; entries: FolderEntry[] }>()(
    z.strictObject({ folder: path.optional() }),
    'query',
  ),
  /** The app's own file chooser (no native dialogs): one folder's sub-folders and files of the kinds asked for. */
  'fs.browse': call<BrowseResult>()(
    z.strictObject({
      folder: path.optional(),
      extensions: z
        .array(z.string().regex(/^[a-z0-9]{1,10}$/))
        .max(20)
        .optional(),
      foldersOnly: z.boolean().optional(),
    }),
    'query',
  ),
  'fs.makeFolder': call<{ path: string }>()(z.strictObject({ parent: path, name: z.string().max(300) }), 'query'),
  /** Whether something is already at a path: "replace the existing file?" before an export writes over it. */
  'fs.pathKind': call<{ kind: 'file' | 'folder' | null }>()(z.strictObject({ path }), 'query'),
  'jobs.cancel': call<{ cancelled: boolean }>()(z.strictObject({ jobId: z.string().min(1).max(100) }), 'query'),
} as const;
