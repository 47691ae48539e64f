import type { Draft } from '#shared/domain/draft/model';
import { resolveContext, type OutputContext } from '../output-context';
import { consultationOutline } from './document/consultation-outline';
import { escapeHtml, renderBlocks, type TocEntry } from '../html/render-html';
import { HTML_STYLES } from '../html/styles';
import { deepXmlSafe } from '../../formats/text-safety';

/**
 * The consultation document as one self-contained, accessible HTML file (GOV.UK prefers HTML
 * publications): the same blocks as the Word document, styles inline, pictures as data: URLs, and
 * a content security policy that lets the page load nothing from anywhere, so opening it never
 * contacts a server. Returns UTF-8 bytes.
 */
export async function buildConsultationHtml(draft: Draft, ctx: OutputContext): Promise<Uint8Array> {
  return new TextEncoder().encode(consultationHtmlString(draft, ctx));
}

export function consultationHtmlString(draft: Draft, ctx: OutputContext): string {
  resolveContext(ctx);
  const safe = deepXmlSafe(draft);
  const outline = consultationOutline(safe);
  const toc: TocEntry[] = outline.blocks.flatMap((b) =>
    b.type === 'heading' && b.level === 1 ? [{ text: b.text, anchor: b.anchor }] : [],
  );
  const department = safe.metadata.department.trim();
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(outline.title)}${department ? ` – ${escapeHtml(department)}` : ''}</title>
<meta name="description" content="${escapeHtml(outline.subject)}">
${department ? `<meta name="author" content="${escapeHtml(department)}">\n` : ''}<style>
${HTML_STYLES}
</style>
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<main id="main">
${renderBlocks(outline.blocks, toc)}
</main>
</body>
</html>
`;
}
