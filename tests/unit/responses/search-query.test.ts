import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toMatchExpression } from '#electron/services/responses/search';
import { tempDir } from '../../harness/temp';
import { analysisWorkspace, hand, importResponses, type Ws } from '../analysis-app/helpers';

/**
 * Search words as officials type them (issue 18, item 8): AND and NOT in capitals are operators, not
 * words to find — `rural AND access` used to find nothing, because "AND" was looked for as a word.
 */
describe('the search query', () => {
  it('reads AND as "both" and NOT as "leave out", beside quotes, OR, - and *', () => {
    expect(toMatchExpression('rural AND access')).toBe('"rural" "access"');
    expect(toMatchExpression('buses NOT trains')).toBe('("buses") NOT "trains"');
    expect(toMatchExpression('buses NOT "night trains"')).toBe('("buses") NOT "night trains"');
    expect(toMatchExpression('bus OR coach AND rural')).toBe('"bus" OR "coach" "rural"');
    expect(toMatchExpression('"rural access" -car acc*')).toBe('("rural access" "acc*") NOT "car"');
    // Lower-case "and" and "not" are words people may mean.
    expect(toMatchExpression('not and')).toBe('"not" "and"');
  });

  const t = tempDir('cw-search-query-');
  let ws: Ws;
  let ids: number[];
  beforeAll(async () => {
    ws = await analysisWorkspace(t.dir, 'search.consult');
    await importResponses(
      ws,
      t.dir,
      'answers.csv',
      [
        'Rural access to buses is poor.',
        'Access to trains in rural areas is better.',
        'Rural life is quiet.',
        'Access for wheelchair users matters.',
      ].map((text, i) => hand(i + 1, { name: `P ${i}` }, { 'example-q3': { optionIds: [], text } })),
    );
    // Only a closed answer with an explanation: the list shows the explanation, not "No written answer".
    await importResponses(ws, t.dir, 'explained.csv', [
      hand(9, { name: 'E' }, { 'example-q7': { optionIds: ['no'], explanation: 'Phones are easier for my father.' } }),
    ]);
    ids = (await ws.call('responses.list', { offset: 0, limit: 10 })).rows.map((r) => r.id).sort((a, b) => a - b);
    ids.pop(); // the explained one, last
  }, 60_000);
  afterAll(() => t.cleanup());

  const found = async (query: string) =>
    [...new Set((await ws.call('responses.search', { query, limit: 50 })).results.map((h) => h.responseId))].sort(
      (a, b) => a - b,
    );

  it('finds the answers holding both words, and leaves out NOT', async () => {
    expect(await found('rural AND access')).toEqual([ids[0], ids[1]]);
    expect(await found('rural access')).toEqual([ids[0], ids[1]]);
    expect(await found('access NOT trains')).toEqual([ids[0], ids[3]]);
  });

  it('shows an explanation as the list’s excerpt when there is no other written answer', async () => {
    const list = await ws.call('responses.list', { offset: 0, limit: 10 });
    expect(list.rows.find((r) => r.excerpt === 'Phones are easier for my father.')).toBeTruthy();
  });
});
