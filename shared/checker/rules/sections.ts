import type { SectionKind } from '../../domain/draft/model';
import { docText, inlineText, walkBlocks, type Inline } from '../../domain/draft/rich-text';
import { TEMPLATE_SECTIONS } from '../../domain/draft/template';
import type { CheckContext } from '../context';
import type { RuleModule } from '../rule-module';
import type { Severity } from '../types';
import { quoteStart } from '../text/excerpt';
import { reportText } from './text-report';

/**
 * Sections and their structure (consultation-standard.md §3.3, §6.2): the sections a consultation
 * needs, sections left empty or as template guidance, placeholders, heading order, bold text used as
 * a heading, and images without (useful) alt text.
 */
const REQUIRED: { kind: SectionKind; name: string; severity: Severity; why: string }[] = [
  {
    kind: 'confidentiality',
    name: 'Confidentiality and data protection',
    severity: 'error',
    why:
      'It must tell people that responses may be published or disclosed under the Freedom of Information Act, the ' +
      'Environmental Information Regulations and data protection law.',
  },
  {
    kind: 'executive-summary',
    name: 'Executive summary',
    severity: 'warning',
    why: 'It says what the consultation is about, the proposals, how long it runs and what happens next.',
  },
  {
    kind: 'how-to-respond',
    name: 'How to respond',
    severity: 'warning',
    why: 'It tells people how and by when to respond, and how to ask for other formats.',
  },
  {
    kind: 'foreword',
    name: 'Ministerial foreword',
    severity: 'advice',
    why: 'Most consultations open with a short foreword from the minister.',
  },
];

const normalise = (s: string) => s.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
const TEMPLATE_GUIDANCE = TEMPLATE_SECTIONS.map((t) => normalise(t.guidance)).filter((g) => g.length >= 40);

const PLACEHOLDER_CASED = /\b(?:TODO|TBC|TBD|FIXME|XXX+)\b/g;
const PLACEHOLDER_ANY =
  /\blorem ipsum\b|\[\s*(?:insert|add|enter|tbc|todo|to be confirmed|placeholder)\b[^\]\n]{0,100}\]/gi;

const FILE_NAME_ALT = /\.(?:png|jpe?g|gif|svg|webp|bmp|tiff?|heic)$/i;
const GENERIC_ALT =
  /^(?:an? )?(?:image|picture|photo|photograph|graphic|img|chart|diagram|figure|logo|icon|screenshot|untitled)\s*\d*$/i;
const CAMERA_ALT = /^(?:IMG|DSC|DCIM|PXL|Screenshot)[_\- ]?\d/i;

function checkRequired(ctx: CheckContext) {
  const kinds = new Set(ctx.draft.sections.map((s) => s.kind));
  for (const r of REQUIRED) {
    if (kinds.has(r.kind)) continue;
    ctx.report({
      ruleId: 'R-SEC1',
      title: `No “${r.name}” section`,
      message: `The draft has no “${r.name}” section. ${r.why} Add one (the standard template has it).`,
      location: { kind: 'draft' },
      severity: r.severity,
      fingerprint: r.kind,
    });
  }
}

function checkContent(ctx: CheckContext) {
  const questionsIn = new Set(ctx.draft.questions.map((q) => q.sectionId));
  for (const s of ctx.draft.sections) {
    const text = docText(s.body, { includeTables: true, includeHeadings: true });
    const hasMedia = s.body.content.some((b) => b.type === 'image' || b.type === 'table');
    const name = s.title.trim() ? `“${s.title.trim()}”` : 'A section with no title';
    const loc = { kind: 'section' as const, sectionId: s.id };
    if (!s.title.trim())
      ctx.report({
        ruleId: 'R-SEC2',
        title: 'Section without a title',
        message: 'A section has no title. Give it one: it becomes the heading in the document and the contents.',
        location: loc,
        fingerprint: 'title',
      });
    if (!text.trim() && !hasMedia) {
      if (s.guidance.trim())
        ctx.report({
          ruleId: 'R-SEC3',
          title: `${name} not written yet`,
          message:
            `${name} still has only the template’s guidance: “${quoteStart(s.guidance, 120)}” Write the section, ` +
            `or delete it if you do not need it.`,
          location: loc,
        });
      else if (!questionsIn.has(s.id))
        ctx.report({
          ruleId: 'R-SEC2',
          title: `${name} is empty`,
          message: `${name} has no text and no questions. Write it, or delete it.`,
          location: loc,
        });
      continue;
    }
    const body = normalise(text);
    const own = normalise(s.guidance);
    if ((own.length >= 40 && body.includes(own)) || TEMPLATE_GUIDANCE.some((g) => body.includes(g)))
      ctx.report({
        ruleId: 'R-SEC3',
        title: `${name} contains template guidance`,
        message: `${name} still contains the template’s guidance text. Replace it with your own words.`,
        location: loc,
        fingerprint: 'copied',
      });
  }
}

function checkPlaceholders(ctx: CheckContext) {
  for (const unit of ctx.units) {
    for (const re of [PLACEHOLDER_CASED, PLACEHOLDER_ANY]) {
      re.lastIndex = 0;
      for (let m = re.exec(unit.text); m; m = re.exec(unit.text)) {
        reportText(ctx, unit, {
          ruleId: 'R-SEC4',
          title: `Placeholder left in: “${m[0]}”`,
          message: `“${m[0]}” looks like a placeholder. Replace it with the real text before publishing.`,
          start: m.index,
          end: m.index + m[0].length,
        });
      }
    }
  }
}

function allBold(content: Inline[] | undefined): boolean {
  const texts = (content ?? []).filter(
    (n): n is Extract<Inline, { type: 'text' }> => n.type === 'text' && n.text.trim() !== '',
  );
  return texts.length > 0 && texts.every((n) => (n.marks ?? []).some((m) => m.type === 'bold'));
}

function checkStructure(ctx: CheckContext) {
  for (const s of ctx.draft.sections) {
    let level = 1; // the section title
    for (const { block, path, inList, inTable } of walkBlocks(s.body)) {
      const loc = { kind: 'section' as const, sectionId: s.id, blockPath: path };
      if (block.type === 'heading') {
        const text = inlineText(block.content).trim();
        const l = Number(block.attrs?.level);
        if (!text)
          ctx.report({
            ruleId: 'R-H2',
            title: 'Empty heading',
            message:
              'This heading has no text. Screen reader users move through a document by its headings: write the ' +
              'heading or delete it.',
            location: loc,
            fingerprint: path.join('.'),
          });
        if (!Number.isFinite(l) || l <= 1 || l > level + 1)
          ctx.report({
            ruleId: 'R-H1',
            title: 'Heading level skipped',
            message:
              `The heading “${quoteStart(text, 60)}” is level ${Number.isFinite(l) ? l : '?'} but ${
                l <= 1 ? 'level 1 is the section title' : `follows level ${level}`
              }. Use headings in order with no skipped levels ` +
              `(a level ${Math.min(level + 1, 3)} heading here), so screen readers show the structure.`,
            location: { ...loc, excerpt: quoteStart(text, 80) },
            fingerprint: text,
          });
        if (Number.isFinite(l) && l > 1) level = l;
      } else if (block.type === 'paragraph' && !inList && !inTable && allBold(block.content)) {
        const text = inlineText(block.content).trim();
        const words = text.split(/\s+/).filter(Boolean).length;
        if (words <= 10 && !/[.!?:;,]$/.test(text))
          ctx.report({
            ruleId: 'R-H3',
            title: 'Bold text used as a heading',
            message:
              `“${quoteStart(text, 60)}” is bold text on its own line. If it is a heading, use a heading style: ` +
              `bold text is not announced as a heading by screen readers.`,
            location: { ...loc, excerpt: quoteStart(text, 80) },
            fingerprint: text,
          });
      } else if (block.type === 'image') {
        const alt = (typeof block.attrs?.alt === 'string' ? block.attrs.alt : '').trim();
        if (!alt)
          ctx.report({
            ruleId: 'R-IMG1',
            title: 'Image without alt text',
            message:
              'This image has no alt text. Describe what it shows and why it is there, so people who cannot see ' +
              'it get the same information.',
            location: loc,
            fingerprint: typeof block.attrs?.src === 'string' ? block.attrs.src.slice(0, 200) : '',
          });
        else if (FILE_NAME_ALT.test(alt) || GENERIC_ALT.test(alt) || CAMERA_ALT.test(alt))
          ctx.report({
            ruleId: 'R-IMG2',
            title: 'Alt text does not describe the image',
            message:
              `The alt text “${quoteStart(alt, 60)}” does not say what the image shows. Describe its content and ` +
              `purpose instead.`,
            location: { ...loc, excerpt: quoteStart(alt, 80) },
            fingerprint: alt,
          });
      }
    }
  }
}

export const sectionRules: RuleModule = {
  rules: [
    {
      id: 'R-SEC1',
      severity: 'error',
      title: 'Required section missing',
      description:
        'No section of a kind the consultation needs: confidentiality and data protection (error, §3.5), ' +
        'executive summary and how to respond (warnings), ministerial foreword (advice).',
      standardRef: '§3.1, §3.3, §3.5',
    },
    {
      id: 'R-SEC2',
      severity: 'warning',
      title: 'Empty section',
      description: 'A section with no title, or with no text, tables, images or questions.',
      standardRef: '§3.3',
    },
    {
      id: 'R-SEC3',
      severity: 'warning',
      title: 'Template guidance not replaced',
      description:
        'A section that still has only the template’s guidance (no text of its own), or whose text contains the ' +
        'template’s guidance.',
      standardRef: '§3.3',
    },
    {
      id: 'R-SEC4',
      severity: 'warning',
      title: 'Placeholder left in',
      description:
        'TODO, TBC, TBD, FIXME or XXX in capitals, “lorem ipsum”, and bracketed prompts such as “[insert date]” ' +
        'anywhere in the printed text.',
      standardRef: '§3.3',
    },
    {
      id: 'R-H1',
      severity: 'warning',
      title: 'Heading level skipped',
      description:
        'Inside a section (whose title is level 1), a heading that skips a level (level 3 before any level 2) ' +
        'or repeats level 1.',
      standardRef: '§6.2 (headings in order, no skipped levels)',
    },
    {
      id: 'R-H2',
      severity: 'warning',
      title: 'Empty heading',
      description: 'A heading with no text.',
      standardRef: '§6.2',
    },
    {
      id: 'R-H3',
      severity: 'advice',
      title: 'Bold text used as a heading',
      description:
        'A paragraph of 10 words or fewer, all bold, with no closing punctuation: probably a heading made with bold.',
      standardRef: '§6.2 (bold is not a heading)',
    },
    {
      id: 'R-IMG1',
      severity: 'error',
      title: 'Image without alt text',
      description: 'An image with empty alt text.',
      standardRef: '§6.2 (alt text on informative images); WCAG 2.2 1.1.1',
    },
    {
      id: 'R-IMG2',
      severity: 'warning',
      title: 'Alt text not descriptive',
      description: 'Alt text that is a file name (chart.png, IMG_1234) or a generic word (“image”, “picture 2”).',
      standardRef: '§6.2; WCAG 2.2 1.1.1',
    },
  ],
  check(ctx) {
    checkRequired(ctx);
    checkContent(ctx);
    checkPlaceholders(ctx);
    checkStructure(ctx);
  },
};
