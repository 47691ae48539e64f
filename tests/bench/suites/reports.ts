import { builtTaskWorker } from '../../harness/task-worker';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildAnalysisXlsx,
  buildBriefingDocx,
  buildGovernmentResponseDocx,
  buildResponsesCsv,
} from '#electron/services/documents/reports/index';
import { prepareReport, type ResponseRow } from '#shared/report/index';
import { reportFixture } from '../../generators/report-fixture';
import { largeDraft } from '../large-draft';
import { mib, percentile, round, timed, withPeak } from '../stats';

/**
 * The report outputs at consultation scale: a 40-question consultation (12 proposals) with
 * 100,000 responses. Targets from the issue: government response ≤ 5 s; analysis workbook ≤ 15 s
 * with memory bounded by the streaming writer; plus the CSV and the briefing.
 *
 * The rows are generated on the fly as the builders read them (like rows read from the database),
 * so the time to produce them alone is measured too (`rowSourcePassMs`): the workbook reads them
 * twice, the CSV once.
 */
export const name = 'reports';

const NOW = new Date('2027-08-02T10:00:00Z');

export async function run(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-reports-'));
  const out: Record<string, number | string> = {};
  try {
    const draft = largeDraft({ questions: 40, words: 6000 });
    const fixture = await timed(() => reportFixture({ draft, respondents: 100_000, longAnswers: false }));
    const report = fixture.value;
    out['responses'] = 100_000;
    out['questions'] = report.questions.length;
    out['fixtureBuildMs'] = round(fixture.ms, 0);
    const pass = await timed(() => {
      let n = 0;
      for (const _ of report.rows() as Iterable<unknown>) n++;
      return n;
    });
    out['rowSourcePassMs'] = round(pass.ms, 0);

    const prep = await timed(() => prepareReport(report, { redaction: 'redacted' }));
    out['prepareRedactedMs'] = round(prep.ms, 0);

    // Government response: warm-up, then the median of 3.
    await buildGovernmentResponseDocx(report, { now: NOW, redaction: 'redacted' });
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < 3; i++) {
      const t = await timed(() => buildGovernmentResponseDocx(report, { now: NOW, redaction: 'redacted' }));
      times.push(t.ms);
      size = t.value.length;
    }
    out['governmentResponseMedianMs'] = round(percentile(times, 50), 0);
    out['governmentResponseKB'] = round(size / 1024, 0);
    out['governmentResponseTargetMs'] = 5000;

    const brief = await timed(() => buildBriefingDocx(report, { now: NOW, redaction: 'redacted' }));
    out['briefingMs'] = round(brief.ms, 0);

    // As the app makes it: the XML, compression and file in the task worker (heap figures: this thread's).
    const worker = { file: builtTaskWorker() };
    for (const redaction of ['redacted', 'none'] as const) {
      const path = join(dir, `analysis-${redaction}.xlsx`);
      const x = await withPeak(() => buildAnalysisXlsx(report, { now: NOW, redaction, worker }, path));
      out[`analysisXlsx_${redaction}_Ms`] = round(x.ms, 0);
      out[`analysisXlsx_${redaction}_MB`] = mib(statSync(path).size);
      out[`analysisXlsx_${redaction}_extraPeakHeapMiB`] = x.extraPeakMiB;
    }
    out['analysisXlsxTargetMs'] = 15000;
    const single = await timed(() =>
      buildAnalysisXlsx(report, { now: NOW, redaction: 'redacted' }, join(dir, 'analysis-one-thread.xlsx')),
    );
    out['analysisXlsx_redacted_oneThread_Ms'] = round(single.ms, 0);

    // The builder alone: rows already in memory, so no time goes on generating them.
    const rows = [...(report.rows() as Iterable<ResponseRow>)];
    const inMemory = { ...report, rows: () => rows };
    const xm = await timed(() =>
      buildAnalysisXlsx(inMemory, { now: NOW, redaction: 'redacted' }, join(dir, 'analysis-in-memory.xlsx')),
    );
    out['analysisXlsx_redacted_rowsInMemory_Ms'] = round(xm.ms, 0);
    const cm = await timed(() =>
      buildResponsesCsv(inMemory, { now: NOW, redaction: 'redacted' }, join(dir, 'responses-in-memory.csv')),
    );
    out['responsesCsv_rowsInMemory_Ms'] = round(cm.ms, 0);
    rows.length = 0;

    // Memory does not grow with the number of rows: the same workbook at a quarter of the size.
    const quarter = reportFixture({ draft, respondents: 25_000, longAnswers: false });
    const xq = await withPeak(() =>
      buildAnalysisXlsx(quarter, { now: NOW, redaction: 'redacted' }, join(dir, 'analysis-25k.xlsx')),
    );
    out['analysisXlsx_25k_Ms'] = round(xq.ms, 0);
    out['analysisXlsx_25k_extraPeakHeapMiB'] = xq.extraPeakMiB;

    const csvPath = join(dir, 'responses.csv');
    const c = await withPeak(() => buildResponsesCsv(report, { now: NOW, redaction: 'redacted' }, csvPath));
    out['responsesCsvMs'] = round(c.ms, 0);
    out['responsesCsvMB'] = mib(statSync(csvPath).size);
    out['responsesCsvExtraPeakHeapMiB'] = c.extraPeakMiB;
    out['peakRssMiB'] = round(process.resourceUsage().maxRSS / 1024, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
