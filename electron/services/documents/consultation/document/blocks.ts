/**
 * The document model every consultation output is rendered from (Word and HTML alike), so the
 * two say exactly the same thing: headings, paragraphs of runs, lists, tables and images, plus
 * the table of contents and page breaks that only Word shows.
 */
export interface Run {
  /** "\n" is a line break within the paragraph. */
  text: string;
  bold?: boolean;
  /** http(s) or mailto only; anything else is left as plain text. */
  href?: string;
  /** BCP 47 tag when the run is not in English (the Welsh notice). */
  lang?: string;
}

/** Paragraph roles, mapped to Word styles and HTML classes. */
export type ParagraphRole = 'normal' | 'question' | 'lead' | 'subtitle';

export type OutBlock =
  | { type: 'title'; text: string }
  | { type: 'heading'; level: 1 | 2 | 3; text: string; anchor: string }
  | { type: 'paragraph'; runs: Run[]; role?: ParagraphRole; keepNext?: boolean }
  /** keepTogether: a short list (a question's options) stays on one page with what follows it. */
  | { type: 'list'; ordered: boolean; start?: number; items: OutBlock[][]; keepTogether?: boolean }
  /**
   * rows[0] is the header row; every row has the same number of cells; rowHeaders marks the first column as
   * headers too.
   */
  | {
      type: 'table';
      rows: OutBlock[][][];
      rowHeaders?: boolean;
      columnWidths?: number[];
      minRowLines?: number[];
      keepTogether?: boolean;
    }
  | { type: 'image'; src: string; alt: string }
  /** Contents from the headings of levels 1 to `levels` (default 1: the sections only). */
  | { type: 'toc'; title: string; levels?: 1 | 2 | 3 }
  | { type: 'pageBreak' };

export const para = (text: string, role?: ParagraphRole): OutBlock => ({
  type: 'paragraph',
  runs: linkify(text),
  ...(role ? { role } : {}),
});
/** The same paragraphs, kept on the page with what follows (a question's hint with its options or answer box). */
export const keepWithNext = (blocks: OutBlock[]): OutBlock[] =>
  blocks.map((b) => (b.type === 'paragraph' ? { ...b, keepNext: true } : b));
export const paraRuns = (runs: Run[], role?: ParagraphRole): OutBlock => ({
  type: 'paragraph',
  runs,
  ...(role ? { role } : {}),
});

/** Paragraphs from plain text: blank lines separate paragraphs, single line breaks stay as breaks. */
export function paras(text: string): OutBlock[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/^\s+|\s+$/g, ''))
    .filter((p) => p !== '')
    .map((p) => para(p));
}

const URL_OR_EMAIL = /\bhttps?:\/\/[^\s<>"]+|\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;

/**
 * Runs from plain text with web addresses and email addresses made into real links (the text
 * stays what the author wrote). Trailing punctuation is not part of an address.
 */
export function linkify(text: string, bold = false): Run[] {
  const runs: Run[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_OR_EMAIL)) {
    let found = m[0];
    while (/[.,;:!?)\]]$/.test(found)) found = found.slice(0, -1);
    const at = m.index;
    if (at > last) runs.push(plain(text.slice(last, at), bold));
    const href = found.includes('@') && !/^https?:/i.test(found) ? `mailto:${found}` : found;
    runs.push({ text: found, href, ...(bold ? { bold } : {}) });
    last = at + found.length;
  }
  if (last < text.length) runs.push(plain(text.slice(last), bold));
  return runs;
}

const plain = (text: string, bold: boolean): Run => (bold ? { text, bold } : { text });

/** Only links a reader can follow safely from an offline document: web and email addresses. */
export function safeHref(href: string): string | null {
  const h = href.trim();
  return /^(https?:\/\/|mailto:)/i.test(h) ? h : null;
}

export function runsText(runs: Run[]): string {
  return runs.map((r) => r.text).join('');
}

/** Anchors for headings: readable, unique within one document. */
export function anchorFactory(): (text: string) => string {
  const used = new Set<string>();
  return (text: string) => {
    const base =
      text
        .normalize('NFKD')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60) || 'section';
    let a = base;
    for (let i = 2; used.has(a); i++) a = `${base}-${i}`;
    used.add(a);
    return a;
  };
}
