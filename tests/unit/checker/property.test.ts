import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDraft, INTERNAL_RULE_ID, type Finding } from '#shared/checker/index';
import type { Draft } from '#shared/domain/draft/model';
import { exampleDraft } from '#shared/domain/draft/example';
import type { Block, Inline } from '#shared/domain/draft/rich-text';
import { NOW } from './helpers';

/**
 * checkDraft never throws and never falls back to its internal "could not run" finding, whatever
 * text the editor holds: emoji, right-to-left text, control characters, lone surrogates, text that
 * looks like dates, links and acronyms, and paragraphs of 100,000 characters.
 */
const FRAGMENTS = [
  'click here',
  '12/03/2013',
  '2027-05-24',
  '1st March',
  '17:30',
  '12 noon',
  'midnight',
  'closes',
  'NHS',
  'CMA',
  'XYZZY',
  'utilise',
  'key issues',
  'drive growth',
  'e.g.',
  'etc',
  "can't",
  ';',
  '.',
  '?',
  '!',
  '…',
  ' ',
  '\n',
  '\t',
  '\u0000',
  '\u0007',
  '\u200b',
  '\u202e',
  '\u200f',
  '😀',
  '👩‍👩‍👧',
  'مرحبا بالعالم',
  'שלום',
  '漢字',
  'ÉCOLE',
  'organize',
  '10000',
  '.5',
  'per cent',
  'Dr.',
  'J.',
  'https://example.gov.uk/a?b=1',
  'a@b.co',
  'SW1H 0EU',
  'GOV.UK',
  '(',
  ')',
  '[insert date]',
  'TBC',
  'Mar',
  '-',
  '–',
  '—',
  '9:30',
  '5.30pm',
  'Q1 2027',
  'two',
  'in order to',
  'ring-fenced',
  '\ud800',
  '\udfff',
  'AAAAAAAAAAAAAAAAAAAA',
  'iziziziziziziziziziziziziziziziziziziziziziziziziziziziziziz' +
    'izizizizizizizizizizizizizizizizizizizizizizizizizizizizizizi',
];

const fragmentText = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((a) => a.join(''));
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
  { weight: 4, arbitrary: fragmentText },
);
/** A paragraph of at least 100,000 characters, repeating random material. */
const huge = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'binary', maxLength: 30 })), {
    minLength: 1,
    maxLength: 12,
  })
  .map((parts) => {
    const unit = parts.join('') || 'x';
    return unit.repeat(Math.ceil(100_000 / unit.length));
  });

const inline: fc.Arbitrary<Inline> = fc.oneof(
  text.map((t): Inline => ({ type: 'text', text: t })),
  fc
    .tuple(text, text)
    .map(([t, href]): Inline => ({ type: 'text', text: t, marks: [{ type: 'link', attrs: { href } }] })),
  text.map((t): Inline => ({ type: 'text', text: t, marks: [{ type: 'bold' }] })),
  fc.constant<Inline>({ type: 'hardBreak' }),
);
const inlines = fc.array(inline, { maxLength: 6 });
const para = inlines.map((content): Block => ({ type: 'paragraph', content }));
const block: fc.Arbitrary<Block> = fc.oneof(
  { weight: 5, arbitrary: para },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(2 as const, 3 as const), inlines)
      .map(([level, content]): Block => ({ type: 'heading', attrs: { level }, content })),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(para, { maxLength: 4 })
      .map((ps): Block => ({ type: 'bulletList', content: ps.map((p) => ({ type: 'listItem', content: [p] })) })),
  },
  {
    weight: 1,
    arbitrary: fc.array(para, { minLength: 1, maxLength: 3 }).map((ps): Block => ({
      type: 'table',
      content: [{ type: 'tableRow', content: ps.map((p) => ({ type: 'tableCell', content: [p] })) }],
    })),
  },
  { weight: 1, arbitrary: fc.tuple(text, text).map(([src, alt]): Block => ({ type: 'image', attrs: { src, alt } })) },
);

const draftArb = fc
  .record({
    bodies: fc.array(fc.array(block, { maxLength: 6 }), { minLength: 10, maxLength: 10 }),
    titles: fc.array(text, { minLength: 10, maxLength: 10 }),
    qText: fc.array(text, { minLength: 11, maxLength: 11 }),
    qHint: fc.array(text, { minLength: 11, maxLength: 11 }),
    qOption: fc.array(text, { minLength: 11, maxLength: 11 }),
    meta: fc.array(text, { minLength: 12, maxLength: 12 }),
    privacy: fc.array(text, { minLength: 12, maxLength: 12 }),
    label: text,
    dates: fc.array(
      fc.oneof(
        text,
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      ),
      { minLength: 4, maxLength: 4 },
    ),
  })
  .map((r) => {
    const d = exampleDraft();
    d.sections.forEach((s, i) => {
      s.body = { type: 'doc', content: r.bodies[i]! };
      s.title = r.titles[i]!;
    });
    d.questions.forEach((q, i) => {
      q.text = r.qText[i]!;
      q.hint = r.qHint[i]!;
      if (q.options[0]) q.options[0].label = r.qOption[i]!;
    });
    const m = d.metadata;
    [
      m.title,
      m.summary,
      m.audience,
      m.department,
      m.additionalWays,
      m.enquiries.email,
      m.enquiries.alternativeFormats,
      m.waysToRespond.onlineUrl,
      m.complianceStatement,
      m.territorialNote,
      m.impactAssessment.note,
      m.durationJustification,
    ] = r.meta as [string, string, string, string, string, string, string, string, string, string, string, string];
    [m.opensAt, m.closesAt] = [r.dates[0]!, r.dates[1]!];
    m.responsePaper.dueDate = r.dates[2]!;
    m.electionPeriods = [{ label: r.label, start: r.dates[2]!, end: r.dates[3]! }];
    m.holidayPeriods = [{ label: r.label, start: r.dates[3]!, end: r.dates[2]! }];
    m.bankHolidays = [r.dates[3]!];
    const keys = Object.keys(d.privacyNotice) as (keyof Draft['privacyNotice'])[];
    keys.forEach((k, i) => (d.privacyNotice[k] = r.privacy[i]!));
    d.aboutYou[0]!.label = r.label;
    d.aboutYou[0]!.options = [r.label];
    return d;
  });

function sane(findings: Finding[]): void {
  expect(Array.isArray(findings)).toBe(true);
  expect(findings.filter((f) => f.ruleId === INTERNAL_RULE_ID).map((f) => f.message)).toEqual([]);
  const keys = findings.map((f) => f.key);
  expect(new Set(keys).size).toBe(keys.length);
  for (const f of findings) {
    expect(typeof f.message).toBe('string');
    expect(['error', 'warning', 'advice']).toContain(f.severity);
    if (f.location.kind === 'section' && f.location.excerpt !== undefined)
      expect(f.location.excerpt.length).toBeLessThan(400);
  }
}

describe('checkDraft on arbitrary text', () => {
  it('never throws, on random text everywhere', () => {
    fc.assert(
      fc.property(draftArb, (d) => {
        sane(checkDraft(d, { now: NOW }));
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on 100,000-character paragraphs, questions and box fields', () => {
    fc.assert(
      fc.property(huge, (big) => {
        const d = exampleDraft();
        d.sections[2]!.body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: big }] }] };
        d.questions[0]!.text = big;
        d.metadata.summary = big;
        sane(checkDraft(d, { now: NOW }));
      }),
      { numRuns: 8 },
    );
  });

  it(
    'handles inputs that defeat careless regular expressions: long runs of capitals, letters, digits, spaces and ' +
      'dashes',
    () => {
      const cases = [
        'A'.repeat(100_000),
        `${'a'.repeat(100_000)}iz`,
        `${'organiz'.repeat(15_000)}`,
        '1'.repeat(100_000),
        `1st${' '.repeat(100_000)}x`,
        `2024${'-'.repeat(50_000)}`,
        'A1'.repeat(50_000),
        `${'@a'.repeat(50_000)}`,
        `https://${'a'.repeat(100_000)}`,
        `${'Dr. '.repeat(25_000)}`,
      ];
      for (const big of cases) {
        const d = exampleDraft();
        d.sections[2]!.body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: big }] }] };
        d.questions[0]!.text = big.slice(0, 2000);
        sane(checkDraft(d, { now: NOW }));
      }
    },
  );

  it('never throws on a draft with missing parts (as the editor might hold mid-edit)', () => {
    const broken = [
      {},
      { metadata: null, sections: null },
      { ...exampleDraft(), sections: [{ id: 's', kind: 'other', title: 5, body: { type: 'doc', content: [] } }] },
      {
        ...exampleDraft(),
        questions: [{ id: 'q', sectionId: 'nowhere', type: 'single_choice', text: null, options: null }],
      },
      {
        ...exampleDraft(),
        metadata: { ...exampleDraft().metadata, enquiries: null, waysToRespond: undefined, electionPeriods: [null] },
      },
      { ...exampleDraft(), checker: { maxGrade: 'x' }, dismissed: [null, { key: 5 }] },
    ];
    for (const d of broken) sane(checkDraft(d as unknown as Draft, { now: NOW }));
  });
});
