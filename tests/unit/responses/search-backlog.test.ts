import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../harness/temp';
import { testRouter } from '../../harness/router';
import { exampleDraft } from '#shared/domain/draft/example';
import { generateResponses } from '../../generators/synthetic';
import { writeLayout } from '../../generators/layouts';
import { encodeTable } from '../../generators/encode';
import { integrityProblems } from '#electron/services/core/db/workspace-file';
import { backlogPending, indexBacklogChunk } from '#electron/services/responses/search-backlog';
import { journalPathFor } from '#electron/services/core/db/workspace-file';
import { DEFER_INDEX_FROM } from '#electron/services/responses/write-batch';

/**
 * A large import in the app's backend returns before its search index is built; the index is
 * built afterwards from the search backlog (migration 0006). Each case checks the result against
 * a workspace indexed during the import (as the CLI does), and the full-text index against the
 * answers with SQLite's full integrity check, which re-tokenises every indexed answer.
 */
const CLOCK = () => new Date('2027-06-01T10:00:00Z');
const COUNT = DEFER_INDEX_FROM;
let t: ReturnType<typeof tempDir>;
let csv: string;
let reference: string;
let deferred: string;
const WORDS = ['surgery', 'phone', 'online', 'rural', 'Jones'];

async function workspaceWith(name: string, background: boolean, keepOpen = false) {
  const r = testRouter(join(t.dir, `${name}-config`), CLOCK, { background });
  const path = join(t.dir, `${name}.consult`);
  await r.call('workspace.create', { path, title: 'Backlog', from: { kind: 'template', template: 'example' } });
  const out = await r.call('responses.import', { paths: [csv] });
  // Closed at once: before the background has had a turn (it waits for the event loop).
  const pendingAfterImport = backlogPending(r.router.session('s').workspace!.db);
  if (!keepOpen) await r.router.shutdown();
  return { r, path, out, pendingAfterImport };
}

const searchAll = async (r: ReturnType<typeof testRouter>, query: string) =>
  r.call('responses.search', { query, limit: 500 });

beforeAll(async () => {
  t = tempDir('cw-search-backlog-');
  csv = join(t.dir, 'export.csv');
  writeFileSync(
    csv,
    encodeTable(
      writeLayout('microsoft-forms', exampleDraft(), generateResponses(exampleDraft(), { count: COUNT, seed: 11 })),
      'csv',
    ),
  );
  const a = await workspaceWith('reference', false);
  expect(a.pendingAfterImport).toBe(false);
  reference = a.path;
  const b = await workspaceWith('deferred', true);
  expect(b.out.imported).toBe(COUNT);
  expect(b.pendingAfterImport).toBe(true);
  deferred = b.path;
}, 120_000);
afterAll(() => t.cleanup());

async function expectSameSearches(r: ReturnType<typeof testRouter>, ref: ReturnType<typeof testRouter>) {
  for (const w of WORDS) {
    const [got, want] = [await searchAll(r, w), await searchAll(ref, w)];
    expect(got.total, w).toBe(want.total);
    expect(got.results.map((x) => [x.responseId, x.questionId])).toEqual(
      want.results.map((x) => [x.responseId, x.questionId]),
    );
  }
}

let copies = 0;
/** Opens a copy of `path` (so a test that fails part way leaves nothing open for the next). */
async function opened(source: string, background: boolean, path = join(t.dir, `copy-${++copies}.consult`)) {
  copyFileSync(source, path);
  const r = testRouter(join(t.dir, `open-${copies}`), CLOCK, { background });
  await r.call('workspace.open', { path });
  return r;
}

describe('the search index of a large import, built after it returns', () => {
  it(
    'a search before the backlog is done finishes it ' + 'first, and finds what an index built at import finds',
    async () => {
      const r = await opened(deferred, false);
      const db = r.router.session('s').workspace!.db;
      expect(backlogPending(db)).toBe(true);
      const ref = await opened(reference, false);
      expect((await searchAll(ref, WORDS[0]!)).total).toBeGreaterThan(0);
      await expectSameSearches(r, ref);
      expect(backlogPending(db)).toBe(false);
      expect(integrityProblems(db, 'full')).toEqual([]);
      await r.router.shutdown();
      await ref.router.shutdown();
    },
  );

  it('the app’s backend builds it in the background after opening, each chunk saved', async () => {
    const r = await opened(deferred, true);
    const p = r.router.session('s').workspace!.path;
    const db = r.router.session('s').workspace!.db;
    for (let i = 0; i < 500 && backlogPending(db); i++) await new Promise((res) => setTimeout(res, 10));
    expect(backlogPending(db)).toBe(false);
    expect(integrityProblems(db, 'full')).toEqual([]);
    expect(r.router.session('s').workspace!.journalEntries).toBeGreaterThan(0);
    await r.router.shutdown();
    // Saved: reopened without the background, nothing is left to do and searches match.
    const again = await opened(p, false, join(t.dir, 'background-again.consult'));
    expect(backlogPending(again.router.session('s').workspace!.db)).toBe(false);
    const ref = await opened(reference, false);
    await expectSameSearches(again, ref);
    await again.router.shutdown();
    await ref.router.shutdown();
  });

  it('corrections and an undone batch while rows wait leave the index consistent with the answers', async () => {
    const r = await opened(deferred, false);
    const db = r.router.session('s').workspace!.db;
    await r.call('responses.correct', {
      target: 'answer',
      responseId: 7,
      questionId: 'example-q3',
      field: 'text',
      value: 'A zanzibar crossing outside the surgery.',
      reason: 'Typed in',
    });
    await r.call('responses.correct', {
      target: 'respondent',
      responseId: 7,
      field: 'organisation',
      value: 'Quixotic Trust',
    });
    expect(backlogPending(db)).toBe(true);
    expect((await searchAll(r, 'zanzibar')).results.map((x) => x.responseId)).toEqual([7]);
    // In the index once (not also added by the correction while it waited), as the answer now reads.
    expect(db.tuples("SELECT docid FROM answer_fts WHERE answer_fts MATCH 'zanzibar'")).toHaveLength(1);
    expect(
      db.tuples(
        "SELECT docid, offsets(answer_fts) FROM answer_fts WHERE answer_fts MATCH 'crossing' AND docid >> 12 = 7",
      ),
    ).toHaveLength(1);
    // Corrected again once indexed: the words it no longer has are no longer found.
    await r.call('responses.correct', {
      target: 'answer',
      responseId: 7,
      questionId: 'example-q3',
      field: 'text',
      value: 'A pelican crossing outside the surgery.',
      reason: 'Misread',
    });
    expect((await searchAll(r, 'zanzibar')).total).toBe(0);
    expect((await searchAll(r, 'pelican')).results.map((x) => x.responseId)).toEqual([7]);
    expect((await r.call('responses.search', { query: 'Quixotic', scope: 'respondents' })).total).toBe(1);
    expect(integrityProblems(db, 'full')).toEqual([]);
    await r.router.shutdown();

    const w = await opened(deferred, false);
    const batches = await w.call('responses.batches', {});
    await w.call('responses.undoBatch', { batchId: batches[0]!.id });
    expect((await searchAll(w, WORDS[0]!)).total).toBe(0);
    expect(integrityProblems(w.router.session('s').workspace!.db, 'full')).toEqual([]);
    await w.router.shutdown();
  });

  it('a crash part way through: the saved chunks replay from the journal, and the rest is done later', async () => {
    const r = await opened(deferred, false);
    const file = r.router.session('s').workspace!;
    file.mutate((db) => indexBacklogChunk(db));
    file.mutate((db) => indexBacklogChunk(db));
    expect(backlogPending(file.db)).toBe(true);
    expect(file.journalEntries).toBe(2);
    // What is on disk now, as a crash would leave it (the workspace is never closed).
    const crashed = join(t.dir, 'crashed.consult');
    copyFileSync(file.path, crashed);
    copyFileSync(journalPathFor(file.path), journalPathFor(crashed));
    const after = testRouter(join(t.dir, 'after-crash'), CLOCK);
    await after.call('workspace.open', { path: crashed });
    const db = after.router.session('s').workspace!.db;
    expect(backlogPending(db)).toBe(true);
    const ref = await opened(reference, false);
    await expectSameSearches(after, ref);
    expect(integrityProblems(db, 'full')).toEqual([]);
    await after.router.shutdown();
    await ref.router.shutdown();
    await r.router.shutdown();
  });

  it(
    'the command line’s search of a closed workspace indexes what waits in its own copy, leaving the file as it ' +
      'was',
    async () => {
      const p = join(t.dir, 'cli.consult');
      copyFileSync(deferred, p);
      const before = readFileSync(p);
      const cli = testRouter(join(t.dir, 'cli-config'), CLOCK);
      const ref = await opened(reference, false);
      // As `workbench search` does: open to read only, search, close.
      await cli.call('workspace.open', { path: p, readOnly: true });
      for (const w of WORDS) expect((await searchAll(cli, w)).total).toBe((await searchAll(ref, w)).total);
      await cli.call('workspace.close', {});
      expect(readFileSync(p).equals(before)).toBe(true);
      await ref.router.shutdown();
    },
  );
});
