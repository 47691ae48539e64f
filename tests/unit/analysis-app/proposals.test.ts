import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { tempDir } from '../../harness/temp';
import { Package } from '../../harness/ooxml-read';
import { analysisWorkspace, hand, importResponses, type Ws } from './helpers';
import { costAndAccessAnswers } from '../../generators/coded-sample';

/**
 * Assisted coding through the Router on a real workspace: hand-made answers about cost and about access, a share
 * coded by "the analyst", then the model's proposals for the rest. Nothing is coded until accepted; a checked batch
 * and one answer at a time are coded as 'proposal' (machine-proposed, person-accepted), a correction as 'manual';
 * the batch can be undone; the audit says who accepted what; the government response states it, as counted.
 */
const t = tempDir('cw-analysis-proposals-');
afterAll(() => t.cleanup());
const Q3 = 'example-q3';

const texts = costAndAccessAnswers();

let ws: Ws;
let cost: string;
let access: string;
/** Response id → which kind of answer it is. */
const kindOf = new Map<number, 'cost' | 'access'>();

beforeAll(async () => {
  ws = await analysisWorkspace(t.dir, 'proposals.consult');
  await importResponses(
    ws,
    t.dir,
    'answers.csv',
    texts.map((x, i) => hand(i + 1, { respondingAs: 'individual' }, { [Q3]: { optionIds: [], text: x.text } })),
  );
  const list = await ws.call('analysis.answers', { questionId: Q3, offset: 0, limit: 500 });
  for (const row of list.rows) {
    const q = await ws.call('analysis.queue', { questionId: Q3, responseId: row.responseId, move: 'current' });
    kindOf.set(row.responseId, texts.find((x) => x.text === q.answer!.text)!.kind);
  }
  cost = (await ws.call('analysis.saveTheme', { name: 'Cost', questionIds: [Q3] })).id;
  access = (await ws.call('analysis.saveTheme', { name: 'Access and signal', questionIds: [Q3] })).id;
}, 120_000);

async function codeFirst(n: number, kind: 'cost' | 'access', themeId: string) {
  const ids = [...kindOf].filter(([, k]) => k === kind).map(([id]) => id);
  for (const id of ids.slice(0, n))
    await ws.call('analysis.code', { responseId: id, questionId: Q3, themeId, action: 'add' });
}

describe('assisted coding', () => {
  it('refuses to propose until a theme has enough coded examples, naming the counts', async () => {
    await codeFirst(3, 'cost', cost);
    const e = await ws.fails('analysis.propose', { questionId: Q3 });
    expect(e.code).toBe('conflict');
    expect(e.message).toContain('Code at least 5 answers');
    expect(e.message).toContain('“Cost” has 3');
    expect(await ws.call('analysis.proposals', { questionId: Q3 })).toBeNull();
  });

  it('proposes the right theme for the uncoded answers, with confidence, and codes nothing', async () => {
    await codeFirst(8, 'cost', cost);
    await codeFirst(8, 'access', access);
    const before = await ws.call('analysis.themeCounts', { questionId: Q3 });
    const run = await ws.call('analysis.propose', { questionId: Q3 });
    expect(run.trainedOn).toBe(16);
    expect(run.codedNow).toBe(16);
    expect(run.uncoded).toBe(72 - 16);
    expect(run.themes.map((x) => [x.name, x.examples, x.trained])).toEqual([
      ['Cost', 8, true],
      ['Access and signal', 8, true],
    ]);
    // Nothing coded by proposing.
    expect(await ws.call('analysis.themeCounts', { questionId: Q3 })).toEqual(before);

    const all = await ws.call('analysis.proposedAnswers', {
      questionId: Q3,
      runId: run.id,
      order: 'most-confident',
      offset: 0,
      limit: 200,
    });
    expect(all.total).toBe(run.withProposal);
    expect(run.withProposal).toBeGreaterThan(0.8 * run.uncoded);
    let right = 0;
    for (const a of all.rows) {
      for (const p of a.proposals) expect(p.confidence >= 0 && p.confidence <= 1).toBe(true);
      const top = a.proposals[0]!.themeId;
      if (top === (kindOf.get(a.responseId) === 'cost' ? cost : access)) right++;
    }
    expect(right / all.rows.length).toBeGreaterThan(0.9);
    // Most confident first.
    const tops = all.rows.map((a) => a.proposals[0]!.confidence);
    expect([...tops].sort((x, y) => y - x)).toEqual(tops);
    // The queue shows an uncoded answer's proposals, and "next-informative" moves to an uncoded answer.
    const q = await ws.call('analysis.queue', { questionId: Q3, responseId: all.rows[0]!.responseId, move: 'current' });
    expect(q.answer!.proposals!.map((p) => p.themeId)).toEqual(all.rows[0]!.proposals.map((p) => p.themeId));
    const next = await ws.call('analysis.queue', { questionId: Q3, move: 'next-informative' });
    expect(next.answer!.codings).toEqual([]);
  });

  it('codes a checked batch as machine-proposed, person-accepted, less those unticked, and undoes it', async () => {
    const run = (await ws.call('analysis.proposals', { questionId: Q3 }))!;
    const target = { kind: 'proposals' as const, runId: run.id, minConfidence: 0.5 };
    const check = await ws.call('analysis.bulkCode', { questionId: Q3, themeId: cost, target, dryRun: true });
    expect(check.applied).toBe(run.themes.find((x) => x.themeId === cost)!.proposed);
    // Least confident first, each with its confidence.
    const conf = check.preview!.map((p) => p.confidence!);
    expect([...conf].sort((x, y) => x - y)).toEqual(conf);
    const untick = check.responseIds![0]!;
    const done = await ws.call('analysis.bulkCode', {
      questionId: Q3,
      themeId: cost,
      target: { ...target, excludeIds: [untick] },
    });
    expect(done.applied).toBe(check.applied - 1);
    const op = (await ws.call('analysis.operations', {}))[0]!;
    expect(op).toMatchObject({ id: done.opId, kind: 'proposal', count: check.applied - 1 });
    const coded = check.responseIds!.find((id) => id !== untick)!;
    const q = await ws.call('analysis.queue', { questionId: Q3, responseId: coded, move: 'current' });
    expect(q.answer!.codings.map((c) => [c.themeId, c.source])).toEqual([[cost, 'proposal']]);
    const unticked = await ws.call('analysis.queue', { questionId: Q3, responseId: untick, move: 'current' });
    expect(unticked.answer!.codings).toEqual([]);
    // The view counts against the codes as they are now.
    const after = (await ws.call('analysis.proposals', { questionId: Q3 }))!;
    expect(after.codedNow).toBe(16 + check.applied - 1);
    expect(after.themes.find((x) => x.themeId === cost)!.proposed).toBeLessThanOrEqual(1);
    // Undo as a whole.
    expect(await ws.call('analysis.undoOperation', { opId: done.opId! })).toMatchObject({ removed: check.applied - 1 });
    expect((await ws.call('analysis.proposals', { questionId: Q3 }))!.codedNow).toBe(16);
  });

  it('accepts one answer at a time with corrections: kept proposals as proposal, added themes as manual', async () => {
    const run = (await ws.call('analysis.proposals', { questionId: Q3 }))!;
    const page = await ws.call('analysis.proposedAnswers', {
      questionId: Q3,
      runId: run.id,
      themeId: access,
      order: 'least-confident',
      offset: 0,
      limit: 2,
    });
    const [a, b] = page.rows;
    // a: the proposal kept and Cost added; b: nothing applies.
    expect(
      await ws.call('analysis.acceptProposal', {
        runId: run.id,
        questionId: Q3,
        responseId: a!.responseId,
        themeIds: [access, cost],
      }),
    ).toEqual({ coded: 2, proposal: a!.proposals.some((p) => p.themeId === cost) ? 2 : 1 });
    const qa = await ws.call('analysis.queue', { questionId: Q3, responseId: a!.responseId, move: 'current' });
    const sources = Object.fromEntries(qa.answer!.codings.map((c) => [c.themeId, c.source]));
    expect(sources[access]).toBe('proposal');
    expect(sources[cost]).toBe(a!.proposals.some((p) => p.themeId === cost) ? 'proposal' : 'manual');
    await ws.call('analysis.acceptProposal', {
      runId: run.id,
      questionId: Q3,
      responseId: b!.responseId,
      themeIds: [],
    });
    const qb = await ws.call('analysis.queue', { questionId: Q3, responseId: b!.responseId, move: 'current' });
    expect(qb.answer!.codings).toEqual([]);
    expect(qb.answer!.annotation.complete).toBe(true);
    // A theme outside the codebook is refused and nothing changes.
    const e = await ws.fails('analysis.acceptProposal', {
      runId: run.id,
      questionId: Q3,
      responseId: b!.responseId,
      themeIds: ['no-such-theme'],
    });
    expect(e.code).toBe('invalid-input');
  });

  it('states in the government response how many coded answers came from accepted proposals, as counted', async () => {
    const run = (await ws.call('analysis.proposals', { questionId: Q3 }))!;
    const done = await ws.call('analysis.bulkCode', {
      questionId: Q3,
      themeId: access,
      target: { kind: 'proposals', runId: run.id, minConfidence: 0.5 },
    });
    expect(done.applied).toBeGreaterThan(0);
    const out = await ws.call('outputs.export', {
      allowUnfinished: true,
      kind: 'government-response-docx',
      path: t.path('response.docx'),
      exportAnyway: true,
    });
    const xml = new Package(readFileSync(out.path)).text('word/document.xml');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    // One answer accepted one at a time with a proposal kept (a), the batch's answers.
    const batch = done.applied;
    expect(text).toContain(
      `For ${batch + 1} coded answers, a theme was first proposed by software trained on the analysts’ own coding of ` +
        'other answers and run on our own computers, then accepted by an analyst',
    );
    expect(text).toContain(`${batch} in batches the analyst checked before accepting and 1 one answer at a time`);
  });

  it("reads each workspace's own run, though another workspace's run has the same id", async () => {
    const other = await analysisWorkspace(t.dir, 'other.consult');
    await importResponses(
      other,
      t.dir,
      'other.csv',
      texts.map((x, i) => hand(i + 1, {}, { [Q3]: { optionIds: [], text: x.text } })),
    );
    const only = (await other.call('analysis.saveTheme', { name: 'Only theme', questionIds: [Q3] })).id;
    const rows = (await other.call('analysis.answers', { questionId: Q3, offset: 0, limit: 10 })).rows;
    for (const r of rows)
      await other.call('analysis.code', { responseId: r.responseId, questionId: Q3, themeId: only });
    const mine = (await ws.call('analysis.proposals', { questionId: Q3 }))!;
    const theirs = await other.call('analysis.propose', { questionId: Q3 });
    expect(theirs.id).toBe(mine.id);
    expect(theirs.themes.map((x) => x.name)).toEqual(['Only theme']);
    expect((await ws.call('analysis.proposals', { questionId: Q3 }))!.themes.map((x) => x.name)).toEqual([
      'Cost',
      'Access and signal',
    ]);
    await other.router.shutdown();
  });
});
