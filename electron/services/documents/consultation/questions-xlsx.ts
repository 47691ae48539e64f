import ExcelJS from 'exceljs';
import { orderedQuestions, questionNumbers, QUESTION_TYPE_LABELS, type Draft } from '#shared/domain/draft/model';
import { resolveContext, type OutputContext } from '../output-context';
import { formatDate } from './document/dates';
import { explainPrompt, isClosed, optionsOf, questionHeading } from './document/question-text';
import { finalizePackage } from '../../formats/ooxml/finalize';
import { deepXmlSafe } from '../../formats/text-safety';
import { BOLD, cellText, fitRowHeights, FONT, printSetup, TITLE } from '../../formats/xlsx/sheet-helpers';

/**
 * The list of questions as a spreadsheet, for officials (clearance, analysis planning), following
 * the Analysis Function checklist (consultation-standard §6.3): a cover sheet, then one table per
 * sheet marked up as an Excel table with one header row, a descriptive title in A1, wrapped text,
 * no merged cells, no blank cells (blanks say "Not applicable"), no filters, no frozen panes, no
 * colour carrying meaning, and the cursor in A1 of the first sheet.
 */
export const QUESTIONS_SHEETS = { cover: 'Cover', questions: 'Questions' } as const;
const NA = 'Not applicable';

export async function buildQuestionsXlsx(draft: Draft, ctx: OutputContext): Promise<Uint8Array> {
  const { now } = resolveContext(ctx);
  const safe = deepXmlSafe(draft);
  const m = safe.metadata;
  const title = m.title.trim() || 'Untitled consultation';
  const numbers = questionNumbers(safe);
  const sections = new Map(safe.sections.map((s) => [s.id, s.title.trim() || 'Untitled section']));
  const questions = orderedQuestions(safe);

  const wb = new ExcelJS.Workbook();
  wb.creator = m.department.trim() || 'Consultation Workbench';
  wb.lastModifiedBy = wb.creator;
  wb.created = now;
  wb.modified = now;
  wb.title = cellText(`Questions: ${title}`);
  wb.subject = cellText(`The questions asked in the consultation: ${title}`);
  (wb as unknown as { language: string }).language = 'en-GB';
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];

  const cover = wb.addWorksheet(QUESTIONS_SHEETS.cover, { views: [{ activeCell: 'A1', showGridLines: false }] });
  cover.getColumn(1).width = 72;
  const coverLines: [string, Partial<ExcelJS.Font>][] = [
    [`Questions: ${title}`, TITLE],
    ...(m.department.trim() ? [[m.department.trim(), BOLD] as [string, Partial<ExcelJS.Font>]] : []),
    [
      `This workbook lists the ${questions.length} ${questions.length === 1 ? 'question' : 'questions'} in the ` +
        `consultation, in the order and with the numbers of the consultation document.`,
      FONT,
    ],
    [
      'The “Questions” sheet has one row per question: its number, section, text, type, answer options, hint, ' +
        'follow-up prompt, word limit and the stable id the app uses to match answers to it.',
      FONT,
    ],
    [`Produced on ${formatDate(now)}.`, FONT],
  ];
  coverLines.forEach(([text, font], i) => {
    const c = cover.getCell(`A${i + 1}`);
    c.value = cellText(text);
    c.font = font;
    c.alignment = { wrapText: true, vertical: 'top' };
  });
  fitRowHeights(cover, 2);
  printSetup(cover, { landscape: false });

  const ws = wb.addWorksheet(QUESTIONS_SHEETS.questions, { views: [{ activeCell: 'A1' }] });
  ws.getCell('A1').value = cellText(`Questions in the consultation: ${title}`);
  ws.getCell('A1').font = TITLE;
  const headers = [
    'Number',
    'Section',
    'Question',
    'Type',
    'Answer options',
    'Hint',
    'Follow-up',
    'Word limit',
    'Question id',
  ];
  const widths = [10, 28, 60, 22, 40, 36, 30, 12, 24];
  const rows = questions.map((q) => {
    const number = numbers.get(q.id) ?? '';
    const opts = isClosed(q) ? optionsOf(q).map((o) => o.label) : [];
    return [
      number,
      sections.get(q.sectionId) ?? 'Other questions',
      questionHeading(number, q.text),
      QUESTION_TYPE_LABELS[q.type],
      opts.length ? opts.join('\n') : NA,
      q.hint.trim() || NA,
      explainPrompt(q) ?? NA,
      q.wordLimit ? String(q.wordLimit) : NA,
      q.id,
    ].map(cellText);
  });
  if (rows.length) {
    ws.addTable({
      name: 'QuestionList',
      ref: 'A2',
      headerRow: true,
      totalsRow: false,
      style: { theme: 'TableStyleLight1', showRowStripes: false },
      columns: headers.map((name) => ({ name, filterButton: false })),
      rows,
    });
  } else {
    headers.forEach((h, i) => (ws.getRow(2).getCell(i + 1).value = h));
    ws.getCell('A3').value = 'This consultation has no questions yet.';
  }
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (let r = 2; r <= ws.rowCount; r++) {
    ws.getRow(r).eachCell({ includeEmpty: false }, (c) => {
      c.font = r === 2 ? BOLD : FONT;
      c.alignment = { wrapText: true, vertical: 'top' };
    });
  }
  fitRowHeights(ws, 2);
  printSetup(ws, { landscape: true, titleRow: 2 });

  return finalizePackage(new Uint8Array(await wb.xlsx.writeBuffer()), now);
}
