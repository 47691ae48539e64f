import { AppError } from '#shared/core/errors';
import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import type { Draft } from '#shared/domain/draft/model';
import type { CampaignMemberView, CampaignStatus, CampaignView } from '#shared/domain/responses/store';
import { audit } from '../core/audit';
import { questionLabels } from './browse';

/**
 * Campaigns as the official sees and decides them: the template shown once, the members with their
 * own additions, and the decisions — confirm, reject, reopen, or split members out (a split member
 * is kept on the list, marked, so it is not put back by the next detection).
 */
interface CampaignRow {
  id: number;
  question_id: string;
  status: CampaignStatus;
  label: string;
  template: string;
  threshold: number;
  similarity_min: number;
  similarity_mean: number;
  identical_count: number;
  detected_at: string;
  decided_at: string | null;
  decided_by: string | null;
  size: number;
  with_additions: number;
}

export function listCampaigns(db: Db, draft: Draft): CampaignView[] {
  const labels = questionLabels(draft);
  return db
    .all<CampaignRow>(
      `SELECT c.*, count(m.id) AS size, sum(CASE WHEN m.addition <> '' THEN 1 ELSE 0 END) AS with_additions
       FROM campaign c LEFT JOIN campaign_member m ON m.campaign_id = c.id AND m.removed_at IS NULL
       GROUP BY c.id ORDER BY CASE c.status WHEN 'proposed' THEN 0 WHEN 'confirmed' THEN 1 ELSE 2 END, size DESC, c.id`,
    )
    .map((c) => ({
      id: c.id,
      questionId: c.question_id,
      questionNumber: labels.get(c.question_id)?.number ?? '',
      questionText: labels.get(c.question_id)?.text ?? 'A question that is no longer in the consultation',
      status: c.status,
      label: c.label,
      template: c.template,
      size: c.size,
      withAdditions: c.with_additions ?? 0,
      identicalCount: c.identical_count,
      threshold: c.threshold,
      similarity: { min: c.similarity_min, mean: c.similarity_mean },
      detectedAt: c.detected_at,
      decidedAt: c.decided_at,
      decidedBy: c.decided_by,
    }));
}

export function campaignMembers(
  db: Db,
  id: number,
  q: { offset: number; limit: number; withAdditionsOnly?: boolean | undefined },
): { total: number; members: CampaignMemberView[] } {
  if (!db.get('SELECT 1 FROM campaign WHERE id = ?', [id]))
    throw new AppError('not-found', `There is no campaign ${id}. Detection may have been run again.`);
  const extra = q.withAdditionsOnly ? " AND m.addition <> ''" : '';
  const total = db.scalar<number>(`SELECT count(*) FROM campaign_member m WHERE m.campaign_id = ?${extra}`, [id]) ?? 0;
  const members = db
    .all<{
      response_id: number;
      name: string | null;
      organisation: string | null;
      addition: string;
      removed_at: string | null;
    }>(
      `SELECT m.response_id, p.name, p.organisation, m.addition, m.removed_at
       FROM campaign_member m JOIN response r ON r.id = m.response_id JOIN respondent p ON p.id = r.respondent_id
       WHERE m.campaign_id = ?${extra} ORDER BY m.removed_at IS NOT NULL, m.response_id LIMIT ? OFFSET ?`,
      [id, q.limit, q.offset],
    )
    .map((m) => ({
      responseId: m.response_id,
      name: m.name,
      organisation: m.organisation,
      addition: m.addition,
      removed: m.removed_at !== null,
    }));
  return { total, members };
}

export type CampaignDecision = 'confirm' | 'reject' | 'reopen';

export function decideCampaign(
  file: WorkspaceFile,
  id: number,
  decision: CampaignDecision,
  label: string | undefined,
  now: Date,
  actor: string,
): void {
  file.mutate((db) => {
    const c = db.get<{ status: CampaignStatus }>('SELECT status FROM campaign WHERE id = ?', [id]);
    if (!c) throw new AppError('not-found', `There is no campaign ${id}. Detection may have been run again.`);
    const status: CampaignStatus =
      decision === 'confirm' ? 'confirmed' : decision === 'reject' ? 'rejected' : 'proposed';
    db.run('UPDATE campaign SET status = ?, label = COALESCE(?, label), decided_at = ?, decided_by = ? WHERE id = ?', [
      status,
      label?.trim() || null,
      decision === 'reopen' ? null : now.toISOString(),
      decision === 'reopen' ? null : actor,
      id,
    ]);
    audit(db, now, actor, `responses.campaign-${decision}`, `campaign ${id}`, {
      from: c.status,
      to: status,
      ...(label ? { label } : {}),
    });
  });
}

/** Take members out of a campaign (they answered alike by chance), or put them back. */
export function splitCampaign(
  file: WorkspaceFile,
  id: number,
  responseIds: number[],
  restore: boolean,
  now: Date,
  actor: string,
): { changed: number } {
  return file.mutate((db) => {
    if (!db.get('SELECT 1 FROM campaign WHERE id = ?', [id]))
      throw new AppError('not-found', `There is no campaign ${id}.`);
    let changed = 0;
    for (const rid of responseIds) {
      const m = db.get<{ id: number; removed_at: string | null }>(
        'SELECT id, removed_at FROM campaign_member WHERE campaign_id = ? AND response_id = ?',
        [id, rid],
      );
      if (!m || (m.removed_at !== null) !== restore) continue;
      // The addition stays in the search index (its text is unchanged); searches leave split members out.
      if (restore) db.run('UPDATE campaign_member SET removed_at = NULL, removed_by = NULL WHERE id = ?', [m.id]);
      else
        db.run('UPDATE campaign_member SET removed_at = ?, removed_by = ? WHERE id = ?', [
          now.toISOString(),
          actor,
          m.id,
        ]);
      changed++;
    }
    if (changed)
      audit(db, now, actor, restore ? 'responses.campaign-restore' : 'responses.campaign-split', `campaign ${id}`, {
        responses: responseIds.slice(0, 1000),
        changed,
      });
    return { changed };
  });
}
