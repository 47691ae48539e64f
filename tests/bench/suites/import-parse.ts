/**
 * Import of 100,000 responses × 20 questions from a SurveyMonkey CSV export (two header rows,
 * expanded multi-select: 69 columns, ~88 MB): read (decode + parse), detect the layout, propose the
 * mapping, apply it. The file is generated once by the generator CLI in a child process and cached
 * under /tmp, so generating it costs neither time nor memory here.
 */
import { readFileSync, statSync } from 'node:fs';
import { benchDraft } from '../../generators/drafts';
import { readSourceFile } from '#electron/services/formats/read/index';
import { detectLayout, proposeMapping, applyMapping } from '#shared/domain/survey-import/index';
import { peakRssMiB, round } from '../stats';
import { COUNT, ensureExport } from '../lib/responses-fixture';

export const name = 'import-parse';

export async function run(): Promise<Record<string, number | string>> {
  const FILE = ensureExport();
  const draft = benchDraft();
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const bytes = readFileSync(FILE);
  const t1 = performance.now();
  const table = readSourceFile(bytes, 'responses.csv');
  const t2 = performance.now();
  const layout = detectLayout(table);
  const t3 = performance.now();
  const proposal = proposeMapping(layout, draft, table);
  const t4 = performance.now();
  const result = applyMapping(table, layout, proposal.mapping, draft);
  const t5 = performance.now();
  const rssAfter = process.memoryUsage().rss;
  if (result.responses.length !== COUNT || proposal.unmatched.length > 0)
    throw new Error(
      `expected ${COUNT} responses and a full mapping, got ${result.responses.length}, ` +
        `unmatched ${proposal.unmatched.length}`,
    );
  const total = (t5 - t0) / 1000;
  return {
    fileMB: round(statSync(FILE).size / 1e6, 1),
    columns: layout.columns.length,
    responses: result.responses.length,
    rejected: result.rejected.length,
    readFileSeconds: round((t1 - t0) / 1000, 2),
    decodeAndParseSeconds: round((t2 - t1) / 1000, 2),
    detectLayoutSeconds: round((t3 - t2) / 1000, 3),
    proposeMappingSeconds: round((t4 - t3) / 1000, 3),
    applyMappingSeconds: round((t5 - t4) / 1000, 2),
    totalSeconds: round(total, 2),
    rowsPerSecond: Math.round(COUNT / total),
    rssGrowthMiB: round((rssAfter - rssBefore) / 2 ** 20, 0),
    peakRssMiB: peakRssMiB(),
  };
}
