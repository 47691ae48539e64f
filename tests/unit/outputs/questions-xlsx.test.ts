import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderedQuestions, questionNumbers } from '#shared/domain/draft/model';
import { blankDraft } from '#shared/domain/draft/template';
import { buildQuestionsXlsx } from '#electron/services/documents/consultation-outputs';
import { validateOoxml } from '../../harness/ooxml';
import { byNs, DC, Package, S } from '../../harness/ooxml-read';
import { tempDir } from '../../harness/temp';
import { CTX, richDraft, writeTo } from './fixtures';

const tmp = tempDir('cw-outputs-questions-');
let bytes: Uint8Array;
let pkg: Package;
beforeAll(async () => {
  bytes = await buildQuestionsXlsx(richDraft(), CTX);
  pkg = new Package(bytes);
});
afterAll(() => tmp.cleanup());

describe('questions list (.xlsx)', () => {
  it('passes the OOXML schema validator', async () => {
    const r = await validateOoxml(writeTo(tmp.dir, 'questions.xlsx', bytes));
    expect(r.ok, r.output).toBe(true);
  });

  it('lists every question with the document’s numbers and text, in an Excel table with one header row', () => {
    const draft = richDraft();
    const numbers = questionNumbers(draft);
    const wb = XLSX.read(bytes, { type: 'array' });
    expect(wb.SheetNames).toEqual(['Cover', 'Questions']);
    const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['Questions']!, { header: 1, defval: '' });
    expect(rows[0]![0]).toBe('Questions in the consultation: One online place for NHS information and services');
    expect(rows[1]).toEqual([
      'Number',
      'Section',
      'Question',
      'Type',
      'Answer options',
      'Hint',
      'Follow-up',
      'Word limit',
      'Question id',
    ]);
    const body = rows.slice(2);
    expect(body.map((r) => r[2])).toEqual(
      orderedQuestions(draft).map((q) => `Question ${numbers.get(q.id)!}: ${q.text}`),
    );
    expect(body.map((r) => r[8])).toEqual(orderedQuestions(draft).map((q) => q.id));
    expect(body[1]![4]).toBe(
      'Booking appointments\nOrdering repeat prescriptions\nSeeing test results\nReading advice about ' +
        'conditions\nFinding local services\nContacting my GP practice\nOther (please specify)',
    );
    // No blank cells: gaps say so.
    for (const r of body) for (const c of r) expect(String(c).trim()).not.toBe('');
    expect(body[2]![4]).toBe('Not applicable');
    const table = pkg.xml('xl/tables/table1.xml');
    const t = byNs(table, S, 'table')[0]!;
    expect([t.getAttribute('ref'), t.getAttribute('headerRowCount')]).toEqual([`A2:I${body.length + 2}`, '1']);
    // Filter buttons hidden; nothing frozen, nothing merged.
    for (const fc of byNs(table, S, 'filterColumn')) expect(fc.getAttribute('hiddenButton')).toBe('1');
    const sheet = pkg.xml('xl/worksheets/sheet2.xml');
    expect(byNs(sheet, S, 'mergeCell')).toHaveLength(0);
    expect(byNs(sheet, S, 'pane')).toHaveLength(0);
  });

  it('has document properties and opens on the cover sheet at A1', () => {
    const core = pkg.xml('docProps/core.xml');
    expect(byNs(core, DC, 'title')[0]?.textContent).toBe(
      'Questions: One online place for NHS information and services',
    );
    expect(byNs(core, DC, 'language')[0]?.textContent).toBe('en-GB');
    expect(byNs(pkg.xml('xl/workbook.xml'), S, 'workbookView')[0]?.getAttribute('activeTab')).toBe('0');
    expect(byNs(pkg.xml('xl/worksheets/sheet1.xml'), S, 'selection')[0]?.getAttribute('activeCell') ?? 'A1').toBe('A1');
  });

  it('still makes a valid workbook for a draft with no questions', async () => {
    const empty = await buildQuestionsXlsx(blankDraft('Nothing yet'), CTX);
    expect((await validateOoxml(writeTo(tmp.dir, 'empty.xlsx', empty))).ok).toBe(true);
    const rows = XLSX.utils.sheet_to_json<string[]>(XLSX.read(empty, { type: 'array' }).Sheets['Questions']!, {
      header: 1,
      defval: '',
    });
    expect(rows[2]![0]).toBe('This consultation has no questions yet.');
  });
});
