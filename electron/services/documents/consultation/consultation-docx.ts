import { estimatePageNumbers } from 'docx/layout';
import { shortenAtWord } from '#shared/core/shorten';
import { AlignmentType, Document, Footer, Packer, Paragraph, PageNumber, TextRun } from 'docx';
import type { Draft } from '#shared/domain/draft/model';
import { resolveContext, type OutputContext } from '../output-context';
import type { OutBlock } from './document/blocks';
import { consultationOutline } from './document/consultation-outline';
import { DocxRenderer } from '../word/render-blocks';
import { documentStyles, LANGUAGE, numberingConfig } from '../word/styles';
import { finalizePackage } from '../../formats/ooxml/finalize';
import { stableBookmarkIds } from '../word/stable-ids';
import { deepXmlSafe } from '../../formats/text-safety';

/**
 * The consultation document (.docx): cover, contents (a real TOC field built from the heading
 * styles, filled in so it is not empty before Word updates it, and updated when Word opens the
 * file), foreword, executive summary, the "About this consultation" box, every section with its
 * questions, Annexes A–C and the glossary. Page numbers in the footer; title, subject, creator
 * (the department) and language en-GB in the document properties.
 */
export interface ConsultationDocxOptions {
  /**
   * Page numbers in the contents, worked out by laying the pages out as Word would (docx/layout),
   * so the contents are complete even in viewers that never update fields (LibreOffice, PDF
   * converters, previews). Word recalculates them when it opens the file either way. Laying out
   * takes about a second for a short document and several for a long one, so 'auto' (the default)
   * does it only for documents of up to about 25 pages and leaves longer ones to Word.
   */
  contentsPageNumbers?: 'auto' | 'always' | 'never';
}

/** Blocks (paragraphs, list items, cells) up to which 'auto' lays out pages: about 25 pages. */
export const AUTO_LAYOUT_MAX_BLOCKS = 600;

export async function buildConsultationDocx(
  draft: Draft,
  ctx: OutputContext,
  options: ConsultationDocxOptions = {},
): Promise<Uint8Array> {
  const { now } = resolveContext(ctx);
  const safe = deepXmlSafe(draft);
  const outline = consultationOutline(safe);
  const renderer = new DocxRenderer({ headingPageBreaks: true });
  const children = renderer.render(outline.blocks);
  const mode = options.contentsPageNumbers ?? 'auto';
  const layout = mode === 'always' || (mode === 'auto' && countBlocks(outline.blocks) <= AUTO_LAYOUT_MAX_BLOCKS);
  const doc = new Document({
    title: outline.title,
    subject: outline.subject,
    creator: outline.creator,
    lastModifiedBy: outline.creator,
    description: `Consultation document: ${outline.title}`,
    revision: 1,
    // Word asks "update the fields?" on every opening of a file that says so: only when the contents'
    // page numbers were not laid out here (a long document).
    ...(!layout && outline.blocks.some((b) => b.type === 'toc') ? { features: { updateFields: true } } : {}),
    ...(layout ? { pageNumbers: estimatePageNumbers } : {}),
    styles: documentStyles(),
    numbering: numberingConfig(renderer.orderedStarts),
    sections: [{ footers: { default: pageFooter(outline.title) }, children }],
  });
  const packed = await Packer.toBuffer(doc);
  return finalizePackage(packed, now, { language: LANGUAGE, patch: stableBookmarkIds });
}

function countBlocks(blocks: OutBlock[]): number {
  return blocks.reduce(
    (n, b) =>
      n +
      1 +
      (b.type === 'list'
        ? b.items.reduce((m, item) => m + countBlocks(item), 0)
        : b.type === 'table'
          ? b.rows.reduce((m, row) => m + row.reduce((k, cell) => k + countBlocks(cell), 0), 0)
          : 0),
    0,
  );
}

/** "Title – page 3 of 20", left aligned like the text. */
export function pageFooter(title: string): Footer {
  const short = shortenAtWord(title, 80);
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.LEFT,
        children: [
          new TextRun(`${short} – page `),
          new TextRun({ children: [PageNumber.CURRENT] }),
          new TextRun(' of '),
          new TextRun({ children: [PageNumber.TOTAL_PAGES] }),
        ],
      }),
    ],
  });
}
