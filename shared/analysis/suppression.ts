/**
 * Small-number suppression for publishable tables (consultation-standard.md §4: categories with
 * fewer than 10 responses merged into "Other (aggregated)", the DHSC consultations package's
 * disclosure control; §6.3: "[c]" marks a confidential cell, the Analysis Function shorthand).
 * Applied only to outputs that are published; analysts see the real counts in the app.
 *
 * One-way tables (`suppressSmallNumbers`):
 * 1. every option with 0 < count < threshold is merged into "Other (aggregated)";
 * 2. if that aggregate is itself below the threshold, the smallest remaining non-zero option is
 *    merged in too, and so on until it reaches the threshold (otherwise "base − everything shown"
 *    would give the small number back);
 * 3. if even everything together is below the threshold (fewer than `threshold` people answered),
 *    the aggregate is shown as "[c]".
 * Options with 0 stay as 0 (a zero identifies no one). The base and "not answered" are shown as
 * they are. For multiple choice the aggregate counts respondents once however many of the merged
 * options they chose, so it needs the encoded answers.
 *
 * Cross-tabs (`suppressCrossTab`): cells with 0 < count < threshold are shown as "[c]" (primary),
 * and so are their percentages; row bases and column totals below the threshold likewise. Then,
 * so no suppressed cell can be worked out by subtraction (from a row base, or from a column total
 * that the one-way table publishes), any row or column whose total is shown and that has exactly
 * one suppressed cell gets a second non-zero cell suppressed (secondary), repeated until nothing
 * changes. The second cell is chosen to close a rectangle where it can — one whose column (or
 * row) also has a single hidden cell — otherwise the smallest, to hide as little as possible; a
 * zero may be chosen unless its whole row or column is zero (a known zero protects nothing).
 */
import { percent0dp, respondentsChoosingAny, type CrossTab, type EncodedAnswers, type QuestionTally } from './tallies';

export const SUPPRESSED = '[c]';
export const OTHER_AGGREGATED = 'Other (aggregated)';
export const DEFAULT_SUPPRESSION_THRESHOLD = 10;

export const suppressionNote = (threshold: number): string =>
  `Options chosen by fewer than ${threshold} respondents are combined as "${OTHER_AGGREGATED}"; [c] marks ` +
  `figures withheld because fewer than ${threshold} respondents gave them.`;

export interface PublishableRow {
  label: string;
  /** Option ids this row stands for (several for "Other (aggregated)"). */
  optionIds: string[];
  /** Labels merged into this row (empty for an ordinary option). */
  merged: string[];
  count: number | null;
  percent: number | null;
  /** What to print: the number, or "[c]". */
  countText: string;
  percentText: string;
}

export interface PublishableTally {
  questionId: string;
  threshold: number;
  answered: number;
  notAnswered: number;
  rows: PublishableRow[];
  /** Ranking questions: mean rank per option, null ("[c]") where fewer than the threshold ranked it. */
  ranking: Array<{
    optionId: string;
    label: string;
    ranked: number | null;
    meanRank: number | null;
    meanRankText: string;
  }> | null;
  /** Whether anything was merged or withheld. */
  suppressed: boolean;
  notes: string[];
}

/**
 * The publishable form of a tally. For multiple-choice questions pass the encoded answers (and
 * the same include mask) so the aggregate counts each respondent once.
 */
export function suppressSmallNumbers(
  tally: QuestionTally,
  threshold: number = DEFAULT_SUPPRESSION_THRESHOLD,
  source?: { answers: EncodedAnswers; include?: Uint8Array },
): PublishableTally {
  if (tally.multiple && !source)
    throw new Error('Suppressing a multiple-choice tally needs its encoded answers, to count each respondent once');
  const base = tally.answered;
  const opts = tally.options.map((o, index) => ({ ...o, index }));
  const small = (c: number) => c > 0 && c < threshold;
  const merged = new Set(opts.filter((o) => small(o.count)).map((o) => o.index));
  const aggregateCount = (): number => {
    if (!merged.size) return 0;
    const idx = [...merged];
    return tally.multiple
      ? respondentsChoosingAny(source!.answers, idx, source!.include)
      : idx.reduce((s, i) => s + opts[i]!.count, 0);
  };
  let agg = aggregateCount();
  while (merged.size && agg < threshold) {
    const rest = opts
      .filter((o) => !merged.has(o.index) && o.count > 0)
      .sort((a, b) => a.count - b.count || a.index - b.index);
    if (!rest.length) break;
    merged.add(rest[0]!.index);
    agg = aggregateCount();
  }
  const rows: PublishableRow[] = [];
  for (const o of opts) {
    if (merged.has(o.index)) continue;
    rows.push({
      label: o.label,
      optionIds: [o.optionId],
      merged: [],
      count: o.count,
      percent: o.percent,
      countText: String(o.count),
      percentText: fmtPct(o.percent),
    });
  }
  let withheld = false;
  if (merged.size) {
    const list = opts.filter((o) => merged.has(o.index));
    const hide = agg < threshold;
    withheld = hide;
    const pct = percent0dp(agg, base);
    rows.push({
      label: OTHER_AGGREGATED,
      optionIds: list.map((o) => o.optionId),
      merged: list.map((o) => o.label),
      count: hide ? null : agg,
      percent: hide ? null : pct,
      countText: hide ? SUPPRESSED : String(agg),
      percentText: hide ? SUPPRESSED : fmtPct(pct),
    });
  }
  const ranking =
    tally.ranking?.map((r) => {
      const hide = small(r.ranked);
      if (hide) withheld = true;
      return {
        optionId: r.optionId,
        label: r.label,
        ranked: hide ? null : r.ranked,
        meanRank: hide ? null : r.meanRank,
        meanRankText: hide ? SUPPRESSED : r.meanRank === null ? 'no data' : r.meanRank.toFixed(1),
      };
    }) ?? null;
  const suppressed = merged.size > 0 || withheld;
  return {
    questionId: tally.questionId,
    threshold,
    answered: base,
    notAnswered: tally.notAnswered,
    rows,
    ranking,
    suppressed,
    notes: suppressed ? [...tally.notes, suppressionNote(threshold)] : [...tally.notes],
  };
}

const fmtPct = (p: number | null): string => (p === null ? 'no data' : `${p}%`);

export type Cell = number | typeof SUPPRESSED;

export interface PublishableCrossTab {
  questionId: string;
  fieldKey: string;
  threshold: number;
  rowLabels: string[];
  columnLabels: string[];
  counts: Cell[][];
  rowPercent: Array<Array<number | null | typeof SUPPRESSED>>;
  rowBases: Cell[];
  columnTotals: Cell[];
  /** Cells withheld because they were small (primary) and to protect them (secondary). */
  primary: number;
  secondary: number;
  notes: string[];
}

export function suppressCrossTab(ct: CrossTab, threshold: number = DEFAULT_SUPPRESSION_THRESHOLD): PublishableCrossTab {
  const R = ct.rows.length;
  const C = ct.columns.length;
  const small = (v: number) => v > 0 && v < threshold;
  const hidden = ct.counts.map((row) => row.map(small));
  const primary = hidden.flat().filter(Boolean).length;
  const rowShown = ct.rows.map((r) => !small(r.base));
  const colShown = ct.columns.map((c) => !small(c.total));
  let secondary = 0;
  // Secondary suppression to a fixed point: a shown total with one hidden cell gives it away.
  for (let changed = true, guard = 0; changed && guard < R * C + 2; guard++) {
    changed = false;
    const lines: Array<Array<[number, number]>> = [];
    for (let r = 0; r < R; r++)
      if (rowShown[r]) lines.push(Array.from({ length: C }, (_, c) => [r, c] as [number, number]));
    for (let c = 0; c < C; c++)
      if (colShown[c]) lines.push(Array.from({ length: R }, (_, r) => [r, c] as [number, number]));
    for (const line of lines) {
      const hid = line.filter(([r, c]) => hidden[r]![c]);
      if (hid.length !== 1) continue;
      const isRow = line.length === C && line.every(([r]) => r === line[0]![0]);
      // Pick the partner cell that does the least harm: best one whose other line already has a
      // single hidden cell (fixing two lines at once), then one whose other line is already
      // safe, then the smallest count.
      const otherHidden = (r: number, c: number) =>
        isRow ? hidden.reduce((s, row) => s + (row[c] ? 1 : 0), 0) : hidden[r]!.filter(Boolean).length;
      const score = (r: number, c: number) => {
        const h = otherHidden(r, c);
        return h === 1 ? 0 : h >= 2 ? 1 : 2;
      };
      // A zero can be hidden too, unless its row or column is all zeros (then it is known anyway).
      const candidates = line
        .filter(
          ([r, c]) => !hidden[r]![c] && (ct.counts[r]![c]! > 0 || (ct.rows[r]!.base > 0 && ct.columns[c]!.total > 0)),
        )
        .sort(([r1, c1], [r2, c2]) => score(r1, c1) - score(r2, c2) || ct.counts[r1]![c1]! - ct.counts[r2]![c2]!);
      if (!candidates.length) continue;
      const [r, c] = candidates[0]!;
      hidden[r]![c] = true;
      secondary++;
      changed = true;
    }
  }
  const counts: Cell[][] = ct.counts.map((row, r) => row.map((v, c) => (hidden[r]![c] ? SUPPRESSED : v)));
  const rowPercent = ct.rowPercent.map((row, r) => row.map((p, c) => (hidden[r]![c] || !rowShown[r] ? SUPPRESSED : p)));
  const anything = primary + secondary > 0 || rowShown.includes(false) || colShown.includes(false);
  return {
    questionId: ct.questionId,
    fieldKey: ct.fieldKey,
    threshold,
    rowLabels: ct.rows.map((r) => r.label),
    columnLabels: ct.columns.map((c) => c.label),
    counts,
    rowPercent,
    rowBases: ct.rows.map((r, i) => (rowShown[i] ? r.base : SUPPRESSED)),
    columnTotals: ct.columns.map((c, i) => (colShown[i] ? c.total : SUPPRESSED)),
    primary,
    secondary,
    notes: anything ? [suppressionNote(threshold)] : [],
  };
}
