import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { taskWorkerBeside } from '#electron/services/backend/backend-client';
import { tempDir } from '../../harness/temp';
import { builtTaskWorker } from '../../harness/task-worker';
import { journalPathFor, openReadOnly } from '#electron/services/core/db/workspace-file';
import type { SqlValue } from '#electron/services/core/db/database';
import { workspaceWith, writeSurvey } from './helpers';

/**
 * A single survey export is read and mapped in the import worker while the thread that holds the
 * workspace writes what it sends (survey-import/import-survey.ts). These tests hold it to what the other routes
 * store: the same rows, byte for byte, as the same steps run in one thread, and as the several-file
 * import (read everything, then write) stores; nothing at all after a cancel or a failure.
 */
let t: ReturnType<typeof tempDir>;
let worker: string;
beforeAll(() => {
  worker = builtTaskWorker();
}, 120_000);
beforeEach(() => {
  t = tempDir('cw-stream-import-');
});
afterEach(() => (process.env['KEEP'] ? console.log(t.dir) : t.cleanup()));

/**
 * What an import writes: the batch, its rows, rejected rows, the search index (FTS4's own tables), the saved mapping,
 * the audit log.
 */
const IMPORT_TABLES = [
  'import_batch',
  'respondent',
  'response',
  'answer',
  'rejected_row',
  'saved_mapping',
  'search_backlog',
  'sqlite_sequence',
  'audit_log',
];
const FTS_TABLES = ['answer_fts', 'respondent_fts'].flatMap((t) =>
  ['docsize', 'segdir', 'segments', 'stat'].map((s) => `${t}_${s}`),
);

/** Every row of the tables an import writes, in key order (the audit log without the workspace's creation). */
async function dump(path: string, where: Record<string, string> = {}): Promise<Record<string, SqlValue[][]>> {
  const ro = await openReadOnly(path, { integrityCheck: false });
  try {
    const out: Record<string, SqlValue[][]> = {};
    for (const name of [...IMPORT_TABLES, ...FTS_TABLES])
      out[name] = ro.db.tuples(`SELECT * FROM "${name}" ${where[name] ?? ''} ORDER BY 1, 2`);
    out['audit_log'] = out['audit_log']!.filter((r) => r[3] !== 'workspace.create');
    return out;
  } finally {
    ro.db.close();
  }
}

/** A generated SurveyMonkey export with rows the import must reject (a stray cell, a 200,001-character answer). */
function exportWithBadRows(name: string, count: number, seed = 1): string {
  const f = writeSurvey(t.dir, name, { count, seed, layout: 'surveymonkey' });
  appendFileSync(f.path, `\r\n999001,extra,cells,${'x,'.repeat(80)}end\r\n999002,${'y'.repeat(200_001)}\r\n`);
  return f.path;
}

describe('where the app finds the task worker', () => {
  it(
    'beside the backend worker in both bundles (Node ESM for the browser host and CLI, CommonJS for Electron), ' +
      'else none',
    () => {
      const dist = dirname(worker);
      expect(taskWorkerBeside(join(dist, 'backend-worker.mjs'))).toBe(join(dist, 'task-worker.mjs'));
      expect(taskWorkerBeside(join(dist, '..', 'electron', 'backend-worker.cjs'))).toBe(
        join(dist, '..', 'electron', 'task-worker.cjs'),
      );
      expect(taskWorkerBeside(join(t.dir, 'backend-worker.mjs'))).toBeUndefined();
    },
  );
});

describe('a survey export read in the import worker', () => {
  it('is stored exactly as when it is read in the same thread, and as the several-file import stores it', async () => {
    const file = exportWithBadRows('monkey.csv', 1500);
    const inWorker = await workspaceWith(t.dir, 'example', 'worker.consult', { taskWorker: worker });
    const inThread = await workspaceWith(t.dir, 'example', 'thread.consult');
    const a = await inWorker.call('responses.import', { paths: [file] });
    const b = await inThread.call('responses.import', { paths: [file] });
    expect(a.imported).toBeGreaterThan(1400);
    expect(a.rejected.length).toBeGreaterThanOrEqual(2);
    expect(a).toEqual(b);
    await inWorker.router.shutdown();
    await inThread.router.shutdown();
    const [da, db] = [await dump(join(t.dir, 'worker.consult')), await dump(join(t.dir, 'thread.consult'))];
    expect(da['answer']!.length).toBeGreaterThan(10_000);
    for (const table of Object.keys(db)) expect(da[table], table).toEqual(db[table]);

    // Several files at once are read first and written together: the survey's batch is the same.
    const extra = writeSurvey(t.dir, 'another.csv', { count: 5, seed: 7 });
    const several = await workspaceWith(t.dir, 'example', 'several.consult', { taskWorker: worker });
    const c = await several.call('responses.import', { paths: [file, extra.path] });
    expect(c.batches.map((x) => x.sourceName)).toEqual(['monkey.csv', 'another.csv']);
    await several.router.shutdown();
    const firstBatch = {
      respondent: 'WHERE batch_id = 1',
      response: 'WHERE batch_id = 1',
      answer: 'WHERE response_id IN (SELECT id FROM response WHERE batch_id = 1)',
      rejected_row: 'WHERE batch_id = 1',
      import_batch: 'WHERE id = 1',
    };
    const dc = await dump(join(t.dir, 'several.consult'), firstBatch);
    const dw = await dump(join(t.dir, 'worker.consult'), firstBatch);
    for (const table of Object.keys(firstBatch)) expect(dc[table], table).toEqual(dw[table]);
  }, 120_000);

  it('builds a complete search index slice by slice when nothing would build it afterwards', async () => {
    // The command line has no background work: each slice's answers are indexed as they are written.
    const file = writeSurvey(t.dir, 'slices.csv', { count: 3000, seed: 3 }).path;
    const ws = await workspaceWith(t.dir, 'example', 'slices.consult', { taskWorker: worker });
    expect((await ws.call('responses.import', { paths: [file] })).imported).toBe(3000);
    const hits = await ws.call('responses.search', { query: 'NHS', scope: 'answers', limit: 1 });
    await ws.router.shutdown();
    const ro = await openReadOnly(join(t.dir, 'slices.consult'), { integrityCheck: false });
    try {
      expect(ro.db.scalar<number>('SELECT count(*) FROM search_backlog')).toBe(0);
      // FTS4's own check: every indexed term is in the content table and every row's terms are in the index.
      ro.db.exec("INSERT INTO answer_fts(answer_fts) VALUES('integrity-check')");
      const withText = ro.db.scalar<number>(
        "SELECT count(*) FROM answer WHERE text <> '' OR other_text IS NOT NULL OR explanation IS NOT NULL",
      );
      expect(withText).toBeGreaterThan(6000);
      expect(ro.db.scalar<number>('SELECT count(*) FROM answer_fts_docsize')).toBe(withText);
      // The same hits as a search over the stored text would find (a word, case folded).
      const stored = ro.db.scalar<number>(
        "SELECT count(*) FROM answer WHERE ' ' || lower(text || ' ' || coalesce(other_text, '') || ' ' || " +
          "coalesce(explanation, '')) || ' ' GLOB '*[^a-z]nhs[^a-z]*'",
      );
      expect(hits.total).toBe(stored);
    } finally {
      ro.db.close();
    }
  }, 120_000);

  it('creates the questions of a workspace that has none, from the export alone', async () => {
    const file = writeSurvey(t.dir, 'forms.csv', { count: 200, seed: 3 }).path;
    const inWorker = await workspaceWith(t.dir, 'blank', 'worker.consult', { taskWorker: worker });
    const inThread = await workspaceWith(t.dir, 'blank', 'thread.consult');
    const a = await inWorker.call('responses.import', { paths: [file], createQuestions: true });
    const b = await inThread.call('responses.import', { paths: [file], createQuestions: true });
    expect(a.createdQuestions.length).toBeGreaterThan(3);
    expect(a).toEqual(b);
    expect((await inWorker.call('draft.get', {})).draft.questions.map((q) => q.id)).toEqual(a.createdQuestions);
    await inWorker.router.shutdown();
    await inThread.router.shutdown();
    const [da, db] = [await dump(join(t.dir, 'worker.consult')), await dump(join(t.dir, 'thread.consult'))];
    expect(da['answer']!.length).toBeGreaterThan(500);
    for (const table of Object.keys(db)) expect(da[table], table).toEqual(db[table]);
  }, 60_000);

  it('fails on a file it cannot read with the same message as the same thread gives, and stores nothing', async () => {
    const path = join(t.dir, 'broken.xlsx');
    writeFileSync(path, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(2000, 7)]));
    const inWorker = await workspaceWith(t.dir, 'example', 'worker.consult', { taskWorker: worker });
    const inThread = await workspaceWith(t.dir, 'example', 'thread.consult');
    const a = await inWorker.fails('responses.import', { paths: [path] });
    const b = await inThread.fails('responses.import', { paths: [path] });
    expect(a.code).toBe('bad-file');
    expect(a).toEqual(b);
    expect(await inWorker.call('responses.batches', {})).toEqual([]);
    await inWorker.router.shutdown();
    await inThread.router.shutdown();
  }, 60_000);

  it('leaves nothing behind when cancelled while rows are being written', async () => {
    const file = writeSurvey(t.dir, 'big.csv', { count: 20_000, generate: { openLengths: [100, 0, 0] } }).path;
    const ws = await workspaceWith(t.dir, 'example', 'worker.consult', { taskWorker: worker });
    const journal = journalPathFor(ws.path);
    const before = statSync(journal).size;
    const running = ws.router.dispatch('s', 'responses.import', { paths: [file] }, { jobId: 'import-1' });
    const written = () =>
      ws.events.some(
        (e) =>
          e.event === 'job.progress' && /^Importing big\.csv: row/.test((e.payload as { message: string }).message),
      );
    while (!written()) await new Promise((r) => setTimeout(r, 2));
    expect(await ws.call('jobs.cancel', { jobId: 'import-1' })).toEqual({ cancelled: true });
    expect(await running).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await ws.call('responses.batches', {})).toEqual([]);
    expect((await ws.call('responses.summary', {})).responses).toBe(0);
    expect(statSync(journal).size).toBe(before);
    // And the workspace takes the file afterwards.
    expect((await ws.call('responses.import', { paths: [file] })).imported).toBe(20_000);
    await ws.router.shutdown();
  }, 120_000);
});
