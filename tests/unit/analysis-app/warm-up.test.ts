import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempDir } from '../../harness/temp';
import { testRouter } from '../../harness/router';
import {
  answerCacheIsCurrent,
  answerData,
  invalidateAnalysisCache,
  warmAnswerCache,
  type AnswerData,
} from '#electron/services/analysis/data-cache';
import type { WorkspaceFile } from '#electron/services/core/db/workspace-file';
import { analysisWorkspace, CLOCK, importGenerated, type Ws } from './helpers';

/**
 * The analysis cache read in the background (data-cache warmAnswerCache), a chunk of 5,000
 * responses at a time: the answers here are spread over three chunks (responses 1…, 6,000 and
 * 12,000) so the warm-up really does stop between chunks.
 */
let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir('cw-analysis-warm-');
});
afterEach(() => t.cleanup());

const comparable = (d: AnswerData) => ({ ...d, loadMs: 0 });

async function spreadWorkspace(): Promise<{ ws: Ws; file: WorkspaceFile }> {
  const ws = await analysisWorkspace(t.dir);
  await importGenerated(ws, t.dir, 'some.csv', { count: 40, seed: 3 });
  const file = ws.router.session('s').workspace!;
  file.mutate((db) => {
    for (const rid of [6000, 12000])
      db.run("INSERT INTO answer (id, question_id, option_ids) VALUES (?, 'example-q1', '[\"likert-agree\"]')", [
        rid * 4096,
      ]);
  });
  return { ws, file };
}

describe('reading the answers into the analysis cache in the background', () => {
  it('is not there until something reads it (the check below reads nothing)', async () => {
    const { ws, file } = await spreadWorkspace();
    invalidateAnalysisCache(file.db);
    await new Promise((r) => setTimeout(r, 50));
    expect(answerCacheIsCurrent(file.db)).toBe(false);
    await ws.router.shutdown();
  });

  it('fills the cache a chunk at a time, with exactly what a load on demand reads', async () => {
    const { ws, file } = await spreadWorkspace();
    const db = file.db;
    invalidateAnalysisCache(db);
    const expected = comparable(answerData(db));
    expect(expected.closed.get('example-q1')!.rids).toContain(12000);
    invalidateAnalysisCache(db);

    expect(await warmAnswerCache(db)).toBe(true);
    const status = { cached: true };
    expect(comparable(answerData(db, status))).toEqual(expected);
    expect(status.cached).toBe(true);
    await ws.router.shutdown();
  });

  it('a request that needs the answers while it runs finishes it, and nothing is read twice', async () => {
    const { ws, file } = await spreadWorkspace();
    const db = file.db;
    invalidateAnalysisCache(db);
    const expected = comparable(answerData(db));
    invalidateAnalysisCache(db);

    const warming = warmAnswerCache(db); // has read the first chunk and is waiting for its turn
    const status = { cached: true };
    const now = answerData(db, status);
    expect(status.cached).toBe(false);
    expect(comparable(now)).toEqual(expected);
    expect(await warming).toBe(true);
    expect(answerData(db)).toBe(now);
    await ws.router.shutdown();
  });

  it('a change to the answers while it runs abandons it; the next request reads them as they now are', async () => {
    const { ws, file } = await spreadWorkspace();
    const db = file.db;
    invalidateAnalysisCache(db);
    const warming = warmAnswerCache(db);
    file.mutate((d) =>
      d.run("INSERT INTO answer (id, question_id, option_ids) VALUES (?, 'example-q1', '[\"likert-agree\"]')", [
        13000 * 4096,
      ]),
    );
    expect(await warming).toBe(false);
    const status = { cached: true };
    expect(answerData(db, status).closed.get('example-q1')!.rids).toContain(13000);
    expect(status.cached).toBe(false);
    await ws.router.shutdown();
  });

  it(
    'stops while a change is being written part by part ' + '(an import): what it would read may yet be rolled back',
    async () => {
      const { ws, file } = await spreadWorkspace();
      const db = file.db;
      invalidateAnalysisCache(db);
      const warming = warmAnswerCache(db);
      let release!: () => void;
      const writing = file.mutateAsync(async (d) => {
        d.run("INSERT INTO answer (id, question_id, option_ids) VALUES (?, 'example-q1', '[\"likert-agree\"]')", [
          3000 * 4096,
        ]);
        await new Promise<void>((r) => (release = r));
        throw new Error('cancelled: nothing kept');
      });
      // Response 3,000 sits between chunks already there, so the answers' version does not move: only the guard
      // stops the warm-up.
      expect(await warming).toBe(false);
      expect(answerCacheIsCurrent(db)).toBe(false);
      release();
      await expect(writing).rejects.toThrow(/nothing kept/);
      expect(answerData(db).closed.get('example-q1')!.rids).not.toContain(3000);
      await ws.router.shutdown();
    },
  );

  it('stops quietly when the workspace closes underneath it', async () => {
    const { ws, file } = await spreadWorkspace();
    invalidateAnalysisCache(file.db);
    const warming = warmAnswerCache(file.db);
    await ws.call('workspace.close', {});
    expect(await warming).toBe(false);
    await ws.router.shutdown();
  });

  it('the app’s backend starts it after a workspace is opened, without being asked', async () => {
    const first = await spreadWorkspace();
    const path = first.file.path;
    await first.ws.router.shutdown();
    const app = testRouter(join(t.dir, 'app'), CLOCK, { background: true });
    await app.call('workspace.open', { path });
    const db = app.router.session('s').workspace!.db;
    let current = answerCacheIsCurrent(db);
    for (let i = 0; i < 200 && !current; i++) {
      await new Promise((r) => setTimeout(r, 10));
      current = answerCacheIsCurrent(db);
    }
    expect(current).toBe(true);
    const status = { cached: true };
    answerData(db, status);
    expect(status.cached).toBe(true);
    await app.router.shutdown();
  });
});
