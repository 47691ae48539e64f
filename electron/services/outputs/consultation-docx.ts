import { estimatePageNumbers } from 'docx/layout';
import { AlignmentType, Document, Footer, Packer, Paragraph, PageNumber, TextRun } from 'docx';
import type { Draft } from '../../../shared/domain/draft/model';
import { resolveContext, type OutputContext } from './context';
import { consultationOutline } from './document/consultation-outline';
import { DocxRenderer } from './docx/render-blocks';
import { documentStyles, LANGUAGE, numberingConfig } from './docx/styles';
import { finalizePackage } from './package/finalize';
import { stableBookmarkIds } from './docx/stable-ids';
import { deepXmlSafe } from './text-safety';

/**
 * The consultation document (.docx): cover, contents (a real TOC field built from the heading
 * styles, filled in so it is not empty before Word updates it, and updated when Word opens the
 * file), foreword, executive summary, the "About this consultation" box, every section with its
 * questions, Annexes A–C and the glossary. Page numbers in the footer; title, subject, creator
 * (the department) and language en-GB in the document properties.
 */
export async function buildConsultationDocx(draft: Draft, ctx: OutputContext): Promise<Uint8Array> {
  const { now } = resolveContext(ctx);
  const safe = deepXmlSafe(draft);
  const outline = consultationOutline(safe);
  const renderer = new DocxRenderer({ headingPageBreaks: true });
  const children = renderer.render(outline.blocks);
  const doc = new Document({
    title: outline.title,
    subject: outline.subject,
    creator: outline.creator,
    lastModifiedBy: outline.creator,
    description: `Consultation document: ${outline.title}`,
    revision: 1,
    features: { updateFields: true },
    pageNumbers: estimatePageNumbers,
    styles: documentStyles(),
    numbering: numberingConfig(renderer.orderedStarts),
    sections: [{ footers: { default: pageFooter(outline.title) }, children }],
  });
  const packed = await Packer.toBuffer(doc);
  return finalizePackage(packed, now, { language: LANGUAGE, patch: stableBookmarkIds });
}

/** "Title – page 3 of 20", left aligned like the text. */
export function pageFooter(title: string): Footer {
  const short = title.length > 80 ? `${title.slice(0, 79)}…` : title;
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.LEFT,
        children: [new TextRun(`${short} – page `), new TextRun({ children: [PageNumber.CURRENT] }), new TextRun(' of '), new TextRun({ children: [PageNumber.TOTAL_PAGES] })],
      }),
    ],
  });
}
