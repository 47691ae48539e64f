import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareReport, type ConsultationReport } from '#shared/report/index';
import { BRIEFING_HEADINGS as H, buildBriefingDocx } from '#electron/services/documents/reports/index';
import { headline } from '#electron/services/documents/reports/briefing-docx';
import { validateOoxml } from '../../harness/ooxml';
import { byNs, DC, Package, W } from '../../harness/ooxml-read';
import { tempDir } from '../../harness/temp';
import { reportFixture } from '../../generators/report-fixture';
import { expectArial12, expectHeadingOrder, headings, wordParagraphs } from './docx-helpers';

const NOW = new Date('2027-08-02T10:00:00Z');
const tmp = tempDir('cw-reports-briefing-');
let report: ConsultationReport;
let bytes: Uint8Array;
let pkg: Package;
beforeAll(async () => {
  report = reportFixture({ respondents: 1200 });
  bytes = await buildBriefingDocx(report, { now: NOW, redaction: 'redacted' });
  pkg = new Package(bytes);
});
afterAll(() => tmp.cleanup());

describe('ministerial briefing (.docx)', () => {
  it('passes the OOXML schema validator and has the document properties', async () => {
    const path = tmp.path('briefing.docx');
    writeFileSync(path, bytes);
    const r = await validateOoxml(path);
    expect(r.ok, r.output).toBe(true);
    const core = pkg.xml('docProps/core.xml');
    expect(byNs(core, DC, 'title')[0]?.textContent).toBe(
      'Briefing: responses to the consultation “One online place for NHS information and services”',
    );
    expect(byNs(core, DC, 'language')[0]?.textContent).toBe('en-GB');
    expectArial12(pkg);
    // No contents, so nothing for Word to ask to update each time the briefing is opened.
    expect(byNs(pkg.xml('word/settings.xml'), W, 'updateFields')).toHaveLength(0);
  });

  it('has the four parts in order: headline numbers, who responded, themes by proposal, issues', () => {
    const doc = pkg.xml('word/document.xml');
    expectHeadingOrder(doc);
    expect(
      headings(doc)
        .filter((h) => h.level === 1)
        .map((h) => h.text),
    ).toEqual([H.headline, H.who, H.themes, H.issues]);
    const text = wordParagraphs(doc).map((p) => p.text);
    expect(text).toContain(
      `${report.respondents.received.toLocaleString('en-GB')} responses ` +
        `received; ${report.respondents.analysed.toLocaleString('en-GB')} analysed.`,
    );
    for (const issue of report.issues.slice(0, 3)) expect(text).toContain(issue);
    expect(text.some((t) => t.startsWith('Proposal 1: one online front door: '))).toBe(true);
  });

  it('states headline results from the published figures', () => {
    const p = prepareReport(report, { redaction: 'redacted' });
    const q1 = p.questions[0]!;
    const rows = q1.table!.rows;
    const pct = (labels: string[]) =>
      Math.floor(
        (rows.filter((r) => labels.includes(r.label)).reduce((s, r) => s + r.count!, 0) * 100) / q1.table!.base + 0.5,
      );
    expect(headline(q1)).toBe(
      `${pct(['Strongly agree', 'Agree'])}% agreed and ${pct(['Disagree', 'Strongly disagree'])}% disagreed ` +
        `(base ${q1.table!.base.toLocaleString('en-GB')}).`,
    );
    expect(wordParagraphs(pkg.xml('word/document.xml')).some((x) => x.text.includes(headline(q1)!))).toBe(true);
  });
});
