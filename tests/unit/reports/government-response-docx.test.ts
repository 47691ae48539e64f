import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { prepareReport, QuoteConsentError, type ConsultationReport, type ResponseRow } from '#shared/report/index';
import {
  buildGovernmentResponseDocx,
  GOVERNMENT_RESPONSE_HEADINGS as H,
} from '#electron/services/documents/reports/index';
import { validateOoxml } from '../../harness/ooxml';
import { byNs, DC, Package, W } from '../../harness/ooxml-read';
import { tempDir } from '../../harness/temp';
import { CONFIDENTIAL_ORG, reportFixture } from '../../generators/report-fixture';
import { expectArial12, expectHeadingOrder, headings, pictures, tables, wordParagraphs } from './docx-helpers';

const NOW = new Date('2027-08-02T10:00:00Z');
const tmp = tempDir('cw-reports-gr-');
let report: ConsultationReport;
let bytes: Uint8Array;
let pkg: Package;
let doc: Document;

beforeAll(async () => {
  report = reportFixture({ respondents: 1200 });
  bytes = await buildGovernmentResponseDocx(report, { now: NOW, redaction: 'redacted' });
  pkg = new Package(bytes);
  doc = pkg.xml('word/document.xml');
});
afterAll(() => tmp.cleanup());

describe('government response (.docx)', () => {
  it('passes the OOXML schema validator', async () => {
    const path = tmp.path('government-response.docx');
    writeFileSync(path, bytes);
    const r = await validateOoxml(path);
    expect(r.ok, r.output).toBe(true);
  });

  it('follows the standard’s structure with Heading 1–3 in order', () => {
    expectHeadingOrder(doc);
    const h1 = headings(doc)
      .filter((h) => h.level === 1)
      .map((h) => h.text);
    expect(h1).toEqual([
      H.introduction,
      H.respondents,
      H.method,
      'Proposal 1: one online front door',
      'Proposal 2: standards for health information online',
      'Proposal 3: nobody left behind',
      'Impacts',
      H.otherThemes,
      H.nextSteps,
      H.annexA,
      H.annexB,
    ]);
    const h2 = headings(doc)
      .filter((h) => h.level === 2)
      .map((h) => h.text);
    for (const q of report.questions) expect(h2).toContain(`Question ${q.number}: ${q.text}`);
    const h3 = headings(doc)
      .filter((h) => h.level === 3)
      .map((h) => h.text);
    expect(h3.filter((t) => t === 'Government response')).toHaveLength(report.questions.length);
  });

  it('lists the sections and every question under them in the contents, with page numbers laid out', () => {
    const instr = byNs(doc, W, 'instrText').map((i) => i.textContent ?? '');
    expect(instr.some((t) => /^\s*TOC\s.*\\o\s+"1-2"/.test(t))).toBe(true);
    const entries = byNs(doc, W, 'hyperlink')
      .filter((h) => h.getAttributeNS(W, 'anchor'))
      .map((h) => (h.textContent ?? '').replace(/\s+/g, ' '));
    for (const q of report.questions) expect(entries.some((e) => e.startsWith(`Question ${q.number}: `))).toBe(true);
    expect(entries.some((e) => e.startsWith(H.annexB))).toBe(true);
    // Level 3 (Themes, Government response under each question) stays out: the contents stays a page or two.
    expect(entries.some((e) => e.startsWith('Government response'))).toBe(false);
  });

  it('sets title, subject, creator and language, in Arial 12pt or larger with no italics', () => {
    const core = pkg.xml('docProps/core.xml');
    expect(byNs(core, DC, 'title')[0]?.textContent).toBe(
      'One online place for NHS information and services: government response',
    );
    expect(byNs(core, DC, 'creator')[0]?.textContent).toBe('Department of Health and Social Care (fictional example)');
    expect(byNs(core, DC, 'language')[0]?.textContent).toBe('en-GB');
    expect(byNs(core, DC, 'subject')[0]?.textContent).toContain('government’s response');
    expectArial12(pkg);
  });

  it('gives every table a repeating header row and no empty cells', () => {
    const ts = tables(doc);
    expect(ts.length).toBeGreaterThan(20);
    for (const t of ts) {
      expect(t.headerRepeats).toBe(true);
      expect(t.rows.length).toBeGreaterThanOrEqual(2);
      for (const row of t.rows) for (const c of row) expect(c.trim()).not.toBe('');
    }
  });

  it('has a chart with alt text for every closed question, and a table with the same figures', () => {
    const pics = pictures(doc);
    const prepared = prepareReport(report, { redaction: 'redacted' });
    const ts = tables(doc);
    for (const q of prepared.questions.filter((x) => x.table)) {
      const alt = pics.find((p) => p.descr.includes(`question ${q.number} (base: `))?.descr;
      expect(alt, `chart for question ${q.number}`).toBeDefined();
      for (const r of q.table!.rows) {
        const fig = r.countText === r.percentText ? r.countText : `${r.countText} (${r.percentText})`;
        expect(alt).toContain(`${r.label}: ${fig}`);
        // The same figures, in a table row: label (with what was combined), number, percentage.
        const label = r.merged.length ? `${r.label} (${r.merged.join('; ')})` : r.label;
        expect(
          ts.some((t) => t.rows.some((row) => row[0] === label && row[1] === r.countText && row[2] === r.percentText)),
          `${q.number}: ${label}`,
        ).toBe(true);
      }
    }
    for (const p of pics) {
      expect(p.descr.startsWith('Bar chart: ')).toBe(true);
      expect(p.title.length).toBeGreaterThan(0);
    }
    // Every picture has a caption, and there are as many figure captions as pictures.
    const captions = wordParagraphs(doc).filter((p) => p.style === 'Caption' && p.text.startsWith('Figure '));
    expect(captions).toHaveLength(pics.length);
  });

  it('prints the quotes with attributions, and no suppressed figure anywhere but as [c]', () => {
    const quotes = wordParagraphs(doc).filter((p) => p.style === 'Quote');
    const expected = report.questions.flatMap((q) => q.quotes);
    expect(quotes).toHaveLength(expected.length);
    for (const q of expected)
      expect(quotes.some((p) => p.text.includes(q.text.trim()) && p.text.endsWith(`– ${q.attribution}`))).toBe(true);
    const text = wordParagraphs(doc)
      .map((p) => p.text)
      .join('\n');
    expect(text).toContain('[c]');
    expect(text).toContain('Other (aggregated)');
  });

  it('lists organisations without the confidential one, and individuals only as a count', () => {
    const xml = pkg.text('word/document.xml');
    expect(xml).not.toContain(CONFIDENTIAL_ORG);
    const text = wordParagraphs(doc)
      .map((p) => p.text)
      .join('\n');
    expect(text).toContain('1 organisation asked for their response to be confidential and is not listed.');
    expect(text).toContain(
      `${report.individuals.toLocaleString('en-GB')} individuals also responded; individuals are not named.`,
    );
    expect(text).not.toContain('Not for publication');
    // No respondent's name or email address appears.
    for (const row of report.rows() as Iterable<ResponseRow>) {
      expect(xml).not.toContain(row.fields['email']!);
    }
  });

  it('is byte-identical for the same report and clock', async () => {
    const again = await buildGovernmentResponseDocx(report, { now: NOW, redaction: 'redacted' });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it('refuses to publish quotes from confidential or non-consenting respondents', async () => {
    const bad = reportFixture({ respondents: 1200, badQuotes: true });
    await expect(buildGovernmentResponseDocx(bad, { now: NOW, redaction: 'redacted' })).rejects.toThrow(
      QuoteConsentError,
    );
    await expect(buildGovernmentResponseDocx(bad, { now: NOW, redaction: 'redacted' })).rejects.toThrow(
      /Question \d+, response R-\d{6}/,
    );
  });

  it(
    'for internal use says "Not for publication: contains personal data" under the title and on every page, and ' +
      'names everyone',
    async () => {
      const bad = reportFixture({ respondents: 1200, badQuotes: true });
      const internal = new Package(
        await buildGovernmentResponseDocx(bad, { now: NOW, redaction: 'none' }, { contentsPageNumbers: 'never' }),
      );
      const d = internal.xml('word/document.xml');
      const paras = wordParagraphs(d);
      const banner = paras.findIndex((p) => p.text === 'Not for publication: contains personal data');
      expect(banner).toBeGreaterThan(0);
      expect(banner).toBeLessThan(5);
      expect(paras[banner]!.style).toBe('Banner');
      const headerParts = [...internal.files.keys()].filter((n) => /^word\/header\d*\.xml$/.test(n));
      expect(headerParts.length).toBeGreaterThan(0);
      expect(headerParts.some((n) => internal.text(n).includes('Not for publication: contains personal data'))).toBe(
        true,
      );
      expect(paras.map((p) => p.text)).toContain(`${CONFIDENTIAL_ORG} (asked for confidentiality)`);
      expect(paras.filter((p) => p.style === 'Quote')).toHaveLength(bad.questions.flatMap((q) => q.quotes).length);
    },
  );
});

describe('government response with hostile text', () => {
  it('drops control characters and keeps emoji and right-to-left text, so Word opens it', async () => {
    const report = reportFixture({ respondents: 300 });
    report.consultation.title = 'Bad\u0000 title 👩🏽‍⚕️ مرحبا\u000B';
    report.questions[2]!.quotes.push({
      ...report.questions[2]!.quotes[0]!,
      id: 'hostile',
      text: 'Quote with \u0001control\uFFFF and \uD800 broken surrogate, emoji 🏥 and עולם',
    });
    report.questions[0]!.governmentResponse = 'Para\u0008one.\n\nPara two with <xml> & "quotes".';
    const bytes = await buildGovernmentResponseDocx(
      report,
      { now: NOW, redaction: 'redacted' },
      { contentsPageNumbers: 'never' },
    );
    const path = tmp.path('hostile.docx');
    writeFileSync(path, bytes);
    const r = await validateOoxml(path);
    expect(r.ok, r.output).toBe(true);
    const text = wordParagraphs(new Package(bytes).xml('word/document.xml'))
      .map((p) => p.text)
      .join('\n');
    expect(text).toContain('Bad title 👩🏽‍⚕️ مرحبا');
    expect(text).toContain('Quote with control and \uFFFD broken surrogate, emoji 🏥 and עולם');
    expect(text).toContain('Para two with <xml> & "quotes".');
  });
});
