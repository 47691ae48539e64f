import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { AppError } from '#shared/core/errors';
import { slugify } from '#shared/domain/filename';
import { WORKSPACE_EXTENSION } from '#shared/domain/workspace';
import type { AppChannel } from '#shared/ipc/channels';
import type { HandlerTable } from '../core/session';
import { browseFolder, makeFolder, pathKind } from '../core/files/browse';

export const appHandlers: HandlerTable<AppChannel> = {
  'app.info': (_input, { services }) => ({ name: 'Consultation Workbench', ...services.env }),

  'recent.list': (_input, { services }) =>
    services.settings.read().recent.map((r) => ({ ...r, exists: existsSync(r.path) })),

  'recent.remove': ({ path }, { services }) => {
    services.settings.removeRecent(path);
    return services.settings.read().recent.map((r) => ({ ...r, exists: existsSync(r.path) }));
  },

  'fs.suggestPath': ({ title, folder }, { services }) => {
    const dir = folder ?? services.env.defaultFolder;
    const base = slugify(title);
    let candidate = join(dir, base + WORKSPACE_EXTENSION);
    for (let n = 2; existsSync(candidate) && n < 1000; n++) candidate = join(dir, `${base}-${n}${WORKSPACE_EXTENSION}`);
    return { path: candidate };
  },

  'fs.listWorkspaces': ({ folder }, { services }) => {
    const dir = folder ?? services.env.defaultFolder;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      throw new AppError('not-found', `The folder ${dir} does not exist or cannot be read.`, { field: 'folder' });
    }
    const entries = names
      .filter((n) => extname(n).toLowerCase() === WORKSPACE_EXTENSION && !n.startsWith('.'))
      .flatMap((n) => {
        try {
          const st = statSync(join(dir, n));
          return st.isFile()
            ? [{ path: join(dir, n), name: basename(n), modifiedAt: st.mtime.toISOString(), bytes: st.size }]
            : [];
        } catch {
          return [];
        }
      })
      .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
    return { folder: dir, entries };
  },

  'fs.browse': ({ folder, extensions, foldersOnly }, { services }) => {
    // Recent workspaces' folders, newest first, then the consultations folder.
    const recent = [...new Set(services.settings.read().recent.map((r) => dirname(r.path)))].slice(0, 5);
    const places = [
      { label: 'Consultations folder', path: services.env.defaultFolder },
      ...recent.map((p) => ({ label: `Recent: ${basename(p) || p}`, path: p })),
    ].filter((p) => pathKind(p.path) === 'folder');
    return browseFolder({ folder: folder ?? services.env.defaultFolder, extensions, foldersOnly, places });
  },

  'fs.makeFolder': ({ parent, name }) => makeFolder(parent, name),

  'fs.pathKind': ({ path }) => ({ kind: pathKind(path) }),

  'jobs.cancel': ({ jobId }, ctx) => ({ cancelled: ctx.cancelJob(jobId) }),
};
