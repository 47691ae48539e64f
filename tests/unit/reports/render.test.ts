import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildAnalysisXlsx,
  buildBriefingDocx,
  buildGovernmentResponseDocx,
} from '#electron/services/documents/reports/index';
import { flatText, haveRenderer, renderToPdf } from '../../harness/render';
import { tempDir } from '../../harness/temp';
import { largeDraft } from '../../bench/large-draft';
import { reportFixture } from '../../generators/report-fixture';

/**
 * LibreOffice (headless) converts each report output to PDF: it must convert, show every
 * question, and the briefing must fit on 2 pages — for the example and for a 40-question
 * consultation with 12 proposals.
 */
const tmp = tempDir('cw-reports-render-');
afterAll(() => tmp.cleanup());
const NOW = new Date('2027-08-02T10:00:00Z');

describe.skipIf(!haveRenderer())('report outputs render in LibreOffice', () => {
  it('government response: converts and shows every question, its tables and the annex', async () => {
    const report = reportFixture({ respondents: 1200 });
    const path = tmp.path('government-response.docx');
    writeFileSync(path, await buildGovernmentResponseDocx(report, { now: NOW, redaction: 'redacted' }));
    const r = renderToPdf(path, { outDir: tmp.path('gr') });
    expect(r.pages).toBeGreaterThan(15);
    expect(r.pages).toBeLessThan(80);
    const text = flatText(r.text);
    for (const q of report.questions)
      expect(text, `question ${q.number}`).toContain(flatText(`Question ${q.number}: ${q.text}`));
    expect(text).toContain('Annex A: organisations that responded');
    expect(text).toContain('Patients Together');
    // The contents carry page numbers worked out when the file was written.
    expect(text).toMatch(/Who responded\.{5,} ?\d+/);
  }, 120_000);

  it('briefing: at most 2 pages, for the example and for a 40-question consultation', async () => {
    for (const [name, report] of [
      ['example', reportFixture({ respondents: 1200 })],
      [
        'large',
        reportFixture({ draft: largeDraft({ questions: 40, words: 2000 }), respondents: 1500, longAnswers: false }),
      ],
      ['internal', reportFixture({ respondents: 1200 })],
    ] as const) {
      const path = tmp.path(`briefing-${name}.docx`);
      writeFileSync(
        path,
        await buildBriefingDocx(report, { now: NOW, redaction: name === 'internal' ? 'none' : 'redacted' }),
      );
      const r = renderToPdf(path, { outDir: tmp.path(`briefing-${name}`) });
      expect(r.pages, name).toBeGreaterThanOrEqual(1);
      expect(r.pages, name).toBeLessThanOrEqual(2);
      const text = flatText(r.text);
      expect(text).toContain('Headline numbers');
      expect(text).toContain('Issues to note');
      if (name === 'internal') expect(text).toContain('Not for publication: contains personal data');
    }
  }, 120_000);

  it('analysis workbook: converts, with every sheet title and the question texts', async () => {
    const report = reportFixture({ respondents: 120 });
    const path = tmp.path('analysis.xlsx');
    await buildAnalysisXlsx(report, { now: NOW, redaction: 'redacted' }, path);
    const r = renderToPdf(path, { outDir: tmp.path('xlsx') });
    expect(r.pages).toBeGreaterThan(3);
    const text = flatText(r.text);
    expect(text).toContain('One online place for NHS information and services: analysis of responses');
    expect(text).toContain('Redacted for publication.');
    expect(text).toContain('Table of contents');
    for (const q of report.questions.filter((x) => x.tally)) expect(text).toContain(flatText(q.text));
  }, 120_000);
});
