import type { Writable } from 'node:stream';
import { formatCount, NOT_FOR_PUBLICATION, type ConsultationReport, type PreparedReport } from '#shared/report/index';
import { formatDate } from '../consultation/document/dates';
import { prepareForOutput, type ReportContext } from './report-context';
import { periodText } from './report-text';
import { ByteSink, type StreamedOutput } from '../../formats/zip/byte-sink';
import {
  StreamWorkbook,
  Style,
  type CellInput,
  type SheetPlan,
  type WorkbookProps,
} from '../../formats/xlsx/stream-workbook';
import { RemoteWorkbook, type SheetOut, type WorkbookOut } from './remote-workbook';

/**
 * The analysis workbook (.xlsx), streamed: cover, contents and notes sheets, then one table per
 * sheet — counts for every closed question, cross-tabs, theme counts, quotes, the 0/1 response ×
 * theme matrix and every response — following the Analysis Function checklist as aftables applies
 * it (consultation-standard §6.3): a descriptive title in A1, a line saying what the sheet holds,
 * then the table (Excel table mark-up, one header row, nothing below it); notes as "[note N]" on
 * the Notes sheet; shorthand [c] withheld, [z] not applicable; the redaction level on the cover.
 *
 * Rows are read from the report's row source twice (responses, then the matrix), one at a time.
 * The same report and clock give the same bytes.
 */
export const ANALYSIS_SHEETS = {
  cover: 'Cover',
  contents: 'Contents',
  notes: 'Notes',
  tallies: 'Counts',
  crossTabs: 'Cross-tabs',
  themes: 'Themes',
  quotes: 'Quotes',
  matrix: 'Theme matrix',
  responses: 'Responses',
} as const;

const Z = '[z]';

interface TableSheet {
  key: keyof typeof ANALYSIS_SHEETS;
  tableName: string;
  title: string;
  description: string;
  columns: string[];
  widths: number[];
  notes: number[];
  rows: () => AsyncIterable<CellInput[]> | Iterable<CellInput[]>;
  /** Instead of rows: a 0/1 matrix, a text and a row of whole numbers each (SheetWriter.flagRow). */
  flagRows?: () => AsyncIterable<{ id: string; flags: Uint8Array }>;
}

const cellOf = (v: number | null, text: string): CellInput => (v === null ? text : v);

export async function buildAnalysisXlsx(
  report: ConsultationReport,
  ctx: ReportContext,
  out: string | Writable,
): Promise<StreamedOutput> {
  const { prepared: p, now } = prepareForOutput(report, ctx);
  if (ctx.worker && typeof out === 'string') {
    // Rows are read here; their XML, compression and the file are made in the task worker.
    const made: { wb?: RemoteWorkbook } = {};
    const worker = ctx.worker;
    try {
      await writeWorkbook(p, now, (plan, props) =>
        Promise.resolve((made.wb = new RemoteWorkbook(worker, out, plan, props))),
      );
      return made.wb!.output;
    } catch (e) {
      await made.wb?.abort();
      throw e;
    }
  }
  const sink = new ByteSink(out);
  try {
    await writeWorkbook(p, now, (plan, props) => StreamWorkbook.start(sink, plan, props));
    return await sink.end();
  } catch (e) {
    sink.destroy();
    throw e;
  }
}

/** Notes in order, numbered [note 1]…; the sheets refer to them by number. */
function notesOf(): { list: string[]; ref: (text: string) => number } {
  const list: string[] = [];
  const ref = (text: string) => {
    const i = list.indexOf(text);
    if (i >= 0) return i + 1;
    list.push(text);
    return list.length;
  };
  return { list, ref };
}

function tableSheets(p: PreparedReport, ref: (text: string) => number): TableSheet[] {
  const title = p.consultation.title.trim() || 'Consultation';
  const rounding = ref(
    'Percentages are rounded to whole numbers, so they may not total 100. Where respondents could choose more ' +
      'than one answer, percentages can total more than 100.',
  );
  const base = ref(
    'The base of a question is the number of respondents who answered it; those who did not answer are counted ' +
      'separately and are not in the percentages.',
  );
  const campaigns =
    p.respondents.campaignsCountedSeparately && p.respondents.campaignResponses
      ? [
          ref(
            `The ${formatCount(p.respondents.campaignResponses)} campaign responses are counted separately and ` +
              `are not in these figures.`,
          ),
        ]
      : [];
  const suppression =
    p.redaction === 'redacted'
      ? [
          ref(
            `Figures for fewer than ${p.threshold} respondents are withheld and shown as [c]; answers chosen by ` +
              `fewer than ${p.threshold} respondents are combined as "Other (aggregated)".`,
          ),
        ]
      : [];
  const themesNote = ref(
    'Percentages of themes are of the answers coded for the question; an answer can mention several themes.',
  );
  const blank = ref('An empty cell means the respondent did not answer. [z] means not applicable.');
  const formula = ref(
    'Text that begins with =, +, - or @ starts with an apostrophe so that it cannot run as a formula.',
  );
  const personal =
    p.redaction === 'none'
      ? [
          ref(
            `${NOT_FOR_PUBLICATION}. This workbook includes names, contact details and confidential responses, ` +
              `for internal use only.`,
          ),
        ]
      : [];
  const rowsRedacted =
    p.redaction === 'redacted'
      ? [
          ref(
            'Personal details are removed. For respondents who asked for confidentiality, organisation details ' +
              'and free text are withheld ([c]); free text from respondents who did not consent to publication is ' +
              'withheld too. Answers, groups and themes follow the published tables: anything combined or withheld ' +
              'there is combined or left out here.',
          ),
        ]
      : [];
  for (const n of p.notes) ref(n);

  const sheets: TableSheet[] = [];
  sheets.push({
    key: 'tallies',
    tableName: 'Counts',
    title: `Counts of answers to each closed question: ${title}`,
    description:
      'This worksheet contains one table: for each closed question, the number and percentage of respondents ' +
      'choosing each answer (for ranking questions, ranking each option first, with its mean rank).',
    columns: [
      'Question number',
      'Question',
      'Answer',
      'Measure',
      'Answers combined',
      'Number of respondents',
      'Percentage of respondents answering',
      'Mean rank',
      'Base (respondents answering)',
      'Not answered',
    ],
    widths: [10, 50, 30, 16, 30, 14, 14, 10, 14, 12],
    notes: [base, rounding, ...campaigns, ...suppression],
    rows: function* () {
      for (const q of p.questions) {
        if (!q.table) continue;
        const ranking = q.ranking !== null;
        for (const r of q.table.rows) {
          const mean = ranking && !r.merged.length ? q.ranking!.find((x) => x.label === r.label) : undefined;
          yield [
            q.number,
            q.text,
            r.label,
            ranking ? 'Ranked first' : 'Chose this answer',
            r.merged.length ? r.merged.join('; ') : Z,
            cellOf(r.count, r.countText),
            cellOf(r.percent, r.percentText),
            mean
              ? mean.meanRank === null
                ? mean.meanRankText
                : { number: Number(mean.meanRank.toFixed(1)), style: Style.Decimal }
              : Z,
            q.table.base,
            q.table.notAnswered,
          ];
        }
      }
    },
  });
  sheets.push({
    key: 'crossTabs',
    tableName: 'CrossTabs',
    title: `Answers to closed questions by respondent group: ${title}`,
    description:
      'This worksheet contains one table: for each cross-tabulated question, the number of respondents in each ' +
      'group choosing each answer, and the percentage of the group answering.',
    columns: [
      'Question number',
      'Question',
      'Grouped by',
      'Group',
      'Group base (respondents answering)',
      'Answer',
      'Number of respondents',
      'Percentage of group answering',
    ],
    widths: [10, 50, 18, 30, 14, 30, 14, 14],
    notes: [rounding, ...campaigns, ...suppression],
    rows: function* () {
      for (const q of p.questions)
        for (const ct of q.crossTabs)
          for (const row of ct.rows)
            for (let c = 0; c < ct.columns.length; c++) {
              const cell = row.cells[c]!;
              yield [
                q.number,
                q.text,
                ct.fieldLabel,
                row.label,
                cellOf(row.base, row.baseText),
                ct.columns[c]!,
                cellOf(cell.count, cell.countText),
                cellOf(cell.percent, cell.percentText),
              ];
            }
    },
  });
  sheets.push({
    key: 'themes',
    tableName: 'ThemeCounts',
    title: `Themes in answers to open questions: ${title}`,
    description:
      'This worksheet contains one table: for each question, the themes its answers were coded with, the number ' +
      'of coded answers mentioning each and the percentage of coded answers. Themes no question asked about are ' +
      'listed as "Other themes".',
    columns: [
      'Question number',
      'Question',
      'Theme',
      'Description',
      'Number of coded answers',
      'Percentage of coded answers',
      'Coded answers (base)',
    ],
    widths: [10, 50, 30, 50, 14, 14, 14],
    notes: [themesNote, ...campaigns, ...suppression],
    rows: function* () {
      for (const q of p.questions)
        for (const t of q.themes)
          yield [
            q.number,
            q.text,
            t.name,
            t.description || Z,
            cellOf(t.count, t.countText),
            cellOf(t.percent, t.percentText),
            q.coded,
          ];
      for (const t of p.otherThemes)
        yield [
          'Other themes',
          'Themes raised that no question asked about',
          t.name,
          t.description || Z,
          cellOf(t.count, t.countText),
          cellOf(t.percent, t.percentText),
          p.respondents.analysed,
        ];
    },
  });
  const internal = p.redaction === 'none';
  sheets.push({
    key: 'quotes',
    tableName: 'Quotes',
    title: `Quotes selected from responses: ${title}`,
    description:
      'This worksheet contains one table: each quote selected for the summary of responses, with its question, ' +
      'attribution and the themes it illustrates.',
    columns: [
      'Question number',
      'Question',
      'Quote',
      'Attribution',
      'Themes',
      'Response id',
      ...(internal ? ['Asked for confidentiality', 'Consented to publication'] : []),
    ],
    widths: [10, 40, 70, 30, 30, 16, ...(internal ? [14, 14] : [])],
    notes: internal ? personal : [],
    rows: function* () {
      for (const q of p.questions)
        for (const quote of q.quotes) {
          const names = quote.themeIds
            .map((id) => q.themes.find((t) => t.id === id)?.name)
            .filter((x): x is string => !!x);
          yield [
            q.number,
            q.text,
            quote.text,
            quote.attribution || Z,
            names.length ? names.join('; ') : Z,
            quote.respondentId,
            ...(internal
              ? [
                  quote.confidential ? 'Yes' : 'No',
                  quote.publishConsent === null ? 'Not answered' : quote.publishConsent ? 'Yes' : 'No',
                ]
              : []),
          ];
        }
    },
  });
  sheets.push({
    key: 'matrix',
    tableName: 'ThemeMatrix',
    title: `Themes coded in each response, as 0 or 1: ${title}`,
    description:
      'This worksheet contains one table: one row per response and one column per question and theme, 1 where ' +
      'the answer to that question was coded with the theme and 0 where it was not. For use in Excel, R or other ' +
      'tools.',
    columns: ['Response id', ...p.matrixColumns.map((m) => m.header)],
    widths: [16, ...p.matrixColumns.map(() => 14)],
    notes: [...suppression, ...personal],
    rows: () => [],
    flagRows: () => p.rows({ cells: false }),
  });
  sheets.push({
    key: 'responses',
    tableName: 'Responses',
    title: `Every response: ${title}`,
    description:
      'This worksheet contains one table: one row per response with the respondent details that may be shown, ' +
      'the answer to every question and the themes it was coded with.',
    columns: p.rowColumns.map((c) => c.header),
    widths: p.rowColumns.map((c) => c.width),
    notes: [blank, formula, ...rowsRedacted, ...personal],
    rows: async function* () {
      for await (const row of p.rows({ flags: false })) yield row.cells;
    },
  });
  return sheets;
}

async function titleLines(w: SheetOut, title: string, description: string, notes: number[]): Promise<void> {
  await w.row([title], { style: Style.Title, wrap: false });
  const refs = notes.length
    ? ` Notes that apply: ${notes.map((n) => `[note ${n}]`).join(', ')} (see the Notes worksheet).`
    : '';
  await w.row([`${description}${refs}`], { wrap: false, style: Style.Default });
}

async function writeWorkbook(
  p: PreparedReport,
  now: Date,
  open: (plan: SheetPlan[], props: WorkbookProps) => Promise<WorkbookOut>,
): Promise<void> {
  const c = p.consultation;
  const title = c.title.trim() || 'Consultation';
  const notes = notesOf();
  const sheets = tableSheets(p, notes.ref);
  const S = ANALYSIS_SHEETS;
  const plan: SheetPlan[] = [
    { name: S.cover, widths: [100] },
    { name: S.contents, widths: [20, 90], table: { name: 'ContentsTable', columns: ['Sheet', 'What it contains'] } },
    { name: S.notes, widths: [14, 100], table: { name: 'NotesTable', columns: ['Note number', 'Note text'] } },
    ...sheets.map((s) => ({ name: S[s.key], widths: s.widths, table: { name: s.tableName, columns: s.columns } })),
  ];
  const wb = await open(plan, {
    title: `${title}: analysis of responses`,
    subject: `Figures behind the summary of responses to the consultation “${title}”`,
    creator: c.department.trim() || 'Consultation Workbench',
    description: p.banner ?? 'Redacted for publication',
    language: 'en-GB',
    now,
  });

  // Cover: everything in column A, one item per row, headings in bold.
  const cover = await wb.sheet();
  await cover.row([`${title}: analysis of responses`], { style: Style.Title, wrap: false });
  const r = p.respondents;
  const period = periodText(p);
  const lines: Array<[string, boolean]> = [
    ...(p.banner
      ? [[`${p.banner}. For internal use only: do not publish or share this workbook.`, true] as [string, boolean]]
      : []),
    ['About this workbook', true],
    [
      `The figures behind the summary of responses to the consultation ` +
        `“${title}”${c.department.trim() ? `, run by ${c.department.trim()}` : ''}${period ? ` ${period}` : ''}.`,
      false,
    ],
    ['Redaction level', true],
    [
      p.redaction === 'redacted'
        ? `Redacted for publication. Personal details are removed, confidential respondents’ details and free ` +
          `text are withheld, and figures for fewer than ${p.threshold} respondents are suppressed.`
        : 'None: for internal use. Contains personal data and confidential responses, with the real figures, ' +
          'nothing suppressed.',
      false,
    ],
    ['Responses', true],
    [
      `${formatCount(r.received)} responses received. ${formatCount(r.analysed)} analysed.` +
        (r.campaignResponses
          ? ` ${formatCount(r.campaignResponses)} campaign responses` +
            (r.campaignsCountedSeparately ? ', counted separately' : '') +
            '.'
          : '') +
        (r.duplicatesRemoved ? ` ${formatCount(r.duplicatesRemoved)} duplicates removed.` : ''),
      false,
    ],
    ['Shorthand', true],
    [
      `[c] means the figure is withheld to protect respondents (fewer ` +
        `than ${p.redaction === 'redacted' ? p.threshold : 10} respondents). [z] means not applicable.`,
      false,
    ],
    ['Contact', true],
    [[c.leadTeam.trim(), c.department.trim()].filter(Boolean).join(', ') || 'The consultation team', false],
    ['Produced', true],
    [`Produced on ${formatDate(now)}.`, false],
  ];
  for (const [text, bold] of lines) await cover.row([text], { style: bold ? Style.Bold : Style.Text });
  await cover.close();

  const contents = await wb.sheet();
  await titleLines(
    contents,
    'Table of contents',
    'This worksheet contains one table: every sheet in this workbook and what it contains. Select a sheet name ' +
      'to go to it.',
    [],
  );
  contents.startTable();
  await contents.row(['Sheet', 'What it contains'], { style: Style.Header });
  await contents.row([
    { text: S.notes, link: `'${S.notes}'!A1` },
    'Notes that apply to the tables, referred to as [note 1], [note 2] and so on.',
  ]);
  for (const s of sheets) await contents.row([{ text: S[s.key], link: `'${S[s.key]}'!A1` }, s.title]);
  await contents.close();

  const notesSheet = await wb.sheet();
  await titleLines(notesSheet, 'Notes', 'This worksheet contains one table: the notes the other sheets refer to.', []);
  notesSheet.startTable();
  await notesSheet.row(['Note number', 'Note text'], { style: Style.Header });
  for (const [i, text] of notes.list.entries()) await notesSheet.row([`[note ${i + 1}]`, text]);
  await notesSheet.close();

  for (const s of sheets) {
    const w = await wb.sheet();
    await titleLines(w, s.title, s.description, s.notes);
    w.startTable();
    await w.row(s.columns, { style: Style.Header });
    const before = w.rows;
    if (s.flagRows) for await (const r of s.flagRows()) await w.flagRow(r.id, r.flags);
    else for await (const cells of s.rows()) await w.row(cells);
    // A table needs a row of data: say there is none rather than leave it empty.
    if (w.rows === before)
      await w.row([
        s.key === 'matrix' || s.key === 'responses' ? 'No responses' : 'None',
        ...s.columns.slice(1).map(() => Z),
      ]);
    await w.close();
  }
  await wb.finish();
}
