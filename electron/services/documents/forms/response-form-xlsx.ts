import ExcelJS from 'exceljs';
import type { Draft } from '#shared/domain/draft/model';
import { resolveContext, type OutputContext } from '../output-context';
import { answerInstruction, openGuidance, questionHeading } from '../consultation/document/question-text';
import { formSchema, type FormSchema } from './form-schema';
import { formInstructions } from './instructions';
import { finalizePackage } from '../../formats/ooxml/finalize';
import { deepXmlSafe } from '../../formats/text-safety';
import {
  addValidation,
  BOLD,
  cellText,
  fitRowHeights,
  FONT,
  LOCKED_FILL,
  printSetup,
  protectSheet,
  sheetRef,
  THIN_BORDER,
  TITLE,
} from '../../formats/xlsx/sheet-helpers';

/**
 * The response form as a spreadsheet (exceljs: styles, data validation, sheet protection; no
 * macros). Sheets:
 *
 * - "Instructions": how to fill it in and return it.
 * - "About you": one row per enabled "About you" question; answer in column B.
 * - "Questions": one row per question (number and text locked, answer in column C unlocked,
 *   guidance in D). Single-answer questions (agree/disagree, yes/no, single choice) have a drop-down
 *   of the exact option labels. Multiple choice and ranking have one row per option below the
 *   question (type X to tick, or a rank number): rows rather than tick columns, because forty
 *   options stay readable and the importer reads one cell per option either way. "Other (please
 *   specify)" and "Please explain your answer" get rows of their own.
 * - "_workbench" (very hidden, protected): form id, consultation id, schema version, and for every
 *   field, question, option and answer row its stable id, number, type, label and cell address.
 *   The drop-down lists point at the option labels held here, so labels with commas work.
 */
export const XLSX_SHEETS = {
  instructions: 'Instructions',
  aboutYou: 'About you',
  questions: 'Questions',
  hidden: '_workbench',
} as const;
export const XLSX_FORM_KIND = 'consultation-workbench/response-form-xlsx';

export async function buildResponseFormXlsx(draft: Draft, ctx: OutputContext): Promise<Uint8Array> {
  const { now, formId, consultationId } = resolveContext(ctx);
  const safe = deepXmlSafe(draft);
  const schema = formSchema(safe, { formId, consultationId }, 'xlsx');
  const m = safe.metadata;

  const wb = new ExcelJS.Workbook();
  wb.creator = m.department.trim() || 'Consultation Workbench';
  wb.lastModifiedBy = wb.creator;
  wb.created = now;
  wb.modified = now;
  wb.title = cellText(`Response form: ${schema.title}`);
  wb.subject = cellText(m.summary.trim() || `Response form for the consultation: ${schema.title}`);
  (wb as unknown as { language: string }).language = 'en-GB';
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];

  const instructions = wb.addWorksheet(XLSX_SHEETS.instructions, {
    views: [{ activeCell: 'A1', showGridLines: false }],
  });
  const about = wb.addWorksheet(XLSX_SHEETS.aboutYou, { views: [{ activeCell: 'B4' }] });
  const questions = wb.addWorksheet(XLSX_SHEETS.questions, { views: [{ activeCell: 'C4' }] });
  const hidden = wb.addWorksheet(XLSX_SHEETS.hidden, { state: 'veryHidden' });

  // ---------------------------------------------------------------- Instructions
  instructions.getColumn(1).width = 72;
  instructions.getCell('A1').value = cellText(`Response form: ${schema.title}`);
  instructions.getCell('A1').font = TITLE;
  let r = 2;
  if (m.department.trim()) {
    instructions.getCell(`A${r}`).value = cellText(m.department.trim());
    instructions.getCell(`A${r}`).font = BOLD;
    r++;
  }
  for (const line of [...formInstructions(safe, 'xlsx'), `Form reference: ${formId}`]) {
    const c = instructions.getCell(`A${r++}`);
    c.value = cellText(line);
    c.font = FONT;
    c.alignment = { wrapText: true, vertical: 'top' };
  }

  fitRowHeights(instructions, 2);
  printSetup(instructions, { landscape: false });

  // ---------------------------------------------------------------- _workbench (written first: lists point into it)
  const lists = writeHiddenSheet(hidden, schema);

  // ---------------------------------------------------------------- About you
  about.columns = [{ width: 55 }, { width: 55 }, { width: 45 }];
  about.getCell('A1').value = 'About you';
  about.getCell('A1').font = TITLE;
  about.getCell('A2').value =
    'Tell us about yourself or the organisation you represent. You do not have to answer these questions.';
  about.getCell('A2').font = FONT;
  header(about, 3, ['Question', 'Your answer', 'How to answer']);
  let row = 4;
  const aboutRoom = new Map<number, number>();
  for (const f of schema.fields) {
    const field = safe.aboutYou.find((a) => a.key === f.key);
    label(about.getCell(`A${row}`), f.label);
    const guidance = [field?.hint.trim() ?? '', f.options.length ? 'Choose one answer from the list.' : '']
      .filter(Boolean)
      .join(' ');
    label(about.getCell(`C${row}`), guidance || 'Type your answer.');
    answerCell(about.getCell(`B${row}`));
    const list = lists.fields.get(f.key);
    if (list) addValidation(about, `B${row}`, `B${row}`, listValidation(list, f.label));
    f.cell = `${XLSX_SHEETS.aboutYou}!B${row}`;
    if (!f.options.length) aboutRoom.set(row, 2);
    row++;
  }
  fitRowHeights(about, 3, aboutRoom);
  printSetup(about, { landscape: true, titleRow: 3 });

  // ---------------------------------------------------------------- Questions
  questions.columns = [{ width: 10 }, { width: 60 }, { width: 60 }, { width: 40 }];
  questions.getCell('A1').value = 'Questions';
  questions.getCell('A1').font = TITLE;
  questions.getCell('A2').value = 'Type your answers in column C. Guidance for each question is in column D.';
  questions.getCell('A2').font = FONT;
  header(questions, 3, ['Number', 'Question', 'Your answer', 'Guidance']);
  row = 4;
  // Room to write: open answers and explanations get several lines.
  const room = new Map<number, number>();
  for (const q of schema.questions) {
    const question = safe.questions.find((x) => x.id === q.id)!;
    const guidance = [
      question.hint.trim(),
      answerInstruction(question) ?? '',
      openGuidance(question) ?? '',
      q.rows.some((x) => x.kind === 'option')
        ? q.type === 'ranking'
          ? 'Type a number next to each option in the rows below.'
          : 'Type X next to each answer that applies in the rows below.'
        : '',
    ]
      .filter(Boolean)
      .join(' ');
    label(questions.getCell(`A${row}`), q.number, true);
    label(questions.getCell(`B${row}`), questionHeading(q.number, q.text), true);
    label(questions.getCell(`D${row}`), guidance || (q.rows[0]?.kind === 'answer' ? 'Type your answer.' : ''));
    const first = q.rows[0];
    if (first && first.kind === 'answer') {
      answerCell(questions.getCell(`C${row}`));
      first.cell = `${XLSX_SHEETS.questions}!C${row}`;
      if (!q.options.length) room.set(row, 6);
      const list = lists.questions.get(q.id);
      if (list) addValidation(questions, `C${row}`, `C${row}`, listValidation(list, `Question ${q.number}`));
    } else {
      lockedBlank(questions.getCell(`C${row}`));
    }
    row++;
    const optionRows = q.rows.filter((x) => x.kind === 'option');
    const firstOptionRow = row;
    for (const x of q.rows) {
      if (x === first && x.kind === 'answer') continue;
      label(questions.getCell(`A${row}`), q.number);
      label(questions.getCell(`B${row}`), x.label);
      if (x.kind === 'option') questions.getCell(`B${row}`).alignment = { wrapText: true, vertical: 'top', indent: 2 };
      lockedBlank(questions.getCell(`D${row}`));
      answerCell(questions.getCell(`C${row}`));
      x.cell = `${XLSX_SHEETS.questions}!C${row}`;
      if (x.kind === 'explain') room.set(row, 5);
      if (x.kind === 'other') room.set(row, 2);
      row++;
    }
    if (optionRows.length) {
      // One validation over the block of option rows (they are consecutive, right after the question).
      const last = firstOptionRow + optionRows.length - 1;
      addValidation(
        questions,
        `C${firstOptionRow}`,
        `C${last}`,
        q.type === 'ranking'
          ? {
              type: 'whole',
              operator: 'between',
              allowBlank: true,
              formulae: [1, optionRows.length],
              showErrorMessage: true,
              errorStyle: 'stop',
              errorTitle: 'Rank',
              error: `Type a whole number from 1 to ${optionRows.length}.`,
            }
          : {
              type: 'list',
              allowBlank: true,
              formulae: ['"X"'],
              showErrorMessage: true,
              errorStyle: 'warning',
              errorTitle: 'Tick',
              error: 'Type X to choose this answer, or leave the box empty.',
            },
      );
    }
  }

  fitRowHeights(questions, 3, room);
  printSetup(questions, { landscape: true, titleRow: 3 });

  // The cells are known now: record them.
  writeCells(hidden, schema, lists.rowOf);

  for (const ws of [instructions, about, questions, hidden]) await protectSheet(ws);
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  return finalizePackage(bytes, now);
}

function header(ws: ExcelJS.Worksheet, row: number, labels: string[]): void {
  labels.forEach((text, i) => {
    const c = ws.getRow(row).getCell(i + 1);
    c.value = text;
    c.font = BOLD;
    c.fill = LOCKED_FILL;
    c.border = THIN_BORDER;
    c.alignment = { wrapText: true, vertical: 'top' };
  });
}

function label(c: ExcelJS.Cell, text: string, bold = false): void {
  c.value = cellText(text);
  c.font = bold ? BOLD : FONT;
  c.alignment = { wrapText: true, vertical: 'top' };
  c.border = THIN_BORDER;
  c.fill = LOCKED_FILL;
}

function lockedBlank(c: ExcelJS.Cell): void {
  c.fill = LOCKED_FILL;
  c.border = THIN_BORDER;
}

/** An answer box: unlocked, text format (so "0300…", "1/2" or "=SUM(A1)" stay exactly as typed), wrapped. */
function answerCell(c: ExcelJS.Cell): void {
  c.protection = { locked: false };
  c.numFmt = '@';
  c.font = FONT;
  c.alignment = { wrapText: true, vertical: 'top' };
  c.border = {
    top: { style: 'medium', color: { argb: 'FF0B0C0C' } },
    left: { style: 'medium', color: { argb: 'FF0B0C0C' } },
    bottom: { style: 'medium', color: { argb: 'FF0B0C0C' } },
    right: { style: 'medium', color: { argb: 'FF0B0C0C' } },
  };
}

function listValidation(range: string, title: string): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [range],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: cellText(title).slice(0, 32),
    error: 'Choose an answer from the list.',
  };
}

interface HiddenLayout {
  /** Validation list range for each about-you field with options. */
  fields: Map<string, string>;
  /** Validation list range for each single-answer question. */
  questions: Map<string, string>;
  /** Row of the _workbench sheet describing each form row / field, to fill in its cell later. */
  rowOf: Map<object, number>;
}

const HIDDEN_COLUMNS = ['record', 'id', 'number', 'type', 'optionId', 'label', 'cell'];

/**
 * The hidden sheet: a key/value block, then one record per line, columns as HIDDEN_COLUMNS.
 * Records: field, field-option, question, option, row. Everything is text.
 */
function writeHiddenSheet(ws: ExcelJS.Worksheet, schema: FormSchema): HiddenLayout {
  const put = (row: number, values: (string | number)[]) =>
    values.forEach((v, i) => (ws.getRow(row).getCell(i + 1).value = typeof v === 'number' ? String(v) : cellText(v)));
  put(1, ['Consultation Workbench response form: do not edit this sheet']);
  put(2, ['kind', XLSX_FORM_KIND]);
  put(3, ['formId', schema.formId]);
  put(4, ['consultationId', schema.consultationId]);
  put(5, ['schemaVersion', schema.version]);
  put(6, ['title', schema.title]);
  put(7, HIDDEN_COLUMNS);
  const layout: HiddenLayout = { fields: new Map(), questions: new Map(), rowOf: new Map() };
  let r = 8;
  const ref = (from: number, to: number) => `${sheetRef(XLSX_SHEETS.hidden)}!$F$${from}:$F$${to}`;
  for (const f of schema.fields) {
    layout.rowOf.set(f, r);
    put(r++, ['field', f.key, '', '', '', f.label, '']);
    if (f.options.length) {
      const from = r;
      for (const o of f.options) put(r++, ['field-option', f.key, '', '', '', o, '']);
      layout.fields.set(f.key, ref(from, r - 1));
    }
  }
  for (const q of schema.questions) {
    put(r++, ['question', q.id, q.number, q.type, '', q.text, '']);
    if (q.options.length) {
      const from = r;
      for (const o of q.options) put(r++, ['option', q.id, q.number, q.type, o.id, o.label, '']);
      if (q.rows[0]?.kind === 'answer') layout.questions.set(q.id, ref(from, r - 1));
    }
    for (const x of q.rows) {
      layout.rowOf.set(x, r);
      put(r++, ['row', q.id, q.number, x.kind, x.optionId ?? '', x.label, '']);
    }
  }
  ws.getColumn(6).width = 60;
  return layout;
}

function writeCells(ws: ExcelJS.Worksheet, schema: FormSchema, rowOf: Map<object, number>): void {
  for (const f of schema.fields) ws.getRow(rowOf.get(f)!).getCell(7).value = f.cell ?? '';
  for (const q of schema.questions) for (const x of q.rows) ws.getRow(rowOf.get(x)!).getCell(7).value = x.cell ?? '';
}
