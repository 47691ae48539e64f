import { expect } from 'vitest';
import { byNs, paragraphText, W, WP, wAttr, wordParagraphs, type Package } from '../../harness/ooxml-read';

/** Reading the Word reports back: headings, tables as text, pictures with their alt text. */
export const HEADING = /^(Title|Heading([1-9]))$/;

export function headings(doc: Document): { level: number; text: string }[] {
  return wordParagraphs(doc)
    .filter((p) => HEADING.test(p.style))
    .map((p) => ({ level: p.style === 'Title' ? 0 : Number(HEADING.exec(p.style)![2]), text: p.text }));
}

/** Every table as rows of cell texts, with whether its first row repeats as a header row. */
export function tables(doc: Document): { rows: string[][]; headerRepeats: boolean }[] {
  return byNs(doc, W, 'tbl').map((tbl) => {
    const rows = byNs(tbl, W, 'tr');
    return {
      rows: rows.map((tr) => byNs(tr, W, 'tc').map((tc) => byNs(tc, W, 'p').map(paragraphText).join('\n'))),
      headerRepeats: byNs(rows[0]!, W, 'tblHeader').length === 1,
    };
  });
}

export function pictures(doc: Document): { descr: string; title: string }[] {
  return byNs(doc, WP, 'docPr').map((d) => ({
    descr: d.getAttribute('descr') ?? '',
    title: d.getAttribute('title') ?? '',
  }));
}

/** Headings start with the Title, then never skip a level. */
export function expectHeadingOrder(doc: Document): void {
  const hs = headings(doc);
  expect(hs[0]!.level).toBe(0);
  let last = 0;
  for (const h of hs.slice(1)) {
    expect(h.level, `“${h.text}” jumps from level ${last} to ${h.level}`).toBeLessThanOrEqual(last + 1);
    last = h.level;
  }
}

/** Arial everywhere and nothing under 12pt (24 half-points), in the styles and in direct formatting. */
export function expectArial12(pkg: Package): void {
  const styles = pkg.xml('word/styles.xml');
  const defaults = byNs(styles, W, 'docDefaults')[0]!;
  expect(wAttr(byNs(defaults, W, 'rFonts')[0]!, 'ascii')).toBe('Arial');
  expect(Number(wAttr(byNs(defaults, W, 'sz')[0]!, 'val'))).toBeGreaterThanOrEqual(24);
  for (const part of ['word/styles.xml', 'word/document.xml']) {
    for (const sz of byNs(pkg.xml(part), W, 'sz')) expect(Number(wAttr(sz, 'val')), part).toBeGreaterThanOrEqual(24);
    for (const f of byNs(pkg.xml(part), W, 'rFonts')) {
      const ascii = wAttr(f, 'ascii');
      if (ascii) expect(ascii).toBe('Arial');
    }
  }
  expect(byNs(pkg.xml('word/document.xml'), W, 'i')).toHaveLength(0);
}

export { wordParagraphs };
