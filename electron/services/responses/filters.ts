import type { ResponseFilters } from '#shared/domain/responses/store';
import { answersOf } from './answer-ids';

/**
 * The browse and search filters as SQL over `response r JOIN respondent p`. Each filter is an
 * indexed column or an EXISTS on an indexed child table, so a filter never scans the answers.
 */
export interface FilterSql {
  where: string[];
  params: (string | number)[];
  /** True when nothing but the default "active" status is asked for. */
  onlyDefault: boolean;
}

const LIVE_MEMBER =
  'SELECT 1 FROM campaign_member m JOIN campaign c ON c.id = m.campaign_id WHERE m.response_id = r.id AND ' +
  "m.removed_at IS NULL AND c.status <> 'rejected'";

export function filterSql(f: ResponseFilters = {}): FilterSql {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const status = f.status ?? 'active';
  if (status !== 'all') {
    where.push('r.status = ?');
    params.push(status);
  }
  if (f.channel) {
    where.push('r.channel = ?');
    params.push(f.channel);
  }
  if (f.batchId) {
    where.push('r.batch_id = ?');
    params.push(f.batchId);
  }
  if (f.respondentType !== undefined) {
    where.push(f.respondentType === '' ? 'p.respondent_type IS NULL' : 'p.respondent_type = ?');
    if (f.respondentType !== '') params.push(f.respondentType);
  }
  if (f.hasPersonalData !== undefined) {
    where.push('p.has_personal = ?');
    params.push(f.hasPersonalData ? 1 : 0);
  }
  if (f.organisation) {
    where.push('p.is_organisation = ?');
    params.push(f.organisation === 'organisation' ? 1 : 0);
  }
  if (f.questionId) {
    where.push(`EXISTS (SELECT 1 FROM answer q WHERE ${answersOf('q', 'r.id')} AND q.question_id = ?)`);
    params.push(f.questionId);
  }
  if (f.campaign === 'any') where.push(`EXISTS (${LIVE_MEMBER})`);
  else if (f.campaign === 'none') where.push(`NOT EXISTS (${LIVE_MEMBER})`);
  else if (typeof f.campaign === 'number') {
    where.push(`EXISTS (${LIVE_MEMBER} AND m.campaign_id = ?)`);
    params.push(f.campaign);
  }
  const onlyDefault = status === 'active' && where.length === 1;
  return { where, params, onlyDefault };
}
