import { barChart, type BarDatum } from '#shared/analysis/charts';
import type { OutBlock, Run } from '../consultation/document/blocks';
import type { ReportPart } from './report-docx';
import type { CountTable, PreparedCrossTab, PreparedTheme, RankingRow } from '#shared/report/index';
import { pngDataUrl, renderChartPng } from '../../formats/chart-png';

/**
 * Numbered tables and figures for the Word reports. Every chart is followed by a table with the
 * same figures (consultation-standard §6.2: a chart is never the only carrier of a number), and
 * every table has one header row, no merged or empty cells and at least two columns.
 */
export class Numbering {
  private tables = 0;
  private figures = 0;
  table(title: string): { label: string; block: ReportPart } {
    const label = `Table ${++this.tables}`;
    return { label, block: { type: 'caption', text: `${label}: ${title}` } };
  }
  figure(title: string): { label: string; block: ReportPart } {
    const label = `Figure ${++this.figures}`;
    return { label, block: { type: 'caption', text: `${label}: ${title}` } };
  }
}

const cell = (text: string): OutBlock[] => [{ type: 'paragraph', runs: [{ text }] satisfies Run[] }];

/** A table from a header row and body rows of text; a short table stays on one page. */
export function textTable(header: string[], body: string[][], widths?: number[]): OutBlock {
  return {
    type: 'table',
    rows: [header.map(cell), ...body.map((r) => r.map(cell))],
    rowHeaders: true,
    ...(widths ? { columnWidths: widths } : {}),
    ...(body.length <= 12 ? { keepTogether: true } : {}),
  };
}

/** Answer | Number of respondents | Percentage, from a prepared count table. */
export function countTableBlock(
  firstHeader: string,
  t: CountTable,
  opts: { countHeader?: string; percentHeader?: string } = {},
): OutBlock {
  return textTable(
    [firstHeader, opts.countHeader ?? 'Number of respondents', opts.percentHeader ?? 'Percentage'],
    t.rows.map((r) => [r.merged.length ? `${r.label} (${r.merged.join('; ')})` : r.label, r.countText, r.percentText]),
    [5, 2, 2],
  );
}

export function rankingTableBlock(rows: RankingRow[]): OutBlock {
  return textTable(
    ['Option', 'Respondents ranking it', 'Mean rank (1 = most preferred)'],
    rows.map((r) => [r.label, r.rankedText, r.meanRankText]),
    [5, 2, 2],
  );
}

/** Option columns per cross-tab table: more would not fit a portrait page at 12pt. */
export const CROSS_TAB_COLUMNS = 3;

/**
 * Rows are groups; columns the group's base and each option's percentage of it. Wide cross-tabs
 * are split into several tables of a few options each (every one with the group and base columns),
 * so nothing is squeezed below a readable width.
 */
export function crossTabBlocks(ct: PreparedCrossTab): Array<{ options: string[]; table: OutBlock }> {
  const k = ct.columns.length;
  const chunks = Math.max(1, Math.ceil(k / CROSS_TAB_COLUMNS));
  const per = Math.ceil(k / chunks);
  const out: Array<{ options: string[]; table: OutBlock }> = [];
  for (let from = 0; from < k || (k === 0 && from === 0); from += per) {
    const cols = ct.columns.slice(from, from + per);
    out.push({
      options: cols,
      table: textTable(
        [ct.fieldLabel, 'Base', ...cols.map((c) => `${c} (%)`)],
        ct.rows.map((r) => [
          r.label,
          r.baseText,
          ...r.cells.slice(from, from + per).map((c) => (c.percent === null ? c.percentText : String(c.percent))),
        ]),
        [3, 1.3, ...cols.map(() => 1.8)],
      ),
    });
    if (k === 0) break;
  }
  return out;
}

export function themeTableBlock(themes: PreparedTheme[], base: string): OutBlock {
  return textTable(
    ['Theme', `Number of ${base}`, 'Percentage'],
    themes.map((t) => [t.name, t.countText, t.percentText]),
    [5, 2, 2],
  );
}

/** A chart picture with its alt text; null when there is nothing to draw. */
export function chartBlock(
  id: string,
  title: string,
  measure: string,
  data: BarDatum[],
  withheldNote?: string,
): OutBlock | null {
  if (!data.length) return null;
  const chart = barChart({ id, title, measure, data, ...(withheldNote ? { withheldNote } : {}) });
  const png = renderChartPng(chart.svg);
  return { type: 'image', src: pngDataUrl(png.png), alt: chart.altText };
}

export const notesBlocks = (notes: string[]): ReportPart[] =>
  [...new Set(notes)].map((text) => ({ type: 'note', text }));
