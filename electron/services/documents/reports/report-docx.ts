import { estimatePageNumbers } from 'docx/layout';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  Paragraph,
  TextRun,
  type FileChild,
  type IStylesOptions,
} from 'docx';
import type { OutBlock } from '../consultation/document/blocks';
import { pageFooter } from '../consultation/consultation-docx';
import { DocxRenderer } from '../word/render-blocks';
import { documentStyles, FONT, LANGUAGE, numberingConfig } from '../word/styles';
import { stableBookmarkIds } from '../word/stable-ids';
import { finalizePackage } from '../../formats/ooxml/finalize';
import { deepXmlSafe, xmlSafe } from '../../formats/text-safety';

/**
 * Word documents of the report outputs, on the consultation documents' foundations (the document
 * model, DocxRenderer, the accessible styles, deterministic packaging): the same heading styles,
 * Arial 12pt and up, table header rows repeated on every page, alt text on every picture, page
 * numbers, and title, subject, creator and language en-GB in the properties.
 *
 * Two things the shared model has no block for are added here: quotations from respondents (a
 * "Quote" paragraph style: indented with a grey rule, no italics) and the internal-use banner
 * ("Not for publication: contains personal data"), shown under the title and in every page header.
 */
export type ReportPart =
  | OutBlock
  | { type: 'quote'; text: string; attribution: string }
  | { type: 'banner'; text: string }
  /** "Table 3: …" / "Figure 2: …" in Word's Caption style, kept with what it names. */
  | { type: 'caption'; text: string }
  /** A note under a table or figure, set a little apart from it. */
  | { type: 'note'; text: string };

export const QUOTE_STYLE = 'Quote';
export const BANNER_STYLE = 'Banner';
const GREY = 'B1B4B6';
const RED = 'D4351C';

export function reportStyles(): IStylesOptions {
  const base = documentStyles();
  return {
    ...base,
    paragraphStyles: [
      ...(base.paragraphStyles ?? []),
      {
        // Word's built-in "Quote" style name, restyled: no italics (GOV.UK style), a rule on the left.
        id: QUOTE_STYLE,
        name: 'Quote',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { font: FONT, size: 24 },
        paragraph: {
          indent: { left: 400 },
          spacing: { before: 120, after: 200 },
          border: { left: { style: BorderStyle.SINGLE, size: 24, color: GREY, space: 10 } },
          keepLines: true,
        },
      },
      {
        id: BANNER_STYLE,
        name: 'Banner',
        basedOn: 'Normal',
        next: 'Normal',
        run: { font: FONT, size: 28, bold: true },
        paragraph: {
          spacing: { before: 120, after: 240 },
          border: {
            top: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 4 },
            bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 4 },
          },
        },
      },
    ],
  };
}

function quoteParagraph(text: string, attribution: string): Paragraph {
  const lines = text.replace(/\r\n?/g, '\n').trim().split('\n');
  const runs: TextRun[] = lines.map(
    (l, i) =>
      new TextRun({
        text: `${i === 0 ? '“' : ''}${l}${i === lines.length - 1 ? '”' : ''}`,
        ...(i > 0 ? { break: 1 } : {}),
      }),
  );
  if (attribution.trim()) runs.push(new TextRun({ text: `– ${attribution.trim()}`, break: 1 }));
  return new Paragraph({ style: QUOTE_STYLE, children: runs });
}

const bannerParagraph = (text: string): Paragraph =>
  new Paragraph({ style: BANNER_STYLE, children: [new TextRun({ text })] });
const captionParagraph = (text: string): Paragraph =>
  new Paragraph({
    style: 'Caption',
    keepNext: true,
    keepLines: true,
    spacing: { before: 280, after: 120 },
    children: [new TextRun({ text })],
  });
const noteParagraph = (text: string): Paragraph =>
  new Paragraph({ spacing: { before: 120, after: 120 }, children: [new TextRun({ text })] });

export interface ReportDocxOptions {
  title: string;
  subject: string;
  creator: string;
  description: string;
  now: Date;
  /** Shown in every page header as well as in the body, for internal-use documents. */
  banner: string | null;
  /** Each Heading 1 starts a new page (long documents). */
  headingPageBreaks: boolean;
  /** Lay out pages to fill in the contents' page numbers (short documents only: it takes time). */
  contentsPageNumbers: boolean;
}

/**
 * Parts to Word bytes, deterministic for a fixed `now`. Control characters (which make Word refuse a file) are dropped.
 */
export async function renderReportDocx(unsafeParts: ReportPart[], unsafe: ReportDocxOptions): Promise<Uint8Array> {
  const parts = deepXmlSafe(unsafeParts);
  const o: ReportDocxOptions = {
    ...unsafe,
    title: xmlSafe(unsafe.title),
    subject: xmlSafe(unsafe.subject),
    creator: xmlSafe(unsafe.creator),
    description: xmlSafe(unsafe.description),
    banner: unsafe.banner === null ? null : xmlSafe(unsafe.banner),
  };
  const renderer = new DocxRenderer({ headingPageBreaks: o.headingPageBreaks });
  const children: FileChild[] = [];
  let pending: OutBlock[] = [];
  const flush = () => {
    if (pending.length) children.push(...renderer.render(pending));
    pending = [];
  };
  for (const p of parts) {
    if (p.type === 'quote') {
      flush();
      children.push(quoteParagraph(p.text, p.attribution));
    } else if (p.type === 'banner') {
      flush();
      children.push(bannerParagraph(p.text));
    } else if (p.type === 'caption') {
      flush();
      children.push(captionParagraph(p.text));
    } else if (p.type === 'note') {
      flush();
      children.push(noteParagraph(p.text));
    } else pending.push(p);
  }
  flush();
  const headers = o.banner
    ? {
        default: new Header({
          children: [
            new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun({ text: o.banner, bold: true })] }),
          ],
        }),
      }
    : undefined;
  const doc = new Document({
    title: o.title,
    subject: o.subject,
    creator: o.creator,
    lastModifiedBy: o.creator,
    description: o.description,
    revision: 1,
    // Word asks "update the fields?" on every opening of a file that says so: only when there are
    // contents whose page numbers were not laid out here (a long document), never for one without.
    ...(parts.some((p) => p.type === 'toc') && !o.contentsPageNumbers ? { features: { updateFields: true } } : {}),
    ...(o.contentsPageNumbers ? { pageNumbers: estimatePageNumbers } : {}),
    styles: reportStyles(),
    numbering: numberingConfig(renderer.orderedStarts),
    sections: [{ ...(headers ? { headers } : {}), footers: { default: pageFooter(o.title) }, children }],
  });
  const packed = await Packer.toBuffer(doc);
  return finalizePackage(packed, o.now, { language: LANGUAGE, patch: stableBookmarkIds });
}

/** Blocks (paragraphs, list items, cells) in the parts: decides whether laying out pages is affordable. */
export function countParts(parts: ReportPart[]): number {
  const count = (blocks: OutBlock[]): number =>
    blocks.reduce(
      (n, b) =>
        n +
        1 +
        (b.type === 'list'
          ? b.items.reduce((m, item) => m + count(item), 0)
          : b.type === 'table'
            ? b.rows.reduce((m, row) => m + row.reduce((k, cell) => k + count(cell), 0), 0)
            : 0),
      0,
    );
  return parts.reduce(
    (n, p) =>
      n + (p.type === 'quote' || p.type === 'banner' || p.type === 'caption' || p.type === 'note' ? 1 : count([p])),
    0,
  );
}
