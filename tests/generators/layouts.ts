import type { AboutYouField, Draft, Question } from '#shared/domain/draft/model';
import {
  answerOptions,
  OTHER_LABEL,
  OTHER_OPTION_ID,
  orderedQuestions,
  questionNumbers,
} from '#shared/domain/draft/model';
import { londonParts } from '#shared/domain/govuk-dates';
import type { SyntheticAnswer, SyntheticResponse } from './synthetic';
import { Rng } from './random';

/**
 * Writers: synthetic responses → the table (header rows + one row per response) each survey tool
 * exports. Layouts follow peers.md §8; where a detail is not documented publicly (Citizen Space's
 * exact columns) it is a plausible reading, said so in electron/services/formats/read/README.md.
 * Encoding to CSV/XLSX/XLS/ODS bytes is encode.ts.
 */
export type Table = string[][];
export type LayoutName =
  'microsoft-forms' | 'surveymonkey' | 'surveymonkey-condensed' | 'qualtrics' | 'citizen-space' | 'decidim' | 'plain';
export const LAYOUT_NAMES: LayoutName[] = [
  'microsoft-forms',
  'surveymonkey',
  'surveymonkey-condensed',
  'qualtrics',
  'citizen-space',
  'decidim',
  'plain',
];

type D = Pick<Draft, 'sections' | 'questions' | 'aboutYou'>;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** London wall clock of an instant, with seconds (UK offsets are whole hours, cached per hour). */
const offsetByHour = new Map<number, number>();
function wall(d: Date): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const hourKey = Math.floor(d.getTime() / 3600_000);
  let off = offsetByHour.get(hourKey);
  if (off === undefined) {
    const p = londonParts(new Date(hourKey * 3600_000));
    off = (((p.hour - new Date(hourKey * 3600_000).getUTCHours()) % 24) + 24) % 24;
    offsetByHour.set(hourKey, off);
  }
  const t = new Date(d.getTime() + off * 3600_000);
  return {
    y: t.getUTCFullYear(),
    mo: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    h: t.getUTCHours(),
    mi: t.getUTCMinutes(),
    s: t.getUTCSeconds(),
  };
}

export const formatIsoLocal = (d: Date) => {
  const w = wall(d);
  return `${w.y}-${pad(w.mo)}-${pad(w.d)} ${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`;
};
const formatForms = (d: Date) => {
  const w = wall(d);
  return `${w.mo}/${w.d}/${String(w.y).slice(2)} ${w.h}:${pad(w.mi)}:${pad(w.s)}`;
};
const formatMonkey = (d: Date) => {
  const w = wall(d);
  const h12 = w.h % 12 === 0 ? 12 : w.h % 12;
  return `${pad(w.mo)}/${pad(w.d)}/${w.y} ${pad(h12)}:${pad(w.mi)}:${pad(w.s)} ${w.h < 12 ? 'AM' : 'PM'}`;
};
const formatUk = (d: Date) => {
  const w = wall(d);
  return `${pad(w.d)}/${pad(w.mo)}/${w.y} ${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`;
};
const formatUtc = (d: Date) => `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/** Each tool's response id for a synthetic response. */
export function externalIdFor(layout: LayoutName, seq: number): string {
  switch (layout) {
    case 'microsoft-forms':
      return String(seq);
    case 'surveymonkey':
    case 'surveymonkey-condensed':
      return String(11_400_000_000 + seq * 7);
    case 'qualtrics':
      return `R_${((seq * 2654435761) >>> 0).toString(36).padStart(7, '0')}${seq.toString(36)}`;
    case 'citizen-space':
      return `ANON-${pad(seq, 6)}`;
    case 'decidim':
      return (seq * 40503 + 0x5bd1e995).toString(16).padStart(10, '0');
    case 'plain':
      return `P${pad(seq, 6)}`;
  }
}

function labelOf(q: Question, id: string): string {
  return answerOptions(q).find((o) => o.id === id)?.label ?? id;
}

/** Chosen labels in option order (or rank order), "Other" excluded. */
function chosenLabels(q: Question, a: SyntheticAnswer): string[] {
  return a.optionIds.filter((id) => id !== OTHER_OPTION_ID).map((id) => labelOf(q, id));
}

function about(draft: D): AboutYouField[] {
  return draft.aboutYou.filter((f) => f.enabled);
}

const hasExplain = (q: Question) => q.explain;
const EXPLAIN = 'Please explain your answer';

// ---------------------------------------------------------------- Microsoft Forms

/** One header row; ID, Start time, Completion time, Email, Name; multi-select joined by ';' with a trailing ';'. */
export function writeMicrosoftForms(draft: D, rs: SyntheticResponse[]): Table {
  const qs = orderedQuestions(draft);
  const ay = about(draft);
  const header = [
    'ID',
    'Start time',
    'Completion time',
    'Email',
    'Name',
    'Last modified time',
    ...ay.map((f) => f.label),
  ];
  for (const q of qs) {
    header.push(q.text);
    if (hasExplain(q)) header.push(EXPLAIN);
  }
  const rows: Table = [header];
  for (const r of rs) {
    const row = [
      externalIdFor('microsoft-forms', r.seq),
      formatForms(r.startedAt),
      formatForms(r.submittedAt),
      'anonymous',
      'anonymous',
      '',
      ...ay.map((f) => r.respondent[f.key] ?? ''),
    ];
    for (const q of qs) {
      const a = r.answers[q.id];
      if (!a) row.push('');
      else if (a.text !== undefined) row.push(a.text);
      else if (q.type === 'multi_choice' || q.type === 'ranking')
        row.push([...chosenLabels(q, a), ...(a.otherText ? [a.otherText] : [])].map((l) => `${l};`).join(''));
      else row.push(a.otherText ?? labelOf(q, a.optionIds[0]!));
      if (hasExplain(q)) row.push(a?.explanation ?? '');
    }
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------- SurveyMonkey

/**
 * Two header rows: question text over its columns (blank over follow-on columns), then
 * "Response" / "Open-Ended Response" / an option label / "Other (please specify)". Expanded:
 * one column per option holding the option's text. Condensed: multi-select in one column, ", ".
 */
export function writeSurveyMonkey(
  draft: D,
  rs: SyntheticResponse[],
  mode: 'expanded' | 'condensed' = 'expanded',
): Table {
  const qs = orderedQuestions(draft);
  const ay = about(draft);
  const layout: LayoutName = mode === 'expanded' ? 'surveymonkey' : 'surveymonkey-condensed';
  const top = [
    'Respondent ID',
    'Collector ID',
    'Start Date',
    'End Date',
    'IP Address',
    'Email Address',
    'First Name',
    'Last Name',
    'Custom Data 1',
  ];
  const sub = top.map(() => '');
  type Cell = (r: SyntheticResponse) => string;
  const cells: Cell[] = [
    (r) => externalIdFor(layout, r.seq),
    () => '431234567',
    (r) => formatMonkey(r.startedAt),
    (r) => formatMonkey(r.submittedAt),
    (r) => `192.0.2.${r.seq % 250}`,
    () => '',
    () => '',
    () => '',
    () => '',
  ];
  const add = (t: string, s: string, f: Cell) => {
    top.push(t);
    sub.push(s);
    cells.push(f);
  };
  for (const f of ay) add(f.label, 'Response', (r) => r.respondent[f.key] ?? '');
  for (const q of qs) {
    const opts = answerOptions(q).filter((o) => o.id !== OTHER_OPTION_ID);
    if (opts.length === 0) add(q.text, 'Open-Ended Response', (r) => r.answers[q.id]?.text ?? '');
    else if (q.type === 'ranking')
      opts.forEach((o, i) =>
        add(i === 0 ? q.text : '', o.label, (r) => String((r.answers[q.id]?.optionIds.indexOf(o.id) ?? -1) + 1 || '')),
      );
    else if (q.type === 'multi_choice' && mode === 'expanded')
      opts.forEach((o, i) =>
        add(i === 0 ? q.text : '', o.label, (r) => (r.answers[q.id]?.optionIds.includes(o.id) ? o.label : '')),
      );
    else if (q.type === 'multi_choice')
      add(q.text, 'Response', (r) => (r.answers[q.id] ? chosenLabels(q, r.answers[q.id]!).join(', ') : ''));
    else
      add(q.text, 'Response', (r) =>
        r.answers[q.id] && !r.answers[q.id]!.otherText ? labelOf(q, r.answers[q.id]!.optionIds[0]!) : '',
      );
    if (q.allowOther) add('', OTHER_LABEL, (r) => r.answers[q.id]?.otherText ?? '');
    if (hasExplain(q)) add(EXPLAIN, 'Open-Ended Response', (r) => r.answers[q.id]?.explanation ?? '');
  }
  return [top, sub, ...rs.map((r) => cells.map((f) => f(r)))];
}

// ---------------------------------------------------------------- Qualtrics

/** Three header rows: short names, question texts, {"ImportId":…}. Multi-select comma-joined in "- Selected Choice". */
export function writeQualtrics(draft: D, rs: SyntheticResponse[]): Table {
  const qs = orderedQuestions(draft);
  const nums = questionNumbers(draft);
  const ay = about(draft);
  const meta: [string, string, string, (r: SyntheticResponse) => string][] = [
    [
      'StartDate',
      'Start Date',
      '{"ImportId":"startDate","timeZone":"Europe/London"}',
      (r) => formatIsoLocal(r.startedAt),
    ],
    ['EndDate', 'End Date', '{"ImportId":"endDate","timeZone":"Europe/London"}', (r) => formatIsoLocal(r.submittedAt)],
    ['Status', 'Response Type', '{"ImportId":"status"}', () => 'IP Address'],
    ['IPAddress', 'IP Address', '{"ImportId":"ipAddress"}', (r) => `198.51.100.${r.seq % 250}`],
    ['Progress', 'Progress', '{"ImportId":"progress"}', () => '100'],
    [
      'Duration (in seconds)',
      'Duration (in seconds)',
      '{"ImportId":"duration"}',
      (r) => String(Math.round((r.submittedAt.getTime() - r.startedAt.getTime()) / 1000)),
    ],
    ['Finished', 'Finished', '{"ImportId":"finished"}', () => 'True'],
    [
      'RecordedDate',
      'Recorded Date',
      '{"ImportId":"recordedDate","timeZone":"Europe/London"}',
      (r) => formatIsoLocal(r.submittedAt),
    ],
    ['ResponseId', 'Response ID', '{"ImportId":"_recordId"}', (r) => externalIdFor('qualtrics', r.seq)],
    ['RecipientLastName', 'Recipient Last Name', '{"ImportId":"recipientLastName"}', () => ''],
    ['RecipientFirstName', 'Recipient First Name', '{"ImportId":"recipientFirstName"}', () => ''],
    ['RecipientEmail', 'Recipient Email', '{"ImportId":"recipientEmail"}', () => ''],
    ['ExternalReference', 'External Data Reference', '{"ImportId":"externalDataReference"}', () => ''],
    ['LocationLatitude', 'Location Latitude', '{"ImportId":"locationLatitude"}', () => '51.4975'],
    ['LocationLongitude', 'Location Longitude', '{"ImportId":"locationLongitude"}', () => '-0.1357'],
    ['DistributionChannel', 'Distribution Channel', '{"ImportId":"distributionChannel"}', () => 'anonymous'],
    ['UserLanguage', 'User Language', '{"ImportId":"userLanguage"}', () => 'EN-GB'],
  ];
  let qid = 0;
  for (const q of qs) {
    qid++;
    const n = nums.get(q.id)!;
    const opts = answerOptions(q).filter((o) => o.id !== OTHER_OPTION_ID);
    const short = `Q${n}`;
    if (opts.length === 0)
      meta.push([short, q.text, `{"ImportId":"QID${qid}_TEXT"}`, (r) => r.answers[q.id]?.text ?? '']);
    else if (q.type === 'ranking')
      opts.forEach((o, i) =>
        meta.push([
          `${short}_${i + 1}`,
          `${q.text} - ${o.label}`,
          `{"ImportId":"QID${qid}_${i + 1}"}`,
          (r) => String((r.answers[q.id]?.optionIds.indexOf(o.id) ?? -1) + 1 || ''),
        ]),
      );
    else {
      const label = q.allowOther ? `${q.text} - Selected Choice` : q.text;
      meta.push([
        short,
        label,
        `{"ImportId":"QID${qid}"}`,
        (r) => {
          const a = r.answers[q.id];
          if (!a) return '';
          const labels = a.optionIds.map((id) => labelOf(q, id));
          return q.type === 'multi_choice' ? labels.join(',') : labels[0]!;
        },
      ]);
      if (q.allowOther)
        meta.push([
          `${short}_${opts.length + 1}_TEXT`,
          `${q.text} - ${OTHER_LABEL} - Text`,
          `{"ImportId":"QID${qid}_${opts.length + 1}_TEXT"}`,
          (r) => r.answers[q.id]?.otherText ?? '',
        ]);
    }
    if (hasExplain(q))
      meta.push([
        `Q${n}_explain`,
        EXPLAIN,
        `{"ImportId":"QID${qid}e_TEXT"}`,
        (r) => r.answers[q.id]?.explanation ?? '',
      ]);
  }
  // "About you" at the end, as most surveys do.
  ay.forEach((f, i) =>
    meta.push([`QD${i + 1}`, f.label, `{"ImportId":"QID${100 + i}"}`, (r) => r.respondent[f.key] ?? '']),
  );
  return [
    meta.map((m) => m[0]),
    meta.map((m) => m[1]),
    meta.map((m) => m[2]),
    ...rs.map((r) => meta.map((m) => m[3](r))),
  ];
}

// ---------------------------------------------------------------- Citizen Space

/**
 * One header row: Response ID (private), Unique ID (public), Started on, Submitted on, the
 * "About you" labels, then per question its text; checkboxes as "Question - Option" columns
 * holding "Yes"; "Question - Other (please specify)" and "Question - Please explain your answer".
 */
export function writeCitizenSpace(draft: D, rs: SyntheticResponse[]): Table {
  const qs = orderedQuestions(draft);
  const ay = about(draft);
  const cols: [string, (r: SyntheticResponse) => string][] = [
    ['Response ID', (r) => externalIdFor('citizen-space', r.seq)],
    ['Unique ID', (r) => `CS-${(r.seq * 7919).toString(36).toUpperCase()}`],
    ['Started on', (r) => formatUk(r.startedAt)],
    ['Submitted on', (r) => formatUk(r.submittedAt)],
  ];
  for (const f of ay) cols.push([f.label, (r) => r.respondent[f.key] ?? '']);
  for (const q of qs) {
    const opts = answerOptions(q).filter((o) => o.id !== OTHER_OPTION_ID);
    if (opts.length === 0) cols.push([q.text, (r) => r.answers[q.id]?.text ?? '']);
    else if (q.type === 'ranking')
      for (const o of opts)
        cols.push([
          `${q.text} - ${o.label}`,
          (r) => String((r.answers[q.id]?.optionIds.indexOf(o.id) ?? -1) + 1 || ''),
        ]);
    else if (q.type === 'multi_choice')
      for (const o of opts)
        cols.push([`${q.text} - ${o.label}`, (r) => (r.answers[q.id]?.optionIds.includes(o.id) ? 'Yes' : '')]);
    else cols.push([q.text, (r) => (r.answers[q.id] ? labelOf(q, r.answers[q.id]!.optionIds[0]!) : '')]);
    if (q.allowOther) cols.push([`${q.text} - ${OTHER_LABEL}`, (r) => r.answers[q.id]?.otherText ?? '']);
    if (hasExplain(q)) cols.push([`${q.text} - ${EXPLAIN}`, (r) => r.answers[q.id]?.explanation ?? '']);
  }
  return [cols.map((c) => c[0]), ...rs.map((r) => cols.map((c) => c[1](r)))];
}

// ---------------------------------------------------------------- Decidim

/** id (session token), Created at, IP Hash, User status, then "N. question"; lists ", "; "choice (other text)". */
export function writeDecidim(draft: D, rs: SyntheticResponse[]): Table {
  const qs = orderedQuestions(draft);
  const ay = about(draft);
  const cols: [string, (r: SyntheticResponse) => string][] = [
    ['ID', (r) => externalIdFor('decidim', r.seq)],
    ['Created at', (r) => formatUtc(r.submittedAt)],
    ['IP Hash', (r) => ((r.seq * 2246822519) >>> 0).toString(16)],
    ['User status', (r) => (r.seq % 3 ? 'Registered' : 'Unregistered')],
  ];
  let pos = 0;
  for (const f of ay) cols.push([`${++pos}. ${f.label}`, (r) => r.respondent[f.key] ?? '']);
  for (const q of qs) {
    cols.push([
      `${++pos}. ${q.text}`,
      (r) => {
        const a = r.answers[q.id];
        if (!a) return '';
        if (a.text !== undefined) return a.text;
        const labels = a.optionIds.map((id) =>
          id === OTHER_OPTION_ID && a.otherText ? `${OTHER_LABEL} (${a.otherText})` : labelOf(q, id),
        );
        return labels.join(', ');
      },
    ]);
    if (hasExplain(q)) cols.push([`${++pos}. ${EXPLAIN}`, (r) => r.answers[q.id]?.explanation ?? '']);
  }
  return [cols.map((c) => c[0]), ...rs.map((r) => cols.map((c) => c[1](r)))];
}

// ---------------------------------------------------------------- plain

/**
 * A hand-made sheet: "Q1. text" headers, answers as typed (case varies), multi-select "; ",
 * blanks written as "", "-", "N/A" or "Not provided".
 */
export function writePlain(draft: D, rs: SyntheticResponse[], seed = 7): Table {
  const rng = new Rng(seed);
  const qs = orderedQuestions(draft);
  const nums = questionNumbers(draft);
  const ay = about(draft);
  const blank = () => rng.pick(['', '', '-', 'N/A', 'Not provided']);
  const typed = (s: string) => (rng.chance(0.1) ? s.toLowerCase() : rng.chance(0.05) ? ` ${s.toUpperCase()} ` : s);
  const header = ['Reference', 'Date received', ...ay.map((f) => f.label)];
  for (const q of qs) {
    header.push(`Q${nums.get(q.id)}. ${q.text}`);
    if (hasExplain(q)) header.push(`Q${nums.get(q.id)}. ${EXPLAIN}`);
  }
  const rows: Table = [header];
  for (const r of rs) {
    const row = [
      externalIdFor('plain', r.seq),
      formatUk(r.submittedAt),
      ...ay.map((f) => r.respondent[f.key] ?? blank()),
    ];
    for (const q of qs) {
      const a = r.answers[q.id];
      if (!a) row.push(blank());
      else if (a.text !== undefined) row.push(a.text);
      else if (q.type === 'multi_choice' || q.type === 'ranking')
        row.push([...chosenLabels(q, a).map(typed), ...(a.otherText ? [a.otherText] : [])].join('; '));
      else row.push(a.otherText ?? typed(labelOf(q, a.optionIds[0]!)));
      if (hasExplain(q)) row.push(a?.explanation ?? blank());
    }
    rows.push(row);
  }
  return rows;
}

export function writeLayout(layout: LayoutName, draft: D, rs: SyntheticResponse[]): Table {
  switch (layout) {
    case 'microsoft-forms':
      return writeMicrosoftForms(draft, rs);
    case 'surveymonkey':
      return writeSurveyMonkey(draft, rs, 'expanded');
    case 'surveymonkey-condensed':
      return writeSurveyMonkey(draft, rs, 'condensed');
    case 'qualtrics':
      return writeQualtrics(draft, rs);
    case 'citizen-space':
      return writeCitizenSpace(draft, rs);
    case 'decidim':
      return writeDecidim(draft, rs);
    case 'plain':
      return writePlain(draft, rs);
  }
}
