import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../harness/temp';
import { ensureCliBuilt, workbench } from '../harness/cli';
import { analysisWorkspace, hand, importResponses } from '../unit/analysis-app/helpers';
import { costAndAccessAnswers } from '../generators/coded-sample';

/** `npx workbench propose`: assisted coding from the command line (what ships: the built bundle). */
const t = tempDir('cw-proposals-cli-');
const Q3 = 'example-q3';
let path: string;

beforeAll(async () => {
  ensureCliBuilt();
  const ws = await analysisWorkspace(t.dir, 'cli.consult');
  const answers = costAndAccessAnswers();
  await importResponses(
    ws,
    t.dir,
    'answers.csv',
    answers.map((a, i) => hand(i + 1, {}, { [Q3]: { optionIds: [], text: a.text } })),
  );
  const themes = {
    cost: (await ws.call('analysis.saveTheme', { name: 'Cost', questionIds: [Q3] })).id,
    access: (await ws.call('analysis.saveTheme', { name: 'Access and signal', questionIds: [Q3] })).id,
  };
  // The first 20 answers coded by hand (10 of each kind: they alternate).
  const list = await ws.call('analysis.answers', { questionId: Q3, offset: 0, limit: 20 });
  for (const row of list.rows) {
    const q = await ws.call('analysis.queue', { questionId: Q3, responseId: row.responseId, move: 'current' });
    const kind = answers.find((a) => a.text === q.answer!.text)!.kind;
    await ws.call('analysis.code', {
      responseId: row.responseId,
      questionId: Q3,
      themeId: themes[kind],
      action: 'add',
    });
  }
  path = ws.path;
  await ws.router.shutdown();
}, 120_000);
afterAll(() => t.cleanup());

describe('npx workbench propose', () => {
  it('learns from the codes and prints the proposals by theme; nothing is coded', () => {
    const r = workbench(['propose', path, '--question', Q3]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      trainedOn: number;
      uncoded: number;
      withProposal: number;
      confident: number;
      themes: Array<{ name: string; examples: number; trained: boolean; proposed: number }>;
    };
    expect(out.trainedOn).toBe(20);
    expect(out.uncoded).toBe(52);
    expect(out.themes.map((x) => [x.name, x.examples, x.trained])).toEqual([
      ['Cost', 10, true],
      ['Access and signal', 10, true],
    ]);
    expect(out.withProposal).toBeGreaterThan(40);
    expect(out.confident).toBeGreaterThan(0.5);
    // Nothing was coded by proposing: a second run learns from the same 20.
    const again = JSON.parse(workbench(['propose', path, '--question', Q3]).stdout) as { trainedOn: number };
    expect(again.trainedOn).toBe(20);
  });

  it('says what is missing: the question flag (exit 2), codes to learn from (exit 1)', () => {
    const missing = workbench(['propose', path]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Missing --question');
    const none = workbench(['propose', path, '--question', 'example-q1']);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/no written answers|Code at least 5 answers/);
    expect(none.stdout).toBe('');
  });
});
