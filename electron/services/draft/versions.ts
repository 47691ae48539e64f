import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import { AppError } from '#shared/core/errors';
import { draftSchema, type Draft } from '#shared/domain/draft/model';
import { compareDrafts, type DraftComparison } from '#shared/domain/draft/compare';
import { audit } from '../core/audit';
import { loadDraft } from './draft-service';
import type { VersionSummary } from '#shared/ipc/contract/draft';

/** Saved versions of the draft: a labelled copy of the whole draft, to open read-only or compare. */

export function saveVersion(file: WorkspaceFile, label: string, actor: string, now: Date): VersionSummary {
  return file.mutate((db) => {
    const draft = loadDraft(db);
    db.run('INSERT INTO draft_version (label, created_at, created_by, draft) VALUES (?, ?, ?, ?)', [
      label,
      now.toISOString(),
      actor,
      JSON.stringify(draft),
    ]);
    const id = db.scalar<number>('SELECT last_insert_rowid()')!;
    audit(db, now, actor, 'draft.version', String(id), { label });
    return {
      id,
      label,
      createdAt: now.toISOString(),
      createdBy: actor,
      sections: draft.sections.length,
      questions: draft.questions.length,
    };
  });
}

export function listVersions(db: Db): VersionSummary[] {
  return db
    .all<{ id: number; label: string; created_at: string; created_by: string; sections: number; questions: number }>(
      `SELECT id, label, created_at, created_by,
              json_array_length(draft, '$.sections') AS sections, json_array_length(draft, '$.questions') AS questions
       FROM draft_version ORDER BY id DESC`,
    )
    .map((r) => ({
      id: r.id,
      label: r.label,
      createdAt: r.created_at,
      createdBy: r.created_by,
      sections: r.sections,
      questions: r.questions,
    }));
}

export function getVersion(db: Db, id: number): { summary: VersionSummary; draft: Draft } {
  const row = db.get<{ id: number; label: string; created_at: string; created_by: string; draft: string }>(
    'SELECT id, label, created_at, created_by, draft FROM draft_version WHERE id = ?',
    [id],
  );
  if (!row) throw new AppError('not-found', `There is no saved version ${id}.`);
  const draft = draftSchema.parse(JSON.parse(row.draft));
  return {
    summary: {
      id: row.id,
      label: row.label,
      createdAt: row.created_at,
      createdBy: row.created_by,
      sections: draft.sections.length,
      questions: draft.questions.length,
    },
    draft,
  };
}

export function compareVersions(db: Db, from: number | 'current', to: number | 'current'): DraftComparison {
  const pick = (v: number | 'current') => (v === 'current' ? loadDraft(db) : getVersion(db, v).draft);
  return compareDrafts(pick(from), pick(to));
}
