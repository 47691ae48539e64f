import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { restoreCell } from '#shared/core/spreadsheet-safety';
import { prepareReport, type ResponseRow } from '#shared/report/index';
import { buildResponsesCsv } from '#electron/services/documents/reports/index';
import { tempDir } from '../../harness/temp';
import { HOSTILE_ANSWER, HOSTILE_FIELD, reportFixture } from '../../generators/report-fixture';

const tmp = tempDir('cw-reports-csv-');
afterAll(() => tmp.cleanup());
const report = reportFixture({ respondents: 400 });
const NOW = new Date('2027-08-02T10:00:00Z');

describe('responses CSV', () => {
  it('is UTF-8 with a BOM, CRLF rows, one header row and one row per response', async () => {
    const path = tmp.path('responses.csv');
    const out = await buildResponsesCsv(report, { now: NOW, redaction: 'redacted' }, path);
    const bytes = readFileSync(path);
    expect(out.bytes).toBe(bytes.length);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
    expect(text.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
    expect(parsed.errors).toEqual([]);
    const rows = parsed.data.filter((r) => !(r.length === 1 && r[0] === ''));
    const prepared = prepareReport(report, { redaction: 'redacted' });
    expect(rows[0]).toEqual(prepared.rowColumns.map((c) => c.header));
    expect(rows).toHaveLength(401);
    for (const r of rows) expect(r).toHaveLength(prepared.rowColumns.length);
    // Rows come back exactly as prepared (after undoing the formula guard).
    const want: string[][] = [];
    for await (const r of prepared.rows()) want.push(r.cells.map(String));
    expect(rows.slice(1).map((r) => r.map(restoreCell))).toEqual(want);
  });

  it('neutralises formula-like values and leaves personal data out when redacted', async () => {
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on('data', (c: Buffer) => chunks.push(c));
    await buildResponsesCsv(report, { now: NOW, redaction: 'none' }, sink);
    const internal = Buffer.concat(chunks).toString('utf8');
    const data = Papa.parse<string[]>(internal.slice(1)).data;
    const cells = data.flat();
    expect(cells).toContain(`'${HOSTILE_ANSWER}`);
    expect(cells).toContain(`'${HOSTILE_FIELD}`);
    expect(cells).not.toContain(HOSTILE_ANSWER);
    for (const c of cells) expect(/^[=+\-@\t\r]/.test(c), c).toBe(false);

    const redacted = readFileSync(tmp.path('responses.csv'), 'utf8');
    for (const row of report.rows() as Iterable<ResponseRow>) {
      expect(redacted).not.toContain(row.fields['email']!);
      expect(internal).toContain(row.fields['email']!);
    }
  });
});
