import {
  ExternalHyperlink,
  HeadingLevel,
  HeightRule,
  ImageRun,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  ShadingType,
  TextRun,
  WidthType,
  type FileChild,
  type ParagraphChild,
} from 'docx';
import type { OutBlock, Run } from '../consultation/document/blocks';
import { decodeImage, fitImage } from '../consultation/document/images';
import {
  HEADER_FILL,
  HYPERLINK_STYLE,
  LEAD_STYLE,
  listIndent,
  orderedReference,
  QUESTION_BORDER,
  QUESTION_INDENT,
  QUESTION_STYLE,
  SUBTITLE_STYLE,
  TEXT_WIDTH_TWIPS,
  TOC_HEADING_STYLE,
} from './styles';
import { shortenAtWord } from '#shared/core/shorten';

interface At {
  listLevel: number;
  header: boolean;
  inTable: boolean;
  /** Keep with next: holds a short table's rows on one page. */
  keepNext?: boolean;
}
const TOP: At = { listLevel: -1, header: false, inTable: false };

/**
 * Output blocks as Word content. One renderer per document, because it numbers the lists
 * (each list is its own numbering instance, so numbered lists restart at their own start)
 * and the pictures (drawing ids must be unique and, for byte-identical output, not come from
 * the docx library's process-wide counter).
 */
export class DocxRenderer {
  private listInstance = 0;
  private drawingId = 0;
  private lastWasQuestion = false;

  /** headingPageBreaks: each level 1 heading (and the contents) starts a new page, as chapters do. */
  constructor(private readonly opts: { headingPageBreaks: boolean } = { headingPageBreaks: true }) {}
  readonly orderedStarts = new Set<number>([1]);

  render(blocks: OutBlock[]): FileChild[] {
    return blocks.flatMap((b) => this.block(b, TOP));
  }

  private block(b: OutBlock, at: At): FileChild[] {
    const out = this.blockInner(b, at);
    this.lastWasQuestion = b.type === 'paragraph' && b.role === 'question';
    return out;
  }

  private blockInner(b: OutBlock, at: At): FileChild[] {
    switch (b.type) {
      case 'title':
        return [new Paragraph({ heading: HeadingLevel.TITLE, children: this.runs([{ text: b.text }], false) })];
      case 'heading': {
        const heading =
          b.level === 1 ? HeadingLevel.HEADING_1 : b.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
        const pageBreakBefore = b.level === 1 && this.opts.headingPageBreaks;
        return [
          new Paragraph({
            heading,
            ...(pageBreakBefore ? { pageBreakBefore } : {}),
            children: this.runs([{ text: b.text }], false),
          }),
        ];
      }
      case 'paragraph': {
        const style =
          b.role === 'question'
            ? QUESTION_STYLE
            : b.role === 'lead'
              ? LEAD_STYLE
              : b.role === 'subtitle'
                ? SUBTITLE_STYLE
                : undefined;
        // Word joins the side borders of neighbouring paragraphs with identical borders into one
        // box; a question straight after another gets a slightly different border so each keeps its own.
        // (Word compares the border and LibreOffice the indent, so both differ, invisibly.)
        const separate =
          b.role === 'question' && this.lastWasQuestion
            ? { border: { left: { ...QUESTION_BORDER, space: 7 } }, indent: { left: QUESTION_INDENT + 20 } }
            : {};
        return [
          new Paragraph({
            ...(style ? { style } : {}),
            ...separate,
            ...(at.listLevel >= 0
              ? { indent: listIndent(at.listLevel), spacing: { after: 120 } }
              : at.inTable
                ? { spacing: { after: 80 } }
                : {}),
            ...(at.keepNext || b.keepNext ? { keepNext: true } : {}),
            children: this.runs(b.runs, at.header),
          }),
        ];
      }
      case 'list':
        return this.list(b, at.listLevel + 1, at.inTable);
      case 'table':
        return [this.table(b)];
      case 'image':
        return [this.image(b.src, b.alt)];
      case 'toc':
        return [
          new Paragraph({
            style: TOC_HEADING_STYLE,
            ...(this.opts.headingPageBreaks ? { pageBreakBefore: true } : {}),
            children: [new TextRun(b.title)],
          }),
          new TableOfContents(b.title, { hyperlink: true, headingStyleRange: `1-${b.levels ?? 1}` }),
        ];
      case 'pageBreak':
        return [new Paragraph({ children: [new PageBreak()] })];
    }
  }

  private list(b: Extract<OutBlock, { type: 'list' }>, level: number, inTable: boolean): FileChild[] {
    const lvl = Math.min(level, 8);
    const start = b.start ?? 1;
    if (b.ordered) this.orderedStarts.add(start);
    const reference = b.ordered ? orderedReference(start) : 'bullets';
    const instance = ++this.listInstance;
    const out: FileChild[] = [];
    b.items.forEach((item, n) => {
      const keepNext = !!b.keepTogether && n < b.items.length - 1;
      item.forEach((child, i) => {
        if (i === 0 && child.type === 'paragraph') {
          out.push(
            new Paragraph({
              numbering: { reference, level: lvl, instance },
              ...(inTable ? { spacing: { after: 60 } } : {}),
              ...(keepNext ? { keepNext } : {}),
              children: this.runs(child.runs, false),
            }),
          );
        } else {
          // Later paragraphs of an item, nested lists, tables and pictures sit under the item's text.
          out.push(...this.block(child, { listLevel: lvl, header: false, inTable }));
        }
      });
    });
    return out;
  }

  private table(b: Extract<OutBlock, { type: 'table' }>): Table {
    const cols = Math.max(1, ...b.rows.map((r) => r.length));
    const weights =
      b.columnWidths && b.columnWidths.length === cols ? b.columnWidths : Array.from({ length: cols }, () => 1);
    const total = weights.reduce((a, c) => a + c, 0);
    const grid = weights.map((w) => Math.floor((TEXT_WIDTH_TWIPS * w) / total));
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: grid,
      rows: b.rows.map(
        (row, r) =>
          new TableRow({
            // The first row is the header row, repeated at the top of every page the table runs onto.
            ...(r === 0 ? { tableHeader: true } : {}),
            // Rows stay whole on a page (easier to read, and lets the contents' page numbers be worked
            // out), except very long ones, which Word would otherwise push off the bottom of the page.
            ...(blocksTextLength(row.flat()) < 1500 ? { cantSplit: true } : {}),
            // Answer boxes on forms: room to write (lines of 12pt text).
            ...(b.minRowLines?.[r]
              ? { height: { value: Math.round(b.minRowLines[r]! * 300 + 160), rule: HeightRule.ATLEAST } }
              : {}),
            children: row.map(
              (cell, c) =>
                new TableCell({
                  width: { size: grid[c] ?? 0, type: WidthType.DXA },
                  margins: { top: 80, bottom: 0, left: 100, right: 100 },
                  ...(r === 0 ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL } } : {}),
                  children: this.cellContent(cell, r === 0, !!b.keepTogether && r < b.rows.length - 1),
                }),
            ),
          }),
      ),
    });
  }

  private cellContent(cell: OutBlock[], header: boolean, keepNext: boolean): (Paragraph | Table)[] {
    const out = cell.flatMap((b) => this.block(b, { listLevel: -1, header, inTable: true, keepNext })) as (
      Paragraph | Table
    )[];
    // A cell must end with a paragraph in Word.
    if (!out.length || out[out.length - 1] instanceof Table)
      out.push(new Paragraph({ ...(keepNext ? { keepNext } : {}), children: [] }));
    return out;
  }

  private image(src: string, alt: string): Paragraph {
    const img = decodeImage(src);
    if (!img) {
      // Nothing we can embed (remote address, SVG, damaged data): keep the information as text.
      return new Paragraph({ children: [new TextRun({ text: alt ? `Image: ${alt}` : 'Image not included.' })] });
    }
    const size = fitImage(img.width, img.height);
    const id = ++this.drawingId;
    const common = {
      data: img.bytes,
      transformation: size,
      altText: {
        id: String(id),
        name: `Picture ${id}`,
        ...(alt ? { description: alt, title: shortenAtWord(alt, 250) } : {}),
      },
    };
    // No alternative text: marked decorative, so screen readers skip it rather than read out a file name.
    // The checker reports such images as errors before publication.
    const run =
      img.format === 'png'
        ? new ImageRun({ ...common, type: 'png', ...(alt ? {} : { decorative: true }) })
        : img.format === 'jpg'
          ? new ImageRun({ ...common, type: 'jpg', ...(alt ? {} : { decorative: true }) })
          : img.format === 'gif'
            ? new ImageRun({ ...common, type: 'gif', ...(alt ? {} : { decorative: true }) })
            : new ImageRun({ ...common, type: 'bmp', ...(alt ? {} : { decorative: true }) });
    return new Paragraph({ children: [run] });
  }

  /** Runs with line breaks, bold and links; header-row text is bold. */
  runs(runs: Run[], bold: boolean): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const r of runs) {
      const parts = r.text.split('\n');
      const textRuns = parts.map(
        (t, i) =>
          new TextRun({
            text: t,
            ...(i > 0 ? { break: 1 } : {}),
            ...(r.bold || bold ? { bold: true } : {}),
            ...(r.href ? { style: HYPERLINK_STYLE } : {}),
            ...(r.lang ? { language: { value: r.lang } } : {}),
          }),
      );
      if (r.href) out.push(new ExternalHyperlink({ link: r.href, children: textRuns }));
      else out.push(...textRuns);
    }
    return out;
  }
}

function blocksTextLength(blocks: OutBlock[]): number {
  let n = 0;
  for (const b of blocks) {
    if (b.type === 'paragraph') n += b.runs.reduce((a, r) => a + r.text.length, 0);
    else if (b.type === 'heading' || b.type === 'title') n += b.text.length;
    else if (b.type === 'list') n += b.items.reduce((a, item) => a + blocksTextLength(item), 0);
    else if (b.type === 'table') n += b.rows.reduce((a, row) => a + blocksTextLength(row.flat()), 0);
    else if (b.type === 'image') n += 800;
  }
  return n;
}
