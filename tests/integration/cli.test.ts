import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tempDir } from '../harness/temp';
import { SCHEMA_VERSION } from '#electron/services/core/db/migrations/index';
import { ensureCliBuilt, workbench } from '../harness/cli';

describe('npx workbench', () => {
  beforeAll(() => ensureCliBuilt());

  it('new then info prints the title and the contract keys as numbers', () => {
    const t = tempDir();
    const p = t.path('a.consult');
    const made = workbench(['new', p, '--title', 'X']);
    expect(made.status).toBe(0);
    expect(made.json()).toMatchObject({ title: 'X', path: p });
    const info = workbench(['info', p]);
    expect(info.status).toBe(0);
    const j = info.json() as Record<string, unknown>;
    expect(j).toMatchObject({ title: 'X', schemaVersion: SCHEMA_VERSION, questions: 0, respondents: 0, responses: 0 });
    for (const k of ['schemaVersion', 'questions', 'respondents', 'responses']) expect(typeof j[k]).toBe('number');
    t.cleanup();
  });

  it('verify reports a healthy workspace with exit 0 and a damaged one with exit 1', () => {
    const t = tempDir();
    const p = t.path('v.consult');
    workbench(['new', p, '--title', 'Verify me']);
    const good = workbench(['verify', p]);
    expect(good.status).toBe(0);
    expect(good.json()).toMatchObject({
      ok: true,
      integrity: ['ok'],
      journal: { present: true, entries: 0, matches: true },
      lock: { present: false },
    });
    writeFileSync(`${p}-journal`, 'garbage'); // a journal that is not one
    const odd = workbench(['verify', p]);
    expect(odd.json()).toMatchObject({ journal: { tornTail: true } });
    t.cleanup();
  });

  it('errors go to stderr with a non-zero exit, and nothing is printed as JSON', () => {
    const t = tempDir();
    const missingTitle = workbench(['new', t.path('b.consult')]);
    expect(missingTitle.status).toBe(2);
    expect(missingTitle.stderr).toMatch(/Missing --title/);
    expect(existsSync(t.path('b.consult'))).toBe(false);
    const notThere = workbench(['info', t.path('nope.consult')]);
    expect(notThere.status).toBe(1);
    expect(notThere.stdout).toBe('');
    expect(notThere.stderr).toMatch(/There is no file/);
    writeFileSync(t.path('text.consult'), 'hello');
    const notWorkspace = workbench(['info', t.path('text.consult')]);
    expect(notWorkspace.status).toBe(1);
    expect(notWorkspace.stderr).toMatch(/not a Consultation Workbench workspace/);
    expect(workbench(['frobnicate']).status).toBe(2);
    expect(workbench(['new', t.path('c.consult'), '--title', 'x'.repeat(80)]).stderr).toMatch(/65 characters/);
    t.cleanup();
  });

  it('refuses to overwrite an existing file', () => {
    const t = tempDir();
    const p = t.path('d.consult');
    writeFileSync(p, 'keep');
    const r = workbench(['new', p, '--title', 'Y']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/already exists/);
    t.cleanup();
  });

  it('draft-export then new --from round-trips the draft; bad drafts are refused clearly', () => {
    const t = tempDir();
    const src = t.path('example.consult');
    expect(
      workbench(['new', src, '--title', 'One online place for NHS information and services', '--template', 'example'])
        .status,
    ).toBe(0);
    expect(workbench(['info', src]).json()).toMatchObject({ questions: 11 });
    const out = t.path('draft.json');
    const exp = workbench(['draft-export', src, out]);
    expect(exp.status).toBe(0);
    expect(exp.json()).toMatchObject({ sections: 10, questions: 11 });
    const copy = t.path('copy.consult');
    const made = workbench(['new', copy, '--from', out]);
    expect(made.status).toBe(0);
    expect(made.json()).toMatchObject({ title: 'One online place for NHS information and services', questions: 11 });
    const out2 = t.path('draft2.json');
    workbench(['draft-export', copy, out2]);
    expect(readFileSync(out2, 'utf8')).toBe(readFileSync(out, 'utf8'));

    const bad = JSON.parse(readFileSync(out, 'utf8'));
    bad.questions[2].wordLimit = 'three hundred';
    writeFileSync(t.path('bad.json'), JSON.stringify(bad));
    const refused = workbench(['new', t.path('bad.consult'), '--from', t.path('bad.json')]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/questions\.2\.wordLimit/);
    expect(existsSync(t.path('bad.consult'))).toBe(false);
    t.cleanup();
  });
});
