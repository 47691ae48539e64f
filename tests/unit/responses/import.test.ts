import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { tempDir } from '../../harness/temp';
import { WorkspaceFile } from '#electron/services/core/db/workspace-file';
import { loadDraft } from '#electron/services/draft/draft-service';
import { CLOSED_TYPES, orderedQuestions } from '#shared/domain/draft/model';
import { LAYOUT_NAMES, externalIdFor } from '../../generators/layouts';
import { workspaceWith, writeSurvey } from './helpers';

let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir('cw-responses-');
});
afterEach(() => t.cleanup());

describe('importing survey exports into a workspace', () => {
  it(
    'imports every layout the generator writes, as CSV and as a workbook, with every answer and respondent field ' +
      'kept',
    async () => {
      const ws = await workspaceWith(t.dir);
      const formats = ['csv', 'xlsx', 'csv', 'ods', 'csv', 'xls', 'xlsx'] as const;
      let seed = 10;
      for (const [i, layout] of LAYOUT_NAMES.entries()) {
        const format = formats[i]!;
        // XLS (BIFF8) cells written by SheetJS stop at 255 characters: short answers only there.
        const f = writeSurvey(t.dir, `${layout}.${format}`, {
          layout,
          format,
          count: 25,
          seed: seed++,
          generate: {
            duplicateRate: 0,
            ...(format === 'xls' ? { openLengths: [100, 0, 0] as [number, number, number] } : {}),
          },
        });
        const out = await ws.call('responses.import', { paths: [f.path] });
        expect(out.rejected, `${layout} ${format}`).toEqual([]);
        expect(out.imported, `${layout} ${format}`).toBe(25);
        const batchId = out.batchId!;
        // Compare with what the generator meant, through the stored responses.
        const list = await ws.call('responses.list', { filters: { batchId }, offset: 0, limit: 100 });
        expect(list.total).toBe(25);
        const draft = f.draft;
        const qs = orderedQuestions(draft);
        for (const row of list.rows.slice(0, 6)) {
          const detail = await ws.call('responses.get', { id: row.id });
          const seq = f.responses.findIndex((r) => externalIdFor(layout, r.seq) === detail.externalId);
          expect(seq, `${layout}: response ${detail.externalId} found`).toBeGreaterThanOrEqual(0);
          const want = f.responses[seq]!;
          expect(detail.channel).toBe('online-survey');
          for (const [k, v] of Object.entries(want.respondent))
            expect(detail.respondent.fields[k as keyof typeof detail.respondent.fields], `${layout} ${k}`).toBe(v);
          for (const q of qs) {
            const w = want.answers[q.id];
            const got = detail.answers.find((a) => a.questionId === q.id);
            if (!w) {
              expect(got, `${layout} q ${q.id} unanswered`).toBeUndefined();
              continue;
            }
            expect(got, `${layout} q ${q.id}`).toBeDefined();
            if (CLOSED_TYPES.has(q.type))
              expect(q.type === 'ranking' ? got!.optionIds : [...got!.optionIds].sort()).toEqual(
                q.type === 'ranking' ? w.optionIds : [...w.optionIds].sort(),
              );
            else expect(got!.text).toBe(w.text);
            if (w.otherText !== undefined) expect(got!.otherText).toBe(w.otherText);
            if (w.explanation !== undefined) expect(got!.explanation).toBe(w.explanation);
          }
        }
      }
      const batches = await ws.call('responses.batches', {});
      expect(batches).toHaveLength(LAYOUT_NAMES.length);
      expect(batches.every((b) => b.sha256 && b.fingerprint && b.importedBy === 'tester')).toBe(true);
      await ws.router.shutdown();
    },
  );

  it('refuses the same file again (even renamed) until its batch is undone, and undo removes everything', async () => {
    const ws = await workspaceWith(t.dir);
    const f = writeSurvey(t.dir, 'export.csv', { count: 30 });
    const first = await ws.call('responses.import', { paths: [f.path] });
    expect(first.imported).toBe(30);
    copyFileSync(f.path, t.path('export (1).csv'));
    const again = await ws.fails('responses.import', { paths: [t.path('export (1).csv')] });
    expect(again.code).toBe('exists');
    expect(again.message).toMatch(/already imported on 2027-06-01 \(batch 1, "export\.csv"\)/);
    const inspected = await ws.call('responses.inspectFiles', { paths: [t.path('export (1).csv')] });
    expect(inspected.files[0]).toMatchObject({ type: 'survey', alreadyImported: { batchId: 1 } });

    const hit = await ws.call('responses.search', { query: 'NHS' });
    expect(hit.total).toBeGreaterThan(0);
    const undone = await ws.call('responses.undoBatch', { batchId: first.batchId! });
    expect(undone.removed).toBe(30);
    expect((await ws.call('responses.list', { offset: 0, limit: 10 })).total).toBe(0);
    expect((await ws.call('responses.search', { query: 'NHS' })).total).toBe(0);
    const batches = await ws.call('responses.batches', {});
    expect(batches[0]).toMatchObject({ id: first.batchId, undoneBy: 'tester', responses: 0 });
    expect(await ws.fails('responses.undoBatch', { batchId: first.batchId! })).toMatchObject({ code: 'conflict' });

    // Now the same bytes can come in again, as a new batch.
    const second = await ws.call('responses.import', { paths: [t.path('export (1).csv')] });
    expect(second.imported).toBe(30);
    expect(second.batchId).not.toBe(first.batchId);

    // Everything is on disk: reopen and look again.
    await ws.call('workspace.close', {});
    const file = await WorkspaceFile.open(ws.path);
    try {
      expect(file.db.scalar('SELECT count(*) FROM response')).toBe(30);
      expect(file.db.scalar("SELECT count(*) FROM answer_fts WHERE answer_fts MATCH 'nhs'")).toBeGreaterThan(0);
      expect(file.db.scalar('SELECT count(*) FROM import_batch WHERE undone_at IS NOT NULL')).toBe(1);
    } finally {
      file.close();
    }
    await ws.router.shutdown();
  });

  it('a dry run reads and maps everything but writes nothing', async () => {
    const ws = await workspaceWith(t.dir);
    const f = writeSurvey(t.dir, 'export.csv', { count: 20 });
    const dry = await ws.call('responses.import', { paths: [f.path], dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, imported: 20, batchId: null });
    expect((await ws.call('responses.batches', {})).length).toBe(0);
    expect((await ws.call('responses.list', { offset: 0, limit: 1 })).total).toBe(0);
    await ws.router.shutdown();
  });

  it('starts a workspace from an export alone: questions created from the columns, then mapped to them', async () => {
    const ws = await workspaceWith(t.dir, 'blank');
    const f = writeSurvey(t.dir, 'forms.csv', { count: 30, layout: 'microsoft-forms' });
    const refused = await ws.fails('responses.import', { paths: [f.path] });
    expect(refused.message).toMatch(/no questions yet/);
    const out = await ws.call('responses.import', { paths: [f.path], createQuestions: true });
    expect(out.imported).toBe(30);
    expect(out.createdQuestions.length).toBeGreaterThanOrEqual(orderedQuestions(f.draft).length - 1);
    const draft = (await ws.call('draft.get', {})).draft;
    expect(draft.questions.length).toBe(out.createdQuestions.length);
    expect(draft.sections.map((s) => s.title)).toEqual(['Questions from the survey export']);
    // One undo takes the created questions away again (the responses stay, by question id).
    await ws.call('draft.undo', {});
    expect((await ws.call('draft.get', {})).draft.questions.length).toBe(0);
    await ws.router.shutdown();
  });
});

describe('the draft the answers refer to', () => {
  it('answers keep their question ids after the questions are renumbered', async () => {
    const ws = await workspaceWith(t.dir);
    const f = writeSurvey(t.dir, 'export.csv', { count: 5 });
    await ws.call('responses.import', { paths: [f.path] });
    const before = await ws.call('responses.get', { id: 1 });
    const q = before.answers[0]!;
    const d = (await ws.call('draft.get', {})).draft;
    await ws.call('draft.moveQuestion', {
      id: q.questionId,
      sectionId: d.sections[d.sections.length - 1]!.id,
      toIndex: 99,
    });
    const after = await ws.call('responses.get', { id: 1 });
    const moved = after.answers.find((a) => a.questionId === q.questionId)!;
    expect(moved.number).not.toBe(q.number);
    expect(moved.optionIds).toEqual(q.optionIds);
    const file = ws.router.session('s').workspace!;
    expect(loadDraft(file.db).questions.length).toBe(d.questions.length);
    await ws.router.shutdown();
  });
});
