import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempDir } from '../../harness/temp';
import { testRouter } from '../../harness/router';
import { analysisWorkspace, hand, importResponses, CLOCK, type Ws } from '../../unit/analysis-app/helpers';
import { openReadOnly } from '#electron/services/core/db/workspace-file';
import { orderedQuestions, questionNumbers } from '#shared/domain/draft/model';
import { findPostgresBinaries, startThrowawayPostgres, type ThrowawayPostgres } from '../../support/postgres';

/**
 * A slice copy (team/slice.ts): one question's answers made from the server's rows, for a consultation too large
 * for a laptop. It holds every response with the same ids as every other copy and only its question's answers
 * (searchable), syncs only that question's work both ways, and refuses to publish a document about the responses.
 */
const t = tempDir('cw-team-slice-');
const Q1 = 'example-q1';
const Q3 = 'example-q3';
let server: ThrowawayPostgres | null;
let lead: Ws;
let analyst: ReturnType<typeof testRouter>;
let ids: number[];
let cost: string;
let copy: string;

beforeAll(async () => {
  server = await startThrowawayPostgres();
  if (!server) return;
  lead = await analysisWorkspace(t.dir, 'lead.consult');
  await importResponses(
    lead,
    t.dir,
    'answers.csv',
    Array.from({ length: 8 }, (_, i) =>
      hand(
        i + 1,
        { respondingAs: i % 2 ? 'organisation' : 'individual', organisation: i % 2 ? `Org ${i}` : '' },
        {
          [Q1]: { optionIds: ['yes'], text: '', explanation: `Because of the rural bus ${i + 1}` },
          [Q3]: { optionIds: [], text: `Answer ${i + 1} about the cost of travel` },
        },
      ),
    ),
  );
  ids = (await lead.call('analysis.answers', { questionId: Q3, offset: 0, limit: 100 })).rows
    .map((r) => r.responseId)
    .sort((a, b) => a - b);
  cost = (await lead.call('analysis.saveTheme', { name: 'Cost' })).id;
  await lead.call('analysis.code', { responseId: ids[0]!, questionId: Q3, themeId: cost, action: 'add' });
  await lead.call('analysis.code', { responseId: ids[1]!, questionId: Q1, themeId: cost, action: 'add' });
  await lead.call('team.init', { server: server.url });
  analyst = testRouter(t.dir, CLOCK, { actor: 'analyst' });
}, 120_000);

afterAll(async () => {
  for (const r of [lead, analyst]) await r?.call('workspace.close', {}).catch(() => undefined);
  await server?.stop();
  t.cleanup();
});

async function answersIn(path: string): Promise<Record<string, number>> {
  const ro = await openReadOnly(path, { integrityCheck: false });
  try {
    return Object.fromEntries(
      ro.db
        .all<{ q: string; n: number }>('SELECT question_id AS q, count(*) AS n FROM answer GROUP BY 1')
        .map((r) => [r.q, r.n]),
    );
  } finally {
    ro.db.close();
  }
}

describe.skipIf(!findPostgresBinaries())('a slice copy of a team consultation', () => {
  it('lists the questions a slice can be made of, from the draft as published, numbered and in order', async () => {
    const { draft } = await lead.call('draft.get', {});
    const numbers = questionNumbers(draft);
    const expected = orderedQuestions(draft).map((q) => ({ number: numbers.get(q.id)!, id: q.id, text: q.text }));
    expect(expected.length).toBeGreaterThan(2);
    // Asked before joining, with no workspace open: the server's draft, not the lead's file.
    const listed = await analyst.call('team.serverQuestions', { server: server!.url });
    expect(listed).toEqual(expected);
    expect(listed.find((q) => q.id === Q3)?.number).toBe('3');
    const e = await analyst.fails('team.serverQuestions', { server: server!.url, schema: 'no_such_team' });
    expect(e.code).toBe('not-found');
    expect(e.message).toContain('There is no team consultation in "no_such_team"');
  });

  it('holds every response and only its question’s answers, searchable, with the team’s work on it', async () => {
    const j = await analyst.call('team.join', {
      server: server!.url,
      path: join(t.dir, 'slice.consult'),
      questionIds: [Q3],
    });
    copy = j.workspace.path;
    expect(j.workspace).toMatchObject({ consultationId: lead.consultationId, responses: 8, respondents: 8 });
    expect(j.sync.status.slice).toEqual([Q3]);
    const found = await analyst.call('responses.search', { query: 'cost travel', limit: 20 });
    expect(found.total).toBe(8);
    expect((await analyst.call('analysis.answers', { questionId: Q3, offset: 0, limit: 100 })).rows).toHaveLength(8);
    // The lead's coding of question 3 came; their coding of question 1 did not.
    const codes = await analyst.call('analysis.queue', { questionId: Q3, responseId: ids[0]!, move: 'current' });
    expect(codes.answer!.codings.map((c) => c.themeId)).toEqual([cost]);
    await analyst.call('workspace.close', {});
    expect(await answersIn(copy)).toEqual({ [Q3]: 8 });
    await analyst.call('workspace.open', { path: copy });
  });

  it('syncs its question’s work both ways and leaves the other questions’ alone', async () => {
    await analyst.call('analysis.code', { responseId: ids[2]!, questionId: Q3, themeId: cost, action: 'add' });
    expect((await analyst.call('team.sync', {})).pushed).toBe(1);
    await lead.call('analysis.code', { responseId: ids[3]!, questionId: Q1, themeId: cost, action: 'add' });
    await lead.call('analysis.code', { responseId: ids[4]!, questionId: Q3, themeId: cost, action: 'add' });
    const l = await lead.call('team.sync', {});
    expect(l.pulled).toBe(1);
    const a = await analyst.call('team.sync', {});
    expect(a.pulled).toBe(1); // the question 3 coding only
    const q3 = await analyst.call('analysis.queue', { questionId: Q3, responseId: ids[4]!, move: 'current' });
    expect(q3.answer!.codings.map((c) => c.themeId)).toEqual([cost]);
    const leadQ3 = await lead.call('analysis.queue', { questionId: Q3, responseId: ids[2]!, move: 'current' });
    expect(leadQ3.answer!.codings.map((c) => c.themeId)).toEqual([cost]);
  });

  it('refuses to publish a document about the responses, saying why', async () => {
    const e = await analyst.fails('outputs.export', {
      kind: 'government-response-docx',
      path: join(t.dir, 'gr.docx'),
      allowUnfinished: true,
    });
    expect(e.code).toBe('conflict');
    expect(e.message).toContain('holds the answers to only one question');
  });
});
