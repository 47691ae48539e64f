import { AppError } from '#shared/core/errors';
import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import type { IntakeChannel } from '#shared/domain/survey-import/types';
import type { DuplicateGroupView, ResponseStatus } from '#shared/domain/responses/store';
import { audit } from '../core/audit';

/**
 * Duplicate groups for the official to resolve: keep one response, and the others are marked
 * 'duplicate' (left out of counts and analysis, never deleted, and shown with the one kept in their
 * place); or dismiss the group (not the same response after all). Both can be reopened.
 */
export function listDuplicateGroups(
  db: Db,
  status: 'open' | 'resolved' | 'dismissed' | 'all' = 'open',
): DuplicateGroupView[] {
  const groups = db.all<{
    id: number;
    kind: 'exact' | 'same-person';
    matched_on: string;
    status: DuplicateGroupView['status'];
    suggested_keep: number | null;
    keep_response_id: number | null;
    resolved_at: string | null;
    resolved_by: string | null;
  }>(
    `SELECT * FROM duplicate_group ${status === 'all' ? '' : 'WHERE status = ?'} ORDER BY id LIMIT 2000`,
    status === 'all' ? [] : [status],
  );
  return groups.map((g) => ({
    id: g.id,
    kind: g.kind,
    matchedOn: JSON.parse(g.matched_on) as DuplicateGroupView['matchedOn'],
    status: g.status,
    suggestedKeep: g.suggested_keep,
    keepResponseId: g.keep_response_id,
    resolvedAt: g.resolved_at,
    resolvedBy: g.resolved_by,
    members: db
      .all<{
        id: number;
        channel: string;
        submitted_at: string | null;
        name: string | null;
        email: string | null;
        status: string;
        source_name: string;
      }>(
        'SELECT r.id, r.channel, r.submitted_at, p.name, p.email, r.status, b.source_name FROM duplicate_member ' +
          'd JOIN response r ON r.id = d.response_id JOIN respondent p ON p.id = r.respondent_id JOIN import_batch ' +
          'b ON b.id = r.batch_id WHERE d.group_id = ? ORDER BY r.submitted_at, r.id',
        [g.id],
      )
      .map((m) => ({
        responseId: m.id,
        channel: m.channel as IntakeChannel,
        submittedAt: m.submitted_at,
        name: m.name,
        email: m.email,
        status: m.status as ResponseStatus,
        sourceName: m.source_name,
      })),
  }));
}

export function resolveDuplicateGroup(
  file: WorkspaceFile,
  groupId: number,
  action: { keep: number } | { dismiss: true } | { reopen: true },
  now: Date,
  actor: string,
): void {
  file.mutate((db) => {
    const g = db.get<{ id: number; status: string; keep_response_id: number | null }>(
      'SELECT id, status, keep_response_id FROM duplicate_group WHERE id = ?',
      [groupId],
    );
    if (!g)
      throw new AppError('not-found', `There is no duplicate group ${groupId}. Detection may have been run again.`);
    const members = db
      .all<{ response_id: number }>('SELECT response_id FROM duplicate_member WHERE group_id = ?', [groupId])
      .map((m) => m.response_id);
    // Undo what this group did before (members it marked as duplicates count again).
    if (g.status === 'resolved' && g.keep_response_id !== null) {
      db.run(
        `UPDATE response SET status = 'active', duplicate_of = NULL WHERE duplicate_of = ? AND id IN ` +
          `(${members.map(() => '?').join(',')})`,
        [g.keep_response_id, ...members],
      );
    }
    if ('keep' in action) {
      if (!members.includes(action.keep))
        throw new AppError('invalid-input', `Response ${action.keep} is not in this group.`, { field: 'keep' });
      const others = members.filter((m) => m !== action.keep);
      db.run(
        `UPDATE response SET status = 'duplicate', duplicate_of = ? WHERE id IN (${others.map(() => '?').join(',')})`,
        [action.keep, ...others],
      );
      db.run("UPDATE response SET status = 'active', duplicate_of = NULL WHERE id = ?", [action.keep]);
      db.run(
        "UPDATE duplicate_group SET status = 'resolved', keep_response_id = ?, resolved_at = ?, resolved_by = ? " +
          'WHERE id = ?',
        [action.keep, now.toISOString(), actor, groupId],
      );
      audit(db, now, actor, 'responses.duplicates-resolve', `duplicate group ${groupId}`, {
        keep: action.keep,
        marked: others,
      });
    } else if ('dismiss' in action) {
      db.run(
        "UPDATE duplicate_group SET status = 'dismissed', keep_response_id = NULL, resolved_at = ?, resolved_by " +
          '= ? WHERE id = ?',
        [now.toISOString(), actor, groupId],
      );
      audit(db, now, actor, 'responses.duplicates-dismiss', `duplicate group ${groupId}`);
    } else {
      db.run(
        "UPDATE duplicate_group SET status = 'open', keep_response_id = NULL, resolved_at = NULL, resolved_by = " +
          'NULL WHERE id = ?',
        [groupId],
      );
      audit(db, now, actor, 'responses.duplicates-reopen', `duplicate group ${groupId}`);
    }
  });
}
