import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../harness/temp';
import { CAMPAIGN_TEMPLATES } from '../../generators/phrase-bank';
import type { SyntheticAnswer } from '../../generators/synthetic';
import { analysisWorkspace, hand, importResponses, responseIds } from './helpers';

/**
 * Tallies against a fixture counted by hand: 12 respondents of the example consultation, then a
 * campaign of 6 and a duplicate of respondent 1. Every expected figure below was worked out on
 * paper from the answers listed here, not by the code under test.
 */
let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir('cw-analysis-tallies-');
});
afterEach(() => t.cleanup());

const SA = 'likert-strongly-agree';
const A = 'likert-agree';
const D = 'likert-disagree';
const SD = 'likert-strongly-disagree';
const DK = 'likert-dont-know';
const q1 = (id: string | null): Record<string, SyntheticAnswer> => (id ? { 'example-q1': { optionIds: [id] } } : {});
const q2 = (...ids: string[]): Record<string, SyntheticAnswer> =>
  ids.length ? { 'example-q2': { optionIds: ids.map((i) => `example-q2-${i}`) } } : {};
const person = (n: number) => ({
  name: `Person ${n}`,
  email: `person${n}@example.org`,
  respondingAs: 'As an individual',
  respondentType: 'Member of the public',
  region: 'London',
});
const org = (n: number, name: string) => ({
  name: `Contact ${n}`,
  respondingAs: 'On behalf of an organisation',
  organisation: name,
  respondentType: 'Charity, voluntary or community organisation',
  region: 'North East',
});

// Q1 answers 1–12: SA SA A SA D – A SA DK A SA –   (– = not answered)
// Q2 answers 1–12: o1o2 o1 o2o3 – o1o3o4 o2 o1 o5 o1o2 – o6 o1
// Organisations: 3, 5, 9, 11.
const TWELVE = [
  hand(1, person(1), { ...q1(SA), ...q2('o1', 'o2') }),
  hand(2, person(2), { ...q1(SA), ...q2('o1') }),
  hand(3, org(3, 'Age Concern Northshire'), { ...q1(A), ...q2('o2', 'o3') }),
  hand(4, person(4), { ...q1(SA) }),
  hand(5, org(5, 'Patients Together'), { ...q1(D), ...q2('o1', 'o3', 'o4') }),
  hand(6, person(6), { ...q2('o2') }),
  hand(7, person(7), { ...q1(A), ...q2('o1') }),
  hand(8, person(8), { ...q1(SA), ...q2('o5') }),
  hand(9, org(9, 'Northshire Council'), { ...q1(DK), ...q2('o1', 'o2') }),
  hand(10, person(10), { ...q1(A) }),
  hand(11, org(11, 'Rural Health Trust'), { ...q1(SA), ...q2('o6') }),
  hand(12, person(12), { ...q2('o1') }),
];

const option = (tally: { options: Array<{ optionId: string; count: number; percent: number | null }> }, id: string) =>
  tally.options.find((o) => o.optionId === id)!;

describe('tallies from the database, against hand-counted figures', () => {
  it(
    'single choice and multiple choice: counts, whole-number ' + 'percentages, the base and "not answered" apart',
    async () => {
      const ws = await analysisWorkspace(t.dir);
      await importResponses(ws, t.dir, 'twelve.csv', TWELVE);
      const r = await ws.call('analysis.tallies', { questionIds: ['example-q1', 'example-q2', 'example-q3'] });
      expect(r.respondents).toBe(12);
      const v1 = r.questions.find((q) => q.questionId === 'example-q1')!;
      expect(v1.tally!.answered).toBe(10);
      expect(v1.tally!.notAnswered).toBe(2);
      expect(v1.answered).toBe(10);
      expect(
        [SA, A, 'likert-neither', D, SD, DK].map((id) => [option(v1.tally!, id).count, option(v1.tally!, id).percent]),
      ).toEqual([
        [5, 50],
        [3, 30],
        [0, 0],
        [1, 10],
        [0, 0],
        [1, 10],
      ]);
      const v2 = r.questions.find((q) => q.questionId === 'example-q2')!;
      expect(v2.tally!.multiple).toBe(true);
      expect(v2.tally!.answered).toBe(10);
      expect(v2.tally!.notAnswered).toBe(2);
      // Percentages of respondents answering: they total more than 100.
      expect(
        ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'].map((o) => [
          option(v2.tally!, `example-q2-${o}`).count,
          option(v2.tally!, `example-q2-${o}`).percent,
        ]),
      ).toEqual([
        [6, 60],
        [4, 40],
        [2, 20],
        [1, 10],
        [1, 10],
        [1, 10],
      ]);
      expect(option(v2.tally!, 'other').count).toBe(0);
      // An open question nobody answered: a base of 0, everyone "not answered".
      const v3 = r.questions.find((q) => q.questionId === 'example-q3')!;
      expect(v3.tally).toBeNull();
      expect([v3.answered, v3.notAnswered]).toEqual([0, 12]);
      await ws.router.shutdown();
    },
  );

  it('cross-tabs by individual or organisation and by respondent type', async () => {
    const ws = await analysisWorkspace(t.dir);
    await importResponses(ws, t.dir, 'twelve.csv', TWELVE);
    const r = await ws.call('analysis.tallies', { questionIds: ['example-q1'], crossBy: 'organisationOrIndividual' });
    const ct = r.questions[0]!.crossTab!;
    expect(ct.fieldLabel).toBe('Individual or organisation');
    expect(ct.rows.map((row) => [row.label, row.base, row.notAnswered])).toEqual([
      ['Individual', 6, 2],
      ['Organisation', 4, 0],
    ]);
    const col = (id: string) => ct.columns.findIndex((c) => c.optionId === id);
    // Individuals: SA 4 of 6 (67%), A 2 of 6 (33%); organisations: one each of SA, A, D, DK (25%).
    expect([
      ct.counts[0]![col(SA)],
      ct.rowPercent[0]![col(SA)],
      ct.counts[0]![col(A)],
      ct.rowPercent[0]![col(A)],
    ]).toEqual([4, 67, 2, 33]);
    expect([SA, A, D, DK].map((id) => [ct.counts[1]![col(id)], ct.rowPercent[1]![col(id)]])).toEqual([
      [1, 25],
      [1, 25],
      [1, 25],
      [1, 25],
    ]);
    const byType = await ws.call('analysis.tallies', { questionIds: ['example-q1'], crossBy: 'respondentType' });
    // Levels in the order of the "About you" options, only those present.
    expect(byType.questions[0]!.crossTab!.rows.map((x) => x.label)).toEqual([
      'Member of the public',
      'Charity, voluntary or community organisation',
    ]);
    await ws.router.shutdown();
  });

  it(
    'campaign responses counted out (default) or in; duplicates resolved away never counted; the cache follows ' +
      'every change',
    async () => {
      const ws = await analysisWorkspace(t.dir);
      await importResponses(ws, t.dir, 'twelve.csv', TWELVE);
      const letter = CAMPAIGN_TEMPLATES[0]!;
      const more = [
        ...[13, 14, 15, 16, 17, 18].map((n) =>
          hand(n, person(n), { ...q1(SD), 'example-q11': { optionIds: [], text: letter } }),
        ),
        // 19: respondent 1 again, the same answers.
        hand(19, person(1), { ...q1(SA), ...q2('o1', 'o2') }),
      ];
      await importResponses(ws, t.dir, 'more.csv', more);
      const first = await ws.call('analysis.tallies', { questionIds: ['example-q1'] });
      expect(first.timing.cached).toBe(false);
      // Nothing confirmed yet: all 19 counted.
      expect(first.respondents).toBe(19);
      expect(option(first.questions[0]!.tally!, SD).count).toBe(6);
      expect(option(first.questions[0]!.tally!, SA).count).toBe(6);
      const again = await ws.call('analysis.tallies', { questionIds: ['example-q1'] });
      expect(again.timing.cached).toBe(true);

      const detected = await ws.call('responses.detect', { minSize: 3 });
      const campaign = detected.campaigns.find((c) => c.questionId === 'example-q11');
      expect(campaign?.size).toBe(6);
      await ws.call('responses.decideCampaign', { id: campaign!.id, decision: 'confirm', label: 'Keep care local' });
      const groups = await ws.call('responses.duplicates', {});
      expect(groups).toHaveLength(1);
      const ids = await responseIds(ws);
      await ws.call('responses.resolveDuplicates', {
        groupId: groups[0]!.id,
        action: { kind: 'keep', responseId: ids[0]! },
      });

      // Campaign out (the default), duplicate out: the hand-counted twelve again.
      const out = await ws.call('analysis.tallies', { questionIds: ['example-q1'] });
      expect(out.timing.cached).toBe(false);
      expect(out.campaigns).toBe('excluded');
      expect(out.respondents).toBe(12);
      expect([
        option(out.questions[0]!.tally!, SA).count,
        option(out.questions[0]!.tally!, SD).count,
        out.questions[0]!.tally!.answered,
      ]).toEqual([5, 0, 10]);
      // Campaign in: 16 answered; SD 6/16 = 37.5% → 38%, SA 5/16 = 31.25% → 31%.
      const inc = await ws.call('analysis.tallies', { questionIds: ['example-q1'], campaigns: 'included' });
      expect(inc.respondents).toBe(18);
      const tally = inc.questions[0]!.tally!;
      expect([tally.answered, option(tally, SD).count, option(tally, SD).percent, option(tally, SA).percent]).toEqual([
        16, 6, 38, 31,
      ]);
      // The setting is kept in the workspace.
      await ws.call('analysis.settings', { campaigns: 'included' });
      expect((await ws.call('analysis.tallies', { questionIds: ['example-q1'] })).respondents).toBe(18);

      // A correction to an answer reaches the tallies.
      await ws.call('responses.correct', {
        target: 'answer',
        responseId: ids[4]!,
        questionId: 'example-q1',
        field: 'optionIds',
        value: [SA],
        reason: 'Typed wrongly',
      });
      const corrected = await ws.call('analysis.tallies', { questionIds: ['example-q1'], campaigns: 'excluded' });
      expect([
        option(corrected.questions[0]!.tally!, SA).count,
        option(corrected.questions[0]!.tally!, D).count,
      ]).toEqual([6, 0]);
      await ws.router.shutdown();
    },
  );
});
