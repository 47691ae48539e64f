import type { Block, Inline, RichDoc } from '#shared/domain/draft/rich-text';
import { linkify, safeHref, type OutBlock, type Run } from './blocks';

/**
 * What an empty table cell says. Accessible tables have no empty cells (consultation-standard
 * §6.2: "no data" or "not applicable"); in a consultation's prose tables a cell left blank means
 * the row does not apply to that column, so "Not applicable".
 */
export const EMPTY_CELL_TEXT = 'Not applicable';

/** Rich text (the editor's JSON) as output blocks; body headings keep their levels 2 and 3. */
export function richToBlocks(doc: RichDoc, anchor: (text: string) => string): OutBlock[] {
  return blocks(doc.content, anchor);
}

function blocks(content: Block[], anchor: (text: string) => string): OutBlock[] {
  const out: OutBlock[] = [];
  for (const b of content) {
    switch (b.type) {
      case 'paragraph': {
        const runs = inlineRuns(b.content);
        // No empty paragraphs: spacing comes from styles, never from blank lines.
        if (runs.some((r) => r.text.trim() !== '')) out.push({ type: 'paragraph', runs });
        break;
      }
      case 'heading': {
        const text = inlineRuns(b.content)
          .map((r) => r.text)
          .join('')
          .replace(/\s+/g, ' ')
          .trim();
        if (text) out.push({ type: 'heading', level: b.attrs.level, text, anchor: anchor(text) });
        break;
      }
      case 'bulletList':
      case 'orderedList': {
        const items = b.content.map((li) => blocks(li.content, anchor)).filter((item) => item.length > 0);
        if (!items.length) break;
        const start = b.type === 'orderedList' ? b.attrs?.start : undefined;
        out.push({
          type: 'list',
          ordered: b.type === 'orderedList',
          ...(start !== undefined && start !== 1 ? { start } : {}),
          items,
        });
        break;
      }
      case 'table': {
        const width = Math.max(...b.content.map((r) => r.content.length));
        const rows = b.content.map((r) => {
          const cells = r.content.map((c) => blocks(c.content, anchor));
          while (cells.length < width) cells.push([]);
          return cells.map((c) =>
            c.length ? c : [{ type: 'paragraph', runs: [{ text: EMPTY_CELL_TEXT }] } satisfies OutBlock],
          );
        });
        out.push({ type: 'table', rows });
        break;
      }
      case 'image':
        out.push({ type: 'image', src: b.attrs.src, alt: (b.attrs.alt || b.attrs.title || '').trim() });
        break;
    }
  }
  return out;
}

function inlineRuns(content: Inline[] | undefined): Run[] {
  const runs: Run[] = [];
  for (const n of content ?? []) {
    if (n.type === 'hardBreak') {
      runs.push({ text: '\n' });
      continue;
    }
    const bold = (n.marks ?? []).some((m) => m.type === 'bold');
    const link = (n.marks ?? []).find((m) => m.type === 'link');
    const href = link && link.type === 'link' ? safeHref(link.attrs.href) : null;
    if (href) runs.push({ text: n.text, href, ...(bold ? { bold } : {}) });
    else runs.push(...linkify(n.text, bold));
  }
  return runs;
}
