import { useEffect, useState } from 'react';
import { call } from '../../lib/api';
import { checkDraft, openErrors } from '#shared/checker/index';

/** Open standard-checker findings in the draft, counted, for the Outputs page's warnings. */
export function useDraftFindingsSummary(enabled: boolean): { errors: number; warnings: number } {
  const [counts, setCounts] = useState({ errors: 0, warnings: 0 });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void call('draft.get', {}).then((r) => {
      if (!live || !r.ok) return;
      const findings = checkDraft(r.value.draft);
      setCounts({
        errors: openErrors(findings).length,
        warnings: findings.filter((f) => f.severity === 'warning' && !f.dismissed).length,
      });
    });
    return () => {
      live = false;
    };
  }, [enabled]);
  return counts;
}
