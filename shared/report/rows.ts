/**
 * The per-response rows of the workbook and the CSV, redacted as the level requires, produced
 * lazily from the report's row source so 100,000 responses never sit in memory at once.
 *
 * For publication ('redacted'):
 * - personal fields (name, email, role, reason for confidentiality) are left out as columns;
 * - for a respondent who asked for confidentiality, organisation-identifying fields and their free
 *   text are withheld ("[c]"); for one who did not consent to publication, their free text is;
 * - answers, categories and themes follow the published tables: an option or category merged into
 *   "Other (aggregated)" there is shown as "Other (aggregated)" here, and a theme whose count was
 *   withheld is left out of the theme columns and the 0/1 matrix (otherwise summing a column would
 *   give the hidden number back);
 * - whether someone asked for confidentiality or consented is not itself published;
 * - personal data typed into the free text that is published (names from the respondent register,
 *   emails, phone numbers, postcodes, addresses, NI and NHS numbers, profile links) is replaced by a
 *   marker such as "[name removed]" (shared/analysis/personal-data).
 * For internal use ('none') every field is kept, with the confidentiality and consent flags.
 *
 * An empty cell means "not answered" (explained on the workbook's Notes sheet).
 */
import { londonParts } from '../domain/govuk-dates';
import { OTHER_AGGREGATED, SUPPRESSED } from '../analysis/suppression';
import type { RedactionLevel, ResponseFieldDef, ResponseRow, RowParts, RowSource } from './model';
import { organisationKey } from './organisation-confidentiality';
import type { Scrub } from './personal-data-scrubber';
import type { RowDisclosure } from './row-disclosure';

export type { RowParts };

export type CellValue = string | number;

export interface RowColumn {
  header: string;
  /** Suggested width in characters (for spreadsheets). */
  width: number;
}

export interface MatrixColumn {
  header: string;
  questionId: string;
  themeId: string;
}

export interface PreparedRow {
  id: string;
  /** One per RowColumn; '' for not answered. */
  cells: CellValue[];
  /** One per MatrixColumn: 1 when the response was coded with the theme. */
  flags: Uint8Array;
}

/** What the row redaction needs to know about each question, worked out by prepareReport. */
export interface RowQuestionPlan {
  id: string;
  number: string;
  closed: boolean;
  takesText: boolean;
  /** Option id → label as published (merged options → "Other (aggregated)"). */
  optionLabels: Map<string, string>;
  /** Theme id → name, for themes that may be shown. */
  themeNames: Map<string, string>;
  hasThemes: boolean;
}

export interface RowPlan {
  redaction: RedactionLevel;
  fields: ResponseFieldDef[];
  /** Kept export columns' headers (ConsultationReport.keptColumns): columns of the internal rows only. */
  kept?: string[];
  questions: RowQuestionPlan[];
  /** Per grouped field: category label → label as published. */
  categoryLabels: Partial<Record<'respondingAs' | 'type' | 'region' | 'channel', Map<string, string>>>;
  /** Publication: free text with personal data replaced by markers ("[name removed]"); none for internal use. */
  scrubText?: Scrub;
  /** Publication: organisations that asked for confidentiality on any response (organisationKey). */
  hiddenOrganisations?: ReadonlySet<string>;
  /** Publication: details and answers withheld so the rows cannot undo the tables' suppression (R-PUB3). */
  disclosure?: RowDisclosure;
}

const yesNo = (v: boolean | null): string => (v === null ? 'Not answered' : v ? 'Yes' : 'No');

/** London's offset from UTC (minutes) per UTC hour: Intl is slow, and 100,000 rows span a few thousand hours. */
const offsets = new Map<number, number>();
function londonOffsetMinutes(ms: number): number {
  const hour = Math.floor(ms / 3_600_000);
  let off = offsets.get(hour);
  if (off === undefined) {
    const p = londonParts(new Date(hour * 3_600_000));
    off = Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - hour * 3_600_000) / 60_000);
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(hour, off);
  }
  return off;
}

/** "2027-03-12 14:05", London time: sortable, and unambiguous in a spreadsheet. */
export function receivedText(iso: string | null): string {
  if (!iso) return '';
  // A day with no time given is shown as the day: no time is invented.
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  // Only the app's own ISO times are read here (Date.parse would guess at "Mar 9, 2025" in the machine's zone).
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso)) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  // Offsets change on the hour, so the hour's offset holds for every minute in it.
  const d = new Date(ms + londonOffsetMinutes(ms) * 60_000);
  const two = (n: number) => (n < 10 ? `0${n}` : String(n));
  const date = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  return `${date} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** Unique header names (Excel tables need them): a repeat gets " (2)", " (3)"… */
export function uniqueHeaders(headers: string[]): string[] {
  const seen = new Set<string>();
  return headers.map((h) => {
    const base = h.replace(/\s+/g, ' ').trim() || 'Column';
    let name = base;
    for (let i = 2; seen.has(name.toLowerCase()); i++) name = `${base} (${i})`;
    seen.add(name.toLowerCase());
    return name;
  });
}

export function rowColumns(plan: RowPlan): { columns: RowColumn[]; matrix: MatrixColumn[] } {
  const cols: RowColumn[] = [
    { header: 'Response id', width: 16 },
    { header: 'Received', width: 18 },
    { header: 'Channel', width: 16 },
    { header: 'Campaign', width: 24 },
  ];
  if (plan.redaction === 'none') {
    cols.push({ header: 'Asked for confidentiality', width: 14 }, { header: 'Consented to publication', width: 14 });
    // Where each response came from, so every row can be traced back to the file it was in.
    cols.push(
      { header: 'Source file', width: 24 },
      { header: 'Row in the source', width: 10 },
      { header: 'ID in the source', width: 16 },
      { header: 'Started', width: 18 },
    );
  }
  for (const f of visibleFields(plan)) cols.push({ header: f.label, width: 24 });
  const matrix: MatrixColumn[] = [];
  for (const q of plan.questions) {
    if (q.closed) cols.push({ header: `Q${q.number} answer`, width: 24 });
    if (q.takesText) cols.push({ header: q.closed ? `Q${q.number} comments` : `Q${q.number} answer`, width: 60 });
    if (q.hasThemes) cols.push({ header: `Q${q.number} themes`, width: 30 });
    for (const [themeId, name] of q.themeNames)
      matrix.push({ header: `Q${q.number}: ${name}`, questionId: q.id, themeId });
  }
  if (plan.redaction === 'none') for (const k of plan.kept ?? []) cols.push({ header: k, width: 20 });
  const headers = uniqueHeaders(cols.map((c) => c.header));
  const mHeaders = uniqueHeaders(['Response id', ...matrix.map((m) => m.header)]).slice(1);
  return {
    columns: cols.map((c, i) => ({ ...c, header: headers[i]! })),
    matrix: matrix.map((m, i) => ({ ...m, header: mHeaders[i]! })),
  };
}

const visibleFields = (plan: RowPlan): ResponseFieldDef[] =>
  plan.redaction === 'redacted' ? plan.fields.filter((f) => !f.personal && !f.internalOnly) : plan.fields;

/** What prepareRow works out once per plan rather than once per row (100,000 rows). */
interface PlanFacts {
  fields: ResponseFieldDef[];
  /** Per question: option id → label as shown (redacted: aggregated when not published). */
  labelOf: Array<(id: string) => string>;
}
const planFacts = new WeakMap<RowPlan, PlanFacts>();
function factsOf(plan: RowPlan): PlanFacts {
  let f = planFacts.get(plan);
  if (!f) {
    const redacted = plan.redaction === 'redacted';
    f = {
      fields: visibleFields(plan),
      labelOf: plan.questions.map((q) =>
        redacted ? (c: string) => q.optionLabels.get(c) ?? OTHER_AGGREGATED : (c: string) => q.optionLabels.get(c) ?? c,
      ),
    };
    planFacts.set(plan, f);
  }
  return f;
}

/** Matrix column of each (question, theme), worked out once per matrix. */
const matrixIndexes = new WeakMap<MatrixColumn[], Map<string, Map<string, number>>>();
function matrixIndex(matrix: MatrixColumn[]): Map<string, Map<string, number>> {
  let byQuestion = matrixIndexes.get(matrix);
  if (!byQuestion) {
    byQuestion = new Map();
    matrix.forEach((m, i) => {
      let themes = byQuestion!.get(m.questionId);
      if (!themes) byQuestion!.set(m.questionId, (themes = new Map<string, number>()));
      if (!themes.has(m.themeId)) themes.set(m.themeId, i);
    });
    matrixIndexes.set(matrix, byQuestion);
  }
  return byQuestion;
}

/** The cells of one response, redacted per the plan. */
export function prepareRow(plan: RowPlan, row: ResponseRow, matrix: MatrixColumn[], parts: RowParts = {}): PreparedRow {
  const flags = new Uint8Array(parts.flags !== false ? matrix.length : 0);
  if (parts.flags !== false && matrix.length) {
    // From the row's own codings (a few) rather than from every matrix column (one per theme).
    const index = matrixIndex(matrix);
    for (const questionId in row.themes) {
      const columns = index.get(questionId);
      if (!columns) continue;
      for (const themeId of row.themes[questionId]!) {
        const i = columns.get(themeId);
        if (i !== undefined) flags[i] = 1;
      }
    }
  }
  if (parts.cells === false) return { id: row.id, cells: [], flags };
  const facts = factsOf(plan);
  const redacted = plan.redaction === 'redacted';
  const organisation = row.fields['organisation'];
  // One rule (R-PUB4): an organisation that asked for confidentiality on any response is not named on this one either.
  const hiddenOrganisation =
    !!plan.hiddenOrganisations && !!organisation && plan.hiddenOrganisations.has(organisationKey(organisation));
  const withholdIdentity = redacted && (row.confidential || hiddenOrganisation);
  const withholdText = redacted && (row.confidential || row.publishConsent !== true);
  const category = (key: keyof RowPlan['categoryLabels'], v: string): string =>
    redacted ? (plan.categoryLabels[key]?.get(v) ?? v) : v;
  // Internally, a time the app could not read is shown as it was written rather than left blank.
  const received = receivedText(row.receivedAt) || (redacted ? '' : (row.origin?.submittedAt ?? ''));
  const cells: CellValue[] = [row.id, received, category('channel', row.channel), row.campaign ?? ''];
  if (!redacted) {
    // Internally, consent in the respondent's own words when they say more than yes or no ("Publish response only
    // (without name)").
    const words = row.origin?.publishConsent?.trim() ?? '';
    cells.push(
      row.confidential ? 'Yes' : 'No',
      words && !/^(yes|no|y|n|true|false)$/i.test(words)
        ? `${yesNo(row.publishConsent)} (${words})`
        : yesNo(row.publishConsent),
    );
    const o = row.origin;
    cells.push(
      o?.file ?? '',
      o?.row ?? '',
      o?.externalId ?? '',
      o?.startedAt ? receivedText(o.startedAt) || o.startedAt : '',
    );
  }
  const disclosure = redacted ? plan.disclosure : undefined;
  for (const f of facts.fields) {
    const v = row.fields[f.key] ?? '';
    if (withholdIdentity && f.identifying && v.trim()) cells.push(SUPPRESSED);
    // R-PUB3: a detail in a combination shared by fewer than the threshold (a blank one too: that it
    // was left blank can pick someone out as well as a value can).
    else if (f.groupedAs && disclosure?.withheld[f.groupedAs]?.has(row.id)) cells.push(SUPPRESSED);
    else cells.push(f.groupedAs ? category(f.groupedAs, v) : v);
  }
  const questions = plan.questions;
  for (let qi = 0; qi < questions.length; qi++) {
    const q = questions[qi]!;
    const a = row.answers[q.id];
    if (q.closed) {
      const choices = a?.choices;
      const label = facts.labelOf[qi]!;
      const hidden = disclosure?.hiddenCells.get(q.id);
      if (!choices || choices.length === 0) cells.push('');
      // R-PUB3: the answer of a type whose cell the question's cross-tab withholds.
      else if (hidden && hiddenAnswer(hidden, row, choices)) cells.push(SUPPRESSED);
      // Most closed answers are one choice: no list to build.
      else if (choices.length === 1) cells.push(label(choices[0]!));
      else {
        const labels: string[] = [];
        for (const c of choices) {
          const l = label(c);
          if (!labels.includes(l)) labels.push(l);
        }
        cells.push(labels.join('; '));
      }
    }
    if (q.takesText) {
      const t = a?.text?.trim() ? a.text : '';
      cells.push(
        t && withholdText
          ? SUPPRESSED
          : t && plan.scrubText
            ? plan.scrubText(t, { responseId: row.id, questionId: q.id })
            : t,
      );
    }
    if (q.hasThemes) {
      const themes = row.themes[q.id];
      if (!themes || themes.length === 0) cells.push('');
      // Most coded answers have one theme: no list to build.
      else if (themes.length === 1) cells.push(q.themeNames.get(themes[0]!) ?? '');
      else {
        const names: string[] = [];
        for (const t of themes) {
          const n = q.themeNames.get(t);
          if (n !== undefined && !names.includes(n)) names.push(n);
        }
        cells.push(names.join('; '));
      }
    }
  }
  if (!redacted && plan.kept?.length) {
    const kept = row.kept ?? {};
    for (let k = 0; k < plan.kept.length; k++) cells.push(kept[k] ?? '');
  }
  return { id: row.id, cells, flags };
}

/** Whether a row's answer falls in a withheld cell of its question's cross-tab (any of its choices). */
function hiddenAnswer(
  hidden: { fieldKey: string; cells: ReadonlySet<string> },
  row: ResponseRow,
  choices: readonly string[],
): boolean {
  const level = row.fields[hidden.fieldKey]?.trim();
  if (!level) return false;
  for (const c of choices) if (hidden.cells.has(`${level}\u0000${c}`)) return true;
  return false;
}

/** Prepared rows, one at a time, from a fresh pass over the source. */
export async function* preparedRows(
  source: RowSource,
  plan: RowPlan,
  matrix: MatrixColumn[],
  parts: RowParts = {},
): AsyncGenerator<PreparedRow> {
  const it = source(parts);
  // A synchronous source is read without an await per row (much quicker over 100,000 rows).
  if (Symbol.iterator in it) for (const row of it) yield prepareRow(plan, row, matrix, parts);
  else for await (const row of it) yield prepareRow(plan, row, matrix, parts);
}
