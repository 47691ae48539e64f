import type { Layout, LayoutColumn, RawTable, SourceKind } from '../types';
import { normaliseLabel } from '../values/text-match';
import { assignBlocks, type BlockInput } from './column-blocks';
import { cleanHeader, headerNumber, labelFirstParts, stripQualtricsSuffix } from './header-vocabulary';
import { detectHeaderStyle, isBlankRow, SM_SUBLABELS, type HeaderStyle } from './header-rows';
import { detectSource, sourceName } from './source-tool';
import { classify, type ColumnDraft } from './classify-column';

/**
 * Works out how an export is laid out (README.md in shared/domain/survey-import): which rows are
 * headers (header-rows.ts), which tool made it (source-tool.ts), what each column holds
 * (classify-column.ts) and which columns are one question (column-blocks.ts). Blank rows straight
 * after the header are skipped, never read as responses.
 */

export interface DetectOptions {
  /** The official's correction of the number of header rows. */
  headerRowCount?: number;
}

const SAMPLE_ROWS = 2000;

export function columnLetter(i: number): string {
  let s = '';
  let n = i;
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
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
  if (dataStart > skippedBlank)
    notes.push(
      `${dataStart - skippedBlank} blank row${dataStart - skippedBlank === 1 ? '' : 's'} after the header skipped.`,
    );

  const rawHeaderRows = cells.slice(headerStart, headerStart + headerRowCount);
  // Headers as a person reads them: HTML tags and entities, non-breaking spaces and runs of space
  // out (the raw text stays in the column list of the import's outcome).
  const headerRows = rawHeaderRows.map((r) => r.map(cleanHeader));
  // Columns: as wide as the header; beyond it only where most rows have something (a column with
  // no heading). A few long rows are broken rows, rejected later, not new columns.
  let width = 0;
  for (const r of headerRows)
    for (let c = r.length - 1; c >= width; c--)
      if (r[c]!.trim() !== '') {
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
    const d: ColumnDraft = {
      index: c,
      header,
      headerParts: parts,
      raw,
      text,
      sub,
      continues: style === 'surveymonkey' && c > 0 && !(headerRows[0]?.[c] ?? '').trim(),
    };
    if (style === 'surveymonkey') {
      // SmartSurvey numbers its sub-labels: "Q3.1. Affordable homes to rent".
      sub = (parts[1] ?? '').replace(/^Q\d{1,3}\.\d{1,3}\.\s+/i, '');
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
    const col = classify(d, values, style, source, lastQuestion, columns[columns.length - 1]);
    columns.push(col);
    if (col.role === 'question' || col.role === 'option') lastQuestion = col;
  }
  const sampleRows = (cs: number[]): string[][] => {
    const out: string[][] = [];
    for (let r = dataStart; r < sampleEnd; r++) out.push(cs.map((c) => cells[r]?.[c] ?? ''));
    return out;
  };
  blocks(columns, drafts, style, source, sample, sampleRows);
  oneColumnPerMetaField(columns);

  const multiSeparator: ';' | ',' =
    source === 'microsoft-forms'
      ? ';'
      : source === 'plain' || source === 'citizen-space'
        ? guessSeparator(columns, sample)
        : ',';
  if (style === 'coded') notes.push('The first header row holds codes; question texts are taken from the row below.');
  if (source !== 'plain') notes.push(`Looks like an export from ${sourceName(source)}.`);
  return { source, headerRowCount, headerStart, dataStart, columns, multiSeparator, notes };
}

/**
 * Which adjacent columns are one question (column-blocks.ts), from what each header says of its
 * place: a SurveyMonkey column with no question text of its own continues the one before; a
 * Qualtrics code Q5_2 is row 2 of question 5; "Stem - Label", "Stem [Label]" or (between words)
 * "Stem-Label" names a stem; "Column12" follows the named column before it. Explanations and
 * "Other" texts that pointed at a column now in a block point at the block.
 */
function blocks(
  columns: LayoutColumn[],
  drafts: ColumnDraft[],
  style: HeaderStyle,
  source: SourceKind,
  sample: (c: number) => string[],
  rows: (cs: number[]) => string[][],
): void {
  const before = columns.map((c) => c.group);
  const inputs: BlockInput[] = columns.map((col, i) => {
    const d = drafts[i]!;
    const input: BlockInput = { col };
    if (d.continues) input.continues = true;
    if (style === 'surveymonkey' && d.sub) Object.assign(input, { stem: d.text, label: d.sub });
    const code =
      style === 'qualtrics'
        ? /^Q(\d{1,3})_(\d{1,3})(?:_(\d{1,3}))?(_TEXT)?$/i.exec((d.headerParts[0] ?? '').trim())
        : null;
    if (code) input.code = [Number(code[1]), Number(code[2]), ...(code[3] ? [Number(code[3])] : [])];
    // Qualtrics Q2_7_TEXT: the text box of option 7 ("Other, please tell us").
    if (code?.[4]) input.otherText = true;
    if (/^column\s?\d+$/i.test(d.header.trim())) input.followOn = true;
    // Alchemer writes the label first: "Option:Question", "Row:Question", "First Name:Your details".
    const labelFirst = source === 'alchemer' ? labelFirstParts(d.header) : null;
    if (labelFirst) Object.assign(input, { stem: labelFirst[1], label: labelFirst[0] });
    // Kobo and ODK: "question/option" for a select_multiple's 0/1 columns.
    const path = source === 'kobo' || source === 'odk' ? /^(.+)\/([^/]+)$/.exec(d.header) : null;
    if (path && !input.stem) Object.assign(input, { stem: path[1]!, label: path[2]! });
    // A geopoint in four columns (ODK Central's "location-Latitude" …): one question.
    const point = /^(.+?)[-_/ ](latitude|longitude|altitude|accuracy|precision)$/i.exec(d.header);
    if (point && !input.stem) Object.assign(input, { stem: point[1]!, label: point[2]! });
    if (!input.stem) {
      const text = style === 'qualtrics' ? d.text : d.header;
      // "Stem >> Row" (Jotform); "Stem - Label"; "Stem [Row]" or "Stem [Row][Scale 1]" (LimeSurvey: the stem ends at
      // the first bracket); "Stem words-Label".
      const m =
        /^(.*\S)\s+>>\s+(.+)$/.exec(text) ??
        /^(.*\S)\s+[-–]\s+(.+)$/.exec(text) ??
        /^(.*?\S)\s*\[([^\]]+)\](?:\s*\[([^\]]+)\])?\s*$/.exec(text) ??
        /^(.*\s.*[^\s-])-([^\s-].*)$/.exec(text);
      if (m) Object.assign(input, { stem: m[1]!, label: m[3] ? `${m[2]} (${m[3]})` : m[2]! });
    }
    return input;
  });
  assignBlocks(inputs, sample, rows);
  // Kobo and ODK write a select_multiple twice: the choices in one cell, then a 0/1 column each.
  // With the option columns there, the one-cell column says the same again: kept, not a question.
  if (source === 'kobo' || source === 'odk') {
    columns.forEach((c, i) => {
      const next = columns[i + 1];
      if (
        c.role === 'question' &&
        !c.matrix &&
        next?.role === 'option' &&
        normaliseLabel(next.questionText ?? '') === normaliseLabel(c.header)
      ) {
        for (const k of ['group', 'questionText', 'questionNumber', 'sectionLabel'] as const) delete c[k];
        Object.assign(c, {
          role: 'meta',
          because: 'The choices of the option columns after it, in one cell: kept with the response as received',
        });
      }
    });
  }
  const moved = new Map<string, string>();
  columns.forEach((c, i) => {
    if (before[i] && c.group && before[i] !== c.group) moved.set(before[i]!, c.group);
  });
  for (const c of columns)
    if ((c.role === 'explanation' || c.role === 'other-text') && c.group && moved.has(c.group))
      c.group = moved.get(c.group)!;
  // Headers that carry a question number keep it on the block's columns.
  for (const c of columns) {
    if (c.matrix || c.role !== 'option' || c.questionNumber) continue;
    const num = headerNumber(c.questionText ?? '');
    if (num) c.questionNumber = num.number;
  }
}

/**
 * A response has one id, one start and one received time: when several columns claim one (a
 * device's finishing time beside the server's), the first keeps it and the others are kept with
 * the response as received.
 */
function oneColumnPerMetaField(columns: LayoutColumn[]): void {
  const taken = new Set<string>();
  for (const c of columns) {
    if (c.role !== 'meta' || !c.metaField || c.metaField === 'channel') continue;
    if (taken.has(c.metaField)) {
      delete c.metaField;
      c.because = `Survey-tool column "${c.header}", kept as received (a column before it holds the same detail)`;
    } else taken.add(c.metaField);
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
