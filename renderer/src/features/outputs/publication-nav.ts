import type { PublicationGoTo } from '#shared/domain/exports';
import { useApp } from '../../app/store';
import { useAnalysis } from '../analysis/analysis-store';
import { useResponses } from '../responses/responses-store';
import { useDraft } from '../draft/draft-store';

/**
 * "Go to it" for a publication-check finding: the page where it is fixed, opened at the part that fixes
 * it (the question's government response or coding queue, the campaigns, duplicates or personal data
 * list, the draft's dates). The finding says where (shared/report/publication-check.ts); this knows how.
 */
export function goToPublicationFinding(goTo: PublicationGoTo, ruleId: string): void {
  const navigate = useApp.getState().navigate;
  if (goTo.page === 'analysis') {
    if (goTo.questionId)
      useAnalysis.getState().select({
        kind: 'question',
        questionId: goTo.questionId,
        tab: ruleId === 'R-PUB6-coding' ? 'coding' : 'response',
      });
    return navigate({ page: 'workspace', tab: 'analysis' });
  }
  if (goTo.page === 'responses') {
    const responses = useResponses.getState();
    responses.setView(goTo.view ?? 'overview');
    if (goTo.view === 'browse' && goTo.questionId) responses.setFilters({ questionId: goTo.questionId });
    return navigate({ page: 'workspace', tab: 'responses' });
  }
  // The dates (R-PUB7) are in the draft's details.
  useDraft.getState().select({ kind: 'details' });
  return navigate({ page: 'workspace', tab: 'draft' });
}
