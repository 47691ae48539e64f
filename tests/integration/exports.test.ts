import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tempDir } from '../harness/temp';
import { ensureCliBuilt, workbench } from '../harness/cli';
import { testRouter } from '../harness/router';
import { EXPORT_INFO, EXPORT_KINDS } from '#shared/domain/exports';
import { validateOoxml } from '../harness/ooxml';

describe('exports through the CLI and the router', () => {
  beforeAll(() => ensureCliBuilt());

  it('npx workbench export writes every kind for the example, each logged with its hash', async () => {
    const t = tempDir();
    const ws = t.path('example.consult');
    expect(
      workbench(['new', ws, '--title', 'One online place for NHS information and services', '--template', 'example'])
        .status,
    ).toBe(0);
    // The documents after the consultation need responses: tests/integration/analysis-exports.test.ts.
    for (const kind of EXPORT_KINDS.filter((k) => EXPORT_INFO[k].stage === 'consultation')) {
      const ext = kind.endsWith('docx') ? '.docx' : kind.endsWith('xlsx') ? '.xlsx' : '.html';
      const out = t.path(`${kind}${ext}`);
      const r = workbench(['export', ws, kind, out]);
      expect(r.status, r.stderr).toBe(0);
      const j = r.json() as { path: string; bytes: number; sha256: string; redaction: string; checkerErrors: number };
      expect(j).toMatchObject({ path: out, redaction: 'not-applicable', checkerErrors: 0 });
      expect(createHash('sha256').update(readFileSync(out)).digest('hex')).toBe(j.sha256);
      if (ext !== '.html') expect((await validateOoxml(out)).ok).toBe(true);
    }
    expect(workbench(['export', ws, 'frobnicate', t.path('x.docx')]).status).toBe(2);
    t.cleanup();
  });

  it('check reports the example with no errors (exit 0) and a broken draft with errors (exit 1)', () => {
    const t = tempDir();
    const ws = t.path('example.consult');
    workbench(['new', ws, '--title', 'One online place for NHS information and services', '--template', 'example']);
    const ok = workbench(['check', ws]);
    expect(ok.status).toBe(0);
    const j = ok.json() as {
      summary: { errors: number; warnings: number };
      findings: { ruleId: string; severity: string }[];
    };
    expect(j.summary.errors).toBe(0);
    expect(j.findings.length).toBeGreaterThan(0);
    const blank = t.path('blank.consult');
    workbench(['new', blank, '--title', 'Nothing yet', '--template', 'blank']);
    const bad = workbench(['check', blank]);
    expect(bad.status).toBe(1);
    expect((bad.json() as { summary: { errors: number } }).summary.errors).toBeGreaterThan(3);
    t.cleanup();
  });

  it('the app refuses to export a draft with checker errors unless told to, and never over a workspace', async () => {
    const t = tempDir();
    const { call, fails, router } = testRouter(t.dir);
    await call('workspace.create', {
      path: t.path('blank.consult'),
      title: 'Blank',
      from: { kind: 'template', template: 'blank' },
    });
    const refused = await fails('outputs.export', {
      allowUnfinished: true,
      kind: 'consultation-docx',
      path: t.path('out.docx'),
    });
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/standard checker reports \d+ errors/);
    expect(existsSync(t.path('out.docx'))).toBe(false);
    const anyway = await call('outputs.export', {
      allowUnfinished: true,
      kind: 'consultation-docx',
      path: t.path('out'),
      exportAnyway: true,
    });
    expect(anyway.path).toBe(t.path('out.docx'));
    expect(anyway.checkerErrors).toBeGreaterThan(0);
    const log = await call('outputs.log', {});
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      kind: 'consultation-docx',
      path: t.path('out.docx'),
      redaction: 'not-applicable',
      note: expect.stringMatching(/checker error/),
    });
    writeFileSync(t.path('other.consult'), 'x');
    expect(
      (
        await fails('outputs.export', {
          allowUnfinished: true,
          kind: 'questions-xlsx',
          path: t.path('blank.consult'),
        })
      ).code,
    ).toBe('forbidden');
    expect(
      (
        await fails('outputs.export', {
          allowUnfinished: true,
          kind: 'questions-xlsx',
          path: t.path('no-such-folder/q.xlsx'),
        })
      ).code,
    ).toBe('not-found');
    const listed = await call('outputs.list', {});
    expect(listed.kinds.find((k) => k.kind === 'consultation-docx')!.lastExport?.path).toBe(t.path('out.docx'));
    expect(listed.kinds.find((k) => k.kind === 'questions-xlsx')!.suggestedPath).toBe(t.path('blank-questions.xlsx'));
    await router.shutdown();
    t.cleanup();
  });
});
