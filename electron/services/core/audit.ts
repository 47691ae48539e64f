import type { Db } from './db/database';

/** Append to the workspace's audit log. Call inside a mutation so it is journaled with the change. */
export function audit(
  db: Db,
  now: Date,
  actor: string,
  action: string,
  subject: string | null,
  detail?: unknown,
): void {
  db.run('INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)', [
    now.toISOString(),
    actor,
    action,
    subject,
    detail === undefined ? null : JSON.stringify(detail),
  ]);
}

/**
 * SQL condition over audit_log for every change to responses (actions "responses.*"), as an index
 * range: what the analysis caches and the personal-data review watch to know their copy is stale.
 */
export const RESPONSES_AUDIT_RANGE = "action >= 'responses.' AND action < 'responses/'";
