import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';

/**
 * Headless rendering for document tests: LibreOffice converts a .docx/.xlsx/.html to PDF (each
 * call with its own user profile, since two soffice processes sharing one fail silently —
 * toolchain trap #13 — and into its own folder, since a.docx and a.xlsx would both write a.pdf),
 * then poppler reads the page count and text (in content-stream order, `-raw`, so a wrapped
 * spreadsheet cell's lines stay together), and optionally draws PNG pages to look at.
 */
export interface Rendered {
  pdf: string;
  pages: number;
  text: string;
  /** PNG paths, when asked for. */
  pngs: string[];
}

let renderer: boolean | undefined;
/**
 * Whether LibreOffice and poppler are here. The render checks are optional: without them they are
 * skipped, and the first test file to ask says so, and what to install, once.
 */
export function haveRenderer(): boolean {
  if (renderer === undefined) {
    const missing = ['soffice', 'pdfinfo', 'pdftotext'].filter(
      (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status !== 0,
    );
    renderer = missing.length === 0;
    if (!renderer) {
      console.log(
        `LibreOffice render checks skipped: ${missing.join(', ')} not found (Debian: apt-get install ` +
          `libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils).`,
      );
    }
  }
  return renderer;
}

export function convertWithLibreOffice(file: string, to: string, outDir: string): string {
  const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
  mkdirSync(outDir, { recursive: true });
  try {
    const r = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--norestore',
        '--convert-to',
        to,
        '--outdir',
        outDir,
        file,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    const ext = to.split(':')[0]!;
    const out = join(outDir, `${basename(file, extname(file))}.${ext}`);
    if (!existsSync(out))
      throw new Error(`LibreOffice could not convert ${file} to ${to} (exit ${r.status}): ${r.stderr || r.stdout}`);
    return out;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

export function renderToPdf(file: string, opts: { outDir?: string; pngDpi?: number } = {}): Rendered {
  const outDir = opts.outDir ?? mkdtempSync(join(tmpdir(), 'render-'));
  const pdf = convertWithLibreOffice(file, 'pdf', outDir);
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN);
  const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  let pngs: string[] = [];
  if (opts.pngDpi) {
    const prefix = join(outDir, basename(pdf, '.pdf'));
    execFileSync('pdftoppm', ['-png', '-r', String(opts.pngDpi), pdf, prefix]);
    pngs = readdirSync(outDir)
      .filter((f) => f.startsWith(basename(prefix)) && f.endsWith('.png'))
      .sort()
      .map((f) => join(outDir, f));
  }
  return { pdf, pages, text, pngs };
}

/** PDF text with line breaks and runs of spaces collapsed, for "contains this sentence" checks. */
export const flatText = (text: string): string => text.replace(/\s+/g, ' ');
