import { describe, expect, it } from 'vitest';
import { checkDraft, openErrors, RULES, type Finding } from '#shared/checker/index';
import { draftSchema } from '#shared/domain/draft/model';
import { exampleDraft } from '#shared/domain/draft/example';
import { docFromText } from '#shared/domain/draft/rich-text';
import { ex, NOW, run, section, SECTION, withText } from './helpers';

describe('checkDraft on the filled-in example', () => {
  it('reports no errors, and exactly these warnings and advice', () => {
    const found = run(exampleDraft());
    expect(openErrors(found)).toEqual([]);
    expect(found.map((f) => `${f.severity} ${f.ruleId} ${f.title}`)).toEqual([
      'warning R-TM3 Runs through the Easter holiday',
      'warning R-SL1 Sentence of 36 words',
      'warning R-SL1 Sentence of 29 words',
      'advice R-PN4 AI use not stated',
    ]);
  });

  it('the example is valid against the draft schema, so the checker and the app read the same draft', () => {
    expect(draftSchema.safeParse(exampleDraft()).success).toBe(true);
  });

  it('is deterministic: the same draft gives the same findings and keys', () => {
    expect(run(exampleDraft())).toEqual(run(exampleDraft()));
  });
});

describe('findings', () => {
  it('come in document order: draft-wide, the box, sections with their questions, about you, privacy notice', () => {
    const d = ex((d) => {
      d.sections = d.sections.filter((s) => s.kind !== 'foreword'); // draft-wide R-SEC1
      d.metadata.audience = ''; // box
      d.questions[0]!.text = 'Don’t you agree that this is vital?'; // question in proposal 1
      section(d, SECTION.background).body = docFromText('We will utilise data.'); // background, before proposal 1
      d.aboutYou.find((f) => f.key === 'region')!.options = [];
      d.privacyNotice.retention = '';
    });
    const order = run(d).map(
      (f) => f.location.kind + (f.location.kind === 'section' ? `:${f.location.sectionId}` : ''),
    );
    const firstIndex = (k: string) => order.indexOf(k);
    expect(firstIndex('draft')).toBe(0);
    expect(firstIndex('metadata')).toBeGreaterThan(firstIndex('draft'));
    expect(firstIndex(`section:${SECTION.background}`)).toBeGreaterThan(firstIndex('metadata'));
    expect(firstIndex('question')).toBeGreaterThan(firstIndex(`section:${SECTION.background}`));
    expect(firstIndex(`section:${SECTION.confidentiality}`)).toBeGreaterThan(firstIndex('question'));
    expect(firstIndex('aboutYou')).toBeGreaterThan(firstIndex(`section:${SECTION.confidentiality}`));
    expect(firstIndex('privacy')).toBeGreaterThan(firstIndex('aboutYou'));
  });

  it('within a paragraph, in the order of the text', () => {
    const found = run(withText('We will utilise data, then tackle waits, then leverage our systems.')).filter(
      (f) => f.ruleId === 'R-W1',
    );
    expect(found.map((f) => f.title)).toEqual([
      'Word to avoid: “utilise”',
      'Word to avoid: “tackle”',
      'Word to avoid: “leverage”',
    ]);
  });

  it('point at the block (walkBlocks path) and quote the text', () => {
    const d = ex((d) => {
      section(d, SECTION.background).body = docFromText('First paragraph.\n\nIntro:\n- an item\n- we will utilise it');
    });
    const f = run(d).find((x) => x.ruleId === 'R-W1')!;
    expect(f.location).toMatchObject({ kind: 'section', sectionId: SECTION.background, blockPath: [2, 1, 0] });
    expect(f.location.kind === 'section' && f.location.excerpt).toBe('we will utilise it');
  });

  it('have unique keys, even for the same word twice in one sentence', () => {
    const found = run(withText('We utilise this and utilise that. We utilise this and utilise that.'));
    const keys = found.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(found.filter((f) => f.ruleId === 'R-W1')).toHaveLength(4);
  });

  it('keep their key when other text changes, so dismissals survive editing', () => {
    const key = (d = ex()) => run(d).find((f) => f.ruleId === 'R-SL1')!.key;
    const before = key();
    const after = key(
      ex((d) => {
        section(d, SECTION.proposal3).body.content.unshift({
          type: 'paragraph',
          content: [{ type: 'text', text: 'A new first paragraph.' }],
        });
        d.metadata.summary = 'Something else entirely.';
      }),
    );
    expect(after).toBe(before);
    expect(before.startsWith(`R-SL1@section:${SECTION.proposal3}#`)).toBe(true);
  });

  it('a rule reports only ids that are in the catalogue, with its severity or lower', () => {
    const rank = { error: 0, warning: 1, advice: 2 } as const;
    const byId = new Map(RULES.map((r) => [r.id, r]));
    const drafts = [
      exampleDraft(),
      ex((d) => ((d.metadata.title = ''), (d.questions = []), (d.privacyNotice.rights = ''))),
    ];
    for (const d of drafts)
      for (const f of run(d)) {
        const r = byId.get(f.ruleId);
        expect(r, f.ruleId).toBeDefined();
        expect(rank[f.severity]).toBeGreaterThanOrEqual(rank[r!.severity]);
        expect(f.title.length).toBeGreaterThan(0);
        expect(f.message.length).toBeGreaterThan(f.title.length);
      }
  });
});

describe('dismissals', () => {
  it('a dismissed finding comes back with the reason, who and when, and is no longer an open error', () => {
    const d = ex((d) => (d.metadata.complianceStatement = ''));
    const error = openErrors(run(d))[0]!;
    expect(error.ruleId).toBe('R-BOX');
    d.dismissed = [
      {
        key: error.key,
        reason: 'Agreed with the Cabinet Office on 3 March.',
        at: '2027-03-03T10:00:00.000Z',
        by: 'A. Official',
      },
    ];
    const again = run(d);
    const same = again.find((f) => f.key === error.key)!;
    expect(same.dismissed).toEqual({
      reason: 'Agreed with the Cabinet Office on 3 March.',
      at: '2027-03-03T10:00:00.000Z',
      by: 'A. Official',
    });
    expect(again).toHaveLength(run(ex((x) => (x.metadata.complianceStatement = ''))).length);
    expect(openErrors(again)).toEqual([]);
  });

  it('a dismissal of a warning silences nothing else, and an unknown key is ignored', () => {
    const d = ex();
    const warning = run(d).find((f) => f.ruleId === 'R-TM3')!;
    d.dismissed = [
      { key: warning.key, reason: 'Extra events over Easter.', at: '2027-01-01T00:00:00.000Z', by: 'Team' },
      { key: 'R-NOPE@draft', reason: 'old', at: '2027-01-01T00:00:00.000Z', by: 'Team' },
    ];
    const found = run(d);
    expect(found.filter((f) => f.dismissed).map((f) => f.key)).toEqual([warning.key]);
  });

  it('a dismissal stops applying when the text it was about changes', () => {
    const d = withText('We will utilise data.');
    const f = run(d).find((x) => x.ruleId === 'R-W1')!;
    const edited = withText('We will utilise the data we hold.');
    edited.dismissed = [{ key: f.key, reason: 'Quoting a law.', at: '2027-01-01T00:00:00.000Z', by: 'Team' }];
    const again = run(edited).find((x) => x.ruleId === 'R-W1')!;
    expect(again.dismissed).toBeUndefined();
  });
});

describe('openErrors', () => {
  it('keeps only undismissed errors', () => {
    const f = (severity: Finding['severity'], dismissed = false): Finding => ({
      key: `${severity}${dismissed}`,
      ruleId: 'R-X',
      severity,
      title: 't',
      message: 'm',
      location: { kind: 'draft' },
      ...(dismissed ? { dismissed: { reason: 'r', at: 'a', by: 'b' } } : {}),
    });
    expect(openErrors([f('error'), f('error', true), f('warning'), f('advice')]).map((x) => x.key)).toEqual([
      'errorfalse',
    ]);
  });
});

describe('the rule catalogue', () => {
  it('has unique ids, and each rule a severity, title, description and reference to the standard', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(['error', 'warning', 'advice']).toContain(r.severity);
      expect(r.title.length).toBeGreaterThan(3);
      expect(r.description.length).toBeGreaterThan(10);
      expect(r.standardRef.length).toBeGreaterThan(0);
    }
    for (const id of ['R-BOX', 'R-Q1', 'R-Q2', 'R-Q3', 'R-Q4', 'R-D1', 'R-D2', 'R-R1', 'R-R2'])
      expect(ids).toContain(id);
  });

  it('RULES.md documents every rule id', async () => {
    const { readFile } = await import('node:fs/promises');
    const md = await readFile(new URL('../../../shared/checker/RULES.md', import.meta.url), 'utf8');
    for (const r of RULES) expect(md, r.id).toContain(`| ${r.id} |`);
  });
});

describe('options.now', () => {
  it('defaults to the clock', () => {
    const d = ex((d) => {
      d.metadata.opensAt = '2001-01-01T09:00:00Z';
      d.metadata.closesAt = '2001-03-30T23:59:00Z';
      d.metadata.responsePaper.dueDate = '2001-06-01';
    });
    expect(checkDraft(d).some((f) => f.ruleId === 'R-TM7')).toBe(true);
    expect(checkDraft(d, { now: NOW }).some((f) => f.ruleId === 'R-TM7')).toBe(true);
    expect(checkDraft(d, { now: new Date('2001-02-01T00:00:00Z') }).some((f) => f.ruleId === 'R-TM7')).toBe(false);
  });
});
