import { contentProblems } from './content-check';
import type { Db } from '../core/db/database';
import { WorkspaceFile, openReadOnly, type WorkspaceFileOptions } from '../core/db/workspace-file';
import { SCHEMA_VERSION } from '../core/db/migrations/index';
import type { WorkspaceInspection, WorkspaceState, WorkspaceSummary } from '#shared/domain/workspace';
import { audit } from '../core/audit';
import type { Draft } from '#shared/domain/draft/model';
import { writeWholeDraft } from '../draft/draft-rows';
import { titleChanged } from '../draft/draft-service';

/** Counts of things later migrations add; a table that does not exist yet counts as zero. */
function countIfTable(db: Db, table: string): number {
  const exists = db.scalar<number>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", [table]);
  return exists ? (db.scalar<number>(`SELECT count(*) FROM "${table}"`) ?? 0) : 0;
}

export function summarise(db: Db, path: string, schemaVersion = SCHEMA_VERSION): WorkspaceSummary {
  const c = db.get<{ title: string; created_at: string; updated_at: string }>(
    'SELECT title, created_at, updated_at FROM consultation WHERE id = 1',
  );
  const meta = (k: string) => db.scalar<string>('SELECT value FROM meta WHERE key = ?', [k]) ?? '';
  return {
    path,
    title: c?.title ?? '',
    schemaVersion,
    workspaceId: meta('workspace_id'),
    consultationId: meta('consultation_id'),
    createdAt: c?.created_at ?? '',
    updatedAt: c?.updated_at ?? '',
    questions: countIfTable(db, 'question'),
    respondents: countIfTable(db, 'respondent'),
    responses: countIfTable(db, 'response'),
  };
}

export function stateOf(file: WorkspaceFile): WorkspaceState {
  const title = file.db.scalar<string>('SELECT title FROM consultation WHERE id = 1') ?? '';
  return { path: file.path, title, saved: true, ...file.state };
}

/**
 * Open a workspace for editing, checking first what it holds (content-check.ts) as well as its
 * pages: a damaged workspace is refused before anything is written to it.
 */
export function openWorkspace(path: string, options?: WorkspaceFileOptions): Promise<WorkspaceFile> {
  return WorkspaceFile.open(path, { ...options, contentCheck: contentProblems });
}

export async function createWorkspace(
  path: string,
  title: string,
  actor: string,
  options?: WorkspaceFileOptions,
  draft?: Draft,
): Promise<WorkspaceFile> {
  return WorkspaceFile.create(
    path,
    (db, now) => {
      const at = now.toISOString();
      db.run('INSERT INTO consultation (id, title, created_at, updated_at) VALUES (1, ?, ?, ?)', [title, at, at]);
      if (draft) writeWholeDraft(db, { ...draft, metadata: { ...draft.metadata, title } }, at);
      audit(db, now, actor, 'workspace.create', null, { title, draft: draft ? 'seeded' : 'none' });
    },
    options,
  );
}

export function setTitle(file: WorkspaceFile, title: string, actor: string, now: Date): void {
  file.mutate((db) => {
    const old = db.scalar<string>('SELECT title FROM consultation WHERE id = 1');
    if (old === title) return;
    db.run('UPDATE consultation SET title = ?, updated_at = ? WHERE id = 1', [title, now.toISOString()]);
    titleChanged(db, title, now.toISOString());
    audit(db, now, actor, 'consultation.title', null, { old, new: title });
  });
}

/** Summary of a file without opening it for editing (no lock, nothing written). */
export async function inspect(path: string): Promise<WorkspaceInspection> {
  const ro = await openReadOnly(path, { integrityCheck: false });
  try {
    return {
      ...summarise(ro.db, path, ro.fileSchema),
      appSchemaVersion: SCHEMA_VERSION,
      journalEntries: ro.journalApplied ? ro.journal.records.length : 0,
    };
  } finally {
    ro.db.close();
  }
}
