import type { ConflictView } from '#shared/domain/team';
import type { Db } from '../core/db/database';
import { ENTITIES, str, type EntityData, type EntityName } from './entities';

/** A conflict as pulled (team_conflict), put in words for the analyst choosing between its versions. */
export interface LocalConflictRow {
  id: number;
  seq: number;
  entity: string;
  key: string;
  rule: string;
  versions: string;
  detected_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: string | null;
}

const clip = (s: string, n = 2000): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function questionLabel(db: Db, questionId: string): string {
  const n = db.scalar<number>(
    'SELECT n FROM (SELECT q.id, row_number() OVER (ORDER BY s.position, q.position) AS n FROM question q ' +
      'JOIN section s ON s.id = q.section_id) WHERE id = ?',
    [questionId],
  );
  return n ? `question ${n}` : `question ${questionId}`;
}

function subjectOf(db: Db, entity: string, key: string, data: EntityData | null): string {
  switch (entity as EntityName) {
    case 'theme': {
      const name = db.scalar<string>('SELECT name FROM theme WHERE id = ?', [key]) ?? str(data?.name) ?? key;
      return `Theme “${name}”`;
    }
    case 'annotation': {
      const [, q, r] = JSON.parse(key) as [string, string, number];
      return `Note on response ${r}’s answer to ${questionLabel(db, q)}`;
    }
    case 'response_text':
      return key.startsWith('question:')
        ? `Government response to ${questionLabel(db, key.slice('question:'.length))}`
        : `Government response: ${key.replace(/-/g, ' ')}`;
    case 'quote':
      return `Quote from response ${str(data?.responseId) ?? '?'}`;
    case 'analysis_setting':
      return `Analysis setting “${key}”`;
    case 'coding':
      return `Coding on response ${str(data?.responseId) ?? '?'}`;
  }
}

function summaryOf(entity: string, data: EntityData | null): string {
  if (!data) return 'Removed';
  switch (entity as EntityName) {
    case 'theme': {
      const parts = [`Name: ${str(data.name) ?? ''}`];
      if (data.description) parts.push(`description: ${clip(str(data.description) ?? '', 300)}`);
      if (data.archivedAt) parts.push('deleted from the codebook');
      return parts.join('; ');
    }
    case 'annotation': {
      const parts: string[] = [];
      if (data.complete) parts.push('marked as read');
      if (data.sentiment) parts.push(`sentiment: ${str(data.sentiment) ?? ''}`);
      if (data.memo) parts.push(`memo: ${clip(str(data.memo) ?? '', 500)}`);
      return parts.join('; ') || 'No note';
    }
    case 'response_text':
      return clip(str(data.text) ?? '');
    case 'quote':
      return `${data.removedAt ? 'Removed. ' : ''}Note: ${str(data.note) ?? ''}`;
    default:
      return clip(JSON.stringify(ENTITIES[entity as EntityName]?.visible(data) ?? data));
  }
}

export function conflictView(db: Db, r: LocalConflictRow, replica: string): ConflictView {
  const versions = JSON.parse(r.versions) as { analyst: string; replica: string; data: EntityData | null }[];
  return {
    id: r.id,
    subject: subjectOf(db, r.entity, r.key, versions[versions.length - 1]?.data ?? null),
    entity: r.entity,
    rule: r.rule,
    versions: versions.map((v) => ({
      analyst: v.analyst,
      replica: v.replica,
      mine: v.replica === replica,
      summary: summaryOf(r.entity, v.data),
    })),
    detectedAt: r.detected_at,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
    resolution: r.resolution,
  };
}
