import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { tempDir } from '../harness/temp';
import { Package } from '../harness/ooxml-read';
import { parseCsv } from '#shared/core/csv-parse';
import { analysisWorkspace, hand, importGenerated, importResponses, type Ws } from '../unit/analysis-app/helpers';

/**
 * R-PUB3: the published rows (responses CSV, workbook) cannot undo the tables' suppression. A
 * consultation with tiny groups (two businesses in Wales, one carer in the North East answering
 * unlike everyone else) is published; every cross-tab the government response prints (question by
 * respondent type) is rebuilt by counting the published rows, and no cell the table withholds comes
 * back; every combination of details the rows show is shared by at least the threshold; the Notes
 * say what was done, with the numbers.
 */
const t = tempDir('cw-publication-rows-');
afterAll(() => t.cleanup());
const THRESHOLD = 10;
let ws: Ws;

beforeAll(async () => {
  ws = await analysisWorkspace(t.dir, 'rows.consult');
  await importGenerated(ws, t.dir, 'survey.csv', { count: 150, seed: 11 });
  const tiny = [
    { respondentType: 'Business', region: 'Wales', q1: 'likert-strongly-disagree', q7: 'no' },
    { respondentType: 'Business', region: 'Wales', q1: 'likert-strongly-disagree', q7: 'no' },
    { respondentType: 'Carer', region: 'North East', q1: 'likert-disagree', q7: 'no' },
  ];
  await importResponses(
    ws,
    t.dir,
    'tiny.csv',
    tiny.map((p, i) =>
      hand(
        i + 1,
        {
          name: `Tiny ${i}`,
          respondingAs: 'As an individual',
          respondentType: p.respondentType,
          region: p.region,
          publishConsent: 'Yes',
          confidential: 'No',
        },
        {
          'example-q1': { optionIds: [p.q1] },
          'example-q7': { optionIds: [p.q7 === 'no' ? 'no' : 'yes'] },
        },
      ),
    ),
  );
}, 120_000);

type Table = { header: string[]; rows: string[][] };
function csvTable(path: string): Table {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  return { header: header!, rows: rows.filter((r) => r.length > 1) };
}
const col = (tb: Table, name: string): number => {
  const i = tb.header.indexOf(name);
  if (i < 0) throw new Error(`No column "${name}" in ${tb.header.join(' | ')}`);
  return i;
};
const count = (tb: Table, cols: number[]): Map<string, number> => {
  const m = new Map<string, number>();
  for (const r of tb.rows) {
    const k = cols.map((c) => r[c]).join(' × ');
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
};

const exportCsv = async (name: string, redaction: 'none' | 'redacted'): Promise<Table> =>
  csvTable(
    (
      await ws.call('outputs.export', {
        kind: 'responses-csv',
        path: t.path(name),
        redaction,
        allowUnfinished: true,
      })
    ).path,
  );

describe('published rows and the suppressed tables', () => {
  it('no cross-tab cell under the threshold can be counted back from the published rows', async () => {
    const internal = await exportCsv('internal.csv', 'none');
    const published = await exportCsv('published.csv', 'redacted');
    expect(published.rows.length).toBe(internal.rows.length);
    let smallCells = 0;
    for (const q of ['Q1 answer', 'Q7 answer']) {
      // The truth, from the internal rows: respondent type × answer.
      const truth = count(internal, [col(internal, 'Respondent type'), col(internal, q)]);
      const rebuilt = count(published, [col(published, 'Respondent type'), col(published, q)]);
      for (const [cell, n] of truth) {
        if (cell.endsWith(' × ') || cell.startsWith(' × ')) continue;
        if (n >= THRESHOLD) continue;
        smallCells++;
        // Counting the published rows gives nothing for a cell the table withholds.
        expect(rebuilt.get(cell) ?? 0, `${q}: ${cell} (really ${n})`).toBe(0);
      }
      // A shown figure is never exceeded by the rows either (they show a subset, never more).
      for (const [cell, n] of rebuilt) if (!cell.includes('[c]')) expect(n).toBeLessThanOrEqual(truth.get(cell) ?? 0);
    }
    expect(smallCells, 'the consultation has small cells to protect').toBeGreaterThan(3);
  });

  it('every combination of details the rows show is shared by at least the threshold', async () => {
    const published = await exportCsv('published2.csv', 'redacted');
    const cols = ['Responding as', 'Respondent type', 'Nation or region'].map((h) => col(published, h));
    const combos = count(published, cols);
    for (const [combo, n] of combos) if (!combo.includes('[c]')) expect(n, combo).toBeGreaterThanOrEqual(THRESHOLD);
    // The two businesses in Wales are not picked out: their region is withheld (and the pool is not tiny).
    const region = col(published, 'Nation or region');
    const withheld = published.rows.filter((r) => r[region] === '[c]').length;
    expect(withheld).toBeGreaterThanOrEqual(THRESHOLD);
    expect(published.rows.filter((r) => r[region] === 'Wales' && r[cols[1]!] === 'Business')).toEqual([]);
  });

  it('says so on the workbook’s Notes sheet, with the numbers', async () => {
    const path = (
      await ws.call('outputs.export', { kind: 'analysis-xlsx', path: t.path('book.xlsx'), allowUnfinished: true })
    ).path;
    const pkg = new Package(readFileSync(path));
    const all = [...pkg.files.keys()]
      .filter((n) => n.endsWith('.xml'))
      .map((n) => pkg.text(n))
      .join('\n');
    expect(all).toMatch(/the region of [\d,]+ respondents? is shown as \[c\]/);
    expect(all).toContain('an answer to a question tabulated by respondent type is shown as [c]');
  });
});
