import { escapeXml } from '../ooxml/xml';
import { cellText, colName, wrappedLines } from './sheet-helpers';
import { neutraliseCell } from '#shared/core/spreadsheet-safety';
import type { ByteSink } from '../zip/byte-sink';
import { ZipStreamWriter, type EntryWriter } from '../zip/zip-stream';

/**
 * A SpreadsheetML writer that streams rows straight into the ZIP, for workbooks of 100,000
 * responses in bounded memory, written to the Analysis Function checklist (consultation-standard
 * §6.3): Excel tables with one header row and no filter buttons, no merged cells, frozen panes,
 * hidden rows or fills carrying meaning, Arial 12, wrapped text with row heights written in, the
 * cursor in A1 of every sheet and the first sheet selected.
 *
 * Why not exceljs's streaming WorkbookWriter: it cannot write tables (the checklist's "Excel table
 * mark-up"), and it stamps the ZIP with the wall clock. This writer gives byte-identical files for
 * the same report and clock.
 *
 * Every text cell is made XML-safe and neutralised against formula injection here, in one place:
 * text starting with =, +, -, @, a tab or a line break gets a leading apostrophe, and cells are
 * always written as inline strings (never formulas), so "=HYPERLINK(…)" stays text.
 */
/** Cell styles (indices into cellXfs below). */
export const Style = { Default: 0, Text: 1, Header: 2, Title: 3, Number: 4, Link: 5, Decimal: 6, Bold: 7 } as const;
export type Style = (typeof Style)[keyof typeof Style];

export type CellInput =
  string | number | null | { text: string; style?: Style; link?: string } | { number: number; style?: Style };

export interface SheetPlan {
  name: string;
  /** Column widths in characters. */
  widths: number[];
  /** An Excel table on this sheet: its name (letters, digits, _) and header texts. */
  table?: { name: string; columns: string[] };
}

export interface WorkbookProps {
  title: string;
  subject: string;
  creator: string;
  description: string;
  language: string;
  now: Date;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${NS}"><numFmts count="1"><numFmt numFmtId="164" ` +
  `formatCode="0.0"/></numFmts><fonts count="4"><font><sz val="12"/><name val="Arial"/><family ` +
  `val="2"/></font><font><b/><sz val="12"/><name val="Arial"/><family val="2"/></font><font><b/><sz ` +
  `val="16"/><name val="Arial"/><family val="2"/></font><font><u/><sz val="12"/><color rgb="FF1D70B8"/><name ` +
  `val="Arial"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill ` +
  `patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders ` +
  `count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf ` +
  `numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="8"><xf numFmtId="0" fontId="0" ` +
  `fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" ` +
  `applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="0" fontId="1" fillId="0" ` +
  `borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf ` +
  `numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="3" fontId="0" fillId="0" ` +
  `borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf><xf numFmtId="0" ` +
  `fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" ` +
  `wrapText="1"/></xf><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" ` +
  `applyAlignment="1"><alignment vertical="top"/></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" ` +
  `applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" ` +
  `builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleLight1" ` +
  `defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;

/** Characters that need any work: XML specials, control characters, surrogates, "_x…_" escapes, formula triggers. */
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[&<>"\u0000-\u001f_\ud800-\udfff\ufffe\uffff]/;
const FORMULA_START = new RegExp(
  [
    String.raw`^['=+\-@\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f`,
    String.raw`\u3000\ufeff\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b`,
    String.raw`]`,
  ].join(''),
);

/** Text for a cell: XML-safe, within Excel's limit, and neutralised against formulas. */
export const safeCellText = (s: string): string => cellText(neutraliseCell(s));

/** The same as escapeXml(safeCellText(s)), quicker for the common case of plain text. */
function cellXml(s: string): string {
  if (s.length < 32_767 && !NEEDS_WORK.test(s) && !FORMULA_START.test(s)) return s;
  return escapeXml(safeCellText(s));
}

const textCell = (ref: string, style: Style, raw: string): string =>
  `<c r="${ref}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${cellXml(raw)}</t></is></c>`;
const numberCell = (ref: string, style: Style, num: number): string => `<c r="${ref}" s="${style}"><v>${num}</v></c>`;
const rowXml = (r: number, height: number, cells: string): string =>
  `<row r="${r}" ht="${height}" customHeight="1">${cells}</row>`;
/** Row height in points for `lines` lines of 12-point Arial (Excel's limit is 409). */
const heightOf = (lines: number): number => Math.min(409, Math.ceil(lines * 15.5 + 4));

const COLS: string[] = [];
const col = (i: number): string => (COLS[i] ??= colName(i + 1));

const stampOf = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export class StreamWorkbook {
  private readonly zip: ZipStreamWriter;
  private tableCount = 0;
  private index = 0;

  private constructor(
    sink: ByteSink,
    private readonly plan: SheetPlan[],
    private readonly props: WorkbookProps,
  ) {
    this.zip = new ZipStreamWriter(sink, props.now);
  }

  /** Writes the package parts that do not depend on the rows; then call `sheet()` once per plan entry, in order. */
  static async start(sink: ByteSink, plan: SheetPlan[], props: WorkbookProps): Promise<StreamWorkbook> {
    const wb = new StreamWorkbook(sink, plan, props);
    await wb.writeStatic();
    return wb;
  }

  private async writeStatic(): Promise<void> {
    const p = this.props;
    const tables = this.plan.filter((s) => s.table).length;
    const overrides = [
      '<Override PartName="/xl/workbook.xml" ' +
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
      '<Override PartName="/xl/styles.xml" ' +
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>',
      '<Override PartName="/docProps/core.xml" ' +
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>',
      '<Override PartName="/docProps/app.xml" ' +
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>',
      ...this.plan.map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ` +
          `ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      ),
      ...Array.from(
        { length: tables },
        (_, i) =>
          `<Override PartName="/xl/tables/table${i + 1}.xml" ` +
          `ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`,
      ),
    ];
    await this.zip.add(
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default ` +
        `Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default ` +
        `Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`,
    );
    await this.zip.add(
      '_rels/.rels',
      `${XML_HEAD}<Relationships ` +
        `xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" ` +
        `Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" ` +
        `Target="xl/workbook.xml"/><Relationship Id="rId2" ` +
        `Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" ` +
        `Target="docProps/core.xml"/><Relationship Id="rId3" ` +
        `Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" ` +
        `Target="docProps/app.xml"/></Relationships>`,
    );
    const t = (s: string) => escapeXml(cellText(s));
    await this.zip.add(
      'docProps/core.xml',
      `${XML_HEAD}<cp:coreProperties ` +
        `xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
        `xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
        `xmlns:dcmitype="http://purl.org/dc/dcmitype/" ` +
        `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
        `<dc:title>${t(p.title)}</dc:title><dc:subject>${t(p.subject)}</dc:subject>` +
        `<dc:creator>${t(p.creator)}</dc:creator><dc:description>${t(p.description)}</dc:description>` +
        `<cp:lastModifiedBy>${t(p.creator)}</cp:lastModifiedBy><dc:language>${t(p.language)}</dc:language>` +
        `<dcterms:created ` +
        `xsi:type="dcterms:W3CDTF">${stampOf(p.now)}</dcterms:created><dcterms:modified ` +
        `xsi:type="dcterms:W3CDTF">${stampOf(p.now)}</dcterms:modified></cp:coreProperties>`,
    );
    await this.zip.add(
      'docProps/app.xml',
      `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ` +
        `xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Consultation ` +
        `Workbench</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector ` +
        `size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>` +
        `<vt:variant><vt:i4>${this.plan.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
        `<TitlesOfParts><vt:vector size="${this.plan.length}" baseType="lpstr">` +
        this.plan.map((s) => `<vt:lpstr>${t(s.name)}</vt:lpstr>`).join('') +
        `</vt:vector></TitlesOfParts></Properties>`,
    );
    await this.zip.add(
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${NS}" xmlns:r="${RNS}"><bookViews><workbookView xWindow="0" yWindow="0" ` +
        `windowWidth="20000" windowHeight="12000" firstSheet="0" ` +
        `activeTab="0"/></bookViews><sheets>` +
        this.plan.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        `</sheets></workbook>`,
    );
    await this.zip.add(
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships ` +
        `xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        this.plan
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" ` +
              `Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" ` +
              `Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        `<Relationship ` +
        `Id="rId${this.plan.length + 1}" ` +
        `Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" ` +
        `Target="styles.xml"/></Relationships>`,
    );
    await this.zip.add('xl/styles.xml', STYLES);
  }

  /** The next planned sheet, open for rows. */
  async sheet(): Promise<SheetWriter> {
    const i = this.index++;
    const plan = this.plan[i];
    if (!plan) throw new Error('More sheets written than planned');
    const entry = await this.zip.begin(`xl/worksheets/sheet${i + 1}.xml`);
    const tableId = plan.table ? ++this.tableCount : 0;
    const w = new SheetWriter(entry, plan, i === 0, async (tableRef: string | null) => {
      if (!plan.table || !tableRef) return;
      await this.zip.add(
        `xl/worksheets/_rels/sheet${i + 1}.xml.rels`,
        `${XML_HEAD}<Relationships ` +
          `xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" ` +
          `Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" ` +
          `Target="../tables/table${tableId}.xml"/></Relationships>`,
      );
      const cols = plan.table.columns
        .map((c, k) => `<tableColumn id="${k + 1}" name="${escapeXml(tableColumnName(c))}"/>`)
        .join('');
      await this.zip.add(
        `xl/tables/table${tableId}.xml`,
        `${XML_HEAD}<table xmlns="${NS}" id="${tableId}" name="${plan.table.name}" ` +
          `displayName="${plan.table.name}" ref="${tableRef}" headerRowCount="1" totalsRowShown="0"><tableColumns ` +
          `count="${plan.table.columns.length}">${cols}</tableColumns><tableStyleInfo name="TableStyleLight1" ` +
          `showFirstColumn="0" showLastColumn="0" showRowStripes="0" showColumnStripes="0"/></table>`,
      );
    });
    await w.open();
    return w;
  }

  async finish(): Promise<void> {
    if (this.index !== this.plan.length)
      throw new Error(`${this.plan.length - this.index} planned sheets were not written`);
    await this.zip.finish();
  }
}

/** The header cell text of a table column (Excel requires the two to match exactly). */
const tableColumnName = (s: string): string => safeCellText(s).replace(/[\r\n]+/g, ' ');

export class SheetWriter {
  private rowNumber = 0;
  private tableStart = 0;
  private readonly links: Array<[string, string]> = [];

  constructor(
    private readonly entry: EntryWriter,
    private readonly plan: SheetPlan,
    private readonly selected: boolean,
    private readonly onClose: (tableRef: string | null) => Promise<void>,
  ) {}

  get rows(): number {
    return this.rowNumber;
  }

  async open(): Promise<void> {
    const cols = this.plan.widths
      .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)
      .join('');
    await this.entry.write(
      `${XML_HEAD}<worksheet xmlns="${NS}" xmlns:r="${RNS}"><sheetPr><pageSetUpPr ` +
        `fitToPage="1"/></sheetPr><sheetViews><sheetView ` +
        `workbookViewId="0"${this.selected ? ' tabSelected="1"' : ''}><selection activeCell="A1" ` +
        `sqref="A1"/></sheetView></sheetViews><sheetFormatPr ` +
        `defaultRowHeight="15.5"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>`,
    );
  }

  /** Lines `text` wraps to in column `c` (short single-line text fits on one: no count). */
  private linesIn(c: number, text: string): number {
    const width = this.plan.widths[c] ?? 10;
    return text.length > width * 0.8 || text.includes('\n') ? wrappedLines(text, width) : 1;
  }

  /**
   * One row; `wrap` works out its height from the wrapped text (Excel and LibreOffice do not, for files they did not
   * write).
   */
  async row(cells: CellInput[], opts: { wrap?: boolean; style?: Style } = {}): Promise<void> {
    const r = ++this.rowNumber;
    let lines = 1;
    let xml = '';
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c];
      if (v === null || v === undefined || v === '') continue;
      const ref = `${col(c)}${r}`;
      if (typeof v === 'number' || (typeof v === 'object' && 'number' in v)) {
        const num = typeof v === 'number' ? v : v.number;
        const s =
          typeof v === 'number' ? (Number.isInteger(num) ? Style.Number : Style.Decimal) : (v.style ?? Style.Number);
        if (Number.isFinite(num)) xml += numberCell(ref, s, num);
        continue;
      }
      const raw = typeof v === 'string' ? v : v.text;
      const style =
        typeof v === 'string'
          ? (opts.style ?? Style.Text)
          : (v.style ?? (v.link ? Style.Link : (opts.style ?? Style.Text)));
      if (typeof v === 'object' && v.link) this.links.push([ref, v.link]);
      if (opts.wrap !== false && (style === Style.Text || style === Style.Header || style === Style.Link))
        lines = Math.max(lines, this.linesIn(c, raw));
      xml += textCell(ref, style, raw);
    }
    await this.entry.write(rowXml(r, opts.style === Style.Title ? 21 : heightOf(lines), xml));
  }

  /**
   * A row of a 0/1 matrix: a text cell, then one whole number per column (100,000 rows × a column
   * per theme in the analysis workbook). Writes exactly what row([first, ...values]) writes, without
   * building a cell list or looking at each value's type.
   */
  async flagRow(first: string, values: ArrayLike<number>): Promise<void> {
    const r = ++this.rowNumber;
    const rs = String(r);
    let xml = first === '' ? '' : textCell(`A${rs}`, Style.Text, first);
    for (let c = 0; c < values.length; c++) {
      const v = values[c]!;
      if (Number.isFinite(v))
        xml += numberCell(`${col(c + 1)}${rs}`, Number.isInteger(v) ? Style.Number : Style.Decimal, v);
    }
    await this.entry.write(rowXml(r, heightOf(first === '' ? 1 : this.linesIn(0, first)), xml));
  }

  /** Marks the next row as the table's header row (the table runs from there to the last row). */
  startTable(): void {
    this.tableStart = this.rowNumber + 1;
  }

  async close(): Promise<void> {
    const links = this.links
      .map(
        ([ref, location]) =>
          `<hyperlink ref="${ref}" location="${escapeXml(location)}" ` +
          `display="${escapeXml(location.replace(/^'|'!A1$/g, ''))}"/>`,
      )
      .join('');
    let tableRef: string | null = null;
    if (this.plan.table) {
      if (!this.tableStart || this.rowNumber <= this.tableStart)
        throw new Error(`The table on ${this.plan.name} needs a header row and at least one row of data`);
      tableRef = `A${this.tableStart}:${colName(this.plan.table.columns.length)}${this.rowNumber}`;
    }
    await this.entry.write(
      `</sheetData>${links ? `<hyperlinks>${links}</hyperlinks>` : ''}<pageMargins left="0.7" right="0.7" ` +
        `top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" ` +
        `fitToWidth="1" ` +
        `fitToHeight="0"/>${tableRef ? `<tableParts count="1"><tablePart r:id="rId1"/></tableParts>` : ''}</worksheet>`,
    );
    await this.entry.close();
    await this.onClose(tableRef);
  }
}
