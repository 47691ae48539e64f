import * as XLSX from '@e965/xlsx';
import { PassThrough } from 'node:stream';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPPRESSED } from '#shared/analysis/suppression';
import { prepareReport, QuoteConsentError, type ConsultationReport, type ResponseRow } from '#shared/report/index';
import { ANALYSIS_SHEETS as S, buildAnalysisXlsx } from '#electron/services/documents/reports/index';
import { validateOoxml } from '../../harness/ooxml';
import { byNs, Package } from '../../harness/ooxml-read';
import { tempDir } from '../../harness/temp';
import { HOSTILE_ANSWER, HOSTILE_FIELD, reportFixture } from '../../generators/report-fixture';

const NOW = new Date('2027-08-02T10:00:00Z');
const tmp = tempDir('cw-reports-xlsx-');
const SHEETS = [S.cover, S.contents, S.notes, S.tallies, S.crossTabs, S.themes, S.quotes, S.matrix, S.responses];
let report: ConsultationReport;
let redacted: { path: string; bytes: Uint8Array; pkg: Package; wb: XLSX.WorkBook };
let internal: { path: string; bytes: Uint8Array; pkg: Package; wb: XLSX.WorkBook };

async function build(redaction: 'none' | 'redacted', name: string) {
  const path = tmp.path(name);
  const out = await buildAnalysisXlsx(report, { now: NOW, redaction }, path);
  const bytes = new Uint8Array(readFileSync(path));
  expect(out.bytes).toBe(bytes.length);
  expect(out.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  return { path, bytes, pkg: new Package(bytes), wb: XLSX.read(bytes, { type: 'array', cellFormula: true }) };
}

const rowsOf = (wb: XLSX.WorkBook, sheet: string): unknown[][] =>
  XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[sheet]!, { header: 1, defval: '', raw: true });
const sheetPath = (name: string) => `xl/worksheets/sheet${SHEETS.indexOf(name as (typeof SHEETS)[number]) + 1}.xml`;

beforeAll(async () => {
  report = reportFixture({ respondents: 600 });
  redacted = await build('redacted', 'analysis.xlsx');
  internal = await build('none', 'analysis-internal.xlsx');
});
afterAll(() => tmp.cleanup());

describe('analysis workbook (.xlsx)', () => {
  it('passes the OOXML schema validator', async () => {
    for (const f of [redacted, internal]) {
      const r = await validateOoxml(f.path);
      expect(r.ok, r.output).toBe(true);
    }
  });

  it('has cover, contents and notes, then one table per sheet with a title in A1', () => {
    expect(redacted.wb.SheetNames).toEqual(SHEETS);
    const tableParts = [...redacted.pkg.files.keys()].filter((n) => n.startsWith('xl/tables/'));
    expect(tableParts).toHaveLength(SHEETS.length - 1);
    for (const name of SHEETS) {
      const a1 = String(rowsOf(redacted.wb, name)[0]![0]);
      expect(a1.length, name).toBeGreaterThanOrEqual(5);
      const sheet = redacted.pkg.xml(sheetPath(name));
      const S_ = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
      expect(byNs(sheet, S_, 'mergeCell'), name).toHaveLength(0);
      expect(byNs(sheet, S_, 'pane'), name).toHaveLength(0);
      expect(byNs(sheet, S_, 'selection')[0]?.getAttribute('activeCell')).toBe('A1');
      expect(byNs(sheet, S_, 'row').filter((r) => r.getAttribute('hidden') === '1')).toHaveLength(0);
      expect(byNs(sheet, S_, 'col').filter((c) => c.getAttribute('hidden') === '1')).toHaveLength(0);
    }
    expect(redacted.pkg.text('xl/workbook.xml')).toContain('activeTab="0"');
    // Each table: one header row matching the sheet's header cells, running to the last row, no filter buttons.
    for (const part of [...redacted.pkg.files.keys()].filter((n) => n.startsWith('xl/tables/'))) {
      const t = redacted.pkg.xml(part).documentElement;
      expect(t.getAttribute('headerRowCount')).toBe('1');
      expect(t.getElementsByTagName('autoFilter')).toHaveLength(0);
    }
    const responses = rowsOf(redacted.wb, S.responses);
    expect(responses).toHaveLength(2 + 1 + 600);
    const prepared = prepareReport(report, { redaction: 'redacted' });
    expect(responses[2]).toEqual(prepared.rowColumns.map((c) => c.header));
  });

  it('states the redaction level on the cover and refers to notes as [note n]', () => {
    const cover = rowsOf(redacted.wb, S.cover).map((r) => String(r[0]));
    expect(cover).toContain('Redaction level');
    expect(cover.some((t) => t.startsWith('Redacted for publication.'))).toBe(true);
    const coverInternal = rowsOf(internal.wb, S.cover).map((r) => String(r[0]));
    expect(coverInternal[1]).toMatch(/^Not for publication: contains personal data/);
    expect(coverInternal.some((t) => t.startsWith('None: for internal use.'))).toBe(true);
    const notes = rowsOf(redacted.wb, S.notes).slice(3);
    notes.forEach((r, i) => expect(r[0]).toBe(`[note ${i + 1}]`));
    expect(String(rowsOf(redacted.wb, S.tallies)[1]![0])).toMatch(/\[note \d+\]/);
  });

  it('keeps "=HYPERLINK(…)" from a response as text, never a formula', () => {
    for (const f of [redacted, internal]) {
      // No formula anywhere in the package.
      for (const [name, data] of f.pkg.files)
        if (name.startsWith('xl/worksheets/')) expect(new TextDecoder().decode(data)).not.toMatch(/<f[ >]/);
      const ws = f.wb.Sheets[S.responses]!;
      const hits = Object.entries(ws).filter(
        ([k, c]) =>
          !k.startsWith('!') &&
          typeof (c as XLSX.CellObject).v === 'string' &&
          String((c as XLSX.CellObject).v).includes('HYPERLINK'),
      );
      expect(hits.length).toBeGreaterThan(0);
      for (const [, c] of hits) {
        const cell = c as XLSX.CellObject;
        expect(cell.t).toBe('s');
        expect(cell.f).toBeUndefined();
        expect(cell.v).toBe(`'${HOSTILE_ANSWER}`);
      }
    }
    // The phone number typed as a role starts with "+": neutralised too (internal only: role is personal).
    const role = Object.values(internal.wb.Sheets[S.responses]!).find(
      (c) => (c as XLSX.CellObject).v === `'${HOSTILE_FIELD}`,
    );
    expect(role).toBeDefined();
  });

  it('leaves personal data out of the redacted workbook entirely', () => {
    const all = [...redacted.pkg.files.values()].map((d) => new TextDecoder().decode(d)).join('\n');
    const allInternal = [...internal.pkg.files.values()].map((d) => new TextDecoder().decode(d)).join('\n');
    let checked = 0;
    for (const row of report.rows() as Iterable<ResponseRow>) {
      expect(all).not.toContain(row.fields['email']!);
      if (checked++ < 50) expect(allInternal).toContain(row.fields['email']!);
    }
    expect(all).toContain(SUPPRESSED);
  });

  it('has counts matching the prepared report and a 0/1 matrix matching the theme counts', () => {
    const prepared = prepareReport(report, { redaction: 'none' });
    const counts = rowsOf(internal.wb, S.tallies).slice(3);
    for (const q of prepared.questions.filter((x) => x.table)) {
      const mine = counts.filter((r) => r[0] === q.number);
      expect(mine.map((r) => r[5])).toEqual(q.table!.rows.map((r) => r.count));
      expect(mine.every((r) => r[8] === q.table!.base)).toBe(true);
    }
    const matrix = rowsOf(internal.wb, S.matrix);
    const header = matrix[2] as string[];
    const body = matrix.slice(3);
    const campaign = new Map(
      rowsOf(internal.wb, S.responses)
        .slice(3)
        .map((r) => [r[0], r[3]]),
    );
    for (const q of report.questions) {
      for (const t of q.themes) {
        const col = header.indexOf(`Q${q.number}: ${t.name}`);
        expect(col).toBeGreaterThan(0);
        const sum = body.filter((r) => !campaign.get(r[0])).reduce((s: number, r) => s + (r[col] as number), 0);
        expect(sum).toBe(t.count);
      }
    }
    for (const r of body) for (const v of r.slice(1)) expect([0, 1]).toContain(v);
  });

  it('streams to any Writable and gives the same bytes for the same report and clock', async () => {
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on('data', (c: Buffer) => chunks.push(c));
    const out = await buildAnalysisXlsx(report, { now: NOW, redaction: 'redacted' }, sink);
    const bytes = Buffer.concat(chunks);
    expect(out.bytes).toBe(bytes.length);
    expect(bytes.equals(Buffer.from(redacted.bytes))).toBe(true);
  });

  it('refuses quotes that may not be published, and writes nothing', async () => {
    const bad = reportFixture({ respondents: 300, badQuotes: true });
    const path = tmp.path('refused.xlsx');
    await expect(buildAnalysisXlsx(bad, { now: NOW, redaction: 'redacted' }, path)).rejects.toThrow(QuoteConsentError);
    expect(() => readFileSync(path)).toThrow();
  });
});
