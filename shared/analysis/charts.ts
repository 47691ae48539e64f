/**
 * Horizontal bar charts of tallies and theme counts as SVG text, the same picture in the app and
 * (rendered to PNG) in Word documents. Accessible by construction:
 * - every bar is labelled with its category and its number (and percentage) in text, so nothing
 *   depends on colour or on reading a length against an axis; one colour only;
 * - `<title>` and `<desc>` give the chart's name and every figure (role="img", aria-labelledby);
 * - only presentation attributes (fill, font-size…), never `style=`, which the app's Content
 *   Security Policy forbids;
 * - text in Arial (Liberation Sans, metric-compatible, on Linux), 16px = 12pt at the width a Word
 *   page shows it; labels wrap onto up to 3 lines, longer ones end in "…" (the full label is in
 *   the description and the table that goes with every chart).
 * A chart is never the only carrier of a number: outputs always put the figures in a table too.
 * Withheld figures ("[c]") get no bar. Pure: no DOM, no fonts needed to build the SVG (widths
 * come from Arial's metrics table below).
 */

export interface BarDatum {
  label: string;
  /** Bar length; null when the figure is withheld (no bar is drawn). */
  value: number | null;
  /** The number as printed: "1,234" or "[c]". */
  valueText: string;
  /** "41%", or null/undefined for no percentage. */
  percentText?: string | null;
}

export interface BarChartSpec {
  /** Unique in the page: prefixes the ids of <title> and <desc>. */
  id: string;
  /** Names the chart: "Responses to question 1". */
  title: string;
  /** What the numbers are, for the description: "Number of respondents (base: 1,234)". */
  measure: string;
  data: BarDatum[];
  /** Width in CSS pixels (default 600, the text column of an A4 Word page). */
  width?: number;
  /** Explanation of "[c]" when any figure is withheld. */
  withheldNote?: string;
}

export interface BarChart {
  svg: string;
  width: number;
  height: number;
  /** Alternative text for the picture: the title and every figure. */
  altText: string;
}

export const CHART_FONT_FAMILY = "Arial, 'Liberation Sans', Helvetica, sans-serif";
const BAR = '#1d70b8'; // GOV.UK blue: 5.2:1 against white
const TEXT = '#0b0c0c';
const FONT_SIZE = 16;
const LINE = 20;
const BAR_HEIGHT = 24;
const ROW_GAP = 12;
const PAD = 8;
const MAX_LABEL_LINES = 3;

// Arial / Helvetica advance widths (1/1000 em) for U+0020–U+007E; Liberation Sans matches them.
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
  556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
  260, 334, 584,
];
const OTHER_WIDTHS: Record<string, number> = {
  '‘': 222,
  '’': 222,
  '“': 333,
  '”': 333,
  '–': 556,
  '—': 1000,
  '…': 1000,
  '£': 556,
  '€': 556,
  '\u00a0': 278,
};

function charWidth(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (c >= 0x20 && c <= 0x7e) return ASCII_WIDTHS[c - 0x20]!;
  const w = OTHER_WIDTHS[ch];
  if (w !== undefined) return w;
  // Accented Latin letters are about the width of their base letter; wide scripts and emoji an em.
  if (c < 0x2e80) return 556;
  return 1000;
}

/** Width of a line of text in pixels at a font size (Arial regular). */
export function textWidth(text: string, fontSize = FONT_SIZE): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return (w * fontSize) / 1000;
}

/** Text wrapped at spaces to lines no wider than `width`; past `maxLines` the last line ends in "…". */
export function wrapText(text: string, width: number, maxLines = MAX_LABEL_LINES, fontSize = FONT_SIZE): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  const push = (l: string) => lines.push(l);
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (textWidth(next, fontSize) <= width) {
      line = next;
      continue;
    }
    if (line) push(line);
    // A single word wider than the line is cut by characters.
    let w = word;
    while (textWidth(w, fontSize) > width) {
      let cut = w.length - 1;
      while (cut > 1 && textWidth(w.slice(0, cut), fontSize) > width) cut--;
      push(w.slice(0, cut));
      w = w.slice(cut);
    }
    line = w;
  }
  if (line || !lines.length) push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last && textWidth(`${last}…`, fontSize) > width) last = last.slice(0, -1).trimEnd();
  kept[maxLines - 1] = `${last}…`;
  return kept;
}

const esc = (s: string): string =>
  s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));

const figure = (d: BarDatum): string =>
  d.percentText && d.percentText !== d.valueText ? `${d.valueText} (${d.percentText})` : d.valueText;

/** The chart's description: its measure and every category with its figure. */
export function chartAltText(spec: Pick<BarChartSpec, 'title' | 'measure' | 'data' | 'withheldNote'>): string {
  const items = spec.data.map((d) => `${d.label.replace(/\s+/g, ' ').trim()}: ${figure(d)}`);
  const withheld = spec.data.some((d) => d.value === null)
    ? ` ${spec.withheldNote ?? '[c] means the figure is withheld.'}`
    : '';
  return `Bar chart: ${spec.title}. ${spec.measure}. ${items.join('; ')}.${withheld}`;
}

/** A horizontal bar chart as a standalone SVG document (string). */
export function barChart(spec: BarChartSpec): BarChart {
  const width = Math.max(320, Math.round(spec.width ?? 600));
  const valueWidth = Math.max(40, ...spec.data.map((d) => textWidth(figure(d)))) + 8;
  const labelWidth = Math.round(
    Math.min(Math.max(120, width * 0.4), Math.max(80, ...spec.data.map((d) => textWidth(d.label) + 4))),
  );
  const barStart = PAD + labelWidth + 8;
  const barSpace = Math.max(40, width - barStart - valueWidth - PAD);
  const max = Math.max(0, ...spec.data.map((d) => d.value ?? 0));
  const id = spec.id.replace(/[^A-Za-z0-9_-]/g, '-');
  const parts: string[] = [];
  let y = PAD;
  for (const d of spec.data) {
    const lines = wrapText(d.label, labelWidth);
    const rowHeight = Math.max(BAR_HEIGHT, lines.length * LINE);
    const mid = y + rowHeight / 2;
    const firstBaseline = mid - ((lines.length - 1) * LINE) / 2 + FONT_SIZE * 0.35;
    parts.push(
      `<text x="${PAD + labelWidth}" y="${r1(firstBaseline)}" text-anchor="end" font-size="${FONT_SIZE}" ` +
        `fill="${TEXT}">` +
        lines
          .map((l, i) => `<tspan x="${PAD + labelWidth}" y="${r1(firstBaseline + i * LINE)}">${esc(l)}</tspan>`)
          .join('') +
        `</text>`,
    );
    const len = d.value !== null && max > 0 ? Math.max(d.value > 0 ? 2 : 0, (d.value / max) * barSpace) : 0;
    if (len > 0)
      parts.push(
        `<rect x="${barStart}" y="${r1(mid - BAR_HEIGHT / 2)}" width="${r1(len)}" height="${BAR_HEIGHT}" ` +
          `fill="${BAR}"/>`,
      );
    parts.push(
      `<text x="${r1(barStart + len + 6)}" y="${r1(mid + FONT_SIZE * 0.35)}" font-size="${FONT_SIZE}" ` +
        `fill="${TEXT}">${esc(figure(d))}</text>`,
    );
    y += rowHeight + ROW_GAP;
  }
  const height = Math.max(40, Math.round(y - ROW_GAP + PAD));
  const altText = chartAltText(spec);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 ` +
    `0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" ` +
    `font-family="${esc(CHART_FONT_FAMILY)}">` +
    `<title id="${id}-title">${esc(spec.title)}</title><desc id="${id}-desc">${esc(altText)}</desc>` +
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>` +
    // The axis the bars grow from.
    (`<line x1="${barStart}" y1="${PAD / 2}" x2="${barStart}" y2="${height - PAD / 2}" stroke="${TEXT}" ` +
      `stroke-width="1"/>`) +
    parts.join('') +
    `</svg>`;
  return { svg, width, height, altText };
}

const r1 = (n: number): string => String(Math.round(n * 10) / 10);

/** Chart data from a tally's rows as the outputs print them (suppressed rows keep their "[c]"). */
export function countRowsChartData(
  rows: ReadonlyArray<{ label: string; count: number | null; countText: string; percentText?: string | null }>,
): BarDatum[] {
  return rows.map((r) => ({
    label: r.label,
    value: r.count,
    valueText: r.countText,
    percentText: r.percentText ?? null,
  }));
}

/** Chart data straight from a shared/analysis QuestionTally (the app's analysis screens). */
export function tallyChartData(tally: {
  options: ReadonlyArray<{ label: string; count: number; percent: number | null }>;
}): BarDatum[] {
  return tally.options.map((o) => ({
    label: o.label,
    value: o.count,
    valueText: o.count.toLocaleString('en-GB'),
    percentText: o.percent === null ? null : `${o.percent}%`,
  }));
}
