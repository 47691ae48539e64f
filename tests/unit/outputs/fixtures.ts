import { deflateSync, crc32 } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { exampleDraft } from '#shared/domain/draft/example';
import type { Draft, Question } from '#shared/domain/draft/model';
import type { Block, RichDoc } from '#shared/domain/draft/rich-text';
import type { OutputContext } from '#electron/services/documents/consultation-outputs';

/** A fixed clock and ids: outputs made with it are byte-identical run to run. */
export const CTX: OutputContext = { now: new Date('2027-02-15T10:30:00Z'), consultationId: 'consultation-example-1' };

/** A real PNG of the given size (solid colour), made here so tests need no image files. */
export function tinyPng(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x1d)]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

export const pngDataUrl = (w: number, h: number): string =>
  `data:image/png;base64,${Buffer.from(tinyPng(w, h)).toString('base64')}`;

const p = (text: string): Block => ({ type: 'paragraph', content: [{ type: 'text', text }] });

/** The example consultation plus every kind of rich text the outputs must carry. */
export function richDraft(): Draft {
  const d = exampleDraft();
  const background = d.sections.find((s) => s.kind === 'background')!;
  const extra: Block[] = [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'What people told us' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Read the ' },
        {
          type: 'text',
          text: 'NHS digital strategy',
          marks: [{ type: 'link', attrs: { href: 'https://www.example.gov.uk/nhs-digital-strategy' } }],
        },
        { type: 'text', text: ' for more.' },
      ],
    },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Most important:', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' nobody is left behind.' },
        { type: 'hardBreak' },
        { type: 'text', text: 'Second line.' },
      ],
    },
    { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Survey results' }] },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            { type: 'tableHeader', content: [p('Service')] },
            { type: 'tableHeader', content: [p('Users in 2026')] },
            { type: 'tableHeader', content: [p('Change')] },
          ],
        },
        {
          type: 'tableRow',
          content: [
            { type: 'tableCell', content: [p('Booking')] },
            { type: 'tableCell', content: [p('12,400,000')] },
            { type: 'tableCell', content: [] },
          ],
        },
        {
          type: 'tableRow',
          content: [
            { type: 'tableCell', content: [p('Prescriptions')] },
            { type: 'tableCell', content: [p('8,100,000')] },
          ],
        },
      ],
    },
    {
      type: 'orderedList',
      attrs: { start: 3 },
      content: [
        { type: 'listItem', content: [p('third step')] },
        {
          type: 'listItem',
          content: [
            p('fourth step'),
            { type: 'bulletList', content: [{ type: 'listItem', content: [p('nested point')] }] },
          ],
        },
      ],
    },
    {
      type: 'image',
      attrs: { src: pngDataUrl(40, 20), alt: 'Bar chart: 71% of adults looked for health information online in 2026' },
    },
    { type: 'image', attrs: { src: pngDataUrl(10, 10), alt: '' } },
    { type: 'image', attrs: { src: 'https://tracker.example.com/pixel.png', alt: 'A remote picture' } },
    { type: 'paragraph', content: [] },
  ];
  background.body = { type: 'doc', content: [...background.body.content, ...extra] } satisfies RichDoc;
  d.sections.push({
    id: 'example-section-glossary',
    kind: 'glossary',
    title: 'Glossary',
    body: { type: 'doc', content: [p('GP: general practitioner.'), p('NHS: National Health Service.')] },
    guidance: '',
  });
  d.metadata.welshVersion = true;
  return d;
}

const CONTROL = '\u0000\u0001\u0008\u000B\u000C\u001F\uFFFE\uFFFF\uD800';
export const RTL = 'مرحبا بكم في الاستشارة — שלום עולם';
export const EMOJI = '👩🏽‍⚕️ Health 🏥 and 🇬🇧 flags';

/** Hostile but legal input: emoji, right-to-left text, 5,000-character paragraphs, 40 options, control characters. */
export function badDraft(): Draft {
  const d = exampleDraft();
  const long = `${'This is a very long paragraph about NHS services. '.repeat(100)}`.slice(0, 5000);
  d.metadata.title = `${EMOJI} ${RTL} bad${CONTROL}input`;
  d.metadata.department = `Department ${EMOJI}${CONTROL}`;
  d.metadata.summary = `Summary with control${CONTROL} characters`;
  const proposal = d.sections.find((s) => s.kind === 'proposal')!;
  proposal.title = `Proposal ${RTL} ${EMOJI}`;
  proposal.body = { type: 'doc', content: [p(long), p(`${RTL} ${RTL}`), p(`Control${CONTROL}characters`), p(EMOJI)] };
  const q40: Question = {
    id: 'bad-q40',
    sectionId: proposal.id,
    type: 'multi_choice',
    text: `Which of these 40 options ${EMOJI} apply?${CONTROL}`,
    hint: RTL,
    options: Array.from({ length: 40 }, (_, i) => ({
      id: `bad-q40-o${i + 1}`,
      label: `Option ${i + 1}, with a comma and "quotes" ${i % 7 === 0 ? EMOJI : ''}${i % 5 === 0 ? RTL : ''}`.trim(),
    })),
    allowOther: true,
    explain: true,
    wordLimit: 500,
    continues: false,
  };
  const qLong: Question = {
    ...q40,
    id: 'bad-long',
    type: 'single_choice',
    text: long.slice(0, 2000),
    hint: '',
    options: [
      { id: 'a', label: `A${CONTROL}` },
      { id: 'b', label: 'B, or not B' },
    ],
    allowOther: false,
    explain: false,
    wordLimit: null,
  };
  d.questions.splice(1, 0, q40, qLong);
  return d;
}

/** Writes bytes to a file in a temp folder and returns the path. */
export function writeTo(dir: string, name: string, bytes: Uint8Array): string {
  const path = `${dir}/${name}`;
  writeFileSync(path, bytes);
  return path;
}
