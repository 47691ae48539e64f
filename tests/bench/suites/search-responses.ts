/**
 * Search and browse over the 100,000 imported responses (1.8 million answers): full-text search
 * p50/p95 over a mix of queries — common and rare words, phrases, prefixes, OR, exclusions, and
 * with filters — as the Responses page calls it (count, first page of 50 with snippets, distinct
 * responses); a page of the virtualised table at random offsets; one response in full.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { benchRouter, ensureImported } from '../lib/responses-fixture';
import { peakRssMiB, percentile, round } from '../stats';

export const name = 'search-responses';

const QUERIES: { query: string; filters?: Record<string, unknown>; scope?: string }[] = [
  { query: 'NHS' },
  { query: 'online' },
  { query: 'broadband' },
  { query: '"screen reader"' },
  { query: 'pharm*' },
  { query: 'appointment OR prescription' },
  { query: 'broadband -slow' },
  { query: 'dementia' },
  { query: 'Llanelli' },
  { query: 'zebra' },
  { query: 'carer mother' },
  { query: '"one front door"' },
  { query: 'trust', filters: { questionId: 'bench-q15' } },
  { query: 'NHS', filters: { channel: 'online-survey', hasPersonalData: true } },
  { query: 'local', filters: { organisation: 'organisation' } },
  { query: 'app', filters: { respondentType: 'Business' } },
  { query: 'Patel', scope: 'respondents' },
  { query: 'NHS', scope: 'answers' },
];

export async function run(): Promise<Record<string, number | string>> {
  const path = await ensureImported();
  const { router, done } = benchRouter();
  try {
    const opened = await router.dispatch('bench', 'workspace.open', { path });
    if (!opened.ok) throw new Error(opened.error.message);
    const call = async (channel: string, input: unknown) => {
      const t0 = performance.now();
      const r = await router.dispatch('bench', channel, input);
      const ms = performance.now() - t0;
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return { ms, value: r.value as Record<string, unknown> };
    };
    // Warm-up: the first query reads the index pages.
    await call('responses.search', { query: 'warm' });
    const search: number[] = [];
    const slowest: { ms: number; query: string }[] = [];
    let hits = 0;
    for (let round_ = 0; round_ < 5; round_++) {
      for (const q of QUERIES) {
        const { ms, value } = await call('responses.search', { ...q, limit: 50 });
        search.push(ms);
        slowest.push({ ms, query: `${q.query}${q.filters ? ' +filters' : ''}` });
        if (round_ === 0) hits += value['total'] as number;
      }
    }
    const deepPage: number[] = [];
    for (let i = 0; i < 10; i++)
      deepPage.push((await call('responses.search', { query: 'NHS', offset: 20_000 + i * 1000, limit: 50 })).ms);
    const list: number[] = [];
    for (let i = 0; i < 60; i++)
      list.push(
        (
          await call('responses.list', {
            offset: Math.floor(((i * 7919) % 100) * 990),
            limit: 100,
            ...(i % 3 === 0 ? { filters: { channel: 'online-survey', hasPersonalData: true } } : {}),
          })
        ).ms,
      );
    const detail: number[] = [];
    for (let i = 0; i < 60; i++) detail.push((await call('responses.get', { id: 1 + ((i * 4973) % 100_000) })).ms);
    const summary = (await call('responses.summary', {})).ms;
    await router.dispatch('bench', 'workspace.close', {});

    // Undoing the whole 100,000-response batch, on a copy so the other suites keep the workspace.
    const copy = join(mkdtempSync(join(tmpdir(), 'cw-bench-undo-')), 'copy.consult');
    copyFileSync(path, copy);
    const reopened = await router.dispatch('bench', 'workspace.open', { path: copy });
    if (!reopened.ok) throw new Error(reopened.error.message);
    const batchId = ((await call('responses.batches', {})).value as unknown as { id: number }[])[0]!.id;
    const undo = await call('responses.undoBatch', { batchId });
    await router.dispatch('bench', 'workspace.close', {});
    rmSync(dirname(copy), { recursive: true, force: true });
    const worst = slowest.sort((a, b) => b.ms - a.ms)[0]!;
    return {
      searchQueries: search.length,
      searchHitsFirstRound: hits,
      searchP50Ms: round(percentile(search, 50), 1),
      searchP95Ms: round(percentile(search, 95), 1),
      searchMaxMs: round(worst.ms, 1),
      searchSlowestQuery: worst.query,
      searchDeepPageP50Ms: round(percentile(deepPage, 50), 1),
      listPageP50Ms: round(percentile(list, 50), 1),
      listPageP95Ms: round(percentile(list, 95), 1),
      detailP50Ms: round(percentile(detail, 50), 1),
      detailP95Ms: round(percentile(detail, 95), 1),
      summaryMs: round(summary, 1),
      undoBatchSeconds: round(undo.ms / 1000, 2),
      peakRssMiB: peakRssMiB(),
    };
  } finally {
    await done();
  }
}
