import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { tempDir } from '../harness/temp';
import { ensureCliBuilt, workbench } from '../harness/cli';
import { writeSurvey } from '../unit/responses/helpers';
import { plantedCorpus } from '../generators/campaign-text';
import { readSourceFile } from '#electron/services/formats/read/index';
import { detectLayout, proposeMapping } from '#shared/domain/survey-import/index';
import { exampleDraft } from '#shared/domain/draft/example';
import { readFileSync } from 'node:fs';
import { buildMsg } from '../generators/msg-file';
import * as XLSX from '@e965/xlsx';

/** `npx workbench import` and `search`: the command names, flags and JSON keys are a contract. */
const t = tempDir('cw-responses-cli-');
beforeAll(() => ensureCliBuilt());
afterAll(() => t.cleanup());

function newWorkspace(name: string, template = 'example'): string {
  const p = t.path(name);
  const r = workbench(['new', p, '--title', 'NHS online', '--template', template]);
  expect(r.status, r.stderr).toBe(0);
  return p;
}

describe('npx workbench import', () => {
  it(
    'prints batchId, imported, rejected, duplicates and campaigns; info counts the responses; the same file again ' +
      'fails',
    () => {
      const ws = newWorkspace('a.consult');
      const f = writeSurvey(t.dir, 'export.csv', { count: 300, seed: 2, generate: { duplicateRate: 0.02 } });
      // One extra row that cannot be read.
      writeFileSync(
        f.path,
        `${readFileSync(f.path, 'utf8')}999,1/1/27 0:00:00,1/1/27 ` +
          `0:01:00,anonymous,anonymous,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,extra,cells\r\n`,
      );
      const r = workbench(['import', ws, f.path]);
      expect(r.status, r.stderr).toBe(0);
      const j = r.json() as Record<string, unknown>;
      expect(j).toMatchObject({ batchId: 1, imported: 300, duplicates: expect.any(Number), dryRun: false });
      expect(j['rejected']).toEqual([
        { row: 302, reason: expect.stringMatching(/cells but the header has/), file: 'export.csv' },
      ]);
      expect((j['campaigns'] as { id: number; size: number }[]).length).toBeGreaterThan(0);
      for (const c of j['campaigns'] as { id: number; size: number }[])
        expect(c).toEqual({
          id: expect.any(Number),
          size: expect.any(Number),
          questionId: expect.any(String),
          status: 'proposed',
        });
      expect(j['duplicates']).toBeGreaterThan(0);
      const info = workbench(['info', ws]).json() as Record<string, number>;
      expect(info).toMatchObject({ respondents: 300, responses: 300 });

      const again = workbench(['import', ws, f.path]);
      expect(again.status).toBe(1);
      expect(again.stdout).toBe('');
      expect(again.stderr).toMatch(/^workbench import: export\.csv was already imported on \d{4}-\d\d-\d\d \(batch 1/);
    },
  );

  it('--dry-run changes nothing; --mapping takes a ColumnMapping file; a bad mapping or flag is a clear error', () => {
    const ws = newWorkspace('b.consult');
    const f = writeSurvey(t.dir, 'forms.csv', { count: 40, seed: 3 });
    const dry = workbench(['import', ws, f.path, '--dry-run']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.json()).toMatchObject({
      batchId: null,
      imported: 40,
      rejected: [],
      dryRun: true,
      duplicates: expect.any(Number),
      campaigns: expect.any(Array),
    });
    expect(workbench(['info', ws]).json()).toMatchObject({ responses: 0 });

    // A mapping that ignores everything but the first question.
    const table = readSourceFile(readFileSync(f.path), 'forms.csv');
    const layout = detectLayout(table);
    const proposal = proposeMapping(layout, exampleDraft(), table);
    const only = proposal.mapping.map((m) =>
      m.kind === 'question' && m.questionId !== 'example-q1' ? { kind: 'ignore' } : m,
    );
    writeFileSync(t.path('mapping.json'), JSON.stringify(only));
    const mapped = workbench(['import', ws, f.path, '--mapping', t.path('mapping.json'), '--no-detect']);
    expect(mapped.status, mapped.stderr).toBe(0);
    expect(mapped.json()).toMatchObject({ imported: expect.any(Number), duplicates: null, campaigns: [] });
    const s = workbench(['search', ws, 'NHS', '--scope', 'answers', '--limit', '500']).json() as {
      results: { questionId: string }[];
    };
    // only question 1 (its explanations) was imported
    expect(new Set(s.results.map((h) => h.questionId))).toEqual(new Set(['example-q1']));

    writeFileSync(t.path('bad.json'), '[{"kind":"question"}]');
    const bad = workbench(['import', ws, f.path, '--mapping', t.path('bad.json')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/The mapping is not valid/);
    expect(workbench(['import', ws, f.path, '--mapping', t.path('nope.json')]).status).toBe(2);
    expect(workbench(['import', ws]).status).toBe(2);
    expect(workbench(['import', ws, f.path, '--channel', 'pigeon']).status).toBe(2);
  });

  it('--create-questions starts a workspace from an export alone', () => {
    const ws = newWorkspace('c.consult', 'blank');
    const f = writeSurvey(t.dir, 'alone.csv', { count: 30, seed: 5 });
    const plain = workbench(['import', ws, f.path]);
    expect(plain.status).toBe(1);
    expect(plain.stderr).toMatch(/no questions yet.*--create-questions/);
    const r = workbench(['import', ws, f.path, '--create-questions']);
    expect(r.status, r.stderr).toBe(0);
    const j = r.json() as { imported: number; createdQuestions: string[] };
    expect(j.imported).toBe(30);
    expect(j.createdQuestions.length).toBeGreaterThan(5);
    expect(workbench(['info', ws]).json()).toMatchObject({ questions: j.createdQuestions.length, responses: 30 });
  });

  it('--sheet reads the sheet that holds the responses; without it the first is read and the others are named', () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([['About this export'], ['Downloaded on 3 March 2027 by the policy team']]),
      'Notes',
    );
    const rows = [['Response ID', 'How often do you use the bus?', 'What would make it better?']];
    for (let i = 1; i <= 6; i++)
      rows.push([`R${i}`, ['Daily', 'Weekly', 'Never'][i % 3]!, `More buses on route ${i} in the evening`]);
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Responses');
    const f = t.path('two-sheets.xlsx');
    writeFileSync(f, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);

    const first = workbench([
      'import',
      newWorkspace('sheets-1.consult', 'blank'),
      f,
      '--create-questions',
      '--dry-run',
    ]);
    expect(first.status, first.stderr).toBe(0);
    expect((first.json() as { warnings: string[] }).warnings.join(' ')).toMatch(
      /Read the sheet "Notes"\. The file has 2 sheets \(Notes, Responses\)/,
    );

    const r = workbench([
      'import',
      newWorkspace('sheets-2.consult', 'blank'),
      f,
      '--create-questions',
      '--sheet',
      'Responses',
      '--no-detect',
    ]);
    expect(r.status, r.stderr).toBe(0);
    const j = r.json() as { imported: number; columns: { header: string; role: string }[] };
    expect(j.imported).toBe(6);
    expect(j.columns.map((c) => [c.header, c.role])).toEqual([
      ['Response ID', 'meta'],
      ['How often do you use the bus?', 'answer'],
      ['What would make it better?', 'answer'],
    ]);

    const missing = workbench(['import', newWorkspace('sheets-3.consult', 'blank'), f, '--sheet', 'Answers']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/two-sheets\.xlsx has no sheet called "Answers"/);
  });
});

describe('npx workbench search', () => {
  it('prints total and results with responseId, questionId and snippet', () => {
    const ws = newWorkspace('d.consult');
    const { docs } = plantedCorpus({ seed: 3, organic: 200, campaigns: [30] });
    const rows = [
      ['ID', 'Is there anything else you would like to tell us about these proposals?'],
      ...docs.map((d, i) => [String(i + 1), d.text]),
    ];
    writeFileSync(
      t.path('letters.csv'),
      rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n'),
    );
    const imp = workbench(['import', ws, t.path('letters.csv')]);
    expect(imp.status, imp.stderr).toBe(0);
    expect((imp.json() as { campaigns: { size: number }[] }).campaigns[0]!.size).toBeGreaterThanOrEqual(28);
    const word = docs[0]!.text.split(/\s+/).find((w) => /^[a-z]{6,}$/i.test(w))!;
    const r = workbench(['search', ws, word, '--limit', '5']);
    expect(r.status, r.stderr).toBe(0);
    const j = r.json() as { total: number; results: { responseId: number; questionId: string; snippet: string }[] };
    expect(j.total).toBeGreaterThan(0);
    expect(j.results.length).toBeLessThanOrEqual(5);
    for (const h of j.results) {
      expect(h).toMatchObject({
        responseId: expect.any(Number),
        questionId: 'example-q11',
        snippet: expect.any(String),
      });
      expect(h.snippet.toLowerCase()).toContain(word.toLowerCase());
    }
    const none = workbench(['search', ws, 'xyzzyplugh']).json();
    expect(none).toMatchObject({ total: 0, results: [] });
    const empty = workbench(['search', ws]);
    expect(empty.status).toBe(2);
    const missing = workbench(['search', t.path('nope.consult'), 'x']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no file/i);
  });
});

describe('an Outlook .msg through the built bundle (what ships, not the sources)', () => {
  it('imports the message: sender, subject and body stored and found by search', () => {
    // The bundle loads @kenjiuno/msgreader with Node's own ESM loader, where a CommonJS default
    // export arrives differently than under vitest: only a run of dist/node catches that.
    const ws = newWorkspace('msg.consult');
    const msg = t.path('reply.msg');
    writeFileSync(
      msg,
      buildMsg({
        subject: 'Consultation response',
        body: 'I support keeping the minor injuries unit open because the bus takes an hour.\r\n',
        senderName: 'Ann Example',
        senderEmail: 'ann@example.org',
        to: [{ name: 'Consultation team', email: 'consultation@example.gov.uk' }],
        sent: new Date('2027-04-02T10:11:12Z'),
        attachments: [],
      }),
    );
    const r = workbench(['import', ws, msg]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ imported: 1, rejected: [] });
    const found = workbench(['search', ws, 'minor injuries']).json() as { total: number };
    expect(found.total).toBe(1);
  });
});
