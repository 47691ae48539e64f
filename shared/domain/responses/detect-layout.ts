import type { ColumnRole, Layout, LayoutColumn, MetaField, RawTable, SourceKind } from './types';
import type { RespondentFieldKey } from '../draft/model';
import { normaliseLabel, tickValue } from './text-match';
import { assignBlocks, type BlockInput } from './column-blocks';
import { cleanHeader, headerNumber, isExplanationHeader, isOtherHeader, looksLikeRespondingAs, metaFieldOf, respondentFieldOf, stripQualtricsSuffix } from './header-rules';

/**
 * Works out how an export is laid out: which rows are headers, which tool made it, and what each
 * column holds. The rules (README in electron/services/import) in brief:
 * - header rows: Qualtrics has a third row of {"ImportId":…}; SurveyMonkey a second row of
 *   "Response" / "Open-Ended Response" / option labels under question texts that span columns;
 *   a first row of codes ("Ident 1", "Q1") over a row of question texts is two rows; otherwise one.
 *   Blank rows straight after the header are skipped, never read as responses.
 * - the tool: by its metadata columns (Forms: ID/Start time/Completion time; SurveyMonkey:
 *   Respondent ID/Collector ID; Qualtrics: ResponseId/StartDate/Finished; Decidim: IP Hash/User
 *   status; Citizen Space: Response ID/Unique ID).
 * - columns: metadata by name, "About you" fields by header synonyms (and Individual/Organisation
 *   values), option columns (a sub-label under a question, or "Question - Option" columns holding
 *   ticks), "Other" text, "Please explain your answer" (joined to the question before it).
 */

export interface DetectOptions {
  /** The official's correction of the number of header rows. */
  headerRowCount?: number;
}

const SAMPLE_ROWS = 2000;
const SM_SUBLABELS = new Set(['response', 'open-ended response', 'responses', 'open ended response']);
const CODE_CELL = /^[a-z][a-z ]{0,15}[ _.-]?\d{1,4}[a-z0-9_]*$/i;
// Qualtrics' third header row: {"ImportId":"QID1"} (JSON), or {'ImportId': 'QID1'} once re-saved by another tool.
const IMPORT_ID = /^\{\s*['"]importid['"]/i;
/** Qualtrics' own column names (its first header row): three of them mark an export re-saved without the ImportId row. */
const QUALTRICS_SHORT_NAMES = new Set(['startdate', 'enddate', 'status', 'ipaddress', 'progress', 'duration (in seconds)', 'finished', 'recordeddate', 'responseid', 'recipientlastname', 'recipientfirstname', 'recipientemail', 'externalreference', 'locationlatitude', 'locationlongitude', 'distributionchannel', 'userlanguage']);
const QUESTION_START = /^(please|what|which|who|whom|where|when|why|how|do|does|did|are|is|would|should|could|can|have|has|to what extent|tell us|describe|explain|rank|select|choose)\b/i;

function isBlankRow(row: string[] | undefined): boolean {
  if (!row) return true;
  for (const c of row) if (c.trim() !== '') return false;
  return true;
}

function nonEmpty(row: string[] | undefined): string[] {
  return (row ?? []).map((c) => c.trim()).filter((c) => c !== '');
}

export function columnLetter(i: number): string {
  let s = '';
  let n = i;
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}

type HeaderStyle = 'one' | 'surveymonkey' | 'qualtrics' | 'coded';

/** The header style and how many header rows it has. */
function detectHeaderStyle(cells: string[][], start: number): { style: HeaderStyle; rows: number } {
  const r0 = cells[start];
  const r1 = cells[start + 1];
  const r2 = cells[start + 2];
  const r2cells = nonEmpty(r2);
  if (r2cells.length > 0 && r2cells.filter((c) => IMPORT_ID.test(c)).length / r2cells.length >= 0.5) return { style: 'qualtrics', rows: 3 };
  const r1cells = nonEmpty(r1).map(normaliseLabel);
  if (r1cells.some((c) => SM_SUBLABELS.has(c))) {
    const r0norm = nonEmpty(r0).map(normaliseLabel);
    // Question texts span their follow-on columns: the first row has gaps where the second has
    // labels. Or the second row is mostly "Response" (single-column questions only, no gaps).
    const gaps = (r0 ?? []).some((c, i) => c.trim() === '' && (r1?.[i] ?? '').trim() !== '');
    const mostlyResponse = r1cells.filter((c) => SM_SUBLABELS.has(c)).length / Math.max(1, r1cells.length) >= 0.5;
    if (r0norm.includes('respondent id') || r0norm.includes('respondentid') || gaps || mostlyResponse) return { style: 'surveymonkey', rows: 2 };
  }
  const r0cells = nonEmpty(r0);
  // Qualtrics re-saved without its ImportId row: its own short names over a row of labels.
  const shortNames = r0cells.filter((c) => QUALTRICS_SHORT_NAMES.has(normaliseLabel(c))).length;
  const legacy = r0cells.filter((c) => /^V\d{1,2}$/.test(c.trim())).length >= 5;
  if ((shortNames >= 3 || legacy) && r1 && !isBlankRow(r1) && secondRowIsHeader(cells, start, 0.5)) return { style: 'qualtrics', rows: 2 };
  if (r0cells.length > 0 && r1 && !isBlankRow(r1)) {
    const coded = r0cells.filter((c) => c.length <= 30 && CODE_CELL.test(c)).length / r0cells.length >= 0.8;
    if (coded && secondRowIsHeader(cells, start)) return { style: 'coded', rows: 2 };
  }
  return { style: 'one', rows: 1 };
}

/** A second header row holds labels: wordy or questions, each seen once in its column. */
function secondRowIsHeader(cells: string[][], start: number, share = 0.6): boolean {
  const r1 = cells[start + 1]!;
  let labelish = 0;
  let count = 0;
  const end = Math.min(cells.length, start + 2 + SAMPLE_ROWS);
  for (let c = 0; c < r1.length; c++) {
    const v = r1[c]!.trim();
    if (!v) continue;
    count++;
    // Question texts, not answers: a question mark, a question's opening words, or a known heading.
    const wordy = v.endsWith('?') || QUESTION_START.test(v) || metaFieldOf(v) !== undefined || respondentFieldOf(v) !== undefined;
    let repeated = false;
    for (let r = start + 2; r < end && !repeated; r++) if ((cells[r]?.[c] ?? '').trim() === v) repeated = true;
    if (wordy && !repeated) labelish++;
  }
  return count > 0 && labelish / count >= share;
}

function detectSource(headers: Set<string>, style: HeaderStyle): SourceKind {
  const has = (...hs: string[]) => hs.some((h) => headers.has(h));
  if (style === 'qualtrics' || (has('responseid', 'response id') && has('startdate') && has('finished', 'progress'))) return 'qualtrics';
  if (has('respondent id') && has('collector id')) return 'surveymonkey';
  if (has('id') && has('start time') && has('completion time')) return 'microsoft-forms';
  if (has('ip hash') || (has('user status') && has('created at'))) return 'decidim';
  if (has('response id') && has('unique id')) return 'citizen-space';
  return 'plain';
}

interface ColumnDraft {
  index: number;
  header: string;
  headerParts: string[];
  /** The header rows' cells as in the file. */
  raw: string[];
  /** SurveyMonkey: no question text of its own (the one before it carries on). */
  continues: boolean;
  /** Question text used for matching; sub-label or option label apart. */
  text: string;
  sub: string;
  /** Column of a Qualtrics multi-part question: its short-name base ("Q2"). */
  shortBase?: string;
  qualtricsKind?: 'choice' | 'text' | null;
  qualtricsLabel?: string;
}

export function detectLayout(table: RawTable, opts: DetectOptions = {}): Layout {
  const cells = table.cells;
  let headerStart = 0;
  while (headerStart < cells.length && headerStart < 100 && isBlankRow(cells[headerStart])) headerStart++;
  if (headerStart >= cells.length) headerStart = 0;

  const { style: detectedStyle, rows: detectedCount } = detectHeaderStyle(cells, headerStart);
  const headerRowCount = Math.max(1, Math.min(5, opts.headerRowCount ?? detectedCount));
  const style: HeaderStyle = headerRowCount === detectedCount ? detectedStyle : headerRowCount === 1 ? 'one' : 'coded';
  const notes: string[] = [];

  let dataStart = headerStart + headerRowCount;
  const skippedBlank = dataStart;
  while (dataStart < cells.length && isBlankRow(cells[dataStart])) dataStart++;
  if (dataStart > skippedBlank) notes.push(`${dataStart - skippedBlank} blank row${dataStart - skippedBlank === 1 ? '' : 's'} after the header skipped.`);

  const rawHeaderRows = cells.slice(headerStart, headerStart + headerRowCount);
  // Headers as a person reads them: HTML tags and entities, non-breaking spaces and runs of space
  // out (the raw text stays in the column list of the import's outcome).
  const headerRows = rawHeaderRows.map((r) => r.map(cleanHeader));
  // Columns: as wide as the header; beyond it only where most rows have something (a column with
  // no heading). A few long rows are broken rows, rejected later, not new columns.
  let width = 0;
  for (const r of headerRows) for (let c = r.length - 1; c >= width; c--) if (r[c]!.trim() !== '') {
    width = c + 1;
    break;
  }
  const sampleEnd = Math.min(cells.length, dataStart + SAMPLE_ROWS);
  const sampled = Math.max(0, sampleEnd - dataStart);
  for (let c = width; c < table.columnCount; c++) {
    let filled = 0;
    for (let r = dataStart; r < sampleEnd; r++) if ((cells[r]?.[c] ?? '').trim() !== '') filled++;
    if (filled > sampled / 2) width = c + 1;
  }

  // Carry a question text rightwards over the blank cells of its follow-on columns (SurveyMonkey).
  const top: string[] = [];
  let carried = '';
  for (let c = 0; c < width; c++) {
    const v = (headerRows[0]?.[c] ?? '').trim();
    const below = (headerRows[1]?.[c] ?? '').trim();
    if (v) carried = v;
    top.push(v || (style === 'surveymonkey' && below ? carried : ''));
  }

  const drafts: ColumnDraft[] = [];
  for (let c = 0; c < width; c++) {
    const parts = headerRows.map((r, i) => (i === 0 ? top[c]! : (r[c] ?? '').trim()));
    const raw = rawHeaderRows.map((r) => r[c] ?? '');
    let text = parts[0] ?? '';
    let sub = '';
    let header = text;
    const d: ColumnDraft = { index: c, header, headerParts: parts, raw, text, sub, continues: style === 'surveymonkey' && c > 0 && !(headerRows[0]?.[c] ?? '').trim() };
    if (style === 'surveymonkey') {
      sub = parts[1] ?? '';
      const plainSub = SM_SUBLABELS.has(normaliseLabel(sub)) || sub === '';
      header = plainSub ? text : `${text} - ${sub}`;
      if (plainSub) sub = '';
    } else if (style === 'qualtrics') {
      const short = parts[0] ?? '';
      const label = parts[1] || short;
      const stripped = stripQualtricsSuffix(label);
      text = stripped.text;
      header = label;
      d.qualtricsKind = stripped.kind;
      if (stripped.label) d.qualtricsLabel = stripped.label;
      const base = /^(q\d{1,3})(?:_\d+)*(?:_text)?$/i.exec(short);
      if (base) d.shortBase = base[1]!.toUpperCase();
      // Split multi-select: "Question - Selected Choice - Option".
      const split = /^(.*?)\s+-\s+Selected Choice\s+-\s+(.+)$/i.exec(label);
      if (split) {
        text = split[1]!;
        sub = split[2]!;
      }
    } else if (style === 'coded') {
      text = parts[headerRowCount - 1] || parts[0] || '';
      header = text;
    } else if (headerRowCount > 1) {
      header = parts.filter(Boolean).join(' - ');
      text = header;
    }
    if (!header) header = `Column ${columnLetter(c)}`;
    Object.assign(d, { header, text, sub });
    drafts.push(d);
  }

  const headerSet = new Set<string>();
  for (const d of drafts) for (const p of d.headerParts) if (p) headerSet.add(normaliseLabel(p));
  const source = detectSource(headerSet, style);

  // A sample of each column's values, for decisions made on content.
  const sample = (c: number): string[] => {
    const out: string[] = [];
    for (let r = dataStart; r < sampleEnd; r++) {
      const v = cells[r]?.[c];
      if (v !== undefined && v.trim() !== '') out.push(v.length > 500 ? v.slice(0, 500) : v);
    }
    return out;
  };

  const columns: LayoutColumn[] = [];
  let lastQuestion: LayoutColumn | undefined;
  for (const d of drafts) {
    const values = sample(d.index);
    const col = classify(d, values, style, lastQuestion, columns[columns.length - 1]);
    columns.push(col);
    if (col.role === 'question' || col.role === 'option') lastQuestion = col;
  }
  const sampleRows = (cs: number[]): string[][] => {
    const out: string[][] = [];
    for (let r = dataStart; r < sampleEnd; r++) out.push(cs.map((c) => cells[r]?.[c] ?? ''));
    return out;
  };
  blocks(columns, drafts, style, sample, sampleRows);

  const multiSeparator: ';' | ',' = source === 'microsoft-forms' ? ';' : source === 'plain' || source === 'citizen-space' ? guessSeparator(columns, sample) : ',';
  if (style === 'coded') notes.push('The first header row holds codes; question texts are taken from the row below.');
  if (source !== 'plain') notes.push(`Looks like an export from ${sourceName(source)}.`);
  return { source, headerRowCount, headerStart, dataStart, columns, multiSeparator, notes };
}

function sourceName(s: SourceKind): string {
  return { 'microsoft-forms': 'Microsoft Forms', surveymonkey: 'SurveyMonkey', qualtrics: 'Qualtrics', 'citizen-space': 'Citizen Space', decidim: 'Decidim', plain: 'a spreadsheet' }[s];
}

function classify(d: ColumnDraft, values: string[], style: HeaderStyle, lastQuestion: LayoutColumn | undefined, prev: LayoutColumn | undefined): LayoutColumn {
  const base = { index: d.index, header: d.header, headerParts: d.headerParts };
  const make = (role: ColumnRole, because: string, extra: Partial<LayoutColumn> = {}): LayoutColumn => ({ ...base, role, because, ...extra });

  // Metadata: by name, in any header row (Qualtrics puts short names first, labels second).
  if (!d.sub) {
    for (const p of [d.header, ...d.headerParts]) {
      if (!p) continue;
      const meta: MetaField | null | undefined = metaFieldOf(p);
      if (meta !== undefined) return make('meta', meta ? `Survey-tool column "${p}"` : `Survey-tool column "${p}", not imported`, meta ? { metaField: meta } : {});
    }
  }

  const num = headerNumber(d.text) ?? (d.shortBase ? headerNumber(d.shortBase) : null);
  const qText = num && num.rest ? num.rest : d.text;
  const numbering: Partial<LayoutColumn> = num ? { questionNumber: num.number, ...(num.section ? { sectionLabel: num.section } : {}) } : {};

  if (!d.sub && !d.qualtricsKind) {
    // By the label, or any header row's cell (Qualtrics' short names: RecipientEmail under a translated label).
    let field: RespondentFieldKey | undefined = respondentFieldOf(qText) ?? respondentFieldOf(d.header) ?? d.headerParts.map(respondentFieldOf).find(Boolean);
    // "Respondent type: Individual / Organisation" is who is responding, not what kind of body.
    if ((field === 'respondentType' || field === undefined) && /respond|capacity|type/i.test(qText) && looksLikeRespondingAs(values)) field = 'respondingAs';
    if (field) return make('respondent', `"About you" field recognised from the header`, { respondentField: field, questionText: qText, ...numbering });
  }

  if (values.length === 0 && !d.header.trim().replace(/^Column [A-Z]+$/, '')) return make('ignore', 'Empty column with no header');

  // Other text: SurveyMonkey sub-label, Qualtrics "_TEXT", or "Question - Other (please specify)".
  if (d.sub && isOtherHeader(d.sub)) {
    return make('other-text', `"Other" text for the question above`, { group: lastQuestion?.group ?? `c${d.index}`, questionText: qText, optionLabel: d.sub, ...numbering });
  }
  if (d.qualtricsKind === 'text') {
    return make('other-text', `Qualtrics "Other" text box`, { group: lastQuestion?.group ?? `c${d.index}`, questionText: qText, optionLabel: d.qualtricsLabel ?? 'Other', ...numbering });
  }
  if (d.sub) {
    return make('option', `One option of a multi-select question, in its own column`, {
      group: `c${d.index}`,
      questionText: qText,
      optionLabel: d.sub,
      ...numbering,
    });
  }
  // "Question - Other (please specify)" / "Question - Please explain your answer" after that question's column(s).
  // "Question - Other (please specify)", "Position-Other", "Question [Other]" after that question.
  const dash = /^(.*\S)\s+[-–:]\s+(.+)$/.exec(d.text) ?? /^(.*\S)\s*\[([^\]]+)\]$/.exec(d.text) ?? /^(.*[^\s-])-([^\s-][^-]*)$/.exec(d.text);
  const follows = dash && lastQuestion && normaliseLabel(lastQuestion.header).startsWith(normaliseLabel(dash[1]!));
  if (dash && follows && isOtherHeader(dash[2]!) && !values.every((v) => tickValue(v) !== null)) {
    return make('other-text', `"Other" text for the question before`, { group: lastQuestion.group ?? `c${d.index}`, questionText: lastQuestion.questionText ?? dash[1]!, optionLabel: dash[2]!, ...numbering });
  }
  if (dash && follows && isExplanationHeader(dash[2]!)) {
    return make('explanation', `Explanation of the answer to the question before`, { group: lastQuestion.group ?? `c${d.index}`, questionText: lastQuestion.questionText ?? dash[1]!, ...numbering });
  }
  if (isExplanationHeader(qText) && prev?.role === 'respondent' && prev.respondentField === 'confidential') {
    return make('respondent', `"About you" field recognised from the header`, { respondentField: 'confidentialReason', questionText: qText });
  }
  if (isExplanationHeader(qText) && lastQuestion) {
    return make('explanation', `Explanation of the answer to the question before`, {
      group: lastQuestion.group ?? `c${d.index}`,
      questionText: lastQuestion.questionText ?? '',
      ...(lastQuestion.questionNumber ? { questionNumber: lastQuestion.questionNumber } : {}),
      ...(lastQuestion.sectionLabel ? { sectionLabel: lastQuestion.sectionLabel } : {}),
    });
  }
  // Its own group: columns become one question only where the layout says so (column-blocks.ts), never by matching headers.
  return make('question', num ? `Question ${num.section ? `${num.section} ` : ''}${num.number} by its header` : 'An answer column', { group: `c${d.index}`, questionText: qText, ...numbering });
}

/**
 * Which adjacent columns are one question (column-blocks.ts), from what each header says of its
 * place: a SurveyMonkey column with no question text of its own continues the one before; a
 * Qualtrics code Q5_2 is row 2 of question 5; "Stem - Label", "Stem [Label]" or (between words)
 * "Stem-Label" names a stem; "Column12" follows the named column before it. Explanations and
 * "Other" texts that pointed at a column now in a block point at the block.
 */
function blocks(columns: LayoutColumn[], drafts: ColumnDraft[], style: HeaderStyle, sample: (c: number) => string[], rows: (cs: number[]) => string[][]): void {
  const before = columns.map((c) => c.group);
  const inputs: BlockInput[] = columns.map((col, i) => {
    const d = drafts[i]!;
    const input: BlockInput = { col };
    if (d.continues) input.continues = true;
    if (style === 'surveymonkey' && d.sub) Object.assign(input, { stem: d.text, label: d.sub });
    const code = style === 'qualtrics' ? /^Q(\d{1,3})_(\d{1,3})(?:_(\d{1,3}))?(?:_TEXT)?$/i.exec((d.headerParts[0] ?? '').trim()) : null;
    if (code) input.code = [Number(code[1]), Number(code[2]), ...(code[3] ? [Number(code[3])] : [])];
    if (/^column\s?\d+$/i.test(d.header.trim())) input.followOn = true;
    if (!input.stem) {
      const text = style === 'qualtrics' ? d.text : d.header;
      // "Stem - Label"; "Stem [Row]" or "Stem [Row][Scale 1]" (LimeSurvey: the stem ends at the first bracket); "Stem words-Label".
      const m = /^(.*\S)\s+[-–]\s+(.+)$/.exec(text) ?? /^(.*?\S)\s*\[([^\]]+)\](?:\s*\[([^\]]+)\])?\s*$/.exec(text) ?? /^(.*\s.*[^\s-])-([^\s-].*)$/.exec(text);
      if (m) Object.assign(input, { stem: m[1]!, label: m[3] ? `${m[2]} (${m[3]})` : m[2]! });
    }
    return input;
  });
  assignBlocks(inputs, sample, rows);
  const moved = new Map<string, string>();
  columns.forEach((c, i) => {
    if (before[i] && c.group && before[i] !== c.group) moved.set(before[i]!, c.group);
  });
  for (const c of columns) if ((c.role === 'explanation' || c.role === 'other-text') && c.group && moved.has(c.group)) c.group = moved.get(c.group)!;
  // Headers that carry a question number keep it on the block's columns.
  for (const c of columns) {
    if (c.matrix || c.role !== 'option' || c.questionNumber) continue;
    const num = headerNumber(c.questionText ?? '');
    if (num) c.questionNumber = num.number;
  }
}

/** Plain sheets: the separator that multi-select cells use, by which one short-valued cells contain. */
function guessSeparator(columns: LayoutColumn[], sample: (c: number) => string[]): ';' | ',' {
  let semi = 0;
  let comma = 0;
  for (const col of columns) {
    if (col.role !== 'question') continue;
    for (const v of sample(col.index).slice(0, 200)) {
      if (v.length > 200) continue;
      if (v.includes(';')) semi++;
      else if (v.includes(',')) comma++;
    }
  }
  return comma > semi * 3 ? ',' : ';';
}
