import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { tempDir } from '../../harness/temp';
import { codebookFromCsv, codebookFromQdc } from '#shared/analysis/codebook';
import { analysisWorkspace, hand, importResponses, responseIds, type Ws } from './helpers';

/**
 * The codebook and coding through the Router on a real workspace: themes (per question, shared,
 * hierarchical), deleting and restoring, coding whole answers and passages, sentiment, memo and
 * "complete", the keyboard queue's moves and progress, theme counts, bulk coding of a search
 * result and a campaign (and undoing it), and the codebook written as CSV and REFI-QDA and read
 * back.
 */
let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir('cw-analysis-coding-');
});
afterEach(() => t.cleanup());

const Q3 = 'example-q3';
const ANSWERS = [
  'I do not have a smartphone and the internet at home is too slow for video calls.',
  'My broadband is unreliable in the village, so online booking would not work for me.',
  'I worry about who can see my health records and whether the data is kept safe.',
  '',
  'Privacy matters most: my data must not be sold or shared with companies.',
  'I would be happy to use it if it was simple and worked on my phone.',
  'Nothing would stop me.',
  'My mother is 88 and has never used the internet; she needs to phone the surgery.',
];

async function withAnswers(): Promise<{ ws: Ws; ids: number[] }> {
  const ws = await analysisWorkspace(t.dir);
  await importResponses(
    ws,
    t.dir,
    'answers.csv',
    ANSWERS.map((text, i) =>
      hand(
        i + 1,
        { name: `Person ${i + 1}`, respondingAs: 'As an individual', respondentType: 'Member of the public' },
        text ? { [Q3]: { optionIds: [], text } } : {},
      ),
    ),
  );
  return { ws, ids: await responseIds(ws) };
}

describe('the codebook', () => {
  it(
    'adds themes for a question or shared, nests them, ' + 'refuses duplicates and cycles, and deletes with undo',
    async () => {
      const { ws } = await withAnswers();
      const access = await ws.call('analysis.saveTheme', {
        name: 'Access',
        description: 'Getting online at all',
        questionIds: [Q3],
        codable: false,
      });
      const broadband = await ws.call('analysis.saveTheme', {
        name: 'Poor broadband',
        parentId: access.id,
        questionIds: [Q3],
      });
      const privacy = await ws.call('analysis.saveTheme', { name: 'Privacy', questionIds: [] });
      const book = await ws.call('analysis.codebook', {});
      expect(book.map((x) => [x.name, x.depth])).toEqual([
        ['Access', 0],
        ['Poor broadband', 1],
        ['Privacy', 0],
      ]);
      expect(broadband.id).toMatch(/^[0-9A-F-]{36}$/);
      const dup = await ws.fails('analysis.saveTheme', { name: 'poor  broadband', parentId: access.id });
      expect(dup).toMatchObject({ code: 'invalid-input', details: { field: 'name' } });
      expect(dup.message).toMatch(/already a theme called/);
      const cycle = await ws.fails('analysis.saveTheme', { id: access.id, name: 'Access', parentId: broadband.id });
      expect(cycle.message).toMatch(/cannot be put under itself/);
      expect((await ws.fails('analysis.saveTheme', { name: 'X', questionIds: ['no-such-question'] })).code).toBe(
        'invalid-input',
      );
      // The same name is fine for another question, not beside a shared theme of that name.
      const otherAccess = await ws.call('analysis.saveTheme', { name: 'Access', questionIds: ['example-q8'] });
      expect(
        (await ws.fails('analysis.saveTheme', { name: 'privacy', questionIds: ['example-q8'] })).details,
      ).toMatchObject({ field: 'name' });
      await ws.call('analysis.archiveTheme', { id: otherAccess.id, archived: true });

      // Deleting the parent takes the child with it; restoring brings both back.
      const del = await ws.call('analysis.archiveTheme', { id: access.id, archived: true });
      expect(del.changed.sort()).toEqual([access.id, broadband.id].sort());
      const queueAfter = await ws.call('analysis.queue', { questionId: Q3, move: 'first' });
      expect(queueAfter.themes.map((x) => x.name)).toEqual(['Privacy']);
      await ws.call('analysis.archiveTheme', { id: access.id, archived: false });
      const q = await ws.call('analysis.queue', { questionId: Q3, move: 'first' });
      // Headings are not offered for coding.
      expect(q.themes.map((x) => x.name)).toEqual(['Poor broadband', 'Privacy']);
      void privacy;
      await ws.router.shutdown();
    },
  );

  it('is written as CSV and as REFI-QDA .qdc, and read back into another workspace with the same ids', async () => {
    const { ws } = await withAnswers();
    const access = await ws.call('analysis.saveTheme', {
      name: 'Access',
      description: 'Getting online at all',
      questionIds: [Q3],
    });
    await ws.call('analysis.saveTheme', {
      name: '=Broadband "slow", or none',
      description: 'Starts with = on purpose',
      parentId: access.id,
      questionIds: [Q3],
    });
    const csv = await ws.call('analysis.exportCodebook', { path: t.path('codebook'), format: 'csv' });
    expect(csv.path).toBe(t.path('codebook.csv'));
    const bytes = readFileSync(csv.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = codebookFromCsv(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    expect(parsed.codebook.themes.map((x) => [x.name, x.parentId === access.id, x.questionIds])).toEqual([
      ['Access', false, [Q3]],
      ['=Broadband "slow", or none', true, [Q3]],
    ]);
    // The formula-like name is neutralised in the file itself.
    expect(bytes.toString('utf8')).toContain(`'=Broadband`);
    const qdc = await ws.call('analysis.exportCodebook', { path: t.path('codebook.qdc'), format: 'qdc' });
    const fromQdc = codebookFromQdc(readFileSync(qdc.path, 'utf8'));
    expect(fromQdc.codebook.themes.map((x) => x.id)).toEqual((await ws.call('analysis.codebook', {})).map((x) => x.id));
    const log = await ws.call('outputs.log', {});
    expect(log.map((e) => e.kind).sort()).toEqual(['codebook-csv', 'codebook-qdc']);
    await ws.router.shutdown();

    const other = await analysisWorkspace(t.dir, 'other.consult');
    const imported = await other.call('analysis.importCodebook', { path: qdc.path });
    expect([imported.added, imported.updated]).toEqual([2, 0]);
    expect(imported.themes.map((x) => [x.name, x.depth, x.questionIds])).toEqual([
      ['Access', 0, [Q3]],
      ['=Broadband "slow", or none', 1, [Q3]],
    ]);
    // Importing again updates rather than duplicates.
    const again = await other.call('analysis.importCodebook', { path: csv.path });
    expect([again.added, again.updated]).toEqual([0, 2]);
    writeFileSync(t.path('bad.csv'), 'id,name\n"unclosed,x\n');
    expect((await other.fails('analysis.importCodebook', { path: t.path('bad.csv') })).code).toBe('bad-file');
    await other.router.shutdown();
  });
});

describe('coding answers', () => {
  it(
    'codes whole answers and passages, records who and how, ' + 'and keeps sentiment, memo and "complete" per answer',
    async () => {
      const { ws, ids } = await withAnswers();
      const broadband = await ws.call('analysis.saveTheme', { name: 'Poor broadband', questionIds: [Q3] });
      const privacy = await ws.call('analysis.saveTheme', { name: 'Privacy', questionIds: [Q3] });
      const other = await ws.call('analysis.saveTheme', { name: 'Only for question 8', questionIds: ['example-q8'] });
      const on = await ws.call('analysis.code', { responseId: ids[0]!, questionId: Q3, themeId: broadband.id });
      expect(on.map((c) => [c.themeId, c.coder, c.source, c.passage])).toEqual([
        [broadband.id, 'tester', 'manual', null],
      ]);
      const off = await ws.call('analysis.code', { responseId: ids[0]!, questionId: Q3, themeId: broadband.id });
      expect(off).toEqual([]);
      // A passage: "internet at home is too slow".
      const text = ANSWERS[0]!;
      const start = text.indexOf('internet at home');
      const passage = await ws.call('analysis.code', {
        responseId: ids[0]!,
        questionId: Q3,
        themeId: broadband.id,
        passage: { start, end: start + 'internet at home is too slow '.length },
      });
      expect(passage[0]!.passage).toEqual({
        start,
        end: start + 'internet at home is too slow'.length,
        text: 'internet at home is too slow',
      });
      expect(
        (
          await ws.fails('analysis.code', {
            responseId: ids[0]!,
            questionId: Q3,
            themeId: broadband.id,
            passage: { start: 0, end: 999 },
          })
        ).code,
      ).toBe('invalid-input');
      expect(
        (await ws.fails('analysis.code', { responseId: ids[0]!, questionId: Q3, themeId: other.id })).message,
      ).toMatch(/for other questions/);
      // Respondent 4 gave no answer to this question: nothing to code.
      expect((await ws.fails('analysis.code', { responseId: ids[3]!, questionId: Q3, themeId: privacy.id })).code).toBe(
        'not-found',
      );

      const note = await ws.call('analysis.annotate', {
        responseId: ids[2]!,
        questionId: Q3,
        sentiment: 'disagree',
        memo: 'Strong view on data sharing',
      });
      expect(note).toMatchObject({
        sentiment: 'disagree',
        memo: 'Strong view on data sharing',
        complete: false,
        by: 'tester',
      });
      const done = await ws.call('analysis.annotate', { responseId: ids[6]!, questionId: Q3, complete: true });
      expect(done.complete).toBe(true);
      await ws.call('analysis.code', { responseId: ids[2]!, questionId: Q3, themeId: privacy.id });
      await ws.call('analysis.code', { responseId: ids[4]!, questionId: Q3, themeId: privacy.id });

      const counts = await ws.call('analysis.themeCounts', { questionId: Q3 });
      // Coded: 1 (passage), 3 and 5 (privacy), 7 (complete): 4 answers.
      expect(counts.coded).toBe(4);
      expect(counts.themes.map((c) => [c.name, c.count, c.percent])).toEqual([
        ['Poor broadband', 1, 25],
        ['Privacy', 2, 50],
      ]);
      expect(counts.themes.find((c) => c.name === 'Privacy')!.sentiment).toMatchObject({ disagree: 1, none: 1 });

      // Deleting a theme leaves its codings out of every count; restoring brings them back.
      await ws.call('analysis.archiveTheme', { id: privacy.id, archived: true });
      expect((await ws.call('analysis.themeCounts', { questionId: Q3 })).coded).toBe(2);
      await ws.call('analysis.archiveTheme', { id: privacy.id, archived: false });
      expect(
        (await ws.call('analysis.themeCounts', { questionId: Q3 })).themes.find((c) => c.name === 'Privacy')!.count,
      ).toBe(2);
      await ws.router.shutdown();
    },
  );

  it(
    'moves through the queue by the keyboard commands: first, next, previous, next uncoded (wrapping round), with ' +
      'progress',
    async () => {
      const { ws, ids } = await withAnswers();
      const theme = await ws.call('analysis.saveTheme', { name: 'Any', questionIds: [Q3] });
      // Answers to code: responses 1, 2, 3, 5, 6, 7, 8 (4 left it blank).
      const codable = [0, 1, 2, 4, 5, 6, 7].map((i) => ids[i]!);
      let q = await ws.call('analysis.queue', { questionId: Q3, move: 'current' });
      expect(q.progress).toEqual({ total: 7, coded: 0, uncoded: 7 });
      expect([q.answer!.responseId, q.answer!.position, q.answer!.total, q.answer!.text]).toEqual([
        codable[0],
        1,
        7,
        ANSWERS[0],
      ]);
      await ws.call('analysis.code', { responseId: codable[0]!, questionId: Q3, themeId: theme.id });
      await ws.call('analysis.code', { responseId: codable[1]!, questionId: Q3, themeId: theme.id });
      q = await ws.call('analysis.queue', { questionId: Q3, responseId: codable[0], move: 'next-uncoded' });
      expect(q.answer!.responseId).toBe(codable[2]);
      expect(q.progress).toEqual({ total: 7, coded: 2, uncoded: 5 });
      q = await ws.call('analysis.queue', { questionId: Q3, responseId: codable[2], move: 'next' });
      expect(q.answer!.responseId).toBe(codable[3]);
      q = await ws.call('analysis.queue', { questionId: Q3, responseId: codable[3], move: 'previous' });
      expect(q.answer!.responseId).toBe(codable[2]);
      // From the last answer, the next uncoded wraps round to the first uncoded.
      await ws.call('analysis.annotate', { responseId: codable[6]!, questionId: Q3, complete: true });
      q = await ws.call('analysis.queue', { questionId: Q3, responseId: codable[6], move: 'next-uncoded' });
      expect(q.answer!.responseId).toBe(codable[2]);
      for (const rid of codable)
        await ws.call('analysis.annotate', { responseId: rid, questionId: Q3, complete: true });
      q = await ws.call('analysis.queue', { questionId: Q3, responseId: codable[0], move: 'next-uncoded' });
      expect(q.answer).toBeNull();
      expect(q.progress.uncoded).toBe(0);
      const overview = await ws.call('analysis.overview', {});
      expect(overview.questions.find((x) => x.id === Q3)!.progress).toEqual({ total: 7, coded: 7, uncoded: 0 });
      await ws.router.shutdown();
    },
  );

  it('bulk-codes a search result and a campaign as one operation each, which can be undone', async () => {
    const { ws, ids } = await withAnswers();
    const broadband = await ws.call('analysis.saveTheme', { name: 'Poor broadband', questionIds: [Q3] });
    await ws.call('analysis.code', { responseId: ids[1]!, questionId: Q3, themeId: broadband.id });
    const dry = await ws.call('analysis.bulkCode', {
      questionId: Q3,
      themeId: broadband.id,
      target: { kind: 'search', query: 'internet OR broadband' },
      dryRun: true,
    });
    // internet: 1, 8; broadband: 2 (already coded).
    expect(dry).toMatchObject({ opId: null, applied: 2, alreadyCoded: 1, skipped: 0 });
    // The answers themselves, to read (and untick) before coding.
    expect(dry.responseIds).toHaveLength(2);
    expect(dry.preview!.map((p) => p.responseId)).toEqual(dry.responseIds);
    expect(dry.preview![0]!.text).toContain('internet');
    expect((await ws.call('analysis.themeCounts', { questionId: Q3 })).themes[0]!.count).toBe(1);
    const done = await ws.call('analysis.bulkCode', {
      questionId: Q3,
      themeId: broadband.id,
      target: { kind: 'search', query: 'internet OR broadband' },
    });
    expect(done.applied).toBe(2);
    expect((await ws.call('analysis.themeCounts', { questionId: Q3 })).themes[0]!.count).toBe(3);
    const ops = await ws.call('analysis.operations', {});
    expect(ops[0]).toMatchObject({ id: done.opId, kind: 'bulk-search', count: 2, by: 'tester', undoneAt: null });
    expect(ops[0]!.description).toContain('matching “internet OR broadband”');
    const codings = await ws.call('analysis.queue', { questionId: Q3, responseId: ids[7]!, move: 'current' });
    expect(codings.answer!.codings[0]!.source).toBe('bulk');
    const undone = await ws.call('analysis.undoOperation', { opId: done.opId! });
    expect(undone.removed).toBe(2);
    // The coding made by hand before the bulk operation stays.
    expect((await ws.call('analysis.themeCounts', { questionId: Q3 })).themes[0]!.count).toBe(1);
    expect((await ws.fails('analysis.undoOperation', { opId: done.opId! })).code).toBe('conflict');
    expect(
      (
        await ws.fails('analysis.bulkCode', {
          questionId: Q3,
          themeId: broadband.id,
          target: { kind: 'search', query: '-internet' },
        })
      ).code,
    ).toBe('invalid-input');
    await ws.router.shutdown();
  });
});
