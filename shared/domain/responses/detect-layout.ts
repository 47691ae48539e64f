import type { ColumnRole, Layout, LayoutColumn, MetaField, RawTable, SourceKind } from './types';
import type { RespondentFieldKey } from '../draft/model';
import { normaliseLabel, tickValue } from './text-match';
import { headerNumber, isExplanationHeader, isOtherHeader, looksLikeRespondingAs, metaFieldOf, respondentFieldOf, stripQualtricsSuffix } from './header-rules';

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
const IMPORT_ID = /^\{\s*"importid"/i;
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

function detectHeaderStyle(cells: string[][], start: number): HeaderStyle {
  const r0 = cells[start];
  const r1 = cells[start + 1];
  const r2 = cells[start + 2];
  const r2cells = nonEmpty(r2);
  if (r2cells.length > 0 && r2cells.filter((c) => IMPORT_ID.test(c)).length / r2cells.length >= 0.5) return 'qualtrics';
  const r1cells = nonEmpty(r1).map(normaliseLabel);
  if (r1cells.some((c) => SM_SUBLABELS.has(c))) {
    const r0norm = nonEmpty(r0).map(normaliseLabel);
    // Question texts span their follow-on columns: the first row has gaps where the second has labels.
    const gaps = (r0 ?? []).some((c, i) => c.trim() === '' && (r1?.[i] ?? '').trim() !== '');
    if (r0norm.includes('respondent id') || gaps) return 'surveymonkey';
  }
  const r0cells = nonEmpty(r0);
  if (r0cells.length > 0 && r1 && !isBlankRow(r1)) {
    const coded = r0cells.filter((c) => c.length <= 30 && CODE_CELL.test(c)).length / r0cells.length >= 0.8;
    if (coded && secondRowIsHeader(cells, start)) return 'coded';
  }
  return 'one';
}

/** A second header row holds labels: wordy or questions, each seen once in its column. */
function secondRowIsHeader(cells: string[][], start: number): boolean {
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
  return count > 0 && labelish / count >= 0.6;
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

  const detectedStyle = detectHeaderStyle(cells, headerStart);
  const detectedCount = detectedStyle === 'qualtrics' ? 3 : detectedStyle === 'one' ? 1 : 2;
  const headerRowCount = Math.max(1, Math.min(5, opts.headerRowCount ?? detectedCount));
  const style: HeaderStyle = headerRowCount === detectedCount ? detectedStyle : headerRowCount === 1 ? 'one' : 'coded';
  const notes: string[] = [];

  let dataStart = headerStart + headerRowCount;
  const skippedBlank = dataStart;
  while (dataStart < cells.length && isBlankRow(cells[dataStart])) dataStart++;
  if (dataStart > skippedBlank) notes.push(`${dataStart - skippedBlank} blank row${dataStart - skippedBlank === 1 ? '' : 's'} after the header skipped.`);

  const headerRows = cells.slice(headerStart, headerStart + headerRowCount);
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
    let text = parts[0] ?? '';
    let sub = '';
    let header = text;
    const d: ColumnDraft = { index: c, header, headerParts: parts, text, sub };
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
  markOptionGroups(columns, drafts, sample);

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
    let field: RespondentFieldKey | undefined = respondentFieldOf(qText) ?? respondentFieldOf(d.header);
    // "Respondent type: Individual / Organisation" is who is responding, not what kind of body.
    if ((field === 'respondentType' || field === undefined) && /respond|capacity|type/i.test(qText) && looksLikeRespondingAs(values)) field = 'respondingAs';
    if (field) return make('respondent', `"About you" field recognised from the header`, { respondentField: field, questionText: qText, ...numbering });
  }

  if (values.length === 0 && !d.header.trim().replace(/^Column [A-Z]+$/, '')) return make('ignore', 'Empty column with no header');

  // Other text: SurveyMonkey sub-label, Qualtrics "_TEXT", or "Question - Other (please specify)".
  if (d.sub && isOtherHeader(d.sub)) {
    return make('other-text', `"Other" text for the question above`, { group: d.text, questionText: qText, optionLabel: d.sub, ...numbering });
  }
  if (d.qualtricsKind === 'text') {
    return make('other-text', `Qualtrics "Other" text box`, { group: d.shortBase ?? d.text, questionText: qText, optionLabel: d.qualtricsLabel ?? 'Other', ...numbering });
  }
  if (d.sub) {
    return make('option', `One option of a multi-select question, in its own column`, {
      group: style === 'qualtrics' ? (d.shortBase ?? d.text) : d.text,
      questionText: qText,
      optionLabel: d.sub,
      ...numbering,
    });
  }
  // "Question - Other (please specify)" / "Question - Please explain your answer" after that question's column(s).
  const dash = /^(.*\S)\s+[-–:]\s+(.+)$/.exec(d.text);
  const follows = dash && lastQuestion && normaliseLabel(lastQuestion.header).startsWith(normaliseLabel(dash[1]!));
  if (dash && follows && isOtherHeader(dash[2]!) && !values.every((v) => tickValue(v) !== null)) {
    return make('other-text', `"Other" text for the question before`, { group: dash[1]!, questionText: lastQuestion.questionText ?? dash[1]!, optionLabel: dash[2]!, ...numbering });
  }
  if (dash && follows && isExplanationHeader(dash[2]!)) {
    return make('explanation', `Explanation of the answer to the question before`, { group: dash[1]!, questionText: lastQuestion.questionText ?? dash[1]!, ...numbering });
  }
  if (isExplanationHeader(qText) && prev?.role === 'respondent' && prev.respondentField === 'confidential') {
    return make('respondent', `"About you" field recognised from the header`, { respondentField: 'confidentialReason', questionText: qText });
  }
  if (isExplanationHeader(qText) && lastQuestion) {
    return make('explanation', `Explanation of the answer to the question before`, {
      group: lastQuestion.group ?? lastQuestion.header,
      questionText: lastQuestion.questionText ?? '',
      ...(lastQuestion.questionNumber ? { questionNumber: lastQuestion.questionNumber } : {}),
      ...(lastQuestion.sectionLabel ? { sectionLabel: lastQuestion.sectionLabel } : {}),
    });
  }
  const group = style === 'qualtrics' ? (d.shortBase ?? d.text) : d.text;
  return make('question', num ? `Question ${num.section ? `${num.section} ` : ''}${num.number} by its header` : 'An answer column', { group, questionText: qText, ...numbering });
}

/**
 * "Question - Option" columns side by side holding ticks (1/0, Yes, X) or the option's own text:
 * one multi-select question spread over columns (Citizen Space checkboxes, Qualtrics split,
 * hand-made sheets).
 */
function markOptionGroups(columns: LayoutColumn[], drafts: ColumnDraft[], sample: (c: number) => string[]): void {
  const DASH = /^(.*\S)\s+[-–:]\s+(.+)$/;
  let i = 0;
  while (i < columns.length) {
    const m = columns[i]!.role === 'question' ? DASH.exec(drafts[i]!.text) : null;
    if (!m) {
      i++;
      continue;
    }
    const baseText = m[1]!;
    const run: { idx: number; label: string }[] = [{ idx: i, label: m[2]! }];
    let j = i + 1;
    while (j < columns.length) {
      const mj = DASH.exec(drafts[j]!.text);
      const role = columns[j]!.role;
      if (!mj || normaliseLabel(mj[1]!) !== normaliseLabel(baseText) || !(role === 'question' || role === 'other-text' || role === 'explanation')) break;
      run.push({ idx: j, label: mj[2]! });
      j++;
    }
    const candidates = run.filter((r) => columns[r.idx]!.role === 'question');
    // Ticks (1/0, Yes, X), the option's own text, or rank numbers.
    const ticks = candidates.every((r) => sample(r.idx).every((v) => tickValue(v) !== null || /^\d{1,3}$/.test(v.trim()) || normaliseLabel(v) === normaliseLabel(r.label)));
    if (candidates.length >= 2 && ticks) {
      const num = headerNumber(baseText);
      const qText = num && num.rest ? num.rest : baseText;
      for (const r of run) {
        const c = columns[r.idx]!;
        if (c.role !== 'question') {
          columns[r.idx] = { ...c, group: baseText };
          continue;
        }
        const other = isOtherHeader(r.label);
        columns[r.idx] = {
          ...c,
          role: 'option',
          group: baseText,
          questionText: qText,
          optionLabel: r.label,
          because: other ? '"Other" ticked for a multi-select question' : 'One option of a multi-select or ranking question, in its own column',
          ...(num ? { questionNumber: num.number } : {}),
        };
      }
    }
    i = j;
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
