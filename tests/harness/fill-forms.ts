import { byNs, Package, R, S } from './ooxml-read';

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
  const target = new Map(
    byNs(rels, PKG_REL, 'Relationship').map((r) => [r.getAttribute('Id'), r.getAttribute('Target')]),
  );
  const sheetPart = new Map(
    byNs(workbook, S, 'sheet').map((s) => [
      s.getAttribute('name'),
      `xl/${String(target.get(s.getAttributeNS(R, 'id')))}`,
    ]),
  );
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
    // String edits rather than a DOM: sheets are large and this runs hundreds of times.
    let xml = pkg.text(part);
    for (const [addr, value] of cells) {
      const cell = new RegExp(`<c r="${addr}"([^>]*?)(?:/>|>[\\s\\S]*?</c>)`);
      const m = cell.exec(xml);
      if (!m) throw new Error(`No cell ${sheet}!${addr} in the form`);
      const attrs = m[1]!.replace(/\s+t="[^"]*"/, '');
      const style = /\bs="(\d+)"/.exec(attrs);
      if (!unlocked(Number(style?.[1] ?? 0))) throw new Error(`${sheet}!${addr} is locked`);
      const escaped = excelText(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      xml = xml.replace(
        cell,
        () => `<c r="${addr}"${attrs} t="inlineStr"><is><t xml:space="preserve">${escaped}</t></is></c>`,
      );
    }
    pkg.set(part, xml);
  }
  return pkg.bytes();
}

/**
 * Fills Word form tables: `answers` maps the table's first cell ("Question 3", "About you") to
 * the answer text for each data row (row index from 0 after the header); "\n" starts a new
 * paragraph and "\t" is a tab, as typed in Word. String edits rather than a DOM, for speed: our
 * forms have no nested tables, and each row and cell is a plain <w:tr>/<w:tc>.
 */
export function fillDocx(bytes: Uint8Array, answers: Map<string, Map<number, string>>): Uint8Array {
  const pkg = new Package(bytes);
  const xml = pkg.text('word/document.xml');
  const cellText = (tc: string) =>
    [...tc.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
      .map((m) => m[1]!)
      .join('')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const paragraphs = (text: string) =>
    text
      .split('\n')
      .map(
        (line) =>
          `<w:p><w:r>${line
            .split('\t')
            .map((part, j) => `${j ? '<w:tab/>' : ''}<w:t xml:space="preserve">${esc(part)}</w:t>`)
            .join('')}</w:r></w:p>`,
      )
      .join('');
  const done = new Set<string>();
  const out = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, (tbl) => {
    const rows = tbl.split(/(?=<w:tr>)/);
    const label = cellText(/<w:tc>[\s\S]*?<\/w:tc>/.exec(rows[1] ?? '')?.[0] ?? '').trim();
    const fill = answers.get(label);
    if (!fill || done.has(label)) return tbl;
    done.add(label);
    for (const [i, text] of fill) {
      const at = i + 2; // rows[0] is the table properties, rows[1] the header row
      if (!rows[at]) throw new Error(`Table “${label}” has no row ${i}`);
      let n = 0;
      rows[at] = rows[at]!.replace(
        /(<w:tc>(?:<w:tcPr>[\s\S]*?<\/w:tcPr>)?)[\s\S]*?(<\/w:tc>)/g,
        (m, open: string, close: string) => (n++ === 1 ? `${open}${paragraphs(text)}${close}` : m),
      );
    }
    return rows.join('');
  });
  for (const label of answers.keys()) if (!done.has(label)) throw new Error(`No table “${label}”`);
  pkg.set('word/document.xml', out);
  return pkg.bytes();
}
