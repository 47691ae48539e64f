import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../harness/temp';
import { checkNothingLost, type LossReport } from '../../harness/nothing-lost';

/**
 * Survey exports written by other people (../shared/reference/real-exports, MANIFEST.md there),
 * each imported with questions created into a blank workspace as an official starting from a
 * survey would, then exported again (internal responses CSV) and compared cell by cell: every
 * non-empty cell of every row that is a response comes back out (tests/harness/nothing-lost.ts).
 * The counts are MANIFEST.md's, made by hand: the responses exactly; the questions a reader
 * counts as a range (numbered questions — a matrix's rows once — plus the "About you" details).
 */
const ROOT = [
  fileURLToPath(new URL('../../../../shared/reference/real-exports', import.meta.url)),
  '/work/shared/reference/real-exports',
].find((d) => existsSync(d));

interface Expected {
  id: string;
  file: string;
  responses: number;
  /** Numbered questions plus "About you" details: what a reader of the survey would count. */
  questions: [number, number];
  /** The column read as the time each response was received, when the export has one. */
  received?: string;
}

const FILES: Expected[] = [
  // 2 questions; the Text iQ "Q2 - Topics" column is the tool's analysis, not a question asked.
  {
    id: 'q1',
    file: 'qualtrics/qualtrics-sample-3row-german.csv',
    responses: 1,
    questions: [2, 4],
    received: 'EndDate',
  },
  { id: 'q2', file: 'qualtrics/qualtrics-sample-legacy-bom.csv', responses: 1, questions: [2, 4], received: 'EndDate' },
  // 6 questions over 35 columns (two 4-row matrices and two multi-answer matrices count once each).
  {
    id: 'q4',
    file: 'qualtrics/qualtricstools-no-basis-legacy.csv',
    responses: 15,
    questions: [6, 8],
    received: 'EndDate',
  },
  { id: 'sm1', file: 'surveymonkey/fivethirtyeight-starwars.csv', responses: 1186, questions: [14, 14] },
  { id: 'sm2', file: 'surveymonkey/fivethirtyeight-steak-risk.csv', responses: 550, questions: [14, 14] },
  { id: 'sm3', file: 'surveymonkey/fivethirtyeight-thanksgiving-2015.csv', responses: 1058, questions: [22, 24] },
  { id: 'sm5', file: 'surveymonkey/carpentries-longterm-oct2017.csv', responses: 476, questions: [22, 25] },
  {
    id: 'gf1',
    file: 'google-forms/r-community-2019-spanish.csv',
    responses: 338,
    questions: [50, 51],
    received: 'Timestamp',
  },
  {
    id: 'gf2',
    file: 'google-forms/r-community-2019-spanish.xlsx',
    responses: 338,
    questions: [50, 51],
    received: 'Timestamp',
  },
  // 15 by the survey's own question list, of which three were never answered by anyone (a page of
  // text, a hidden equation, a date nobody gave): kept with each response, not made questions.
  {
    id: 'ls1',
    file: 'limesurvey/limonaid-survey-998192-R-data-file.csv',
    responses: 7,
    questions: [12, 15],
    received: 'Date submitted',
  },
];

/**
 * What the survey tools write about a response, in their own words: never a question. Written
 * here from the tools' documentation, independently of the import's own vocabulary.
 */
const TOOL_METADATA = [
  new RegExp(
    [
      '^(respondent ?id|collector ?id|response ?id|responseid|_?record ?id|id|#|submission id|',
      '_id|_uuid|_index|token|seed|session ?id)$',
    ].join(''),
    'i',
  ),
  new RegExp(
    [
      String.raw`^(start ?date|end ?date|recorded ?date|date submitted|date started|date last action|`,
      String.raw`submit(ted)? date|timestamp|start time|completion time|last modified time|submitdate|`,
      String.raw`startdate|datestamp|start date \(utc\)|submit date \(utc\)|stage date \(utc\)|`,
      String.raw`_submission_time|time started)$`,
    ].join(''),
    'i',
  ),
  new RegExp(
    [
      '^(ip ?address|network ?id|status|progress|duration.*|finished|distribution ?channel|',
      'user ?language|start ?language|last ?page|response ?set|location ?(latitude|longitude|',
      'accuracy)|external ?(data ?)?reference|externaldatareference|recipient.*|user agent|',
      'referer|referrer|tags|total time)$',
    ].join(''),
    'i',
  ),
  /^(group|question) time: /i,
  /^V\d{1,2}$/,
];
const ANSWER_ROLES = new Set(['answer', 'option', 'rank', 'other-text', 'explanation']);

let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir('cw-real-exports-');
});
afterEach(() => t.cleanup());

describe.skipIf(!ROOT)('real exports from other people: every answer kept, nothing invented', () => {
  for (const e of FILES) {
    it(`${e.id} ${e.file}`, async () => {
      const r = await checkNothingLost(join(ROOT!, e.file), t.dir);
      const readerCount = r.numbered + r.respondentFields.length;
      console.log(
        `${e.id}: ${r.imported} responses (hand count ${e.responses}), ${r.rejected} rejected, ${r.blank} blank ` +
          `rows; ${r.numbered} numbered questions (${r.questions} with matrix rows) + ${r.respondentFields.length} ` +
          `About-you details = ${readerCount}; columns: ${roles(r)}`,
      );
      expect(r.problems).toEqual([]);
      expect(r.imported).toBe(e.responses);
      expect(r.rejected).toBe(0);
      expect(readerCount).toBeGreaterThanOrEqual(e.questions[0]);
      expect(readerCount).toBeLessThanOrEqual(e.questions[1]);
      const metaAsQuestion = r.columns.filter(
        (c) => ANSWER_ROLES.has(c.role) && TOOL_METADATA.some((re) => re.test(c.header.trim())),
      );
      expect(metaAsQuestion.map((c) => c.header)).toEqual([]);
      // Header rows are never responses: no response holds a header's own text as its answer.
      expect(r.headerEchoes).toEqual([]);
      if (e.received)
        expect(
          r.columns.find((c) => [c.header, ...(c.headerRows ?? [])].some((h) => h.trim() === e.received)),
        ).toMatchObject({ role: 'meta', field: 'submittedAt' });
    }, 120_000);
  }
});

if (!ROOT) {
  it('real exports', () => {
    console.log(
      'Skipped the real-exports property test: ../shared/reference/real-exports is not beside this repository.',
    );
  });
}

function roles(r: LossReport): string {
  const n = new Map<string, number>();
  for (const c of r.columns) n.set(c.role, (n.get(c.role) ?? 0) + 1);
  return [...n].map(([k, v]) => `${v} ${k}`).join(', ');
}
