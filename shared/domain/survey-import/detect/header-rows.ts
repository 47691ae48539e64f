import { normaliseLabel } from '../values/text-match';
import { metaFieldOf, respondentFieldOf } from './header-vocabulary';

/**
 * Which rows of an export are its header, and in which tool's style: Qualtrics has a third row of
 * {"ImportId":…} (or, re-saved, its own short names over a row of labels); SurveyMonkey a second
 * row of "Response" / "Open-Ended Response" / option labels under question texts that span
 * columns; a first row of codes ("Ident 1", "Q1") over a row of question texts is two rows;
 * otherwise one.
 */

const SAMPLE_ROWS = 2000;
/** The second header row's cell of a one-column question: SurveyMonkey's "Response", SmartSurvey's "Answer". */
export const SM_SUBLABELS = new Set(['response', 'open-ended response', 'responses', 'open ended response', 'answer']);
const CODE_CELL = /^[a-z][a-z ]{0,15}[ _.-]?\d{1,4}[a-z0-9_]*$/i;
// Qualtrics' third header row: {"ImportId":"QID1"} (JSON), or {'ImportId': 'QID1'} once re-saved by another tool.
const IMPORT_ID = /^\{\s*['"]importid['"]/i;
/**
 * Qualtrics' own column names (its first header row): three of them mark an export re-saved without the ImportId row.
 */
const QUALTRICS_SHORT_NAMES = new Set([
  'startdate',
  'enddate',
  'status',
  'ipaddress',
  'progress',
  'duration (in seconds)',
  'finished',
  'recordeddate',
  'responseid',
  'recipientlastname',
  'recipientfirstname',
  'recipientemail',
  'externalreference',
  'locationlatitude',
  'locationlongitude',
  'distributionchannel',
  'userlanguage',
]);
const QUESTION_START = new RegExp(
  [
    String.raw`^(please|what|which|who|whom|where|when|why|how|do|does|did|are|is|would|should|could|`,
    String.raw`can|have|has|to what extent|tell us|describe|explain|rank|select|choose)\b`,
  ].join(''),
  'i',
);

export function isBlankRow(row: string[] | undefined): boolean {
  if (!row) return true;
  for (const c of row) if (c.trim() !== '') return false;
  return true;
}

function nonEmpty(row: string[] | undefined): string[] {
  return (row ?? []).map((c) => c.trim()).filter((c) => c !== '');
}

export type HeaderStyle = 'one' | 'surveymonkey' | 'qualtrics' | 'coded';

/** The header style and how many header rows it has. */
export function detectHeaderStyle(cells: string[][], start: number): { style: HeaderStyle; rows: number } {
  const r0 = cells[start];
  const r1 = cells[start + 1];
  const r2 = cells[start + 2];
  const r2cells = nonEmpty(r2);
  if (r2cells.length > 0 && r2cells.filter((c) => IMPORT_ID.test(c)).length / r2cells.length >= 0.5)
    return { style: 'qualtrics', rows: 3 };
  // SmartSurvey: "Q3.1. Option" sub-labels under question texts that span their columns.
  const numbered = nonEmpty(r1).filter((c) => /^Q\d{1,3}\.\d{1,3}\.\s/i.test(c)).length;
  if (numbered >= 2 && (r0 ?? []).some((c, i) => c.trim() === '' && (r1?.[i] ?? '').trim() !== ''))
    return { style: 'surveymonkey', rows: 2 };
  const r1cells = nonEmpty(r1).map(normaliseLabel);
  if (r1cells.some((c) => SM_SUBLABELS.has(c))) {
    const r0norm = nonEmpty(r0).map(normaliseLabel);
    // Question texts span their follow-on columns: the first row has gaps where the second has
    // labels. Or the second row is mostly "Response" (single-column questions only, no gaps).
    const gaps = (r0 ?? []).some((c, i) => c.trim() === '' && (r1?.[i] ?? '').trim() !== '');
    const mostlyResponse = r1cells.filter((c) => SM_SUBLABELS.has(c)).length / Math.max(1, r1cells.length) >= 0.5;
    if (r0norm.includes('respondent id') || r0norm.includes('respondentid') || gaps || mostlyResponse)
      return { style: 'surveymonkey', rows: 2 };
  }
  const r0cells = nonEmpty(r0);
  // Qualtrics re-saved without its ImportId row: its own short names over a row of labels.
  const shortNames = r0cells.filter((c) => QUALTRICS_SHORT_NAMES.has(normaliseLabel(c))).length;
  const legacy = r0cells.filter((c) => /^V\d{1,2}$/.test(c.trim())).length >= 5;
  if ((shortNames >= 3 || legacy) && r1 && !isBlankRow(r1) && secondRowIsHeader(cells, start, 0.5))
    return { style: 'qualtrics', rows: 2 };
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
    const wordy =
      v.endsWith('?') || QUESTION_START.test(v) || metaFieldOf(v) !== undefined || respondentFieldOf(v) !== undefined;
    let repeated = false;
    for (let r = start + 2; r < end && !repeated; r++) if ((cells[r]?.[c] ?? '').trim() === v) repeated = true;
    if (wordy && !repeated) labelish++;
  }
  return count > 0 && labelish / count >= share;
}
