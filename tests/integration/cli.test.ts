import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { tempDir } from '../harness/temp';
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
    expect(j).toMatchObject({ title: 'X', schemaVersion: 1, questions: 0, respondents: 0, responses: 0 });
    for (const k of ['schemaVersion', 'questions', 'respondents', 'responses']) expect(typeof j[k]).toBe('number');
    t.cleanup();
  });

  it('verify reports a healthy workspace with exit 0 and a damaged one with exit 1', () => {
    const t = tempDir();
    const p = t.path('v.consult');
    workbench(['new', p, '--title', 'Verify me']);
    const good = workbench(['verify', p]);
    expect(good.status).toBe(0);
    expect(good.json()).toMatchObject({ ok: true, integrity: ['ok'], journal: { present: false }, lock: { present: false } });
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
});
