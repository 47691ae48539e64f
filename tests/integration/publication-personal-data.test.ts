import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { tempDir } from '../harness/temp';
import { Package } from '../harness/ooxml-read';
import {
  analysisWorkspace,
  importGenerated,
  importResponses,
  hand,
  responseIds,
  type Ws,
} from '../unit/analysis-app/helpers';

/**
 * R-PUB1: personal data people typed into their answers never leaves in a published file. A
 * consultation where respondents wrote their own names, other respondents' names, emails, phone
 * numbers, postcodes, addresses, NI and NHS numbers and profile links into answers that are
 * published (consent given) and quoted: at publication level none of it is in any part of the
 * government response, the workbook, the briefing or the responses CSV; for internal use all of it is.
 */
const t = tempDir('cw-publication-pd-');
afterAll(() => t.cleanup());

const Q3 = 'example-q3';
const PLANTED = [
  'Mei Chen',
  'Tomasz Kowalczyk',
  'mei.chen@example.org',
  '07700 900123',
  '0113 496 0000',
  'LS6 2QT',
  '14 Cardigan Road',
  'JK 12 34 56 C',
  '943 476 5919',
  'facebook.com/tomasz.kowalczyk.77',
];
const ANSWERS = [
  'I am Mei Chen and I live at 14 Cardigan Road, LS6 2QT. Booking online would save me hours.',
  'My neighbour Tomasz Kowalczyk agrees: call him on 07700 900123 or email mei.chen@example.org.',
  'Ring the surgery on 0113 496 0000. My NI number is JK 12 34 56 C and my NHS number is 943 476 5919.',
  'See what people said at facebook.com/tomasz.kowalczyk.77 before deciding.',
  // Another respondent names the organisation that asked for confidentiality (R-PUB4: named nowhere).
  'I agree with the wharfedale  pensioners forum about keeping paper forms.',
];
const ORGANISATION = 'Wharfedale Pensioners Forum';
let ws: Ws;

beforeAll(async () => {
  ws = await analysisWorkspace(t.dir, 'pd.consult');
  await importGenerated(ws, t.dir, 'survey.csv', { count: 60, seed: 5 });
  await importResponses(
    ws,
    t.dir,
    'typed.csv',
    ANSWERS.map((text, i) =>
      hand(
        i + 1,
        {
          name: i === 1 ? 'Tomasz Kowalczyk' : i === 0 ? 'Mei Chen' : `Respondent ${i}`,
          respondingAs: 'As an individual',
          respondentType: 'Member of the public',
          publishConsent: 'Yes',
          confidential: 'No',
        },
        { [Q3]: { optionIds: [], text } },
      ),
    ),
  );
  // One organisation answers twice: confidential on one response only, quoted from the other.
  await importResponses(
    ws,
    t.dir,
    'organisation.csv',
    ['We need the paper forms kept for our members.', 'Our members cannot use apps; keep the phone line.'].map(
      (text, i) =>
        hand(
          20 + i,
          {
            name: `Officer ${i}`,
            respondingAs: 'On behalf of an organisation',
            organisation: ORGANISATION,
            respondentType: 'Charity',
            publishConsent: 'Yes',
            confidential: i === 0 ? 'Yes' : 'No',
          },
          { [Q3]: { optionIds: [], text } },
        ),
    ),
  );
  const ids = await responseIds(ws);
  const typed = [...ids.slice(-ANSWERS.length - 2, -2), ids.at(-1)!];
  const theme = await ws.call('analysis.saveTheme', { name: 'Booking', questionIds: [Q3] });
  for (const id of typed) {
    await ws.call('analysis.code', { responseId: id, questionId: Q3, themeId: theme.id });
    await ws.call('analysis.markQuote', { responseId: id, questionId: Q3, themeIds: [theme.id] });
  }
}, 120_000);

/** Every text part of a file: each XML part of a package, or the CSV itself. */
function texts(path: string): string {
  const bytes = readFileSync(path);
  if (path.endsWith('.csv')) return bytes.toString('utf8');
  const pkg = new Package(bytes);
  return [...pkg.files.keys()]
    .filter((n) => /\.(xml|rels)$/.test(n))
    .map((n) => pkg.text(n))
    .join('\n');
}

const KINDS = [
  ['government-response-docx', '.docx'],
  ['analysis-xlsx', '.xlsx'],
  ['briefing-docx', '.docx'],
  ['responses-csv', '.csv'],
] as const;

describe('personal data typed into answers, at publication level', () => {
  it.each(KINDS)('%s: none of it is in any part of the published file; all of it is internally', async (kind, ext) => {
    const published = await ws.call('outputs.export', {
      allowUnfinished: true,
      kind,
      path: t.path(`pub-${kind}${ext}`),
      exportAnyway: true,
    });
    expect(published.redaction).toBe('redacted');
    const text = texts(published.path);
    for (const item of PLANTED) expect(text, `${item} in the published ${kind}`).not.toContain(item);
    // R-PUB4: named nowhere, although its other response did not ask for confidentiality.
    expect(text, `the confidential organisation in the published ${kind}`).not.toMatch(/wharfedale\s+pensioners/i);
    // The briefing quotes no answers in full; the others publish these answers with the markers.
    if (kind !== 'briefing-docx') expect(text).toContain('[name removed]');
    const internal = await ws.call('outputs.export', {
      allowUnfinished: true,
      kind,
      path: t.path(`int-${kind}${ext}`),
      redaction: 'none',
      exportAnyway: true,
    });
    const all = texts(internal.path);
    // The answers themselves are there internally (the briefing carries quotes, not every answer).
    for (const item of kind === 'briefing-docx' ? [] : [...PLANTED, ORGANISATION]) expect(all).toContain(item);
  });

  it('quotes the organisation’s consenting response under its type, not its name', async () => {
    const path = (
      await ws.call('outputs.export', {
        allowUnfinished: true,
        kind: 'government-response-docx',
        path: t.path('quote.docx'),
        exportAnyway: true,
      })
    ).path;
    const doc = new Package(readFileSync(path)).text('word/document.xml');
    expect(doc).toContain('Our members cannot use apps; keep the phone line.');
    expect(doc).toContain('Charity');
  });

  it('keeps the rest of the answer: the words around what was removed are published', async () => {
    const csv = texts(
      (
        await ws.call('outputs.export', {
          allowUnfinished: true,
          kind: 'responses-csv',
          path: t.path('words.csv'),
          exportAnyway: true,
        })
      ).path,
    );
    expect(csv).toContain('I am [name removed] and I live at [address removed], [postcode removed].');
    expect(csv).toContain('Booking online would save me hours.');
    expect(csv).toContain('I agree with the [organisation removed] about keeping paper forms.');
  });
});
