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
  const share = Number(rows.get('min_coded_share') ?? NaN);
  return {
    campaigns: rows.get('campaigns') === 'included' ? 'included' : 'excluded',
    threshold: Number.isInteger(threshold) && threshold >= 1 ? threshold : DEFAULT_SUPPRESSION_THRESHOLD,
    minCodedShare: Number.isFinite(share) && share >= 0 && share <= 1 ? share : 1,
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
  if (patch.minCodedShare !== undefined && !(patch.minCodedShare >= 0 && patch.minCodedShare <= 1)) {
    throw new AppError('invalid-input', 'The share to code must be from 0 to 1 (0% to 100%).', {
      field: 'minCodedShare',
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
    if (patch.minCodedShare !== undefined && patch.minCodedShare !== before.minCodedShare)
      put('min_coded_share', String(patch.minCodedShare));
    const after = readSettings(db);
    if (
      after.campaigns !== before.campaigns ||
      after.threshold !== before.threshold ||
      after.minCodedShare !== before.minCodedShare
    )
      audit(db, now, actor, 'analysis.settings', null, { before, after });
    return after;
  });
}
