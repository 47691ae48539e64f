import { byNs, Package, paragraphText, R, S, serializeXml, W } from './ooxml-read';

/**
 * Filling in our response forms as a respondent's program would, by editing the saved XML:
 * answer cells of the spreadsheet become inline strings; answer cells of the Word tables get
 * paragraphs of runs. Writing into a locked spreadsheet cell throws, as Excel would refuse.
 */
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Escapes text the way Excel does for "_xHHHH_" look-alikes, so they read back literally. */
const excelText = (s: string) => s.replace(/_(x[0-9a-fA-F]{4}_)/g, '_x005F_$1');

export function fillXlsx(bytes: Uint8Array, answers: Map<string, string>): Uint8Array {
  const pkg = new Package(bytes);
  const workbook = pkg.xml('xl/workbook.xml');
  const rels = pkg.xml('xl/_rels/workbook.xml.rels');
  const target = new Map(byNs(rels, PKG_REL, 'Relationship').map((r) => [r.getAttribute('Id'), r.getAttribute('Target')]));
  const sheetPart = new Map(byNs(workbook, S, 'sheet').map((s) => [s.getAttribute('name'), `xl/${String(target.get(s.getAttributeNS(R, 'id')))}`]));
  const styles = pkg.xml('xl/styles.xml');
  const xfs = byNs(byNs(styles, S, 'cellXfs')[0]!, S, 'xf');
  const unlocked = (s: number) => byNs(xfs[s]!, S, 'protection')[0]?.getAttribute('locked') === '0';

  const bySheet = new Map<string, [string, string][]>();
  for (const [ref, value] of answers) {
    const [sheet, addr] = [ref.slice(0, ref.lastIndexOf('!')), ref.slice(ref.lastIndexOf('!') + 1)];
    bySheet.set(sheet, [...(bySheet.get(sheet) ?? []), [addr, value]]);
  }
  for (const [sheet, cells] of bySheet) {
    const part = sheetPart.get(sheet);
    if (!part) throw new Error(`No sheet ${sheet}`);
    const doc = pkg.xml(part);
    const byRef = new Map(byNs(doc, S, 'c').map((c) => [c.getAttribute('r'), c]));
    for (const [addr, value] of cells) {
      const c = byRef.get(addr);
      if (!c) throw new Error(`No cell ${sheet}!${addr} in the form`);
      if (!unlocked(Number(c.getAttribute('s') ?? 0))) throw new Error(`${sheet}!${addr} is locked`);
      while (c.firstChild) c.removeChild(c.firstChild);
      c.setAttribute('t', 'inlineStr');
      const is = doc.createElementNS(S, 'is');
      const t = doc.createElementNS(S, 't');
      t.setAttributeNS('http://www.w3.org/XML/1998/namespace', 'xml:space', 'preserve');
      t.textContent = excelText(value);
      is.appendChild(t);
      c.appendChild(is);
    }
    pkg.set(part, serializeXml(doc));
  }
  return pkg.bytes();
}

/**
 * Fills Word form tables: `answers` maps the table's first cell ("Question 3", "About you") to
 * the answer text for each data row (row index from 0 after the header); "\n" starts a new paragraph.
 */
export function fillDocx(bytes: Uint8Array, answers: Map<string, Map<number, string>>): Uint8Array {
  const pkg = new Package(bytes);
  const doc = pkg.xml('word/document.xml');
  const tables = byNs(doc, W, 'tbl');
  for (const [label, rows] of answers) {
    const tbl = tables.find((t) => paragraphText(byNs(t, W, 'tc')[0]!).trim() === label);
    if (!tbl) throw new Error(`No table “${label}”`);
    const trs = byNs(tbl, W, 'tr');
    for (const [i, text] of rows) {
      const tr = trs[i + 1];
      if (!tr) throw new Error(`Table “${label}” has no row ${i}`);
      const tc = byNs(tr, W, 'tc')[1]!;
      for (const p of byNs(tc, W, 'p')) p.parentNode!.removeChild(p);
      for (const line of text.split('\n')) {
        const p = doc.createElementNS(W, 'w:p');
        const r = doc.createElementNS(W, 'w:r');
        line.split('\t').forEach((part, j) => {
          if (j > 0) r.appendChild(doc.createElementNS(W, 'w:tab'));
          const t = doc.createElementNS(W, 'w:t');
          t.setAttributeNS('http://www.w3.org/XML/1998/namespace', 'xml:space', 'preserve');
          t.textContent = part;
          r.appendChild(t);
        });
        p.appendChild(r);
        tc.appendChild(p);
      }
    }
  }
  pkg.set('word/document.xml', serializeXml(doc));
  return pkg.bytes();
}
