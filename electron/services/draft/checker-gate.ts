import type { Draft } from '#shared/domain/draft/model';
import { checkDraft, openErrors } from '#shared/checker/index';

/** Open standard-checker errors in a draft: exports of the consultation need none, or "export anyway". */
export function checkerErrorCount(draft: Draft): number {
  return openErrors(checkDraft(draft)).length;
}
