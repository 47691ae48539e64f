import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { tempDir } from '../harness/temp';
import { Package } from '../harness/ooxml-read';
import { ensureCliBuilt, workbench } from '../harness/cli';
import { testRouter } from '../harness/router';
import { analysisWorkspace, importGenerated, importResponses, hand, type Ws } from '../unit/analysis-app/helpers';
import { DRAFT_BANNER } from '#shared/report/publication-check';
import { analysisQuestions } from '#electron/services/analysis/questions';
import { exampleDraft } from '#shared/domain/draft/example';

/**
 * R-PUB6, R-PUB7 through the export service and the command line: an unfinished consultation
 * (responses not written, answers uncoded, a region "Mars") is refused for publication with each
 * problem listed and nothing written; the team may publish it anyway, and then every page says
 * "Draft"; once finished it publishes with no banner; a date before the close is refused.
 */
const t = tempDir('cw-publication-check-');
afterAll(() => t.cleanup());
let ws: Ws;

beforeAll(async () => {
  ensureCliBuilt();
  ws = await analysisWorkspace(t.dir, 'check.consult');
  await importGenerated(ws, t.dir, 'survey.csv', { count: 40, seed: 9 });
  await importResponses(ws, t.dir, 'mars.csv', [
    hand(1, { name: 'Alien Visitor', respondingAs: 'As an individual', region: 'Mars' }, {}),
  ]);
}, 120_000);

describe('the publication check before publishing', () => {
  it('refuses an unfinished response, listing each problem, and writes nothing', async () => {
    const target = t.path('refused.docx');
    const err = await ws.fails('outputs.export', { kind: 'government-response-docx', path: target });
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/^The publication check found \d+ problems to resolve before this is published:/);
    expect(err.message).toContain('the government’s response is not written yet');
    expect(err.message).toMatch(/Question \d+: 0 of \d+ answers coded \(0%\); the team set 100% before publishing/);
    expect(err.message).toContain('“Mars” is not one of its answers (1 response)');
    expect(existsSync(target)).toBe(false);
    // Internal use is not publication: no check.
    const internal = await ws.call('outputs.export', {
      kind: 'government-response-docx',
      path: t.path('internal.docx'),
      redaction: 'none',
    });
    expect(internal.publicationCheck).toBeUndefined();
  });

  it('publishes over the problems when told to, with "Draft" on every page', async () => {
    const r = await ws.call('outputs.export', {
      kind: 'government-response-docx',
      path: t.path('draft.docx'),
      allowUnfinished: true,
    });
    expect(r.publicationCheck!.some((f) => f.severity === 'error')).toBe(true);
    const pkg = new Package(readFileSync(r.path));
    const headers = [...pkg.files.keys()].filter((n) => /^word\/header\d*\.xml$/.test(n));
    expect(headers.length).toBeGreaterThan(0);
    for (const h of headers) expect(pkg.text(h)).toContain(DRAFT_BANNER);
    expect(pkg.text('word/document.xml')).toContain(DRAFT_BANNER);
  });

  it('the command line: exit 1 listing the problems; --allow-unfinished publishes marked "Draft"', async () => {
    await ws.router.shutdown();
    const refused = workbench(['export', ws.path, 'briefing-docx', t.path('cli.docx')]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('The publication check found');
    expect(refused.stderr).toContain('(R-PUB6-values)');
    expect(existsSync(t.path('cli.docx'))).toBe(false);
    const anyway = workbench(['export', ws.path, 'briefing-docx', t.path('cli.docx'), '--allow-unfinished']);
    expect(anyway.status, anyway.stderr).toBe(0);
    expect(anyway.stderr).toContain('every page says "Draft"');
    expect((anyway.json() as { publicationCheck: unknown[] }).publicationCheck.length).toBeGreaterThan(0);
    // The check on its own, without exporting: the same findings, each with where to fix it; exit 1 while blocked.
    const check = workbench(['publication-check', ws.path]);
    expect(check.status).toBe(1);
    const out = check.json() as { findings: Array<{ ruleId: string; goTo: unknown }>; blocking: number };
    expect(out.blocking).toBeGreaterThan(0);
    expect(out.findings.map((f) => f.ruleId)).toContain('R-PUB6-values');
    expect(out.findings.every((f) => f.goTo)).toBe(true);
    // A CSV has no pages to mark: the command line says so rather than promising "Draft".
    const csv = workbench(['export', ws.path, 'responses-csv', t.path('cli.csv'), '--allow-unfinished']);
    expect(csv.status, csv.stderr).toBe(0);
    expect(csv.stderr).toContain('a CSV cannot be marked "Draft"');
    expect(csv.stderr).not.toContain('every page says');
  });

  it('once finished (every response written, the share to code set, the bad value gone) publishes clean', async () => {
    const r = testRouter(t.path('finish'), () => new Date('2027-06-01T10:00:00Z'));
    await r.call('workspace.open', { path: ws.path });
    for (const q of analysisQuestions(exampleDraft(), false).filter((x) => x.question))
      await r.call('analysis.saveText', { kind: 'question', questionId: q.id, part: 'response', text: 'We agree.' });
    await r.call('analysis.settings', { minCodedShare: 0 });
    const mars = await r.call('responses.list', { offset: 0, limit: 1, order: 'desc', filters: { status: 'all' } });
    await r.call('responses.undoBatch', {
      batchId: (await r.call('responses.get', { id: mars.rows[0]!.id })).batch.id,
    });
    const out = await r.call('outputs.export', { kind: 'government-response-docx', path: t.path('clean.docx') });
    expect(out.publicationCheck).toEqual([]);
    expect(new Package(readFileSync(out.path)).text('word/document.xml')).not.toContain(DRAFT_BANNER);

    // The same consultation, published before it closed: refused.
    await r.router.shutdown();
    const early = testRouter(t.path('early'), () => new Date('2027-04-01T10:00:00Z'));
    await early.call('workspace.open', { path: ws.path });
    const err = await early.fails('outputs.export', { kind: 'responses-csv', path: t.path('early.csv') });
    expect(err.message).toContain('The consultation has not closed yet');
    await early.router.shutdown();
  });
});
