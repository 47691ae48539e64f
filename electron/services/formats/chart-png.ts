import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

/**
 * Chart SVG to PNG for Word documents, with resvg (Rust, prebuilt N-API binaries from the npm
 * registry: no network, no browser). resvg draws text only with fonts it is given, so we hand it
 * Arial where the machine has it (Windows, macOS) or Liberation Sans (metric-compatible; Linux),
 * named by file: loading a few files is quicker than scanning every system font, and the output
 * does not change with whatever else is installed. With none of them, system fonts are scanned
 * (any sans-serif font then stands in). The figures are in the table that always goes with a
 * chart, so a picture drawn with another font loses nothing.
 */
const CANDIDATES = [
  // Windows
  'C:\\Windows\\Fonts\\arial.ttf',
  'C:\\Windows\\Fonts\\arialbd.ttf',
  // macOS
  '/System/Library/Fonts/Supplemental/Arial.ttf',
  '/System/Library/Fonts/Supplemental/Arial Bold.ttf',
  '/Library/Fonts/Arial.ttf',
  // Linux (Debian/Ubuntu, Fedora, Arch)
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  '/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf',
  '/usr/share/fonts/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/msttcorefonts/Arial.ttf',
];

let fontFiles: string[] | null = null;

/** Arial or Liberation Sans font files found on this machine (cached). */
export function chartFontFiles(): string[] {
  fontFiles ??= CANDIDATES.filter((p) => existsSync(p));
  return fontFiles;
}

export interface ChartPng {
  png: Uint8Array;
  /** Pixel size (twice the SVG's, for a sharp picture when printed). */
  width: number;
  height: number;
}

/** The chart as PNG at `scale`× its SVG size. */
export function renderChartPng(svg: string, scale = 2): ChartPng {
  const files = chartFontFiles();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: files.length
      ? {
          loadSystemFonts: false,
          fontFiles: files,
          defaultFontFamily: files.some((f) => /arial/i.test(f)) ? 'Arial' : 'Liberation Sans',
        }
      : { loadSystemFonts: true, defaultFontFamily: 'Arial' },
    shapeRendering: 2,
    textRendering: 1,
    imageRendering: 0,
  });
  const img = resvg.render();
  return { png: new Uint8Array(img.asPng()), width: img.width, height: img.height };
}

export const pngDataUrl = (png: Uint8Array): string => `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
