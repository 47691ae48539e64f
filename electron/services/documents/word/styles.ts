import {
  AlignmentType,
  BorderStyle,
  LevelFormat,
  LineRuleType,
  type INumberingOptions,
  type IStylesOptions,
} from 'docx';

/**
 * Word styles for every document we write, accessible by construction (consultation-standard
 * §6.2): the built-in Normal, Title and Heading 1–3 styles (so navigation, the contents and
 * screen readers work), Arial at 12pt or larger, near-black text on white, left aligned, spacing
 * from the styles rather than empty paragraphs, and the document language en-GB.
 */
export const FONT = 'Arial';
const TEXT = '0B0C0C'; // GOV.UK text colour: 19.2:1 on white
const BLUE = '1D70B8'; // GOV.UK blue, used only for the question marker line
/** Table header rows: GOV.UK light grey, text contrast unchanged. */
export const HEADER_FILL = 'F3F2F1';
export const QUESTION_BORDER = { style: BorderStyle.SINGLE, size: 24, color: BLUE, space: 8 } as const;
export const QUESTION_INDENT = 200;
export const LANGUAGE = 'en-GB';

/** Width of the text column of an A4 page with 2.54 cm margins, in twentieths of a point. */
export const TEXT_WIDTH_TWIPS = 9026;

export const QUESTION_STYLE = 'Question';
export const LEAD_STYLE = 'Lead';
export const SUBTITLE_STYLE = 'Subtitle';
export const TOC_HEADING_STYLE = 'TOCHeading';
export const HYPERLINK_STYLE = 'Hyperlink';

export function documentStyles(): IStylesOptions {
  return {
    default: {
      document: {
        run: { font: FONT, size: 24, color: TEXT, language: { value: LANGUAGE } },
        paragraph: { spacing: { after: 200, line: 300, lineRule: LineRuleType.AUTO }, alignment: AlignmentType.LEFT },
      },
      title: {
        run: { font: FONT, size: 56, bold: true, color: TEXT },
        paragraph: { spacing: { before: 240, after: 360 } },
      },
      heading1: {
        run: { font: FONT, size: 40, bold: true, color: TEXT },
        paragraph: { spacing: { before: 240, after: 240 }, keepNext: true, keepLines: true },
      },
      heading2: {
        run: { font: FONT, size: 32, bold: true, color: TEXT },
        paragraph: { spacing: { before: 360, after: 200 }, keepNext: true, keepLines: true },
      },
      heading3: {
        run: { font: FONT, size: 28, bold: true, color: TEXT },
        paragraph: { spacing: { before: 280, after: 160 }, keepNext: true, keepLines: true },
      },
      listParagraph: { paragraph: { spacing: { after: 120 } } },
      // docx's defaults for these are 9 and 10pt; nothing we write uses them, but nothing is under 12pt.
      caption: { run: { font: FONT, size: 24, bold: true, color: TEXT } },
    },
    characterStyles: [
      { id: 'FootnoteTextChar', name: 'Footnote Text Char', basedOn: 'DefaultParagraphFont', run: { size: 24 } },
      { id: 'EndnoteTextChar', name: 'Endnote Text Char', basedOn: 'DefaultParagraphFont', run: { size: 24 } },
    ],
    paragraphStyles: [
      { id: 'FootnoteText', name: 'footnote text', basedOn: 'Normal', run: { size: 24 } },
      { id: 'EndnoteText', name: 'endnote text', basedOn: 'Normal', run: { size: 24 } },
      {
        id: SUBTITLE_STYLE,
        name: 'Subtitle',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { font: FONT, size: 32, bold: true, color: TEXT },
        paragraph: { spacing: { before: 0, after: 240 } },
      },
      {
        id: LEAD_STYLE,
        name: 'Lead',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { font: FONT, size: 28, color: TEXT },
        paragraph: { spacing: { after: 360 } },
      },
      {
        // A question stands out without being a heading: bold, with a blue rule on the left. Its outline
        // level (3, under the section's heading) puts every question in Word's navigation pane and a PDF's
        // bookmarks, while the contents (levels 1 to 1) still list only the sections.
        id: QUESTION_STYLE,
        name: 'Question',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { font: FONT, size: 24, bold: true, color: TEXT },
        paragraph: {
          spacing: { before: 280, after: 160 },
          keepNext: true,
          keepLines: true,
          outlineLevel: 2,
          indent: { left: QUESTION_INDENT },
          border: { left: QUESTION_BORDER },
        },
      },
      {
        // Word's built-in name, so Word treats it as the contents heading and leaves it out of the contents.
        id: TOC_HEADING_STYLE,
        name: 'TOC Heading',
        basedOn: 'Normal',
        next: 'Normal',
        run: { font: FONT, size: 40, bold: true, color: TEXT },
        paragraph: { spacing: { before: 240, after: 240 }, keepNext: true },
      },
    ],
  };
}

const BULLETS = ['•', '–', '•', '–', '•', '–', '•', '–', '•'];

/** Indent of list level n: the text at 0.63 cm steps, the bullet or number hanging in front. */
export const listIndent = (level: number): { left: number; hanging: number } => ({
  left: 360 * (level + 1),
  hanging: 360,
});

/** Real numbering definitions: bullets, and numbered lists starting at each `start` the document uses. */
export function numberingConfig(orderedStarts: Iterable<number>): INumberingOptions {
  const config: INumberingOptions['config'][number][] = [
    {
      reference: 'bullets',
      levels: BULLETS.map((text, level) => ({
        level,
        format: LevelFormat.BULLET,
        text,
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: listIndent(level) }, run: { font: FONT } },
      })),
    },
  ];
  for (const start of new Set([1, ...orderedStarts])) {
    config.push({
      reference: orderedReference(start),
      levels: Array.from({ length: 9 }, (_, level) => ({
        level,
        format:
          level % 3 === 0 ? LevelFormat.DECIMAL : level % 3 === 1 ? LevelFormat.LOWER_LETTER : LevelFormat.LOWER_ROMAN,
        text: `%${level + 1}.`,
        start: level === 0 ? start : 1,
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: listIndent(level) } },
      })),
    });
  }
  return { config };
}

export const orderedReference = (start: number): string => `numbered-from-${start}`;
