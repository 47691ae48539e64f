import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../harness/temp';
import { externalIdFor } from '../../generators/layouts';
import { PERSONAL_FIELDS } from '#shared/domain/draft/model';
import { normaliseEmail } from '#shared/analysis/duplicates';
import { RESPONDENT_COLUMN } from '#electron/services/responses/respondent-columns';
import { workspaceWith, writeCsv, writeSurvey, type SurveyFile } from './helpers';

/**
 * Respondents, duplicates, corrections, organisation names and search, on one workspace holding a
 * generated export (with planted duplicates and organisation spelling variants) and a few letters.
 */
const t = tempDir('cw-responses-people-');
let ws: Awaited<ReturnType<typeof workspaceWith>>;
let f: SurveyFile;

beforeAll(async () => {
  ws = await workspaceWith(t.dir);
  f = writeSurvey(t.dir, 'export.csv', { count: 600, seed: 4, generate: { duplicateRate: 0.03 } });
  const out = await ws.call('responses.import', { paths: [f.path], detect: true });
  expect(out.imported).toBe(600);
});
afterAll(async () => {
  await ws.router.shutdown();
  t.cleanup();
});

describe('personal data in the schema', () => {
  it('marks every personal respondent field as personal in data_classification, where exports read it', () => {
    const db = ws.router.session('s').workspace!.db;
    const personal = new Set(
      db
        .all<{ column_name: string }>(
          "SELECT column_name FROM data_classification WHERE table_name = 'respondent' AND classification = 'personal'",
        )
        .map((r) => r.column_name),
    );
    for (const k of PERSONAL_FIELDS) expect(personal.has(RESPONDENT_COLUMN[k]), k).toBe(true);
    expect(personal.has('organisation')).toBe(false);
    // Free text is marked too: respondents write personal details into answers.
    expect(
      db.scalar("SELECT classification FROM data_classification WHERE table_name = 'answer' AND column_name = 'text'"),
    ).toBe('free-text');
  });

  it(
    'flags responses with personal data and derives ' + 'organisation and confidentiality from the answers given',
    async () => {
      const withPersonal = await ws.call('responses.list', { filters: { hasPersonalData: true }, offset: 0, limit: 1 });
      const expected = f.responses.filter((r) => [...PERSONAL_FIELDS].some((k) => r.respondent[k])).length;
      expect(withPersonal.total).toBe(expected);
      const orgs = await ws.call('responses.list', { filters: { organisation: 'organisation' }, offset: 0, limit: 1 });
      expect(orgs.total).toBe(
        f.responses.filter((r) => r.respondent.respondingAs === 'On behalf of an organisation').length,
      );
    },
  );
});

describe('duplicates', () => {
  it('flags the planted exact duplicates (same email, same answers) for the official to resolve', async () => {
    const groups = await ws.call('responses.duplicates', {});
    const file = ws.router.session('s').workspace!;
    const ext = new Map(
      file.db
        .all<{ id: number; external_id: string }>('SELECT id, external_id FROM response')
        .map((r) => [r.id, r.external_id]),
    );
    const seqOf = (id: number) => f.responses.find((r) => externalIdFor('microsoft-forms', r.seq) === ext.get(id))!;
    const planted = f.responses.filter((r) => r.truth.duplicateOf !== null && normaliseEmail(r.respondent.email));
    expect(planted.length).toBeGreaterThan(3);
    const exact = groups.filter((g) => g.kind === 'exact');
    for (const p of planted) {
      const g = exact.find((x) => x.members.some((m) => seqOf(m.responseId).seq === p.seq));
      expect(g, `duplicate ${p.seq} of ${p.truth.duplicateOf}`).toBeDefined();
      expect(g!.members.map((m) => seqOf(m.responseId).seq)).toContain(p.truth.duplicateOf);
    }
  });

  it('keeping one marks the others as duplicates: out of the counts, not deleted, and reversible', async () => {
    const g = (await ws.call('responses.duplicates', {})).find((x) => x.kind === 'exact')!;
    const before = (await ws.call('responses.summary', {})).activeResponses;
    const keep = g.suggestedKeep!;
    const after = await ws.call('responses.resolveDuplicates', {
      groupId: g.id,
      action: { kind: 'keep', responseId: keep },
    });
    const resolved = after.find((x) => x.id === g.id)!;
    expect(resolved).toMatchObject({ status: 'resolved', keepResponseId: keep, resolvedBy: 'tester' });
    const others = g.members.filter((m) => m.responseId !== keep);
    const summary = await ws.call('responses.summary', {});
    expect(summary.activeResponses).toBe(before - others.length);
    expect(summary.responses).toBe(600);
    const dup = await ws.call('responses.get', { id: others[0]!.responseId });
    expect(dup).toMatchObject({ status: 'duplicate', duplicateOf: keep });
    expect((await ws.call('responses.list', { filters: { status: 'duplicate' }, offset: 0, limit: 10 })).total).toBe(
      others.length,
    );
    // Detection again keeps the resolution.
    await ws.call('responses.detect', { campaigns: false });
    expect((await ws.call('responses.duplicates', { status: 'resolved' })).map((x) => x.id)).toEqual([g.id]);
    await ws.call('responses.resolveDuplicates', { groupId: g.id, action: { kind: 'reopen' } });
    expect((await ws.call('responses.summary', {})).activeResponses).toBe(before);
  });
});

describe('corrections', () => {
  it(
    'corrects an answer, a choice and a respondent field, keeping when, who, the old and the new value; search ' +
      'follows',
    async () => {
      const id = 5;
      const before = await ws.call('responses.get', { id });
      await ws.call('responses.correct', {
        target: 'answer',
        responseId: id,
        questionId: 'example-q3',
        field: 'text',
        value: 'Corrected: the zebra crossing outside the surgery.',
        reason: 'Typed in from the paper copy',
      });
      await ws.call('responses.correct', {
        target: 'answer',
        responseId: id,
        questionId: 'example-q1',
        field: 'optionIds',
        value: ['likert-neither'],
      });
      const after = await ws.call('responses.correct', {
        target: 'respondent',
        responseId: id,
        field: 'organisation',
        value: 'Zebra Trust Ltd',
      });
      expect(after.answers.find((a) => a.questionId === 'example-q3')?.text).toBe(
        'Corrected: the zebra crossing outside the surgery.',
      );
      expect(after.answers.find((a) => a.questionId === 'example-q1')?.optionIds).toEqual(['likert-neither']);
      expect(after.respondent.fields.organisation).toBe('Zebra Trust Ltd');
      expect(after.corrections.map((c) => [c.target, c.field, c.oldValue, c.newValue, c.by])).toEqual([
        ['respondent', 'organisation', before.respondent.fields.organisation ?? null, 'Zebra Trust Ltd', 'tester'],
        [
          'answer',
          'optionIds',
          JSON.stringify(before.answers.find((a) => a.questionId === 'example-q1')?.optionIds ?? null).replace(
            /^null$/,
            'null',
          ) === 'null'
            ? null
            : JSON.stringify(before.answers.find((a) => a.questionId === 'example-q1')!.optionIds),
          '["likert-neither"]',
          'tester',
        ],
        [
          'answer',
          'text',
          before.answers.find((a) => a.questionId === 'example-q3')?.text ?? null,
          'Corrected: the zebra crossing outside the surgery.',
          'tester',
        ],
      ]);
      expect(after.corrections[2]!.reason).toBe('Typed in from the paper copy');
      const hits = await ws.call('responses.search', { query: 'zebra' });
      expect(hits.results.map((h) => [h.responseId, h.field])).toEqual([
        [id, 'respondent'],
        [id, 'text'],
      ]);
      expect(
        await ws.fails('responses.correct', {
          target: 'answer',
          responseId: id,
          questionId: 'example-q1',
          field: 'optionIds',
          value: ['likert-agree', 'likert-disagree'],
        }),
      ).toMatchObject({ code: 'invalid-input' });
      expect(
        await ws.fails('responses.correct', {
          target: 'answer',
          responseId: id,
          questionId: 'example-q1',
          field: 'optionIds',
          value: ['not-an-option'],
        }),
      ).toMatchObject({ code: 'invalid-input' });
    },
  );
});

describe('organisation names', () => {
  it(
    'suggests merges of spelling variants; a confirmed ' + 'merge gives the canonical name and can be reverted',
    async () => {
      const { suggestions } = await ws.call('responses.organisations', {});
      expect(suggestions.length).toBeGreaterThan(0);
      const s = suggestions[0]!;
      expect(s.variants.length).toBeGreaterThan(1);
      await ws.call('responses.mergeOrganisations', {
        canonicalName: s.suggestedName,
        variants: s.variants.map((v) => v.name),
      });
      const after = await ws.call('responses.organisations', {});
      expect(after.suggestions.find((x) => x.id === s.id)).toBeUndefined();
      const merges = after.merges.filter((m) => m.canonicalName === s.suggestedName && !m.revertedAt);
      expect(merges.length).toBeGreaterThanOrEqual(new Set(s.variants.map((v) => v.key)).size);
      // Analysis reads the canonical name through the view.
      const db = ws.router.session('s').workspace!.db;
      const variant = s.variants.find((v) => v.name !== s.suggestedName)!;
      const row = db.get<{ organisation: string }>(
        'SELECT o.organisation FROM respondent p JOIN respondent_organisation o ON o.respondent_id = p.id WHERE ' +
          'p.organisation = ? LIMIT 1',
        [variant.name],
      );
      expect(row?.organisation).toBe(s.suggestedName);
      for (const m of merges) await ws.call('responses.revertMerge', { id: m.id });
      expect((await ws.call('responses.organisations', {})).suggestions.some((x) => x.id === s.id)).toBe(true);
      const back = db.get<{ organisation: string }>(
        'SELECT o.organisation FROM respondent p JOIN respondent_organisation o ON o.respondent_id = p.id WHERE ' +
          'p.organisation = ? LIMIT 1',
        [variant.name],
      );
      expect(back?.organisation).toBe(variant.name);
    },
  );
});

describe('search', () => {
  it('understands phrases, prefixes, OR and exclusions, never passing query syntax through', async () => {
    const n = async (query: string) => (await ws.call('responses.search', { query, scope: 'answers' })).total;
    const screen = await n('screen');
    const reader = await n('reader');
    const phrase = await n('"screen reader"');
    expect(phrase).toBeGreaterThan(0);
    expect(phrase).toBeLessThanOrEqual(Math.min(screen, reader));
    expect(await n('scree*')).toBeGreaterThanOrEqual(screen);
    expect(await n('screen OR broadband')).toBeGreaterThanOrEqual(Math.max(screen, await n('broadband')));
    expect(await n('screen -reader')).toBe(screen - (await n('screen reader')));
    const broadband = await n('broadband');
    expect(await n('broadband -slow')).toBe(broadband - (await n('broadband slow')));
    expect(await n('broadband -slow')).toBeLessThan(broadband);
    const eitherAndSlow = (await n('screen slow')) + (await n('broadband slow')) - (await n('screen broadband slow'));
    expect(await n('screen OR broadband -slow')).toBe((await n('screen OR broadband')) - eitherAndSlow);
    // Syntax characters are just text: no error, no injection.
    for (const q of ['NEAR(', 'text:screen', '"unclosed', '*', 'a AND', ')(']) {
      const r = await ws.call('responses.search', { query: q }).catch((e: { error: { code: string } }) => e.error);
      expect(['invalid-input', undefined]).toContain((r as { code?: string }).code);
    }
    expect(await ws.fails('responses.search', { query: '-only' })).toMatchObject({ code: 'invalid-input' });
  });

  it('highlights matches in a snippet and applies the filters', async () => {
    const r = await ws.call('responses.search', { query: 'broadband', limit: 20 });
    expect(r.results.length).toBeGreaterThan(0);
    for (const h of r.results) {
      expect(h.highlights.length).toBeGreaterThan(0);
      for (const [s, e] of h.highlights) expect(h.snippet.slice(s, e).toLowerCase()).toBe('broadband');
    }
    const q8 = await ws.call('responses.search', {
      query: 'broadband',
      filters: { questionId: 'example-q8' },
      limit: 500,
    });
    expect(q8.total).toBeGreaterThan(0);
    expect(q8.results.every((h) => h.questionId === 'example-q8')).toBe(true);
    const total = await ws.call('responses.search', { query: 'broadband', limit: 1 });
    expect(q8.total).toBeLessThanOrEqual(total.total);
    const none = await ws.call('responses.search', { query: 'broadband', filters: { channel: 'letter' } });
    expect(none.total).toBe(0);
    // Paging walks through every hit once.
    const seen = new Set<string>();
    for (let offset = 0; offset < total.total; offset += 50)
      for (const h of (await ws.call('responses.search', { query: 'broadband', offset, limit: 50 })).results)
        seen.add(`${h.responseId}/${h.questionId}/${h.field}`);
    expect(seen.size).toBe(total.total);
  });

  it('finds respondents by name and organisation', async () => {
    const path = writeCsv(t.dir, 'named.csv', [
      [
        'Your name',
        'Organisation name',
        'What, if anything, would stop you from using one front door for NHS services?',
      ],
      ['Zoë Quennell', 'Quennell Associates', 'Nothing at all'],
    ]);
    await ws.call('responses.import', { paths: [path] });
    const r = await ws.call('responses.search', { query: 'quennell', scope: 'respondents' });
    expect(r.total).toBe(1);
    expect(r.results[0]!.snippet).toMatch(/Zoë Quennell/);
    // Accents fold: "zoe" finds "Zoë" (among any other Zoes).
    expect(
      (await ws.call('responses.search', { query: 'zoe', scope: 'respondents', limit: 500 })).results.some((h) =>
        h.snippet.includes('Zoë Quennell'),
      ),
    ).toBe(true);
  });
});
