import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../harness/temp';
import { workspaceWith } from './helpers';

/**
 * i.AI Consult's export fixtures (shared/reference/peer-data), files no one on this project wrote,
 * imported into an empty workspace as an official would start: questions created from the
 * columns, nothing fixed by hand, then found again by search.
 */
const DIR =
  [
    fileURLToPath(new URL('../../../../shared/reference/peer-data/i-ai-consult', import.meta.url)),
    '/work/shared/reference/peer-data/i-ai-consult',
  ].find((d) => existsSync(d)) ?? 'shared/reference/peer-data/i-ai-consult (not found beside the repository)';

let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir('cw-responses-peer-');
});
afterEach(() => t.cleanup());

describe('peer exports into an empty workspace', () => {
  it(
    'responses_biomass_format.csv: only "About you" columns, ' + 'so 5 respondents and no answers, with a warning',
    async () => {
      const ws = await workspaceWith(t.dir, 'blank');
      const out = await ws.call('responses.import', {
        paths: [join(DIR, 'responses_biomass_format.csv')],
        createQuestions: true,
      });
      expect(out).toMatchObject({ imported: 5, rejected: [], createdQuestions: [] });
      expect(out.warnings).toEqual([expect.stringMatching(/no column holds answers to a question/)]);
      const first = await ws.call('responses.get', { id: 1 });
      expect(first.answers).toEqual([]);
      expect(first.respondent.fields.respondingAs).toBe('Organisation');
      expect(first.respondent.fields.respondentType).toBe('Biomass Supplier');
      expect(
        (await ws.call('responses.list', { filters: { organisation: 'organisation' }, offset: 0, limit: 10 })).total,
      ).toBe(3);
      expect(
        (await ws.call('responses.list', { filters: { respondentType: 'Biomass Supplier' }, offset: 0, limit: 10 }))
          .total,
      ).toBeGreaterThan(0);
      await ws.router.shutdown();
    },
  );

  for (const file of ['responses_lgr_format.csv', 'responses_scr_format.csv']) {
    it(`${file}: 5 responses, questions created, respondent fields kept, searchable`, async () => {
      const ws = await workspaceWith(t.dir, 'blank');
      const out = await ws.call('responses.import', { paths: [join(DIR, file)], createQuestions: true, detect: true });
      expect(out).toMatchObject({ imported: 5, rejected: [], skipped: [] });
      expect(out.createdQuestions.length).toBeGreaterThan(0);
      const list = await ws.call('responses.list', { offset: 0, limit: 10 });
      expect(list.total).toBe(5);
      const first = await ws.call('responses.get', { id: list.rows[0]!.id });
      expect(Object.keys(first.respondent.fields).length).toBeGreaterThan(0);
      expect(first.answers.length).toBeGreaterThan(0);
      // A word from an open answer finds its response.
      const open = first.answers.find((a) => a.text.split(/\s+/).length > 4)!;
      const word = open.text.split(/\W+/).find((w) => w.length >= 6)!;
      const found = await ws.call('responses.search', { query: word, scope: 'answers' });
      expect(found.results.some((h) => h.responseId === first.id && h.questionId === open.questionId)).toBe(true);
      await ws.router.shutdown();
    });
  }
});
