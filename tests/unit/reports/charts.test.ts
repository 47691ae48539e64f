import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { barChart, chartAltText, tallyChartData, textWidth, wrapText, type BarDatum } from '#shared/analysis/charts';
import { encodeAnswers, tallyQuestion } from '#shared/analysis/tallies';
import { renderChartPng } from '#electron/services/formats/chart-png';

const jsdomModule: string = 'jsdom';
const { JSDOM } = (await import(jsdomModule)) as {
  JSDOM: new (html: string) => { window: { DOMParser: typeof globalThis.DOMParser } };
};
const parse = (svg: string): Document => {
  const doc = new new JSDOM('').window.DOMParser().parseFromString(svg, 'image/svg+xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
};

const DATA: BarDatum[] = [
  { label: 'Strongly agree', value: 543, valueText: '543', percentText: '35%' },
  { label: 'Agree', value: 414, valueText: '414', percentText: '27%' },
  {
    label: 'A very long answer label that needs to wrap over more than one line <with> "markup" & ampersands',
    value: 12,
    valueText: '12',
    percentText: '1%',
  },
  { label: 'Other (aggregated)', value: null, valueText: '[c]', percentText: '[c]' },
  { label: 'Don’t know', value: 0, valueText: '0', percentText: '0%' },
];

/** Pixels of a PNG that are not white (RGBA, 8-bit, no interlace: what resvg writes). */
function darkPixels(png: Uint8Array): number {
  const b = Buffer.from(png);
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let p = 8; p < b.length;) {
    const len = b.readUInt32BE(p);
    const type = b.toString('latin1', p + 4, p + 8);
    if (type === 'IDAT') idat.push(b.subarray(p + 8, p + 8 + len));
    p += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const bpp = 4;
  const stride = width * bpp;
  const prev = Buffer.alloc(stride);
  const cur = Buffer.alloc(stride);
  let dark = 0;
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? cur[x - bpp]! : 0;
      const up = prev[x]!;
      const c = x >= bpp ? prev[x - bpp]! : 0;
      const pa = Math.abs(up - c);
      const pb = Math.abs(a - c);
      const pc = Math.abs(a + up - 2 * c);
      const pred =
        f === 0
          ? 0
          : f === 1
            ? a
            : f === 2
              ? up
              : f === 3
                ? (a + up) >> 1
                : pa <= pb && pa <= pc
                  ? a
                  : pb <= pc
                    ? up
                    : c;
      cur[x] = (line[x]! + pred) & 0xff;
    }
    for (let x = 0; x < stride; x += bpp) if (cur[x]! < 128 && cur[x + 1]! < 128 && cur[x + 2]! < 128) dark++;
    cur.copy(prev);
  }
  return dark;
}

describe('bar charts', () => {
  const chart = barChart({
    id: 'q1',
    title: 'Responses to question 1',
    measure: 'Number of respondents (base: 1,555)',
    data: DATA,
    withheldNote: '[c] means fewer than 10 respondents.',
  });

  it('is well-formed SVG with an accessible title and description and no inline styles', () => {
    const doc = parse(chart.svg);
    const svg = doc.documentElement;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-labelledby')).toBe('q1-title q1-desc');
    expect(doc.getElementById('q1-title')?.textContent).toBe('Responses to question 1');
    expect(doc.getElementById('q1-desc')?.textContent).toBe(chart.altText);
    expect(chart.svg).not.toMatch(/\sstyle=/);
    expect(chart.svg).not.toMatch(/<style/);
  });

  it(
    'labels every bar with its category and figure in text, one colour, and draws no bar for withheld or zero ' +
      'figures',
    () => {
      const doc = parse(chart.svg);
      const texts = Array.from(doc.getElementsByTagName('text')).map((t) => t.textContent ?? '');
      expect(texts).toEqual(
        expect.arrayContaining([
          '543 (35%)',
          '414 (27%)',
          '12 (1%)',
          '[c]',
          '0 (0%)',
          'Strongly agree',
          'Other (aggregated)',
        ]),
      );
      const bars = Array.from(doc.getElementsByTagName('rect')).slice(1);
      expect(bars).toHaveLength(3);
      expect(new Set(bars.map((b) => b.getAttribute('fill')))).toEqual(new Set(['#1d70b8']));
      const widths = bars.map((b) => Number(b.getAttribute('width')));
      expect(widths[0]! / widths[1]!).toBeCloseTo(543 / 414, 1);
      // The long label wraps onto several lines, none wider than the label column.
      const tspans = Array.from(doc.getElementsByTagName('tspan')).map((t) => t.textContent ?? '');
      expect(tspans.filter((t) => t.startsWith('A very long') || t.includes('wrap')).length).toBeGreaterThan(0);
    },
  );

  it('gives alt text with every category and figure', () => {
    expect(chart.altText).toBe(
      'Bar chart: Responses to question 1. Number of respondents (base: 1,555). Strongly agree: 543 (35%); ' +
        'Agree: 414 (27%); A very long answer label that needs to wrap over more than one line <with> "markup" & ' +
        'ampersands: 12 (1%); Other (aggregated): [c]; Don’t know: 0 (0%). [c] means fewer than 10 respondents.',
    );
    expect(chartAltText({ title: 't', measure: 'm', data: DATA.slice(0, 1) })).toBe(
      'Bar chart: t. m. Strongly agree: 543 (35%).',
    );
  });

  it('wraps text by Arial widths and cuts overlong labels with an ellipsis', () => {
    expect(textWidth('0000', 10)).toBeCloseTo(4 * 5.56, 5);
    const lines = wrapText('word '.repeat(60), 100, 3);
    expect(lines).toHaveLength(3);
    expect(lines[2]!.endsWith('…')).toBe(true);
    for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(100);
  });

  it('charts a tally straight from shared/analysis', () => {
    const q = {
      id: 'q',
      type: 'yes_no' as const,
      options: [
        { id: 'yes', label: 'Yes' },
        { id: 'no', label: 'No' },
      ],
    };
    const t = tallyQuestion(q, encodeAnswers(q, [['yes'], ['yes'], ['no'], null]));
    expect(tallyChartData(t)).toEqual([
      { label: 'Yes', value: 2, valueText: '2', percentText: '67%' },
      { label: 'No', value: 1, valueText: '1', percentText: '33%' },
    ]);
  });

  it('renders to a PNG at twice the size, with text drawn (a font was found)', () => {
    const png = renderChartPng(chart.svg);
    expect(Buffer.from(png.png.subarray(0, 8)).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    expect([png.width, png.height]).toEqual([chart.width * 2, chart.height * 2]);
    // The same chart without its words has far fewer dark pixels: the labels were drawn.
    const noText = renderChartPng(chart.svg.replace(/<text[\s\S]*?<\/text>/g, ''));
    expect(darkPixels(png.png)).toBeGreaterThan(darkPixels(noText.png) + 2000);
  });
});
