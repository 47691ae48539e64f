/**
 * Campaign and duplicate detection over the 100,000 imported responses, read from the workspace
 * (every free-text answer of the open questions), as the Responses page runs it: detection per
 * question with the default threshold, then the proposals and duplicate groups written in one
 * mutation. Target ≤ 30 s.
 */
import { benchRouter, ensureImported } from '../lib/responses-fixture';
import { peakRssMiB, round } from '../stats';

export const name = 'campaign-responses';

export async function run(): Promise<Record<string, number | string>> {
  const path = await ensureImported();
  const { router, marks, done } = benchRouter();
  try {
    const opened = await router.dispatch('bench', 'workspace.open', { path });
    if (!opened.ok) throw new Error(opened.error.message);
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const r = await router.dispatch('bench', 'responses.detect', { threshold: 0.5 }, { jobId: 'bench-detect' });
    const t1 = performance.now();
    if (!r.ok) throw new Error(r.error.message);
    const out = r.value as { campaigns: { size: number }[]; duplicateGroups: number; duplicateResponses: number };
    const duplicatesAt = marks.find((m) => m.message.startsWith('Looking for duplicates'))?.at ?? t1;
    const savingAt = marks.find((m) => m.message.startsWith('Saving what was found'))?.at ?? t1;
    const t2 = performance.now();
    const again = await router.dispatch('bench', 'responses.detect', { threshold: 0.5 });
    const t3 = performance.now();
    if (!again.ok) throw new Error(again.error.message);
    await router.dispatch('bench', 'workspace.close', {});
    return {
      detectSeconds: round((t1 - t0) / 1000, 2),
      readAndCampaignsSeconds: round((duplicatesAt - t0) / 1000, 2),
      duplicatesSeconds: round((savingAt - duplicatesAt) / 1000, 2),
      saveSeconds: round((t1 - savingAt) / 1000, 2),
      rerunSeconds: round((t3 - t2) / 1000, 2),
      campaigns: out.campaigns.length,
      largestCampaign: out.campaigns[0]?.size ?? 0,
      respondentsInCampaigns: out.campaigns.reduce((s, c) => s + c.size, 0),
      duplicateGroups: out.duplicateGroups,
      duplicateResponses: out.duplicateResponses,
      rssBeforeMiB: round(rssBefore / 2 ** 20, 0),
      peakRssMiB: peakRssMiB(),
    };
  } finally {
    await done();
  }
}
