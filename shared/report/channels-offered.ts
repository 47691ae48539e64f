import type { DraftMetadata } from '../domain/draft/model';

/**
 * R-PUB5: "People could respond by …" says the ways the consultation offered (the draft's Ways to
 * respond), not the ways responses happened to arrive.
 */
export function channelsOffered(m: Pick<DraftMetadata, 'waysToRespond'>): string[] {
  const w = m.waysToRespond;
  const out: string[] = [];
  if (w.onlineUrl.trim()) out.push('online survey');
  if (w.email.trim()) out.push('email');
  if (w.postalAddress.trim()) out.push('post');
  if (w.responseForm) out.push('the response form');
  return out;
}
