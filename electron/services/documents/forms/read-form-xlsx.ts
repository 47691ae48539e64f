import * as XLSX from '@e965/xlsx';
import { AppError } from '#shared/core/errors';
import type { QuestionType } from '#shared/domain/draft/model';
import { FORM_SCHEMA_VERSION, type FormQuestion, type FormRow, type FormRowKind } from './form-schema';
import { cleanAnswer, interpretAnswer, isRespondentKey, type ReturnedForm } from './returned-form';
import { XLSX_FORM_KIND, XLSX_SHEETS } from './response-form-xlsx';

/**
 * Reads a returned spreadsheet response form. The form is recognised by its very hidden
 * `_workbench` sheet, which says which consultation and form it is and where every answer is:
 * the answers are read from those cells, whatever the visible labels now say. Works for files
 * saved by Excel, LibreOffice and exceljs alike (read with SheetJS).
 *
 * Throws AppError 'bad-file' for a file that is not one of our forms (or not a spreadsheet).
 */
export function readResponseFormXlsx(bytes: Uint8Array): ReturnedForm {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, {
      type: 'array',
      cellFormula: true,
      cellHTML: false,
      cellNF: false,
      bookVBA: false,
      WTF: false,
    });
  } catch (e) {
    throw new AppError('bad-file', 'This file could not be read as a spreadsheet.', { reason: (e as Error).message });
  }
  const hidden = wb.Sheets[XLSX_SHEETS.hidden];
  if (!hidden) throw notOurs('it has no hidden “_workbench” sheet');
  const at = (ws: XLSX.WorkSheet, addr: string): string => cellValue(ws[addr] as XLSX.CellObject | undefined).value;
  if (at(hidden, 'B2') !== XLSX_FORM_KIND) throw notOurs('its hidden sheet does not identify a response form');
  const formId = at(hidden, 'B3');
  const consultationId = at(hidden, 'B4');
  const version = Number(at(hidden, 'B5'));
  if (!formId || !consultationId) throw notOurs('its form or consultation id is missing');
  if (!Number.isInteger(version) || version < 1) throw notOurs('its form version is missing');
  if (version > FORM_SCHEMA_VERSION)
    throw new AppError(
      'bad-file',
      'This response form was made by a newer version of Consultation Workbench. Update the app to import it.',
      { version },
    );

  const warnings: string[] = [];
  const value = (ref: string): string => {
    const m = /^(.+)!([A-Z]{1,3}[0-9]{1,7})$/.exec(ref);
    if (!m) return '';
    const ws = wb.Sheets[m[1]!];
    if (!ws) {
      warnings.push(`The sheet “${m[1]!}” is missing, so its answers could not be read.`);
      return '';
    }
    const v = cellValue(ws[m[2]!] as XLSX.CellObject | undefined);
    if (v.warning) warnings.push(`${m[1]!} ${m[2]!}: ${v.warning}`);
    return v.value;
  };

  const respondent: ReturnedForm['respondent'] = {};
  const questions: FormQuestion[] = [];
  const range = XLSX.utils.decode_range(hidden['!ref'] ?? 'A1:G1');
  for (let r = 8; r <= range.e.r + 1; r++) {
    const col = (c: string) => at(hidden, `${c}${r}`);
    const record = col('A');
    if (!record) continue;
    if (record === 'field') {
      const key = col('B');
      const answer = cleanAnswer(value(col('G'))).trim();
      if (isRespondentKey(key) && answer) respondent[key] = answer;
    } else if (record === 'question') {
      questions.push({
        id: col('B'),
        number: col('C'),
        type: col('D') as QuestionType,
        text: col('F'),
        options: [],
        rows: [],
      });
    } else if (record === 'option') {
      questions.at(-1)?.options.push({ id: col('E'), label: col('F') });
    } else if (record === 'row') {
      const row: FormRow = { kind: col('D') as FormRowKind, label: col('F'), cell: col('G') };
      if (col('E')) row.optionId = col('E');
      questions.at(-1)?.rows.push(row);
    }
  }

  const answers: ReturnedForm['answers'] = [];
  for (const q of questions) {
    const a = interpretAnswer(
      q,
      q.rows.map((row) => ({ row, value: row.cell ? value(row.cell) : '' })),
      warnings,
    );
    if (a) answers.push(a);
  }
  return { formId, consultationId, respondent, answers, warnings };
}

function notOurs(why: string): AppError {
  return new AppError('bad-file', `This spreadsheet is not a Consultation Workbench response form: ${why}.`);
}

/** A cell's value as the text the respondent typed. */
function cellValue(c: XLSX.CellObject | undefined): { value: string; warning?: string } {
  if (!c) return { value: '' };
  // A formula typed into an answer box: keep what was typed, not what it calculated.
  if (c.f) return { value: `=${c.f}` };
  switch (c.t) {
    case 's':
      return { value: typeof c.v === 'string' ? c.v : String(c.v ?? '') };
    case 'n':
      return { value: c.v === undefined ? '' : String(c.v) };
    case 'b':
      return { value: c.v ? 'TRUE' : 'FALSE' };
    case 'd':
      return { value: c.v instanceof Date ? c.v.toISOString().slice(0, 10) : String(c.v ?? '') };
    case 'e':
      return { value: '', warning: 'the cell holds an error value, so it was ignored' };
    default:
      return { value: '' };
  }
}
