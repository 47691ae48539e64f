import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../harness/temp';
import { workspaceWith, writeCsv } from './helpers';

/**
 * Search's two figures — hits, and the responses they are in — counted by hand on five responses
 * where a word is in organisations' names and in answers: one response has it in both, one only
 * in its organisation, two only in answers. The counts are worked out in one pass per source
 * (search.ts countHits); a response with hits in both must be counted once, with and without
 * filters (the two paths).
 */
const t = tempDir('cw-search-counts-');
let ws: Awaited<ReturnType<typeof workspaceWith>>;

beforeAll(async () => {
  ws = await workspaceWith(t.dir, 'example', 'harbour.consult');
  const q3 = 'What, if anything, would stop you from using one front door for NHS services?';
  const path = writeCsv(t.dir, 'harbour.csv', [
    ['Your name', 'Organisation name', q3],
    ['Ann Example', 'Harbour Trust', 'The harbour office is closed on Mondays'],
    ['Ben Example', 'Harbour Group', 'Nothing at all'],
    ['Cat Example', '', 'Getting to the harbour surgery'],
    ['Dan Example', '', 'Harbour, harbour and more harbour'],
    ['Eve Example', 'Mill Company', 'No'],
  ]);
  expect((await ws.call('responses.import', { paths: [path] })).imported).toBe(5);
});
afterAll(async () => {
  await ws.router.shutdown();
  t.cleanup();
});

describe('search counts hits and the responses they are in', () => {
  it('counts a response with the word in its organisation and its answer once', async () => {
    // Straight from the index (no filter): 2 organisations + 3 answers; Ann, Ben, Cat and Dan.
    const plain = await ws.call('responses.search', { query: 'harbour' });
    expect({ total: plain.total, responses: plain.responses }).toEqual({ total: 5, responses: 4 });
    // Through the joins (any status is a filter): the same figures.
    const joined = await ws.call('responses.search', { query: 'harbour', filters: { status: 'all' } });
    expect({ total: joined.total, responses: joined.responses }).toEqual({ total: 5, responses: 4 });
  });

  it('applies filters to both sources alike', async () => {
    const orgs = await ws.call('responses.search', { query: 'harbour', filters: { organisation: 'organisation' } });
    // Ann (organisation and answer) and Ben (organisation only).
    expect({ total: orgs.total, responses: orgs.responses }).toEqual({ total: 3, responses: 2 });
    const people = await ws.call('responses.search', { query: 'harbour', filters: { organisation: 'individual' } });
    // Cat and Dan, in their answers only.
    expect({ total: people.total, responses: people.responses }).toEqual({ total: 2, responses: 2 });
    const answersOnly = await ws.call('responses.search', {
      query: 'harbour',
      scope: 'answers',
      filters: { status: 'all' },
    });
    expect({ total: answersOnly.total, responses: answersOnly.responses }).toEqual({ total: 3, responses: 3 });
    const respondentsOnly = await ws.call('responses.search', {
      query: 'harbour',
      scope: 'respondents',
      filters: { status: 'all' },
    });
    expect({ total: respondentsOnly.total, responses: respondentsOnly.responses }).toEqual({ total: 2, responses: 2 });
  });
});
