import { walkBlocks, type Inline } from '../../domain/draft/rich-text';
import type { CheckContext } from '../context';
import type { RuleModule } from '../rule-module';
import { quoteStart } from '../text/excerpt';

/**
 * Links in section text (consultation-standard.md §5.4): descriptive link text (not "click here",
 * "here", "more"), web addresses used as link text, the same text pointing to different places,
 * links with no usable address, and links to files without the format and size.
 */
const VAGUE = new Set([
  'click here',
  'here',
  'click',
  'more',
  'read more',
  'this link',
  'link',
  'this page',
  'this',
  'go',
  'learn more',
  'find out more',
  'more information',
  'more info',
  'see here',
  'details',
  'this website',
  'website',
  'page',
  'click this link',
  'follow this link',
  'online',
  'see more',
  'continue',
  'download',
]);
const FILE_LINK = /\.(pdf|odt|ods|docx?|xlsx?|csv|rtf|pptx?|odp|zip)(?:[?#].*)?$/i;
const FORMAT_NOTE = /\((?:PDF|ODT|ODS|DOCX?|XLSX?|CSV|RTF|PPTX?|ODP|ZIP|MS Word|MS Excel|Word|Excel)[^)]{0,30}\)/i;
const OK_SCHEME = /^(?:https?:\/\/\S+|mailto:\S+|tel:[+\d\s()-]+|#\S*)$/i;

interface Link {
  text: string;
  href: string;
  /** Text straight after the link in the same paragraph (for "(PDF, 19.5KB)"). */
  following: string;
  path: number[];
}

function linksOf(content: Inline[] | undefined, path: number[]): Link[] {
  const out: Link[] = [];
  const nodes = content ?? [];
  let i = 0;
  while (i < nodes.length) {
    const n = nodes[i]!;
    const href = n.type === 'text' ? n.marks?.find((m) => m.type === 'link')?.attrs.href : undefined;
    if (href === undefined) {
      i++;
      continue;
    }
    // Adjacent text nodes with the same address are one link (bold inside link text splits nodes).
    let text = '';
    while (i < nodes.length) {
      const m = nodes[i]!;
      const h = m.type === 'text' ? m.marks?.find((x) => x.type === 'link')?.attrs.href : undefined;
      if (h !== href || m.type !== 'text') break;
      text += m.text;
      i++;
    }
    let following = '';
    for (let j = i; j < nodes.length && following.length < 60; j++) {
      const m = nodes[j]!;
      if (m.type !== 'text') break;
      following += m.text;
    }
    out.push({ text, href: typeof href === 'string' ? href : '', following: following.slice(0, 60), path });
  }
  return out;
}

const normaliseHref = (h: string) =>
  h
    .trim()
    .replace(/\/+$/, '')
    .replace(/^http:\/\//i, 'https://')
    .toLowerCase();

/** A web address typed into the text itself: the documents make it a link whose text is the address. */
const BARE_ADDRESS = /\bhttps?:\/\/[^\s<>"]+/gi;

function bareAddresses(ctx: CheckContext, sectionId: string, content: Inline[] | undefined, path: number[]) {
  for (const n of content ?? []) {
    if (n.type !== 'text' || n.marks?.some((m) => m.type === 'link')) continue;
    for (const m of n.text.matchAll(BARE_ADDRESS)) {
      const address = m[0].replace(/[.,;:!?)\]]+$/, '');
      ctx.report({
        ruleId: 'R-L2',
        title: 'Web address as link text',
        message:
          `The text gives a bare web address (“${quoteStart(address, 60)}”), which becomes the link text in the ` +
          `document. Select words that describe the page and use Link; give the address after it in brackets ` +
          `without “https://” if readers of a printed copy need it.`,
        location: { kind: 'section', sectionId, blockPath: path, excerpt: quoteStart(address, 80) },
        fingerprint: `bare|${address}`,
      });
    }
  }
}

function check(ctx: CheckContext) {
  const byText = new Map<string, { href: string; first: string }>();
  for (const s of ctx.draft.sections) {
    for (const { block, path } of walkBlocks(s.body)) {
      if (block.type !== 'paragraph' && block.type !== 'heading') continue;
      bareAddresses(ctx, s.id, block.content, path);
      for (const link of linksOf(block.content, path)) {
        const text = link.text.trim();
        const lower = text
          .toLowerCase()
          .replace(/[.:!?,;]+$/, '')
          .replace(/\s+/g, ' ');
        const loc = {
          kind: 'section' as const,
          sectionId: s.id,
          blockPath: link.path,
          excerpt: quoteStart(text || link.href, 80),
        };
        const fp = `${text}|${link.href}`;
        const href = link.href.trim();
        if (!href || !OK_SCHEME.test(href))
          ctx.report({
            ruleId: 'R-L4',
            title: 'Link with no usable address',
            message: href
              ? `The link “${quoteStart(text, 50)}” points to “${quoteStart(href, 60)}”, which readers cannot ` +
                `open. Use a full web address (https://…) or an email address.`
              : `The link “${quoteStart(text, 50)}” has no address. Add one, or remove the link.`,
            location: loc,
            fingerprint: fp,
          });
        if (!text) continue;
        if (VAGUE.has(lower))
          ctx.report({
            ruleId: 'R-L1',
            title: `Link text “${text}”`,
            message:
              `Link text like “${text}” does not say where the link goes. Screen reader users often hear links on ` +
              `their own. Use words that describe the destination, such as the title of the page.`,
            location: loc,
            fingerprint: fp,
          });
        else if (/^(?:https?:\/\/|www\.)/i.test(text))
          ctx.report({
            ruleId: 'R-L2',
            title: 'Web address as link text',
            message:
              `The link text is a web address (“${quoteStart(text, 60)}”). Use words that describe the page ` +
              `instead; the printed document can give the address after it.`,
            location: loc,
            fingerprint: fp,
          });
        if (href && FILE_LINK.test(href) && !FORMAT_NOTE.test(text) && !FORMAT_NOTE.test(link.following))
          ctx.report({
            ruleId: 'R-L5',
            title: 'Say the file format and size',
            message:
              `The link “${quoteStart(text, 50)}” opens a ${FILE_LINK.exec(href)![1]!.toUpperCase()} file. Say so ` +
              `after the link, with its size, for example “(PDF, 19.5KB)”.`,
            location: loc,
            fingerprint: fp,
          });
        if (!href || VAGUE.has(lower)) continue;
        const seen = byText.get(lower);
        if (!seen) byText.set(lower, { href: normaliseHref(href), first: href });
        else if (seen.href !== normaliseHref(href))
          ctx.report({
            ruleId: 'R-L3',
            title: `Same link text, different places: “${quoteStart(text, 40)}”`,
            message:
              `The link text “${quoteStart(text, 50)}” is used for 2 different addresses ` +
              `(${quoteStart(seen.first, 50)} and ${quoteStart(href, 50)}). Give each destination its own link ` +
              `text.`,
            location: loc,
            fingerprint: fp,
          });
      }
    }
  }
}

export const linkRules: RuleModule = {
  rules: [
    {
      id: 'R-L1',
      severity: 'warning',
      title: 'Link text not descriptive',
      description: 'Link text such as “click here”, “here”, “more”, “read more”, “this link”, “find out more”.',
      standardRef: '§5.4 Link text; §6.2; WCAG 2.2 2.4.4',
    },
    {
      id: 'R-L2',
      severity: 'advice',
      title: 'Web address as link text',
      description: 'Link text that is itself a web address, or a bare web address in the text (made a link).',
      standardRef: '§5.4 Link text',
    },
    {
      id: 'R-L3',
      severity: 'warning',
      title: 'Same link text, different places',
      description: 'The same link text (ignoring case) used for different addresses anywhere in the sections.',
      standardRef: '§5.4 Link text',
    },
    {
      id: 'R-L4',
      severity: 'warning',
      title: 'Link with no usable address',
      description:
        'A link with an empty address, or one that is not https://, http://, mailto:, tel: or #…, such as a ' +
        'file on this computer.',
      standardRef: '§5.4',
    },
    {
      id: 'R-L5',
      severity: 'advice',
      title: 'File format and size not given',
      description:
        'A link to a PDF, Word, Excel, OpenDocument, CSV or ZIP file without “(PDF, 19.5KB)”-style format and ' +
        'size in or just after the link text.',
      standardRef: '§5.4 Link text (format and size)',
    },
  ],
  check,
};
