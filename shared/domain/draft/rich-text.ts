import { z } from 'zod';

/**
 * Rich text as portable structured JSON (the ProseMirror/TipTap document shape), never HTML
 * strings. Only what a consultation needs and what Word can carry accessibly: headings (levels 2
 * and 3: the section title is level 1), paragraphs, bullet and numbered lists, tables (first row
 * is the header row), links, images with alt text, bold. No italics, underline or colour: GOV.UK
 * style forbids them in documents.
 */
export const TEXT_NODE_MAX = 1_000_000;

export type Mark = { type: 'bold' } | { type: 'link'; attrs: { href: string } };
export type Inline = { type: 'text'; text: string; marks?: Mark[] } | { type: 'hardBreak' };
export type Paragraph = { type: 'paragraph'; content?: Inline[] };
export type Heading = { type: 'heading'; attrs: { level: 2 | 3 }; content?: Inline[] };
export type ListItem = { type: 'listItem'; content: Block[] };
export type BulletList = { type: 'bulletList'; content: ListItem[] };
export type OrderedList = { type: 'orderedList'; attrs?: { start?: number }; content: ListItem[] };
export type TableCell = { type: 'tableCell' | 'tableHeader'; content: Block[] };
export type TableRow = { type: 'tableRow'; content: TableCell[] };
export type Table = { type: 'table'; content: TableRow[] };
export type Image = { type: 'image'; attrs: { src: string; alt: string; title?: string | null } };
export type Block = Paragraph | Heading | BulletList | OrderedList | Table | Image;
export interface RichDoc {
  type: 'doc';
  content: Block[];
}

export const markSchema: z.ZodType<Mark> = z.union([
  z.strictObject({ type: z.literal('bold') }),
  z
    .strictObject({ type: z.literal('link'), attrs: z.object({ href: z.string().max(4096) }).loose() })
    .transform((m) => ({ type: 'link' as const, attrs: { href: m.attrs.href } })),
]);

export const inlineSchema: z.ZodType<Inline> = z.union([
  z.strictObject({
    type: z.literal('text'),
    text: z
      .string()
      .max(
        TEXT_NODE_MAX,
        `A piece of text is longer than ${TEXT_NODE_MAX.toLocaleString('en-GB')} characters. Split it into paragraphs.`,
      ),
    marks: z.array(markSchema).max(10).optional(),
  }),
  z.strictObject({ type: z.literal('hardBreak') }),
]);

const inlines = z.array(inlineSchema).max(100_000).optional();

export const blockSchema: z.ZodType<Block> = z.lazy(() =>
  z.union([
    z.strictObject({ type: z.literal('paragraph'), content: inlines }),
    z.strictObject({
      type: z.literal('heading'),
      attrs: z.strictObject({ level: z.union([z.literal(2), z.literal(3)]) }),
      content: inlines,
    }),
    z.strictObject({ type: z.literal('bulletList'), content: z.array(listItemSchema).max(10_000) }),
    z.strictObject({
      type: z.literal('orderedList'),
      attrs: z
        .object({ start: z.number().int().min(0).max(1_000_000).optional() })
        .loose()
        .optional(),
      content: z.array(listItemSchema).max(10_000),
    }),
    z.strictObject({ type: z.literal('table'), content: z.array(tableRowSchema).min(1).max(5_000) }),
    z.strictObject({
      type: z.literal('image'),
      attrs: z
        .object({
          src: z.string().max(15_000_000, 'An image is larger than 10 MB. Use a smaller image.'),
          alt: z.string().max(2000),
          title: z.string().max(500).nullable().optional(),
        })
        .loose()
        .transform((a) => ({ src: a.src, alt: a.alt, ...(a.title ? { title: a.title } : {}) })),
    }),
  ]),
);

const listItemSchema: z.ZodType<ListItem> = z.lazy(() =>
  z.strictObject({ type: z.literal('listItem'), content: z.array(blockSchema).max(1000) }),
);
const tableCellSchema: z.ZodType<TableCell> = z.lazy(() =>
  z
    .object({
      type: z.union([z.literal('tableCell'), z.literal('tableHeader')]),
      attrs: z.unknown().optional(), // colspan/rowspan/colwidth from the editor: dropped (no merged cells in outputs)
      content: z.array(blockSchema).max(1000),
    })
    .strict()
    .transform((c) => ({ type: c.type, content: c.content })),
);
const tableRowSchema: z.ZodType<TableRow> = z.strictObject({
  type: z.literal('tableRow'),
  content: z.array(tableCellSchema).min(1).max(100),
});

export const richDocSchema: z.ZodType<RichDoc> = z.strictObject({
  type: z.literal('doc'),
  content: z.array(blockSchema).max(100_000),
});

export const emptyDoc = (): RichDoc => ({ type: 'doc', content: [] });

/** Paragraphs from plain text: blank lines separate paragraphs; lines starting "- " become bullets. */
export function docFromText(text: string): RichDoc {
  const content: Block[] = [];
  for (const chunk of text.split(/\n\s*\n/)) {
    const lines = chunk
      .split('\n')
      .map((l) => l.trimEnd())
      .filter((l) => l.trim() !== '');
    if (!lines.length) continue;
    const bullets = lines.filter((l) => /^\s*[-*•]\s+/.test(l));
    if (bullets.length && bullets.length === lines.length - (/^\s*[-*•]\s+/.test(lines[0]!) ? 0 : 1)) {
      const lead = /^\s*[-*•]\s+/.test(lines[0]!) ? null : lines[0]!;
      if (lead) content.push({ type: 'paragraph', content: [{ type: 'text', text: lead.trim() }] });
      content.push({
        type: 'bulletList',
        content: bullets.map((b) => ({
          type: 'listItem',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: b.replace(/^\s*[-*•]\s+/, '') }] }],
        })),
      });
    } else {
      content.push({ type: 'paragraph', content: [{ type: 'text', text: lines.join(' ').trim() }] });
    }
  }
  return { type: 'doc', content };
}

/** Plain text of inline content. */
export function inlineText(content: Inline[] | undefined): string {
  return (content ?? []).map((n) => (n.type === 'text' ? n.text : '\n')).join('');
}

/** Every block in document order, descending into lists and tables, with its path. */
export function* walkBlocks(
  doc: RichDoc,
): Generator<{ block: Block; path: number[]; inTable: boolean; inList: boolean }> {
  function* walk(
    blocks: Block[],
    path: number[],
    inTable: boolean,
    inList: boolean,
  ): Generator<{ block: Block; path: number[]; inTable: boolean; inList: boolean }> {
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i]!;
      const p = [...path, i];
      yield { block: b, path: p, inTable, inList };
      if (b.type === 'bulletList' || b.type === 'orderedList') {
        for (let j = 0; j < b.content.length; j++) yield* walk(b.content[j]!.content, [...p, j], inTable, true);
      } else if (b.type === 'table') {
        for (let r = 0; r < b.content.length; r++) {
          const row = b.content[r]!;
          for (let c = 0; c < row.content.length; c++) yield* walk(row.content[c]!.content, [...p, r, c], true, inList);
        }
      }
    }
  }
  yield* walk(doc.content, [], false, false);
}

/** All the prose of a document as plain text, paragraph per line (for readability and word checks). */
export function docText(doc: RichDoc, options: { includeTables?: boolean; includeHeadings?: boolean } = {}): string {
  const out: string[] = [];
  for (const { block, inTable } of walkBlocks(doc)) {
    if (inTable && !options.includeTables) continue;
    if (block.type === 'paragraph') out.push(inlineText(block.content));
    else if (block.type === 'heading' && options.includeHeadings) out.push(inlineText(block.content));
  }
  return out.filter((s) => s.trim()).join('\n');
}

/**
 * Whether anything was written in a section's body: a table, list or image, or a paragraph with words.
 * The Overview counts written sections with it, and the consultation document leaves unwritten ones out.
 */
export function docWritten(doc: RichDoc): boolean {
  return doc.content.some(
    (b) => b.type !== 'paragraph' || (b.content ?? []).some((i) => i.type === 'text' && i.text.trim() !== ''),
  );
}
