import type { Draft, Question } from '../../draft/model';
import { answerOptions, CLOSED_TYPES, OTHER_OPTION_ID, questionNumbers } from '../../draft/model';
import { AppError } from '../../../core/errors';
import type {
  ApplyResult,
  IntakeChannel,
  ColumnMapping,
  Layout,
  NormalisedAnswer,
  NormalisedResponse,
  RawTable,
  RejectedRow,
  UnmatchedValue,
} from '../types';
import { isBlankMarker, normaliseLabel, tickValue } from '../values/text-match';
import { OptionMatcher } from '../values/option-matcher';
import { dayOrderOf, parseSurveyTime, type DayOrder } from '../values/survey-dates';

/**
 * Reads every data row through the confirmed mapping into NormalisedResponses. Nothing is dropped
 * without a trace:
 * - a row that cannot be read (a cell over the size limit, more cells than the header, cut off
 *   at the end of the file, nothing in any mapped column) becomes a RejectedRow with the reason
 *   and the row as it was;
 * - entirely blank rows are listed in `blankRows`;
 * - a closed-question value that matches no option keeps its row: the answer carries the value in
 *   `unmatched`, the response an issue, and `unmatchedValues` counts it for the wizard.
 * Blank markers ("", "-", "N/A", "Not provided") are "not answered", unless they are an option.
 * Cells that look like formulas are plain text here: nothing is ever evaluated.
 */
export interface ApplyOptions {
  /** How these responses arrived. Default 'online-survey'. */
  channel?: IntakeChannel;
  /** Longest cell accepted, in characters. Default 200,000 (Excel itself stops at 32,767). */
  maxCellChars?: number;
  /** Day order of slash dates when the file does not settle it. Default: by the tool. */
  dayOrder?: DayOrder;
  /**
   * Only table.cells[from, to): call in slices to insert as you go and keep memory flat
   * (default: every data row). Duplicate-id checks then run within the slice.
   */
  from?: number;
  to?: number;
}

export const DEFAULT_MAX_CELL_CHARS = 200_000;

type ColumnPlan =
  | { kind: 'skip' }
  | { kind: 'keep' }
  | { kind: 'respondent'; field: keyof NormalisedResponse['respondent'] }
  | { kind: 'meta'; field: 'externalId' | 'submittedAt' | 'startedAt' | 'channel'; order: DayOrder }
  | { kind: 'answer'; q: Question; matcher: OptionMatcher | null; multi: boolean; number: string }
  | {
      kind: 'option';
      q: Question;
      optionId: string;
      label: string;
      ranking: boolean;
      ticks: Map<string, boolean | null>;
    }
  | { kind: 'rank-slot'; q: Question; rank: number; matcher: OptionMatcher; number: string }
  | { kind: 'other-text'; q: Question }
  | { kind: 'explanation'; q: Question };

const CHANNEL_WORDS: [RegExp, IntakeChannel][] = [
  [/e-?mail/i, 'email'],
  [/letter|post/i, 'letter'],
  [/form|word|paper/i, 'response-form'],
  [/online|web|survey|anonymous/i, 'online-survey'],
];

export function applyMapping(
  table: RawTable,
  layout: Layout,
  mapping: ColumnMapping,
  draft: Pick<Draft, 'sections' | 'questions'>,
  opts: ApplyOptions = {},
): ApplyResult {
  const maxCell = opts.maxCellChars ?? DEFAULT_MAX_CELL_CHARS;
  const channel = opts.channel ?? 'online-survey';
  const byId = new Map(draft.questions.map((q) => [q.id, q]));
  const qIndex = new Map(draft.questions.map((q, i) => [q.id, i]));
  const nq = draft.questions.length;
  const numbers = questionNumbers(draft);
  const width = layout.columns.length;
  const headers = uniqueHeaders(layout.columns.map((c) => c.header));
  const matchers = new Map<string, OptionMatcher>();
  const fallbackOrder: DayOrder =
    opts.dayOrder ??
    (layout.source === 'microsoft-forms' || layout.source === 'surveymonkey' || layout.source === 'qualtrics'
      ? 'mdy'
      : 'dmy');

  const plans: ColumnPlan[] = [];
  for (let i = 0; i < width; i++) {
    const t = mapping[i] ?? { kind: 'ignore' };
    if (t.kind === 'ignore') plans.push({ kind: 'skip' });
    else if (t.kind === 'keep') plans.push({ kind: 'keep' });
    else if (t.kind === 'respondent') plans.push({ kind: 'respondent', field: t.field });
    else if (t.kind === 'meta')
      plans.push({
        kind: 'meta',
        field: t.field,
        order: dayOrderOf(columnValues(table, layout, i, 2000), fallbackOrder),
      });
    else {
      const q = byId.get(t.questionId);
      if (!q)
        throw new AppError(
          'invalid-input',
          `Column "${headers[i]}" is mapped to a question that is not in the consultation (${t.questionId}).`,
          { column: i },
        );
      const options = answerOptions(q);
      if (typeof t.part === 'object' && 'rank' in t.part) {
        if (q.type !== 'ranking')
          throw new AppError(
            'invalid-input',
            `Column "${headers[i]}" is mapped to a place in a ranking, but question ${numbers.get(q.id)} is not ` +
              `a ranking question.`,
            { column: i },
          );
        const matcher = matchers.get(q.id) ?? new OptionMatcher(options);
        matchers.set(q.id, matcher);
        plans.push({ kind: 'rank-slot', q, rank: t.part.rank, matcher, number: numbers.get(q.id) ?? '' });
      } else if (typeof t.part === 'object') {
        const part = t.part;
        const opt = options.find((o) => o.id === part.optionId);
        if (!opt)
          throw new AppError(
            'invalid-input',
            `Column "${headers[i]}" is mapped to an option that question ${numbers.get(q.id)} does not have.`,
            { column: i },
          );
        plans.push({
          kind: 'option',
          q,
          optionId: opt.id,
          label: normaliseLabel(opt.label),
          ranking: q.type === 'ranking',
          ticks: new Map(),
        });
      } else if (t.part === 'answer') {
        let matcher: OptionMatcher | null = null;
        if (CLOSED_TYPES.has(q.type)) {
          matcher = matchers.get(q.id) ?? new OptionMatcher(options);
          matchers.set(q.id, matcher);
        }
        plans.push({
          kind: 'answer',
          q,
          matcher,
          multi: q.type === 'multi_choice' || q.type === 'ranking',
          number: numbers.get(q.id) ?? '',
        });
      } else if (t.part === 'other-text') plans.push({ kind: 'other-text', q });
      else plans.push({ kind: 'explanation', q });
    }
  }
  for (let i = width; i < mapping.length; i++)
    if (mapping[i]?.kind !== 'ignore' && mapping[i]?.kind !== 'keep')
      throw new AppError('invalid-input', `The mapping has a column ${i + 1} that the file does not have.`);

  const responses: NormalisedResponse[] = [];
  const rejected: RejectedRow[] = [];
  const blankRows: number[] = [];
  const unmatched = new Map<string, UnmatchedValue>();
  const seenIds = new Map<string, number>();
  const lastIndex = table.cells.length - 1;
  const problems = new Map((table.rowProblems ?? []).map((p) => [p.row, p.reason]));

  const end = Math.min(table.cells.length, opts.to ?? table.cells.length);
  for (let r = Math.max(layout.dataStart, opts.from ?? 0); r < end; r++) {
    const row = table.cells[r]!;
    const sourceRow = table.rowNumbers[r] ?? r + 1;
    let blank = true;
    for (const c of row) {
      if (c.trim() !== '') {
        blank = false;
        break;
      }
    }
    if (blank) {
      blankRows.push(sourceRow);
      continue;
    }
    const reject = (reason: string) => rejected.push({ sourceRow, reason, raw: rawRecord(headers, row) });
    const problem = problems.get(sourceRow);
    if (problem !== undefined) {
      reject(problem);
      continue;
    }

    if (row.length > width && row.slice(width).some((c) => c.trim() !== '')) {
      reject(
        `Row ${sourceRow} has ${row.length} cells but the header has ${width}: a quote or separator in it may ` +
          `be out of place.`,
      );
      continue;
    }
    if (r === lastIndex && table.endsMidRow && row.length < width) {
      reject(
        `Row ${sourceRow} stops after ${row.length} of ${width} cells at the end of the file: the file may have ` +
          `been cut off.`,
      );
      continue;
    }
    let tooBig = -1;
    for (let i = 0; i < row.length; i++) {
      if (row[i]!.length > maxCell) {
        tooBig = i;
        break;
      }
    }
    if (tooBig >= 0) {
      reject(
        `Row ${sourceRow}, column "${headers[tooBig] ?? tooBig + 1}": the cell ` +
          `has ${row[tooBig]!.length.toLocaleString('en-GB')} characters, more than ` +
          `the ${maxCell.toLocaleString('en-GB')} allowed.`,
      );
      continue;
    }

    const resp: NormalisedResponse = { sourceRow, channel, respondent: {}, answers: [], issues: [] };
    // One slot per question, in draft order: answers come out in question order, whatever the column order.
    const slots: (NormalisedAnswer | undefined)[] = new Array<NormalisedAnswer | undefined>(nq);
    let ranks: [number, number, string][] | null = null;
    const answerFor = (q: Question): NormalisedAnswer => {
      const qi = qIndex.get(q.id)!;
      let a = slots[qi];
      if (!a) {
        a = { questionId: q.id, optionIds: [], text: '' };
        slots[qi] = a;
      }
      return a;
    };
    let filled = 0;

    for (let i = 0; i < width; i++) {
      const plan = plans[i]!;
      if (plan.kind === 'skip') continue;
      const raw = row[i] ?? '';
      const v = raw.trim();
      if (v === '') continue;
      switch (plan.kind) {
        case 'keep':
          // As received. Not counted as something answered: a row of tool data alone is not a response.
          (resp.extra ??= []).push([i, raw]);
          break;
        case 'respondent': {
          if (
            isBlankMarker(v) ||
            ((plan.field === 'name' || plan.field === 'email') && normaliseLabel(v) === 'anonymous')
          )
            break;
          // First + last name join; the same email in the tool's column and the form's is one.
          const prev = resp.respondent[plan.field];
          if (prev && normaliseLabel(prev) === normaliseLabel(v)) break;
          resp.respondent[plan.field] = prev ? `${prev} ${v}` : v;
          filled++;
          break;
        }
        case 'meta': {
          if (isBlankMarker(v)) break;
          if (plan.field === 'externalId') {
            resp.externalId = v;
            const before = seenIds.get(v);
            if (before !== undefined)
              resp.issues.push({
                column: i,
                header: headers[i]!,
                message: `Same ID as row ${before}: possibly the same response twice.`,
              });
            else seenIds.set(v, sourceRow);
          } else if (plan.field === 'channel') {
            resp.channel = CHANNEL_WORDS.find(([re]) => re.test(v))?.[1] ?? resp.channel;
          } else {
            resp[plan.field] = parseSurveyTime(v, plan.order) ?? v;
          }
          break;
        }
        case 'answer': {
          const a = answerFor(plan.q);
          if (!plan.matcher) {
            if (isBlankMarker(v)) break;
            a.text = a.text ? `${a.text}\n\n${raw}` : raw;
            filled++;
            break;
          }
          const m = plan.multi ? plan.matcher.multi(v) : plan.matcher.single(v);
          if (m.optionIds.length === 0 && m.unknown.length > 0 && isBlankMarker(v)) break;
          filled++;
          a.text = a.text ? `${a.text}; ${v}` : v;
          for (const id of m.optionIds) if (!a.optionIds.includes(id)) a.optionIds.push(id);
          if (m.otherText) a.otherText = m.otherText;
          if (m.unknown.length > 0) {
            if (plan.q.allowOther && !a.otherText) {
              // Forms and SurveyMonkey write the "Other" text in place of the option.
              if (!a.optionIds.includes(OTHER_OPTION_ID)) a.optionIds.push(OTHER_OPTION_ID);
              a.otherText = m.unknown.join('; ');
            } else {
              a.unmatched = [...(a.unmatched ?? []), ...m.unknown];
              for (const u of m.unknown) {
                resp.issues.push({
                  column: i,
                  header: headers[i]!,
                  message: `"${clip(u)}" is not an option of question ${plan.number}.`,
                });
                countUnmatched(unmatched, i, plan.q.id, u, sourceRow);
              }
            }
          }
          break;
        }
        case 'option': {
          let tick = plan.ticks.get(v);
          if (tick === undefined) {
            tick = tickValue(v);
            if (plan.ticks.size < 1000) plan.ticks.set(v, tick);
          }
          // The slot exists from here: ranks are written into it after the row.
          const a = answerFor(plan.q);
          if (plan.ranking) {
            const rank = Number(v);
            const qi = qIndex.get(plan.q.id)!;
            if (Number.isFinite(rank) && rank > 0) {
              (ranks ??= []).push([qi, rank, plan.optionId]);
              filled++;
            } else if (tick !== false) {
              (ranks ??= []).push([qi, Number.MAX_SAFE_INTEGER, plan.optionId]);
              filled++;
            }
            break;
          }
          if (tick === false) break;
          filled++;
          if (!a.optionIds.includes(plan.optionId)) a.optionIds.push(plan.optionId);
          // An "Other" column holding the respondent's own words.
          if (
            plan.optionId === OTHER_OPTION_ID &&
            tick === null &&
            normaliseLabel(v) !== plan.label &&
            !/^other\b/i.test(v)
          )
            a.otherText = v;
          a.text = a.text ? `${a.text}; ${v}` : v;
          break;
        }
        case 'rank-slot': {
          // The cell names the option put in this place.
          if (isBlankMarker(v)) break;
          const a = answerFor(plan.q);
          filled++;
          a.text = a.text ? `${a.text}; ${plan.rank}: ${v}` : `${plan.rank}: ${v}`;
          const id = plan.matcher.matchOne(v);
          if (id) (ranks ??= []).push([qIndex.get(plan.q.id)!, plan.rank, id]);
          else {
            a.unmatched = [...(a.unmatched ?? []), v];
            resp.issues.push({
              column: i,
              header: headers[i]!,
              message: `"${clip(v)}" is not an option of question ${plan.number}.`,
            });
            countUnmatched(unmatched, i, plan.q.id, v, sourceRow);
          }
          break;
        }
        case 'other-text': {
          if (isBlankMarker(v)) break;
          const a = answerFor(plan.q);
          a.otherText = a.otherText ? `${a.otherText}; ${raw}` : raw;
          if (plan.q.allowOther && !a.optionIds.includes(OTHER_OPTION_ID)) a.optionIds.push(OTHER_OPTION_ID);
          filled++;
          break;
        }
        case 'explanation': {
          if (isBlankMarker(v)) break;
          const a = answerFor(plan.q);
          a.explanation = a.explanation ? `${a.explanation}\n\n${raw}` : raw;
          filled++;
          break;
        }
      }
    }

    if (ranks) {
      ranks.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      for (const [qi, , id] of ranks) {
        const a = slots[qi]!;
        if (!a.optionIds.includes(id)) a.optionIds.push(id);
      }
    }
    for (let qi = 0; qi < nq; qi++) {
      const a = slots[qi];
      if (
        !a ||
        (a.optionIds.length === 0 &&
          !a.text &&
          a.otherText === undefined &&
          a.explanation === undefined &&
          a.unmatched === undefined)
      )
        continue;
      resp.answers.push(a);
    }
    if (filled === 0) {
      // The tool's record of a response with nothing answered (opened and left, say): a response
      // all the same, as the tool counts it, flagged for the official. With nothing at all in the
      // mapped columns it cannot be read, and is kept for review.
      if (
        resp.externalId === undefined &&
        resp.submittedAt === undefined &&
        resp.startedAt === undefined &&
        !resp.extra?.length
      ) {
        reject(`Row ${sourceRow} has nothing in any of the columns being imported.`);
        continue;
      }
      resp.issues.push({
        column: -1,
        header: '',
        message:
          'Nothing was answered: the survey tool recorded this response with no answers (it may have been ' +
          'opened and left).',
      });
    }
    responses.push(resp);
  }
  return { responses, rejected, blankRows, unmatchedValues: [...unmatched.values()].sort((a, b) => b.count - a.count) };
}

function columnValues(table: RawTable, layout: Layout, col: number, max: number): string[] {
  const out: string[] = [];
  for (let r = layout.dataStart; r < table.cells.length && out.length < max; r++) {
    const v = table.cells[r]?.[col];
    if (v) out.push(v);
  }
  return out;
}

function countUnmatched(
  map: Map<string, UnmatchedValue>,
  column: number,
  questionId: string,
  value: string,
  row: number,
): void {
  const key = `${column}\u0000${normaliseLabel(value)}`;
  const u = map.get(key);
  if (u) {
    u.count++;
    if (u.rows.length < 5) u.rows.push(row);
  } else map.set(key, { column, questionId, value, count: 1, rows: [row] });
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/** Header texts made unique ("Q1", "Q1 (2)") so a raw row keeps every cell. */
export function uniqueHeaders(headers: string[]): string[] {
  const used = new Set<string>();
  return headers.map((h, i) => {
    const base = h || `Column ${i + 1}`;
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base} (${n})`;
    used.add(key);
    return key;
  });
}

/** The row by header, in an object with no prototype: a header "__proto__" is just a key. */
export function rawRecord(headers: string[], row: string[]): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  const n = Math.max(headers.length, row.length);
  for (let i = 0; i < n; i++) {
    const key = headers[i] ?? `Column ${i + 1}`;
    Object.defineProperty(out, key, { value: row[i] ?? '', enumerable: true, writable: true, configurable: true });
  }
  return out;
}
