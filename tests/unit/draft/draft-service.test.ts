import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import { writeFileSync, readFileSync } from 'node:fs';
import { tempDir } from '../../harness/temp';
import { testRouter } from '../../harness/router';
import { questionNumbers, orderedQuestions, draftSchema } from '#shared/domain/draft/model';
import { exampleDraft } from '#shared/domain/draft/example';
import { WorkspaceFile } from '#electron/services/core/db/workspace-file';
import { loadDraft } from '#electron/services/draft/draft-service';

describe('drafting through the router', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir();
  });
  afterEach(() => t.cleanup());

  it('a new workspace starts from the standard template with every section and guidance', async () => {
    const { call, router } = testRouter(t.dir);
    await call('workspace.create', { path: t.path('a.consult'), title: 'Rural buses' });
    const { draft } = await call('draft.get', {});
    expect(draft.metadata.title).toBe('Rural buses');
    expect(draft.sections.map((s) => s.title)).toEqual([
      'Ministerial foreword',
      'Executive summary',
      'Background',
      'Proposal 1',
      'Impacts',
      'Next steps',
      'How to respond',
      'Confidentiality and data protection',
      'Glossary',
    ]);
    expect(draft.sections.every((s) => s.guidance.length > 20)).toBe(true);
    await router.shutdown();
  });

  it('adds one question of every type, renumbers on reorder, and keeps ids stable', async () => {
    const { call, router } = testRouter(t.dir);
    await call('workspace.create', {
      path: t.path('q.consult'),
      title: 'Questions',
      from: { kind: 'template', template: 'standard' },
    });
    let { draft } = await call('draft.get', {});
    const proposal = draft.sections.find((s) => s.kind === 'proposal')!;
    const types = [
      'open_text',
      'likert_agree5',
      'yes_no',
      'single_choice',
      'multi_choice',
      'ranking',
      'numeric',
      'any_other_comments',
    ] as const;
    const ids: string[] = [];
    for (const type of types) ids.push((await call('draft.addQuestion', { sectionId: proposal.id, type })).id);
    draft = (await call('draft.get', {})).draft;
    expect(orderedQuestions(draft).map((q) => q.type)).toEqual([...types]);
    expect(questionNumbers(draft).get(ids[0]!)).toBe('1');
    // Move the last question to the top: numbers change, ids do not.
    draft = (await call('draft.moveQuestion', { id: ids[7]!, sectionId: proposal.id, toIndex: 0 })).draft;
    const nums = questionNumbers(draft);
    expect(nums.get(ids[7]!)).toBe('1');
    expect(nums.get(ids[0]!)).toBe('2');
    // Sub-parts: question 3 continues question 2 → 2a, 2b.
    await call('draft.updateQuestion', { id: ids[1]!, patch: { continues: true } });
    draft = (await call('draft.get', {})).draft;
    expect([questionNumbers(draft).get(ids[0]!), questionNumbers(draft).get(ids[1]!)]).toEqual(['2a', '2b']);
    // Move a question to another section: it follows that section's place in the document.
    const impacts = draft.sections.find((s) => s.kind === 'impacts')!;
    draft = (await call('draft.moveQuestion', { id: ids[7]!, sectionId: impacts.id, toIndex: 0 })).draft;
    expect(orderedQuestions(draft).at(-1)!.id).toBe(ids[7]);
    await router.shutdown();
  });

  it('options keep their ids when edited; new options get new ids', async () => {
    const { call, router } = testRouter(t.dir);
    await call('workspace.create', {
      path: t.path('o.consult'),
      title: 'Options',
      from: { kind: 'template', template: 'example' },
    });
    const before = (await call('draft.get', {})).draft.questions.find((q) => q.id === 'example-q5')!;
    const { question } = await call('draft.updateQuestion', {
      id: 'example-q5',
      patch: {
        options: [
          ...before.options.map((o, i) => (i === 0 ? { ...o, label: 'Every 12 months' } : o)),
          { label: 'Every 5 years' },
        ],
      },
    });
    expect(question.options[0]).toEqual({ id: before.options[0]!.id, label: 'Every 12 months' });
    expect(question.options).toHaveLength(before.options.length + 1);
    expect(question.options.at(-1)!.id).not.toBe('');
    await router.shutdown();
  });

  it('undo and redo work across sections, questions and metadata, and are themselves saved', async () => {
    const { call, router } = testRouter(t.dir);
    const path = t.path('u.consult');
    await call('workspace.create', { path, title: 'Undo' });
    const { draft } = await call('draft.get', {});
    const bg = draft.sections.find((s) => s.kind === 'background')!;
    await call('draft.updateSection', {
      id: bg.id,
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'First words.' }] }] },
    });
    await call('draft.updateMetadata', { patch: { audience: 'Everyone' } });
    const added = await call('draft.addQuestion', { sectionId: bg.id, type: 'yes_no' });
    await call('draft.deleteSection', { id: draft.sections.find((s) => s.kind === 'glossary')!.id });
    expect((await call('draft.get', {})).draft.sections).toHaveLength(8);

    let r = await call('draft.undo', {}); // glossary back
    expect(r.draft.sections).toHaveLength(9);
    expect(r.draft.sections.at(-1)!.kind).toBe('glossary');
    r = await call('draft.undo', {}); // question gone
    expect(r.draft.questions.find((q) => q.id === added.id)).toBeUndefined();
    r = await call('draft.undo', {}); // audience gone
    expect(r.draft.metadata.audience).toBe('');
    expect(r.canRedo).toBe(true);
    r = await call('draft.redo', {});
    expect(r.draft.metadata.audience).toBe('Everyone');
    // A new change clears redo.
    await call('draft.updateMetadata', { patch: { summary: 'A summary' } });
    expect((await call('draft.get', {})).canRedo).toBe(false);
    await router.shutdown();
    // Everything, including undone state, is on disk.
    const w = await WorkspaceFile.open(path);
    const onDisk = loadDraft(w.db);
    expect(onDisk.metadata.audience).toBe('Everyone');
    expect(onDisk.metadata.summary).toBe('A summary');
    expect(onDisk.questions).toHaveLength(0);
    expect(onDisk.sections.find((s) => s.kind === 'background')!.body.content).toHaveLength(1);
    w.close();
  });

  it('refuses to delete a section that still has questions, naming how many', async () => {
    const { call, fails, router } = testRouter(t.dir);
    await call('workspace.create', {
      path: t.path('d.consult'),
      title: 'Delete',
      from: { kind: 'template', template: 'example' },
    });
    const e = await fails('draft.deleteSection', { id: 'example-section-proposal-1' });
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/has 3 questions/);
    await router.shutdown();
  });

  it('the workspace title and the draft title stay the same', async () => {
    const { call, router } = testRouter(t.dir);
    await call('workspace.create', { path: t.path('t.consult'), title: 'One' });
    await call('draft.updateMetadata', { patch: { title: 'Two' } });
    expect((await call('workspace.current', {}))!.title).toBe('Two');
    await call('workspace.setTitle', { title: 'Three' });
    expect((await call('draft.get', {})).draft.metadata.title).toBe('Three');
    await router.shutdown();
  });

  it('saves versions, opens one read-only and compares it with the current draft', async () => {
    const { call, router } = testRouter(t.dir);
    await call('workspace.create', {
      path: t.path('v.consult'),
      title: 'Versions',
      from: { kind: 'template', template: 'example' },
    });
    const v1 = await call('draft.saveVersion', { label: 'Sent to legal' });
    expect(v1).toMatchObject({ id: 1, label: 'Sent to legal', sections: 10, questions: 11 });
    const bg = 'example-section-background';
    const { draft } = await call('draft.get', {});
    const body = draft.sections.find((s) => s.id === bg)!.body;
    await call('draft.updateSection', {
      id: bg,
      body: {
        ...body,
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'In 2026, 72% of adults in England looked for health information online.' },
            ],
          },
          ...body.content.slice(1),
        ],
      },
    });
    await call('draft.deleteQuestion', { id: 'example-q3' });
    await call('draft.addQuestion', { sectionId: 'example-section-impacts', type: 'open_text' });
    await call('draft.updateQuestion', {
      id: 'example-q1',
      patch: { text: 'How far do you agree there should be one front door?' },
    });
    const v2 = await call('draft.saveVersion', { label: 'After legal' });
    expect((await call('draft.listVersions', {})).map((v) => v.label)).toEqual(['After legal', 'Sent to legal']);
    const old = await call('draft.getVersion', { id: v1.id });
    expect(old.draft.questions).toHaveLength(11);
    const cmp = await call('draft.compare', { from: v1.id, to: v2.id });
    expect(cmp.summary).toMatchObject({ questionsAdded: 1, questionsRemoved: 1 });
    const section = cmp.sections.find((s) => s.id === bg)!;
    expect(section.status).toBe('changed');
    expect(section.parts.some((p) => p.removed && p.value.includes('71'))).toBe(true);
    expect(section.parts.some((p) => p.added && p.value.includes('72'))).toBe(true);
    const q1 = cmp.questions.find((q) => q.id === 'example-q1')!;
    expect(q1.changes).toContain('text');
    // Before and after, with the words taken out and put in.
    const wording = q1.details.find((d) => d.what === 'Question')!;
    expect(wording.before).toBe(old.draft.questions.find((q) => q.id === 'example-q1')!.text);
    expect(wording.after).not.toBe(wording.before);
    expect(wording.parts!.some((p) => p.added) || wording.parts!.some((p) => p.removed)).toBe(true);
    const q4 = cmp.questions.find((q) => q.id === 'example-q4')!;
    expect(q4.changes).toContain('number'); // Q3 was removed, so Q4 is now 3
    expect(q4.numberAfter).toBe('3');
    await router.shutdown();
  });

  it('draft JSON: export, then a new workspace from it gives the same draft', async () => {
    const { call, router } = testRouter(t.dir);
    await call('workspace.create', {
      path: t.path('src.consult'),
      title: 'One online place for NHS information and services',
      from: { kind: 'template', template: 'example' },
    });
    const out = t.path('draft.json');
    const exported = await call('draft.exportJson', { path: out });
    expect(exported).toMatchObject({ sections: 10, questions: 11 });
    await call('workspace.create', {
      path: t.path('copy.consult'),
      title: 'One online place for NHS information and services',
      from: { kind: 'json', path: out },
    });
    const { draft } = await call('draft.get', {});
    expect(draft).toEqual(draftSchema.parse(exampleDraft()));
    await router.shutdown();
  });

  it('bad draft JSON: unknown fields, wrong types, not JSON, huge text → clear errors, nothing created', async () => {
    const { fails, router } = testRouter(t.dir);
    const cases: [string, string, RegExp][] = [
      [
        'unknown.json',
        JSON.stringify({ ...exampleDraft(), extra: true }),
        /not a valid consultation draft.*extra|Unrecognized key/,
      ],
      [
        'types.json',
        JSON.stringify({ ...exampleDraft(), questions: [{ ...exampleDraft().questions[0], type: 'essay' }] }),
        /questions\.0\.type/,
      ],
      ['garbage.json', '{"metadata": ', /not valid JSON/],
      [
        'huge.json',
        JSON.stringify({
          ...exampleDraft(),
          sections: [
            {
              ...exampleDraft().sections[0],
              body: {
                type: 'doc',
                content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x'.repeat(10 * 1024 * 1024) }] }],
              },
            },
          ],
        }),
        /longer than 1,000,000 characters/,
      ],
    ];
    for (const [name, content, msg] of cases) {
      writeFileSync(t.path(name), content);
      const e = await fails('workspace.create', {
        path: t.path(`${name}.consult`),
        title: 'X',
        from: { kind: 'json', path: t.path(name) },
      });
      expect(e.code, name).toBe('bad-file');
      expect(e.message, name).toMatch(msg);
    }
    expect(readFileSync(t.path('garbage.json'), 'utf8')).toBe('{"metadata": ');
    await router.shutdown();
  });

  it('a copy of an earlier workspace’s draft', async () => {
    const { call, router } = testRouter(t.dir);
    await call('workspace.create', {
      path: t.path('earlier.consult'),
      title: 'Earlier',
      from: { kind: 'template', template: 'example' },
    });
    await call('workspace.close', {});
    await call('workspace.create', {
      path: t.path('later.consult'),
      title: 'Later',
      from: { kind: 'workspace', path: t.path('earlier.consult') },
    });
    const { draft } = await call('draft.get', {});
    expect(draft.metadata.title).toBe('Later');
    expect(draft.questions).toHaveLength(11);
    await router.shutdown();
  });
});
