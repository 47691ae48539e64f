import type { OutBlock, Run } from '../consultation/document/blocks';
import { decodeImage, fitImage, mimeOf } from '../consultation/document/images';

/**
 * Output blocks as accessible HTML. Heading levels move down one because the HTML page's title is
 * its only h1 (GOV.UK HTML publications): section titles are h2, body headings h3 and h4.
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface TocEntry {
  text: string;
  anchor: string;
}

export function renderRuns(runs: Run[]): string {
  return runs
    .map((r) => {
      let html = r.text.split('\n').map(escapeHtml).join('<br>');
      if (r.bold) html = `<strong>${html}</strong>`;
      if (r.lang) html = `<span lang="${escapeHtml(r.lang)}">${html}</span>`;
      if (r.href) html = `<a href="${escapeHtml(r.href)}" rel="noreferrer">${html}</a>`;
      return html;
    })
    .join('');
}

export function renderBlocks(blocks: OutBlock[], toc: TocEntry[]): string {
  return blocks.map((b) => block(b, toc)).join('\n');
}

function block(b: OutBlock, toc: TocEntry[]): string {
  switch (b.type) {
    case 'title':
      return `<h1>${escapeHtml(b.text)}</h1>`;
    case 'heading': {
      const tag = `h${b.level + 1}`;
      return `<${tag} id="${escapeHtml(b.anchor)}">${escapeHtml(b.text)}</${tag}>`;
    }
    case 'paragraph': {
      const cls =
        b.role === 'question'
          ? ' class="question"'
          : b.role === 'lead'
            ? ' class="lead"'
            : b.role === 'subtitle'
              ? ' class="department"'
              : '';
      return `<p${cls} dir="auto">${renderRuns(b.runs)}</p>`;
    }
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      const start = b.ordered && b.start !== undefined && b.start !== 1 ? ` start="${b.start}"` : '';
      const items = b.items.map((item) => `<li dir="auto">${listItem(item, toc)}</li>`).join('');
      return `<${tag}${start}>${items}</${tag}>`;
    }
    case 'table': {
      const [head, ...body] = b.rows;
      const th = (cell: OutBlock[], scope: 'col' | 'row') =>
        `<th scope="${scope}" dir="auto">${cellHtml(cell, toc)}</th>`;
      const td = (cell: OutBlock[]) => `<td dir="auto">${cellHtml(cell, toc)}</td>`;
      const thead = head ? `<thead><tr>${head.map((c) => th(c, 'col')).join('')}</tr></thead>` : '';
      const tbody = body
        .map((row) => `<tr>${row.map((c, i) => (i === 0 && b.rowHeaders ? th(c, 'row') : td(c))).join('')}</tr>`)
        .join('\n');
      return `<div class="table-wrap"><table>${thead}<tbody>${tbody}</tbody></table></div>`;
    }
    case 'image': {
      const img = decodeImage(b.src);
      if (!img) return `<p>${escapeHtml(b.alt ? `Image: ${b.alt}` : 'Image not included.')}</p>`;
      const { width, height } = fitImage(img.width, img.height, 900, 1200);
      // alt="" when the author gave none: assistive technology skips it instead of reading the data.
      const src = `data:${mimeOf(img.format)};base64,${Buffer.from(img.bytes).toString('base64')}`;
      return `<p class="image"><img src="${src}" alt="${escapeHtml(b.alt)}" width="${width}" height="${height}"></p>`;
    }
    case 'toc': {
      const items = toc.map((t) => `<li><a href="#${escapeHtml(t.anchor)}">${escapeHtml(t.text)}</a></li>`).join('\n');
      return (
        `<nav class="contents" aria-labelledby="contents-title"><h2 ` +
        `id="contents-title">${escapeHtml(b.title)}</h2><ol>\n${items}\n</ol></nav>`
      );
    }
    case 'pageBreak':
      return '';
  }
}

/** A list item or a cell: a lone paragraph is written without its <p>, to keep lists compact. */
function listItem(blocks: OutBlock[], toc: TocEntry[]): string {
  const [first, ...rest] = blocks;
  if (first && first.type === 'paragraph' && !first.role)
    return renderRuns(first.runs) + rest.map((b) => block(b, toc)).join('');
  return blocks.map((b) => block(b, toc)).join('');
}

function cellHtml(blocks: OutBlock[], toc: TocEntry[]): string {
  if (blocks.length === 1 && blocks[0]!.type === 'paragraph' && !blocks[0]!.role) return renderRuns(blocks[0]!.runs);
  return blocks.map((b) => block(b, toc)).join('');
}
