/**
 * Count tables as every report output prints them, at either redaction level: each row's number
 * and whole-number percentage as values (null when withheld) and as text ("1,234", "41%", "[c]").
 * For publication the shared/analysis suppression rules apply unchanged; for internal use the
 * same shapes carry the real counts.
 */
import {
  OTHER_AGGREGATED,
  SUPPRESSED,
  suppressCrossTab,
  suppressSmallNumbers,
  type PublishableCrossTab,
} from '../analysis/suppression';
import { percent0dp, ROUNDING_NOTE, type EncodedAnswers, type QuestionTally } from '../analysis/tallies';
import type { CountRow, RedactionLevel } from './model';

export interface CountTableRow {
  label: string;
  /** Option ids (or category labels) this row stands for: several for "Other (aggregated)". */
  keys: string[];
  /** Labels merged into this row (empty for an ordinary row). */
  merged: string[];
  count: number | null;
  percent: number | null;
  countText: string;
  percentText: string;
}

export interface CountTable {
  /** Respondents the percentages are of. */
  base: number;
  notAnswered: number;
  rows: CountTableRow[];
  /** Whether anything was merged or withheld. */
  suppressed: boolean;
  notes: string[];
}

export const formatCount = (n: number): string => n.toLocaleString('en-GB');
export const formatPercent = (p: number | null): string => (p === null ? 'no data' : `${p}%`);

/** Whether a count may be printed in a table published with this threshold (0 and ≥ threshold). */
export const publishable = (count: number, threshold: number): boolean => count === 0 || count >= threshold;

/** The option counts of a closed question (ranked first for ranking questions). */
export function optionTable(
  tally: QuestionTally,
  redaction: RedactionLevel,
  threshold: number,
  encoded?: { answers: EncodedAnswers; include?: Uint8Array },
): CountTable {
  if (redaction === 'redacted') {
    const p = suppressSmallNumbers(
      tally,
      threshold,
      encoded ? { answers: encoded.answers, ...(encoded.include ? { include: encoded.include } : {}) } : undefined,
    );
    return {
      base: p.answered,
      notAnswered: p.notAnswered,
      rows: p.rows.map((r) => ({
        label: r.label,
        keys: r.optionIds,
        merged: r.merged,
        count: r.count,
        percent: r.percent,
        countText: r.count === null ? SUPPRESSED : formatCount(r.count),
        percentText: r.percentText,
      })),
      suppressed: p.suppressed,
      notes: p.notes,
    };
  }
  return {
    base: tally.answered,
    notAnswered: tally.notAnswered,
    rows: tally.options.map((o) => ({
      label: o.label,
      keys: [o.optionId],
      merged: [],
      count: o.count,
      percent: o.percent,
      countText: formatCount(o.count),
      percentText: formatPercent(o.percent),
    })),
    suppressed: false,
    notes: [...tally.notes],
  };
}

/**
 * A one-way table of mutually exclusive categories (respondents by type, by region…): the same
 * rule as a single-choice question, so small categories merge into "Other (aggregated)".
 */
export function categoryTable(
  rows: readonly CountRow[],
  redaction: RedactionLevel,
  threshold: number,
  id = 'categories',
): CountTable {
  const base = rows.reduce((s, r) => s + r.count, 0);
  const tally: QuestionTally = {
    questionId: id,
    type: 'single_choice',
    multiple: false,
    respondents: base,
    answered: base,
    notAnswered: 0,
    invalid: 0,
    options: rows.map((r) => ({
      optionId: r.label,
      label: r.label,
      count: r.count,
      percent: percent0dp(r.count, base),
      share: base ? r.count / base : null,
    })),
    ranking: null,
    notes: [ROUNDING_NOTE],
  };
  return optionTable(tally, redaction, threshold);
}

export interface RankingRow {
  label: string;
  ranked: number | null;
  rankedText: string;
  meanRank: number | null;
  meanRankText: string;
}

/** Mean rank per option; withheld where fewer than the threshold ranked the option. */
export function rankingRows(tally: QuestionTally, redaction: RedactionLevel, threshold: number): RankingRow[] {
  return (tally.ranking ?? []).map((r) => {
    const hide = redaction === 'redacted' && !publishable(r.ranked, threshold);
    return {
      label: r.label,
      ranked: hide ? null : r.ranked,
      rankedText: hide ? SUPPRESSED : formatCount(r.ranked),
      meanRank: hide ? null : r.meanRank,
      meanRankText: hide ? SUPPRESSED : r.meanRank === null ? 'no data' : r.meanRank.toFixed(1),
    };
  });
}

export interface PreparedCrossTab {
  fieldLabel: string;
  columns: string[];
  rows: Array<{
    label: string;
    base: number | null;
    baseText: string;
    cells: Array<{ count: number | null; countText: string; percent: number | null; percentText: string }>;
  }>;
  /** Cells withheld (primary + secondary). */
  withheld: number;
  notes: string[];
}

/** A cross-tab with primary and secondary suppression for publication (shared/analysis), or as it is. */
export function prepareCrossTab(fieldLabel: string, p: PublishableCrossTab): PreparedCrossTab {
  const text = (v: number | typeof SUPPRESSED): string => (v === SUPPRESSED ? SUPPRESSED : formatCount(v));
  return {
    fieldLabel,
    columns: p.columnLabels,
    rows: p.rowLabels.map((label, r) => {
      const base = p.rowBases[r]!;
      return {
        label,
        base: base === SUPPRESSED ? null : base,
        baseText: text(base),
        cells: p.counts[r]!.map((v, c) => {
          const pct = p.rowPercent[r]![c]!;
          return {
            count: v === SUPPRESSED ? null : v,
            countText: text(v),
            percent: pct === SUPPRESSED ? null : pct,
            percentText: pct === SUPPRESSED ? SUPPRESSED : formatPercent(pct),
          };
        }),
      };
    }),
    withheld: p.primary + p.secondary + p.rowBases.filter((b) => b === SUPPRESSED).length,
    notes: p.notes,
  };
}

export { OTHER_AGGREGATED, SUPPRESSED, suppressCrossTab };
