import { inlineText, walkBlocks, type Block, type BulletList } from '../../domain/draft/rich-text';
import type { CheckContext } from '../context';
import type { RuleModule } from '../rule-module';
import { splitSentences } from '../text/words';
import { WELL_KNOWN_ACRONYMS } from './well-known';

/**
 * Bullet list style (consultation-standard.md §5.3 Bullets): a lead-in line, at least 2 items,
 * each starting lower case, one sentence, no "and"/"or"/semicolon at the end, no final full stop.
 * One finding per list and kind of problem, so a long list does not bury the panel.
 */
function itemText(item: { content: Block[] }): string {
  const first = item.content.find((b) => b.type === 'paragraph');
  return first && first.type === 'paragraph' ? inlineText(first.content).trim() : '';
}

function startsUpper(text: string): boolean {
  const m = /^[^\p{L}\p{N}]*(\p{L}[\p{L}'’-]*)/u.exec(text);
  if (!m) return false;
  const word = m[1]!;
  if (!/^\p{Lu}/u.test(word)) return false;
  // An acronym or a capital letter alone ("NHS staff", "I") is fine; so is "Other (please specify)".
  const bare = word.replace(/s$/, '');
  return !(bare === bare.toUpperCase() || WELL_KNOWN_ACRONYMS.has(bare));
}

function check(ctx: CheckContext) {
  for (const s of ctx.draft.sections) {
    for (const { block, path } of walkBlocks(s.body)) {
      if (block.type !== 'bulletList') continue;
      const list = block as BulletList;
      const items = list.content.map(itemText).filter((t) => t !== '');
      const loc = { kind: 'section' as const, sectionId: s.id, blockPath: path };
      const problems: { kind: string; title: string; message: string }[] = [];
      if (items.length < 2)
        problems.push({
          kind: 'one-item',
          title: 'List with one item',
          message:
            'This list has only one item. Write it as a sentence, or add the other items: a list needs at least 2.',
        });
      const upper = items.filter(startsUpper).length;
      if (upper)
        problems.push({
          kind: 'capital',
          title: 'List items start with a capital',
          message:
            `${upper === items.length ? 'The items' : `${upper} of the ${items.length} items`} in this list start ` +
            `with a capital letter. Start each bullet in lower case (unless it starts with a name), so the list ` +
            `reads on from its lead-in line.`,
        });
      const stops = items.filter((t) => /[^.]\.$/.test(t) && splitSentences(t).length === 1).length;
      if (stops)
        problems.push({
          kind: 'full-stop',
          title: 'List items end with a full stop',
          message:
            `${stops === items.length ? 'The items' : `${stops} of the ${items.length} items`} in this list end ` +
            `with a full stop. Leave it out: bullets are not full sentences.`,
        });
      const joins = items.filter((t) => /(?:\b(?:and|or)|;)$/i.test(t)).length;
      if (joins)
        problems.push({
          kind: 'join',
          title: 'List items end with “and”, “or” or a semicolon',
          message:
            `${joins === 1 ? 'An item' : `${joins} items`} in this list end${joins === 1 ? 's' : ''} with “and”, ` +
            `“or” or a semicolon. Leave these out: the lead-in line says whether all or any apply.`,
        });
      const multi = items.filter((t) => splitSentences(t).length > 1).length;
      if (multi)
        problems.push({
          kind: 'sentences',
          title: 'List items with more than one sentence',
          message:
            `${multi === 1 ? 'An item' : `${multi} items`} in this list ha${multi === 1 ? 's' : 've'} more than ` +
            `one sentence. Keep each bullet to one sentence, or use paragraphs instead.`,
        });
      // A lead-in line: the block just before the list, in the same container, is a paragraph.
      const index = path[path.length - 1]!;
      const container = containerOf(s.body.content, path.slice(0, -1));
      const before = container && index > 0 ? container[index - 1] : undefined;
      if (!before || before.type !== 'paragraph' || !inlineText(before.content).trim())
        problems.push({
          kind: 'lead-in',
          title: 'List without a lead-in line',
          message: 'Introduce this list with a lead-in line, such as “You can:”, so the bullets read on from it.',
        });
      for (const p of problems)
        ctx.report({
          ruleId: 'R-LIST1',
          title: p.title,
          message: p.message,
          location: loc,
          fingerprint: `${p.kind}|${items[0] ?? ''}`,
        });
    }
  }
}

/** The block array that holds the block at `path` (its parent list item's or table cell's content). */
function containerOf(root: Block[], parentPath: number[]): Block[] | undefined {
  let blocks: Block[] = root;
  let i = 0;
  while (i < parentPath.length) {
    const b = blocks[parentPath[i]!];
    if (!b) return undefined;
    if (b.type === 'bulletList' || b.type === 'orderedList') {
      const item = b.content[parentPath[i + 1]!];
      if (!item) return undefined;
      blocks = item.content;
      i += 2;
    } else if (b.type === 'table') {
      const cell = b.content[parentPath[i + 1]!]?.content[parentPath[i + 2]!];
      if (!cell) return undefined;
      blocks = cell.content;
      i += 3;
    } else return undefined;
  }
  return blocks;
}

export const listRules: RuleModule = {
  rules: [
    {
      id: 'R-LIST1',
      severity: 'advice',
      title: 'Bullet list style',
      description:
        'Bulleted lists (not numbered lists): at least 2 items; a lead-in paragraph just before; items starting ' +
        'lower case (acronyms and “I” allowed; names are a known false positive); one sentence each; no full ' +
        'stop, “and”, “or” or semicolon at the end.',
      standardRef: '§5.3 Bullets',
    },
  ],
  check,
};
