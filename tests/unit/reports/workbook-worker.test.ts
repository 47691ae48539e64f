import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { tempDir } from '../../harness/temp';
import { testRouter } from '../../harness/router';
import { builtTaskWorker } from '../../harness/task-worker';
import { RemoteWorkbook } from '#electron/services/documents/reports/remote-workbook';
import { Style } from '#electron/services/formats/xlsx/stream-workbook';
import { importGenerated, responseIds, CLOCK } from '../analysis-app/helpers';

/**
 * The analysis workbook made in the task worker (its XML, compression and file) from rows the
 * backend thread reads (documents/reports/remote-workbook.ts): the same bytes as made in one thread,
 * and a failure in the worker is an error here, never a file half written.
 */
let t: ReturnType<typeof tempDir>;
let worker: string;
beforeAll(() => {
  worker = builtTaskWorker();
}, 120_000);
beforeEach(() => {
  t = tempDir('cw-workbook-worker-');
});
afterEach(() => t.cleanup());

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('the analysis workbook made in the task worker', () => {
  it('is byte for byte the workbook made in one thread, redacted or not, and logged with the same hash', async () => {
    const inThread = testRouter(t.dir, CLOCK);
    const summary = await inThread.call('workspace.create', {
      path: join(t.dir, 'a.consult'),
      title: 'One online place',
      from: { kind: 'template', template: 'example' },
    });
    const ws = { ...inThread, path: summary.path, consultationId: summary.consultationId };
    await importGenerated(ws, t.dir, 'some.csv', { count: 400, seed: 5 });
    // Themes and coding, so the 0/1 matrix has rows of flags.
    const ids = await responseIds(ws);
    const a = await ws.call('analysis.saveTheme', { name: 'Access', questionIds: ['example-q3'] });
    const b = await ws.call('analysis.saveTheme', { name: 'Privacy', questionIds: ['example-q3'] });
    await ws.call('analysis.bulkCode', {
      questionId: 'example-q3',
      themeId: a.id,
      target: { kind: 'responses', responseIds: ids.slice(0, 150) },
    });
    await ws.call('analysis.bulkCode', {
      questionId: 'example-q3',
      themeId: b.id,
      target: { kind: 'responses', responseIds: ids.slice(100, 300) },
    });
    await ws.call('workspace.close', {});

    const viaWorker = testRouter(t.dir, CLOCK, { taskWorker: worker });
    await viaWorker.call('workspace.open', { path: summary.path });
    for (const redaction of ['none', 'redacted'] as const) {
      const w = await viaWorker.call('outputs.export', {
        allowUnfinished: true,
        kind: 'analysis-xlsx',
        path: join(t.dir, `worker-${redaction}.xlsx`),
        redaction,
      });
      expect(w.sha256).toBe(sha(join(t.dir, `worker-${redaction}.xlsx`)));
    }
    await viaWorker.call('workspace.close', {});
    await inThread.call('workspace.open', { path: summary.path });
    for (const redaction of ['none', 'redacted'] as const) {
      const o = await inThread.call('outputs.export', {
        allowUnfinished: true,
        kind: 'analysis-xlsx',
        path: join(t.dir, `thread-${redaction}.xlsx`),
        redaction,
      });
      expect(sha(join(t.dir, `worker-${redaction}.xlsx`))).toBe(o.sha256);
    }
    expect(sha(join(t.dir, 'worker-none.xlsx'))).not.toBe(sha(join(t.dir, 'worker-redacted.xlsx')));
    await viaWorker.router.shutdown();
    await inThread.router.shutdown();
  }, 120_000);

  it('reports a file it cannot write as an error, with nothing left behind', async () => {
    const path = join(t.dir, 'no-such-folder', 'out.xlsx');
    const wb = new RemoteWorkbook({ file: worker }, path, [{ name: 'Cover', widths: [50] }], {
      title: 'T',
      subject: 'S',
      creator: 'C',
      description: 'D',
      language: 'en-GB',
      now: CLOCK(),
    });
    const write = async () => {
      const s = await wb.sheet();
      for (let i = 0; i < 5000; i++) await s.row([`Row ${i}`], { style: Style.Text });
      await s.close();
      await wb.finish();
    };
    await expect(write()).rejects.toMatchObject({
      code: 'io',
      message: expect.stringMatching(/could not be written because the folder does not exist\. Nothing was saved/),
    });
    expect(existsSync(path)).toBe(false);
  }, 60_000);
});
