import { describe, expect, it } from 'vitest';
import { blocking, checkPublication, type PublicationFacts } from '#shared/report/publication-check';

/** The publication check's rules over the facts (R-PUB6, R-PUB7): each fires on its own problem only. */
const CLOSES = '2027-05-24T22:59:00.000Z';
const clean: PublicationFacts = {
  placeholders: [],
  coding: [{ questionId: 'q3', number: '3', total: 270, coded: 270 }],
  minCodedShare: 1,
  campaignsUnreviewed: 0,
  duplicateGroupsUnresolved: 0,
  invalidValues: [],
  personalDataUnreviewed: 0,
  publishedOn: new Date('2027-06-01T10:00:00Z'),
  closesAt: CLOSES,
};
const ids = (f: Partial<PublicationFacts>) => checkPublication({ ...clean, ...f }).map((x) => [x.ruleId, x.severity]);

describe('the publication check', () => {
  it('finds nothing in a finished consultation', () => {
    expect(checkPublication(clean)).toEqual([]);
  });

  it('blocks on each unfinished part, saying what and where', () => {
    expect(ids({ placeholders: [{ questionId: 'q1', number: '1' }] })).toEqual([['R-PUB6-placeholder', 'error']]);
    expect(ids({ campaignsUnreviewed: 788 })).toEqual([['R-PUB6-campaigns', 'error']]);
    expect(ids({ duplicateGroupsUnresolved: 341 })).toEqual([['R-PUB6-duplicates', 'error']]);
    const values = checkPublication({ ...clean, invalidValues: [{ where: 'Region', value: 'Mars', count: 1 }] });
    expect(values[0]!.message).toBe('Region: “Mars” is not one of its answers (1 response).');
    const coding = checkPublication({ ...clean, coding: [{ questionId: 'q3', number: '3', total: 270, coded: 62 }] });
    expect(coding.map((f) => f.message)).toEqual([
      'Question 3: 62 of 270 answers coded (22%); the team set 100% before publishing.',
    ]);
    expect(coding[0]!.goTo).toEqual({ page: 'analysis', questionId: 'q3' });
  });

  it('warns while personal data found in answers has not been reviewed, and links to the review list', () => {
    const one = checkPublication({ ...clean, personalDataUnreviewed: 1 });
    expect(one.map((f) => [f.ruleId, f.severity])).toEqual([['R-PUB6-personal-data', 'warning']]);
    expect(one[0]!.message).toBe(
      '1 piece of personal data found in answers has not been reviewed: it is removed from what is published until ' +
        'you decide.',
    );
    expect(one[0]!.goTo).toEqual({ page: 'responses', view: 'personal-data' });
    expect(checkPublication({ ...clean, personalDataUnreviewed: 1200 })[0]!.message).toMatch(
      /^1,200 pieces of personal data found in answers have not been reviewed: they are removed/,
    );
    expect(blocking(checkPublication({ ...clean, personalDataUnreviewed: 1200 }))).toEqual([]);
  });

  it('takes the share to code from the team: 62 of 270 passes at 20%, fails at 25%', () => {
    const partly = { coding: [{ questionId: 'q3', number: '3', total: 270, coded: 62 }] };
    expect(ids({ ...partly, minCodedShare: 0.2 })).toEqual([]);
    expect(ids({ ...partly, minCodedShare: 0.25 })).toEqual([['R-PUB6-coding', 'error']]);
  });

  it('refuses a date before the close, and warns more than 12 weeks after it', () => {
    expect(ids({ publishedOn: new Date('2027-05-01T09:00:00Z') })).toEqual([['R-PUB7-before-close', 'error']]);
    expect(ids({ publishedOn: new Date(Date.parse(CLOSES) + 84 * 86_400_000) })).toEqual([]);
    expect(ids({ publishedOn: new Date(Date.parse(CLOSES) + 85 * 86_400_000) })).toEqual([['R-PUB7-late', 'warning']]);
    expect(
      blocking(checkPublication({ ...clean, publishedOn: new Date(Date.parse(CLOSES) + 90 * 86_400_000) })),
    ).toEqual([]);
  });
});
