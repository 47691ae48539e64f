import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempDir } from '../harness/temp';
import { testRouter } from '../harness/router';
import { openReadOnly } from '#electron/services/core/db/workspace-file';
import { analysisWorkspace, CLOCK, hand, importResponses, responseIds, type Ws } from '../unit/analysis-app/helpers';

/**
 * Two coders, end to end through two Routers (the lead's app and a colleague's): the lead codes,
 * exports a coding package, the colleague opens it in their own workbench and codes it with the
 * same calls, the lead merges it back. Cohen's kappa per theme, per question and overall is checked
 * against published worked examples (Wikipedia, "Cohen's kappa": the 50-proposal example, κ = 0.40,
 * and the two tables with the same 60% agreement, κ = 0.1304 and 0.2593), laid out as codings.
 */
let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir('cw-analysis-coders-');
});
afterEach(() => t.cleanup());

const Q3 = 'example-q3';
const Q8 = 'example-q8';
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/**
 * Who applies which theme, by item index (0-based) of the question's answers:
 * T on Q3 (100 items): both 0–44, lead only 45–59, colleague only 60–84, neither 85–99 → [45,15;25,15]
 * U on Q3: both 0–24, lead only 25–59, colleague only 60–64, neither 65–99 → [25,35;5,35]
 * V on Q8 (50 items): both 0–19, lead only 20–24, colleague only 25–34, neither 35–49 → [20,5;10,15]
 * W on Q8: never applied (no variation: kappa not defined).
 */
const PLAN = {
  T: { lead: range(0, 59), colleague: [...range(0, 44), ...range(60, 84)] },
  U: { lead: range(0, 59), colleague: [...range(0, 24), ...range(60, 64)] },
  V: { lead: range(0, 24), colleague: [...range(0, 19), ...range(25, 34)] },
};

async function codeAs(
  ws: Ws,
  themes: Record<string, string>,
  items: { q3: number[]; q8: number[] },
  who: 'lead' | 'colleague',
) {
  for (const [name, q] of [
    ['T', 'q3'],
    ['U', 'q3'],
    ['V', 'q8'],
  ] as const) {
    const ids = PLAN[name][who].map((i) => items[q][i]!);
    await ws.call('analysis.bulkCode', {
      questionId: q === 'q3' ? Q3 : Q8,
      themeId: themes[name]!,
      target: { kind: 'responses', responseIds: ids },
    });
  }
  for (const rid of items.q3) await ws.call('analysis.annotate', { responseId: rid, questionId: Q3, complete: true });
  for (const rid of items.q8) await ws.call('analysis.annotate', { responseId: rid, questionId: Q8, complete: true });
}

describe('two coders: a coding package out and back', () => {
  it(
    'merges a colleague’s package, reports kappa as the published examples give it, lists conflicts and resolves ' +
      'them without changing the agreement',
    async () => {
      const lead = await analysisWorkspace(t.dir, 'lead.consult');
      const rs = range(1, 100).map((n) =>
        hand(
          n,
          {
            name: `Person ${n}`,
            email: `p${n}@example.org`,
            postcode: 'AB1 2CD',
            respondingAs: 'As an individual',
          } as never,
          {
            [Q3]: { optionIds: [], text: `Answer ${n} to question three: the service should stay easy to reach.` },
            ...(n <= 50 ? { [Q8]: { optionIds: [], text: `Help ${n}: a phone line and someone to talk to.` } } : {}),
          },
        ),
      );
      await importResponses(lead, t.dir, 'responses.csv', rs);
      const ids = await responseIds(lead);
      const items = { q3: ids, q8: ids.slice(0, 50) };
      const themes: Record<string, string> = {};
      for (const [name, q] of [
        ['T', Q3],
        ['U', Q3],
        ['V', Q8],
        ['W', Q8],
      ] as const)
        themes[name] = (await lead.call('analysis.saveTheme', { name: `Theme ${name}`, questionIds: [q] })).id;
      await codeAs(lead, themes, items, 'lead');

      const pkgPath = t.path('for-sam.consult');
      const sent = await lead.call('analysis.exportPackage', {
        path: pkgPath,
        questionIds: [Q3, Q8],
        sample: { kind: 'percent', percent: 100, seed: 7 },
        coder: 'Sam Patel',
      });
      expect(sent).toMatchObject({ direction: 'sent', answers: 150, coder: 'Sam Patel', agreement: null });
      expect((await lead.call('outputs.log', {}))[0]).toMatchObject({
        kind: 'coding-package',
        path: pkgPath,
        redaction: 'none',
      });

      // The package holds answers and the codebook, and nothing about the respondents.
      const ro = await openReadOnly(pkgPath);
      expect(
        ro.db.scalar(
          'SELECT count(*) FROM respondent WHERE name IS NOT NULL OR email IS NOT NULL OR postcode IS NOT NULL OR ' +
            'organisation IS NOT NULL',
        ),
      ).toBe(0);
      expect(ro.db.scalar('SELECT count(*) FROM answer')).toBe(150);
      expect(
        ro.db.all<{ q: string }>('SELECT DISTINCT question_id AS q FROM answer ORDER BY q').map((r) => r.q),
      ).toEqual([Q3, Q8]);
      expect(ro.db.scalar('SELECT count(*) FROM coding')).toBe(0);
      expect(ro.db.scalar('SELECT count(*) FROM theme')).toBe(4);
      ro.db.close();

      // The colleague, on their own laptop: their own app, their own settings.
      const sam = testRouter(join(t.dir, 'sam'), CLOCK);
      await sam.call('workspace.open', { path: pkgPath });
      const overview = await sam.call('analysis.overview', {});
      expect(overview.package).toMatchObject({
        sourceConsultationId: lead.consultationId,
        coder: 'Sam Patel',
        questionIds: [Q3, Q8],
        answers: 150,
      });
      const first = await sam.call('analysis.queue', { questionId: Q3, move: 'current' });
      expect(first.answer!.responseId).toBe(ids[0]);
      expect(first.answer!.codings).toEqual([]);
      await codeAs({ ...lead, call: sam.call, fails: sam.fails, router: sam.router } as Ws, themes, items, 'colleague');
      await sam.call('workspace.close', {});
      await sam.router.shutdown();

      const merged = await lead.call('analysis.mergePackage', { path: pkgPath });
      expect(merged.answersCodedByColleague).toBe(150);
      expect(merged.unknownThemes).toEqual([]);
      const ag = merged.package.agreement!;
      expect(ag.coderB).toBe('Sam Patel');
      const q3 = ag.questions.find((q) => q.questionId === Q3)!;
      const q8 = ag.questions.find((q) => q.questionId === Q8)!;
      const theme = (q: typeof q3, id: string) => q.themes.find((x) => x.themeId === id)!;
      expect([q3.sampled, q3.doubleCoded, q8.sampled, q8.doubleCoded]).toEqual([100, 100, 50, 50]);
      expect(theme(q3, themes.T!).table).toEqual({ both: 45, aOnly: 15, bOnly: 25, neither: 15 });
      expect(theme(q3, themes.T!).kappa).toBeCloseTo(0.1304, 4);
      expect(theme(q3, themes.T!).percentAgreement).toBeCloseTo(0.6, 10);
      expect(theme(q3, themes.U!).kappa).toBeCloseTo(0.2593, 4);
      expect(theme(q3, themes.U!).band).toBe('Fair');
      expect(q3.pooled.kappa).toBeCloseTo(0.2, 10);
      expect(theme(q8, themes.V!).kappa).toBeCloseTo(0.4, 10);
      expect(theme(q8, themes.V!).percentAgreement).toBeCloseTo(0.7, 10);
      // Neither coder used W: agreement 100%, kappa not defined (never shown as 0 or 1).
      expect(theme(q8, themes.W!)).toMatchObject({
        kappa: null,
        undefinedReason: 'no-variation',
        percentAgreement: 1,
        band: 'Not defined (every answer coded the same way)',
      });
      expect(q8.pooled.kappa).toBeCloseTo(0.625, 10);
      // Overall: the four tables pooled, [90,55;40,115] over 300 decisions.
      expect(ag.overall.table).toEqual({ both: 90, aOnly: 55, bOnly: 40, neither: 115 });
      expect(ag.overall.kappa).toBeCloseTo(0.36384, 4);
      expect(ag.overall.percentAgreement).toBeCloseTo(205 / 300, 10);
      // Conflicts: Q3 items 25–84 (T or U differ), Q8 items 20–34.
      expect(merged.conflicts).toBe(75);
      const conflicts = await lead.call('analysis.conflicts', { packageId: sent.id });
      expect(conflicts).toHaveLength(75);
      const c = conflicts.find((x) => x.responseId === ids[45] && x.questionId === Q3)!;
      // Item 45: lead T and U; colleague neither.
      expect([c.mine.sort(), c.theirs]).toEqual([['Theme T', 'Theme U'], []]);

      const resolved = await lead.call('analysis.resolveConflicts', {
        packageId: sent.id,
        take: 'theirs',
        items: [{ responseId: ids[45]!, questionId: Q3 }],
      });
      expect(resolved.resolved).toBe(1);
      const after = await lead.call('analysis.queue', { questionId: Q3, responseId: ids[45]!, move: 'current' });
      expect(after.answer!.codings).toEqual([]);
      expect(await lead.call('analysis.conflicts', { packageId: sent.id })).toHaveLength(74);
      // The agreement measured at the merge is unchanged by resolving conflicts.
      expect((await lead.call('analysis.agreement', { packageId: sent.id }))!.overall.kappa).toBeCloseTo(0.36384, 4);
      await lead.call('analysis.undoOperation', { opId: resolved.opId! });
      expect(
        (await lead.call('analysis.queue', { questionId: Q3, responseId: ids[45]!, move: 'current' }))
          .answer!.codings.map((x) => x.themeId)
          .sort(),
      ).toEqual([themes.T, themes.U].sort());
      expect(await lead.call('analysis.conflicts', { packageId: sent.id })).toHaveLength(75);

      // The colleague's codings are kept as coder B: the lead's counts do not change.
      expect(
        (await lead.call('analysis.themeCounts', { questionId: Q8 })).themes.find((x) => x.themeId === themes.V)!.count,
      ).toBe(25);
      await lead.router.shutdown();
    },
    120_000,
  );

  it('refuses a package made from another consultation, and a file that is not a package', async () => {
    const lead = await analysisWorkspace(t.dir, 'lead.consult');
    await importResponses(
      lead,
      t.dir,
      'a.csv',
      range(1, 12).map((n) => hand(n, { name: `P${n}` }, { [Q3]: { optionIds: [], text: `Answer ${n}` } })),
    );
    const other = await analysisWorkspace(t.dir, 'other.consult', 'Bus services in rural areas');
    await importResponses(
      other,
      t.dir,
      'b.csv',
      range(1, 12).map((n) => hand(n, { name: `P${n}` }, { [Q3]: { optionIds: [], text: `Other answer ${n}` } })),
    );
    await other.call('analysis.exportPackage', {
      path: t.path('bus-package'),
      questionIds: [Q3],
      sample: { kind: 'count', n: 5, seed: 1 },
      coder: 'Alex',
    });
    await other.router.shutdown();
    const refused = await lead.fails('analysis.mergePackage', { path: t.path('bus-package.consult') });
    expect(refused.code).toBe('conflict');
    expect(refused.message).toBe(
      'That coding package was made from another consultation (“Bus services in rural areas”), so it cannot be ' +
        'merged into this one.',
    );
    const notPackage = await lead.fails('analysis.mergePackage', { path: t.path('other.consult') });
    expect(notPackage.code).toBe('bad-file');
    expect(notPackage.message).toMatch(/not a coding package/);
    // A seeded sample: the same seed gives the same answers.
    const a = await lead.call('analysis.exportPackage', {
      path: t.path('p1'),
      questionIds: [Q3],
      sample: { kind: 'count', n: 5, seed: 42 },
      coder: 'A',
    });
    const b = await lead.call('analysis.exportPackage', {
      path: t.path('p2'),
      questionIds: [Q3],
      sample: { kind: 'count', n: 5, seed: 42 },
      coder: 'B',
    });
    const answersOf = async (p: string) => {
      const ro = await openReadOnly(p);
      try {
        return ro.db.all<{ r: number }>('SELECT response_id AS r FROM answer ORDER BY r').map((x) => x.r);
      } finally {
        ro.db.close();
      }
    };
    expect(await answersOf(a.path)).toEqual(await answersOf(b.path));
    expect(await answersOf(a.path)).toHaveLength(5);
    expect((await lead.call('analysis.packages', {})).map((p) => p.direction)).toEqual(['sent', 'sent']);
    await lead.router.shutdown();
  });
});
