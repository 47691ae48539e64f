import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../harness/temp';
import { analysisWorkspace, hand, importGenerated, importResponses } from './helpers';

/**
 * Offline theme suggestions from the database: a job over a question's open answers, kept until
 * reviewed; accepting creates codebook themes (renamed or merged as the analyst says), and the
 * suggested answers are coded only when the analyst asks — as source "suggestion", undoable.
 */
let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir('cw-analysis-suggest-');
});
afterEach(() => t.cleanup());

const Q3 = 'example-q3';

describe('theme suggestions', () => {
  it('suggests themes with examples, and nothing is coded until the analyst accepts and asks for it', async () => {
    const ws = await analysisWorkspace(t.dir);
    await importGenerated(ws, t.dir, 'generated.csv', { count: 160, seed: 4, campaigns: [] });
    const run = await ws.call('analysis.suggestThemes', { questionId: Q3 });
    expect(run.questionId).toBe(Q3);
    expect(run.answers).toBeGreaterThan(50);
    expect(run.suggestions.length).toBeGreaterThanOrEqual(3);
    for (const s of run.suggestions) {
      expect(s.label.length).toBeGreaterThan(0);
      expect(s.size).toBeGreaterThan(0);
      expect(s.examples.length).toBeGreaterThan(0);
      // Examples are real answers of this question.
      const q = await ws.call('analysis.queue', {
        questionId: Q3,
        responseId: s.examples[0]!.responseId,
        move: 'current',
      });
      expect(q.answer!.text).toBe(s.examples[0]!.text);
    }
    expect(await ws.call('analysis.suggestions', { questionId: Q3 })).toMatchObject({ id: run.id, reviewedAt: null });
    // Still nothing in the codebook and nothing coded.
    expect(await ws.call('analysis.codebook', {})).toEqual([]);

    const [a, b, c] = run.suggestions;
    const reviewed = await ws.call('analysis.reviewSuggestions', {
      runId: run.id,
      decisions: [
        { suggestionId: a!.id, action: 'accept', name: 'Getting online is hard' },
        { suggestionId: b!.id, action: 'merge', intoId: a!.id },
        { suggestionId: c!.id, action: 'reject' },
      ],
      applyToMembers: false,
    });
    expect(reviewed.created.map((x) => [x.name, x.origin, x.questionIds])).toEqual([
      ['Getting online is hard', 'suggestion', [Q3]],
    ]);
    expect(reviewed.applied).toBe(0);
    expect((await ws.call('analysis.themeCounts', { questionId: Q3 })).coded).toBe(0);
    // The new theme's answers (its own and the merged suggestion's, an answer in both once) are offered.
    const offered = reviewed.suggested!.find((x) => x.themeId === reviewed.created[0]!.id)!.responseIds;
    expect(new Set(offered).size).toBe(offered.length);
    expect(offered.length).toBeGreaterThanOrEqual(Math.max(a!.size, b!.size));
    expect(offered.length).toBeLessThanOrEqual(a!.size + b!.size);
    const check = await ws.call('analysis.bulkCode', {
      questionId: Q3,
      themeId: reviewed.created[0]!.id,
      target: { kind: 'responses', responseIds: offered },
      dryRun: true,
    });
    expect(check.responseIds!.sort((x, y) => x - y)).toEqual([...offered].sort((x, y) => x - y));
    expect(check.preview!.length).toBe(Math.min(200, offered.length));
    expect(check.preview![0]!.text.length).toBeGreaterThan(0);
    expect((await ws.call('analysis.themeCounts', { questionId: Q3 })).coded).toBe(0);
    expect((await ws.call('analysis.suggestions', { questionId: Q3 }))!.reviewedAt).not.toBeNull();

    // A second run, this time applying an accepted theme to its answers.
    const run2 = await ws.call('analysis.suggestThemes', { questionId: Q3, k: 4 });
    expect(run2.suggestions).toHaveLength(4);
    const s = run2.suggestions[0]!;
    const applied = await ws.call('analysis.reviewSuggestions', {
      runId: run2.id,
      decisions: [{ suggestionId: s.id, action: 'accept' }],
      applyToMembers: true,
    });
    expect(applied.applied).toBe(s.size);
    const counts = await ws.call('analysis.themeCounts', { questionId: Q3 });
    expect(counts.themes.find((x) => x.themeId === applied.created[0]!.id)!.count).toBe(s.size);
    const q = await ws.call('analysis.queue', {
      questionId: Q3,
      responseId: s.examples[0]!.responseId,
      move: 'current',
    });
    expect(q.answer!.codings.map((x) => x.source)).toContain('suggestion');
    await ws.call('analysis.undoOperation', { opId: applied.opIds[0]! });
    expect(
      (await ws.call('analysis.themeCounts', { questionId: Q3 })).themes.find(
        (x) => x.themeId === applied.created[0]!.id,
      )!.count,
    ).toBe(0);
    await ws.router.shutdown();
  });

  it('refuses a question with too few answers, and a closed question without text', async () => {
    const ws = await analysisWorkspace(t.dir);
    await importGenerated(ws, t.dir, 'few.csv', { count: 6, seed: 1 });
    expect((await ws.fails('analysis.suggestThemes', { questionId: Q3 })).message).toMatch(/at least 10 are needed/);
    expect((await ws.fails('analysis.suggestThemes', { questionId: 'example-q5' })).code).toBe('invalid-input');
    await ws.router.shutdown();
  });

  it('leaves out the answers of a confirmed campaign (a group already known), and says how many', async () => {
    const ws = await analysisWorkspace(t.dir, 'campaigns.consult');
    await importGenerated(ws, t.dir, 'generated.csv', { count: 160, seed: 4 });
    await ws.call('responses.detect', {});
    const [campaign] = (await ws.call('responses.campaigns', {})).sort((a, b) => b.size - a.size);
    expect(campaign, 'the generated responses hold a campaign').toBeTruthy();
    await ws.call('responses.decideCampaign', { id: campaign!.id, decision: 'confirm' });
    const members = new Set(
      (await ws.call('responses.campaignMembers', { id: campaign!.id, offset: 0, limit: 500 })).members.map(
        (m) => m.responseId,
      ),
    );
    const run = await ws.call('analysis.suggestThemes', { questionId: Q3 });
    expect(run.campaignAnswers).toBeGreaterThan(0);
    expect(run.campaignAnswers).toBeLessThanOrEqual(members.size);
    for (const s of run.suggestions) for (const e of s.examples) expect(members.has(e.responseId)).toBe(false);
  });

  it('finds themes among those who agree and those who disagree apart, when the question asks for both', async () => {
    const ws = await analysisWorkspace(t.dir, 'stance.consult');
    // Question 1: agree or disagree, then explain. The same words about cost on both sides.
    const agree = ['The cost of running many websites is too high, one site saves money.', 'One site would cost less.'];
    const disagree = ['The cost of moving everything to one site is too high.', 'Building one site would cost a lot.'];
    const rs = Array.from({ length: 40 }, (_, i) => {
      const yes = i % 2 === 0;
      const ending = ['', 'Really.', 'I think so.', 'Truly.', 'Yes.'][i % 5];
      const text = `${(yes ? agree : disagree)[i % 4 < 2 ? 0 : 1]!} ${ending}`;
      return hand(
        i + 1,
        {},
        {
          'example-q1': { optionIds: [yes ? 'likert-agree' : 'likert-strongly-disagree'], explanation: text.trim() },
        },
      );
    });
    await importResponses(ws, t.dir, 'stance.csv', rs);
    const run = await ws.call('analysis.suggestThemes', { questionId: 'example-q1' });
    const stances = new Set(run.suggestions.map((x) => x.stance));
    expect(stances).toEqual(new Set(['Agree', 'Disagree']));
    // Each suggestion's examples come from its own side.
    for (const sug of run.suggestions)
      for (const e of sug.examples)
        expect((sug.stance === 'Agree' ? agree : disagree).some((a) => e.text.startsWith(a))).toBe(true);
    await ws.router.shutdown();
  });
});
