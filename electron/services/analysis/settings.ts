import { AppError } from '#shared/core/errors';
import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import type { AnalysisSettings } from '#shared/coding/types';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '#shared/analysis/suppression';
import { audit } from '../core/audit';

/**
 * The analysis settings kept in the workspace: whether campaign responses are counted in, and the small-number
 * threshold.
 */
export function readSettings(db: Db): AnalysisSettings {
  const rows = new Map(
    db.all<{ key: string; value: string }>('SELECT key, value FROM analysis_setting').map((r) => [r.key, r.value]),
  );
  const threshold = Number(rows.get('threshold'));
  return {
    campaigns: rows.get('campaigns') === 'included' ? 'included' : 'excluded',
    threshold: Number.isInteger(threshold) && threshold >= 1 ? threshold : DEFAULT_SUPPRESSION_THRESHOLD,
  };
}

export function updateSettings(
  file: WorkspaceFile,
  patch: Partial<AnalysisSettings>,
  now: Date,
  actor: string,
): AnalysisSettings {
  if (
    patch.threshold !== undefined &&
    (!Number.isInteger(patch.threshold) || patch.threshold < 1 || patch.threshold > 1000)
  ) {
    throw new AppError('invalid-input', 'The threshold must be a whole number from 1 to 1,000.', {
      field: 'threshold',
    });
  }
  return file.mutate((db) => {
    const before = readSettings(db);
    const put = (k: string, v: string) =>
      db.run(
        'INSERT INTO analysis_setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
        [k, v],
      );
    if (patch.campaigns !== undefined && patch.campaigns !== before.campaigns) put('campaigns', patch.campaigns);
    if (patch.threshold !== undefined && patch.threshold !== before.threshold)
      put('threshold', String(patch.threshold));
    const after = readSettings(db);
    if (after.campaigns !== before.campaigns || after.threshold !== before.threshold)
      audit(db, now, actor, 'analysis.settings', null, { before, after });
    return after;
  });
}
