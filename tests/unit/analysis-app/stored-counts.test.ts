import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempDir } from '../../harness/temp';
import { testRouter } from '../../harness/router';
import {
  answerCacheIsCurrent,
  answerData,
  invalidateAnalysisCache,
  responseIndex,
} from '#electron/services/analysis/data-cache';
import { computeTallies } from '#electron/services/analysis/tallies';
import { analysisOverview } from '#electron/services/analysis/overview';
import { readStoredCounts, storeCounts } from '#electron/services/analysis/stored-counts';
import { loadDraft } from '#electron/services/draft/draft-service';
import type { WorkspaceFile } from '#electron/services/core/db/workspace-file';
import type { Draft } from '#shared/domain/draft/model';
import type { TalliesResult } from '#shared/coding/types';
import { analysisWorkspace, CLOCK, importGenerated, type Ws } from './helpers';

/**
 * The tallies' counts kept in the workspace (stored-counts.ts): straight after opening, before the answers are read
 * into the analysis cache, the tallies come from them, and must be exactly the figures the cache gives.
 */
let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir('cw-analysis-counts-');
});
afterEach(() => t.cleanup());

const figures = (r: TalliesResult) => ({ campaigns: r.campaigns, respondents: r.respondents, questions: r.questions });

/**
 * 400 generated responses (blank answers, three campaigns, planted duplicates): campaigns confirmed, duplicates
 * resolved.
 */
async function reviewedWorkspace(): Promise<{ ws: Ws; file: WorkspaceFile }> {
  const ws = await analysisWorkspace(t.dir);
  await importGenerated(ws, t.dir, 'responses.csv', { count: 400, seed: 11, duplicateRate: 0.03 });
  const detected = await ws.call('responses.detect', { minSize: 3 });
  expect(detected.campaigns.length).toBeGreaterThan(0);
  for (const c of detected.campaigns) await ws.call('responses.decideCampaign', { id: c.id, decision: 'confirm' });
  const groups = await ws.call('responses.duplicates', {});
  expect(groups.length).toBeGreaterThan(0);
  for (const g of groups)
    await ws.call('responses.resolveDuplicates', {
      groupId: g.id,
      action: { kind: 'keep', responseId: g.members[0]!.responseId },
    });
  return { ws, file: ws.router.session('s').workspace! };
}

/** Answers the import never writes but a tally must still read as the cache does (responses counted either way). */
function oddAnswers(file: WorkspaceFile): void {
  file.mutate((db) => {
    const changed: number[] = [];
    const set = (questionId: string, optionIds: string) => {
      const id = db.scalar<number>(
        'SELECT min(id) FROM answer WHERE question_id = ? AND option_ids IS NOT NULL AND ' +
          `id NOT IN (${changed.join(',')}) ` +
          "AND (id >> 12) IN (SELECT id FROM response WHERE status = 'active') AND " +
          '(id >> 12) NOT IN (SELECT response_id FROM campaign_member)',
        [questionId],
      )!;
      db.run('UPDATE answer SET option_ids = ? WHERE id = ?', [optionIds, id]);
      changed.push(id);
    };
    set('example-q1', '["likert-agree","likert-disagree"]'); // two choices for one: invalid
    set('example-q1', '[]'); // an empty list: not answered
    set('example-q2', '["example-q2-o1","example-q2-o1"]'); // a choice repeated: counted once
    set('example-q9', '["example-q9-o2","example-q9-o2"]'); // an option ranked twice: invalid
    set('example-q5', '["no-such-option"]'); // unknown: invalid
    set('example-q9', '["example-q9-o3"]'); // a ranking of one
  });
}

/** The draft with options changed since the answers were counted: one removed, one added, a type changed. */
function changedDraft(draft: Draft): Draft {
  return {
    ...draft,
    questions: draft.questions.map((q) => {
      if (q.id === 'example-q5')
        return { ...q, options: [...q.options.slice(1), { id: 'example-q5-new', label: 'New' }] };
      if (q.id === 'example-q6') return { ...q, type: 'multi_choice' };
      return q;
    }),
  };
}

describe('the tallies’ counts kept in the workspace', () => {
  it(
    'give exactly the figures the cache gives: campaigns in and out, duplicates resolved away, blank, empty, ' +
      'invalid and repeated answers, rankings, and options changed in the draft since',
    async () => {
      const { ws, file } = await reviewedWorkspace();
      oddAnswers(file);
      const db = file.db;
      invalidateAnalysisCache(db);
      answerData(db);
      responseIndex(db);
      expect(storeCounts(file)).toBe(true);
      expect(storeCounts(file)).toBe(false); // already there
      const draft = loadDraft(db);
      for (const d of [draft, changedDraft(draft)]) {
        for (const campaigns of ['excluded', 'included'] as const) {
          const viaCache = computeTallies(db, d, { campaigns });
          expect(answerCacheIsCurrent(db)).toBe(true);
          invalidateAnalysisCache(db);
          const viaCounts = computeTallies(db, d, { campaigns });
          expect(answerCacheIsCurrent(db)).toBe(false); // no answer was read
          expect(viaCounts.timing.cached).toBe(true);
          expect(figures(viaCounts)).toEqual(figures(viaCache));
          answerData(db);
        }
      }
      // The edge cases are there to be counted: the campaign figures differ, and every kind of question is in.
      const excluded = computeTallies(db, draft, { campaigns: 'excluded' });
      const included = computeTallies(db, draft, { campaigns: 'included' });
      expect(included.respondents).toBeGreaterThan(excluded.respondents);
      const q = (r: TalliesResult, id: string) => r.questions.find((v) => v.questionId === id)!;
      expect(q(excluded, 'example-q1').tally!.invalid).toBeGreaterThan(0);
      expect(q(excluded, 'example-q9').tally!.invalid).toBeGreaterThan(0);
      expect(q(excluded, 'example-q5').tally!.invalid).toBeGreaterThan(0);
      expect(q(excluded, 'example-q9').tally!.ranking).not.toBeNull();
      expect(q(excluded, 'example-q3').answered).toBeGreaterThan(0);
      await ws.router.shutdown();
    },
  );

  it(
    'are kept by the app after it reads the answers, used on reopening before any answer is read, and only while ' +
      'the responses and answers are as counted',
    async () => {
      const { ws, file } = await reviewedWorkspace();
      const path = file.path;
      await ws.router.shutdown();

      // The app's backend reads the answers after opening, and keeps their counts.
      const app = testRouter(join(t.dir, 'app'), CLOCK, { background: true });
      await app.call('workspace.open', { path });
      await app.router.backgroundSettled('s');
      expect(readStoredCounts(app.router.session('s').workspace!.db)).not.toBeNull();
      const expected = await app.call('analysis.tallies', {});
      const q1 = { questionIds: ['example-q1'], campaigns: 'included' as const };
      const q1Before = await app.call('analysis.tallies', q1);
      await app.router.shutdown();

      // Opened again (no background work here, so nothing reads the answers unless the tallies do).
      const again = testRouter(join(t.dir, 'again'), CLOCK);
      await again.call('workspace.open', { path });
      const db = again.router.session('s').workspace!.db;
      const first = await again.call('analysis.tallies', {});
      expect(answerCacheIsCurrent(db)).toBe(false);
      expect(first.timing.cached).toBe(true);
      expect(figures(first)).toEqual(figures(expected));
      // A cross-tab needs each response's answers: it reads them.
      await again.call('analysis.tallies', { questionIds: ['example-q1'], crossBy: 'region' });
      expect(answerCacheIsCurrent(db)).toBe(true);

      // A change to an answer: the counts no longer match and are not used; the figures follow the change.
      invalidateAnalysisCache(db);
      const rid = db.scalar<number>(
        "SELECT min(id >> 12) FROM answer WHERE question_id = 'example-q1' AND option_ids = '[\"likert-agree\"]' " +
          "AND (id >> 12) IN (SELECT id FROM response WHERE status = 'active')",
      )!;
      await again.call('responses.correct', {
        target: 'answer',
        responseId: rid,
        questionId: 'example-q1',
        field: 'optionIds',
        value: ['likert-disagree'],
        reason: 'Typed wrongly',
      });
      expect(readStoredCounts(db)).toBeNull();
      const q1After = await again.call('analysis.tallies', q1);
      expect(answerCacheIsCurrent(db)).toBe(true);
      const count = (r: TalliesResult, id: string) =>
        r.questions[0]!.tally!.options.find((o) => o.optionId === id)!.count;
      expect([count(q1After, 'likert-agree'), count(q1After, 'likert-disagree')]).toEqual([
        count(q1Before, 'likert-agree') - 1,
        count(q1Before, 'likert-disagree') + 1,
      ]);
      await again.router.shutdown();
    },
  );

  it(
    'give the overview’s figures without reading an answer: progress of open and closed questions with codings, ' +
      'completed answers, a deleted theme and a duplicate resolved away, as the cache gives them',
    async () => {
      const { ws, file } = await reviewedWorkspace();
      const db = file.db;
      const draft = loadDraft(db);
      const before = await ws.call('analysis.overview', {});
      const open = before.questions.find((q) => q.codable && !q.closed)!;
      const closed = before.questions.find((q) => q.codable && q.closed && q.progress.total > 3)!;
      expect([open, closed].every(Boolean)).toBe(true);
      // The answers to code, as the queue lists them (the first few of each).
      const answersOf = async (questionId: string) =>
        (await ws.call('analysis.answers', { questionId, offset: 0, limit: 12 })).rows.map((a) => a.responseId);
      const kept = await ws.call('analysis.saveTheme', { name: 'Kept', questionIds: [open.id, closed.id] });
      const deleted = await ws.call('analysis.saveTheme', { name: 'Deleted', questionIds: [open.id] });
      const [o, c] = [await answersOf(open.id), await answersOf(closed.id)];
      for (const rid of o.slice(0, 5))
        await ws.call('analysis.code', { responseId: rid, questionId: open.id, themeId: kept.id });
      for (const rid of o.slice(5, 8))
        await ws.call('analysis.code', { responseId: rid, questionId: open.id, themeId: deleted.id });
      await ws.call('analysis.archiveTheme', { id: deleted.id, archived: true });
      await ws.call('analysis.annotate', { responseId: o[9]!, questionId: open.id, complete: true });
      await ws.call('analysis.annotate', { responseId: o[10]!, questionId: open.id, complete: false });
      for (const rid of c.slice(0, 3))
        await ws.call('analysis.code', { responseId: rid, questionId: closed.id, themeId: kept.id });
      // Codings the app would not make now: of a duplicate resolved away, and of a response with no such answer.
      const duplicate = db.scalar<number>("SELECT min(id) FROM response WHERE status = 'duplicate'")!;
      const blank = db.scalar<number>(
        `SELECT min(id) FROM response WHERE status = 'active' AND id NOT IN (SELECT id >> 12 FROM answer WHERE ` +
          `question_id = '${open.id}')`,
      )!;
      expect([duplicate, blank].every(Boolean)).toBe(true);
      file.mutate((d) => {
        for (const rid of [duplicate, blank])
          d.run(
            'INSERT INTO coding (response_id, question_id, theme_id, coder_set, coder, source, at) SELECT ?, ' +
              'question_id, theme_id, coder_set, coder, source, at FROM coding WHERE theme_id = ? LIMIT 1',
            [rid, kept.id],
          );
      });

      invalidateAnalysisCache(db);
      answerData(db);
      responseIndex(db);
      expect(storeCounts(file)).toBe(true);
      const viaCache = analysisOverview(db, draft);
      invalidateAnalysisCache(db);
      const viaCounts = analysisOverview(db, draft);
      expect(answerCacheIsCurrent(db)).toBe(false); // no answer was read
      expect(viaCounts).toEqual(viaCache);
      const progress = (id: string) => viaCounts.questions.find((q) => q.id === id)!.progress;
      expect(progress(open.id).coded).toBe(6); // 5 with a kept theme, 1 complete
      expect(progress(closed.id).coded).toBe(3);
      expect(viaCounts.duplicatesRemoved).toBeGreaterThan(0);
      expect(viaCounts.campaignResponses).toBeGreaterThan(0);
      await ws.router.shutdown();
    },
  );
});
