import { describe, expect, it } from 'vitest';
import { isBlankAnswer, suggestThemes } from '#shared/analysis/themes';
import { applyThemeReview } from '#shared/analysis/theme-review';
import { seededRandom } from '#shared/core/hash';
import { bestMatchF1, loadGamblingXs } from '../../bench/lib/gambling-xs';

/** Answers on three clearly different subjects, in varied wording. */
function threeTopics(n: number, seed = 3) {
  const r = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const topics: Record<string, string[][]> = {
    parking: [
      ['Parking', 'Car parking', 'The car park', 'Parking spaces'],
      ['at the hospital is', 'near the surgery is', 'in town is', 'for patients is'],
      ['far too expensive', 'impossible to find', 'always full', 'a real barrier for disabled drivers'],
    ],
    buses: [
      ['Buses', 'The bus service', 'Public transport', 'The rural bus'],
      ['to the clinic', 'from our village', 'on Sundays', 'after six'],
      ['has been cut', 'stops running early', 'never turns up on time', 'costs too much for pensioners'],
    ],
    online: [
      ['The app', 'The website', 'Online booking', 'Logging in online'],
      [
        'keeps crashing',
        'asks for passwords constantly',
        'is confusing for my grandmother',
        'does not work with my screen reader',
      ],
      ['so I phone instead', 'and I give up', 'which is frustrating', 'every single time'],
    ],
  };
  const names = Object.keys(topics);
  const truth = new Map<string, Set<string>>(names.map((t) => [t, new Set()]));
  const docs = Array.from({ length: n }, (_, i) => {
    const t = names[i % names.length]!;
    const parts = topics[t]!;
    const sentence = () => `${pick(parts[0]!)} ${pick(parts[1]!)} ${pick(parts[2]!)}.`;
    truth.get(t)!.add(`a${i}`);
    return { id: `a${i}`, text: `${sentence()} ${r() < 0.5 ? sentence() : ''}`.trim() };
  });
  return { docs, truth };
}

describe('suggestThemes', () => {
  it('recovers clearly different subjects (best-match F1 ≥ 0.9) with readable key phrases', () => {
    const { docs, truth } = threeTopics(300);
    const r = suggestThemes(docs, { k: 3 });
    expect(bestMatchF1(truth, r.themes).mean).toBeGreaterThanOrEqual(0.9);
    const phrases = r.themes.map((t) => t.keyPhrases.join(' ').toLowerCase());
    expect(phrases.some((p) => p.includes('park'))).toBe(true);
    expect(phrases.some((p) => p.includes('bus'))).toBe(true);
    expect(phrases.some((p) => /app|website|online/.test(p))).toBe(true);
  });

  it('is deterministic for a seed, and every answer with words is in exactly one theme as a primary member', () => {
    const { docs } = threeTopics(200, 5);
    const a = suggestThemes(docs);
    const b = suggestThemes(docs);
    expect(b).toEqual(a);
    expect(a.k).toBeGreaterThanOrEqual(4);
    const primaries = a.themes.flatMap((t) => t.memberIds.slice(0, t.primaryCount));
    expect(new Set(primaries).size).toBe(primaries.length);
    expect(primaries.length + a.unassignedIds.length + a.blankIds.length).toBe(docs.length);
    for (const t of a.themes) {
      expect(t.size).toBe(t.memberIds.length);
      expect(new Set(t.memberIds).size).toBe(t.size);
      for (const ex of t.examples) expect(t.memberIds.slice(0, t.primaryCount)).toContain(ex.id);
      expect(t.cohesion).toBeGreaterThan(0);
      expect(t.cohesion).toBeLessThanOrEqual(1 + 1e-9);
      expect(t.label.length).toBeGreaterThan(0);
      // A name, not a list of words (issue 18): the strongest phrase, or two single words joined by "and".
      expect(t.label).not.toContain(',');
      expect(t.label.toLowerCase()).toBe(
        t.keyPhrases[0]!.includes(' ') || !t.keyPhrases[1] || t.keyPhrases[1].includes(' ')
          ? t.keyPhrases[0]!.toLowerCase()
          : `${t.keyPhrases[0]} and ${t.keyPhrases[1]}`.toLowerCase(),
      );
    }
    expect(suggestThemes(docs, { k: 7 }).k).toBe(7);
  });

  it('keeps blank and non-answers out of every theme', () => {
    const { docs } = threeTopics(60, 8);
    const blanks = ['', '-', 'n/a', 'N/A', 'Not provided', 'No comment.', 'none', '   '].map((text, i) => ({
      id: `b${i}`,
      text,
    }));
    const r = suggestThemes([...docs, ...blanks]);
    expect(r.blankIds.sort()).toEqual(blanks.map((b) => b.id).sort());
    for (const t of r.themes) for (const b of blanks) expect(t.memberIds).not.toContain(b.id);
    expect(isBlankAnswer('Not Provided')).toBe(true);
    expect(isBlankAnswer('No, because it costs too much')).toBe(false);
  });

  it('returns no themes for too little text rather than inventing some', () => {
    expect(
      suggestThemes([
        { id: '1', text: 'Buses.' },
        { id: '2', text: 'Parking.' },
      ]).themes,
    ).toEqual([]);
    expect(suggestThemes([]).themes).toEqual([]);
  });

  it('learned from a sample, assigns every other answer, deterministically, and still finds the subjects', () => {
    const { docs, truth } = threeTopics(600, 9);
    const a = suggestThemes(docs, { k: 3, sampleSize: 120 });
    expect(suggestThemes(docs, { k: 3, sampleSize: 120 })).toEqual(a);
    // Not what learning from all the answers gives: the sample was used.
    expect(a).not.toEqual(suggestThemes(docs, { k: 3 }));
    const primaries = a.themes.flatMap((t) => t.memberIds.slice(0, t.primaryCount));
    expect(new Set(primaries).size).toBe(primaries.length);
    expect(primaries.length + a.unassignedIds.length + a.blankIds.length).toBe(docs.length);
    // Answers outside the sample are in themes as well as those in it (the sample is every fifth).
    expect(primaries.filter((id) => Number(id.slice(1)) % 5 !== 0).length).toBeGreaterThan(400);
    expect(bestMatchF1(truth, a.themes).mean).toBeGreaterThanOrEqual(0.9);
  });

  it('gambling_XS learned from half the answers, the other half assigned: F1 no lower than from all of them', () => {
    // Measured (seed 1): 0.425 learned from 50 of each question's 100 answers, 0.388 from all 100.
    const mean = (sampleSize?: number) => {
      const scores = loadGamblingXs().map(
        (q) =>
          bestMatchF1(
            q.truth,
            suggestThemes(q.responses, { questionText: q.question, ...(sampleSize && { sampleSize }) }).themes,
          ).mean,
      );
      return scores.reduce((a, b) => a + b, 0) / scores.length;
    };
    expect(mean(50)).toBeGreaterThanOrEqual(Math.min(0.388, mean()) - 0.02);
  });

  it(
    'gambling_XS (i.AI ThemeFinder evaluation set): best-match F1 per ground-truth theme stays above the measured ' +
      'floor',
    () => {
      // Measured with the defaults (seed 1): question 1 0.405, question 2 0.370, mean 0.388. A
      // random split scores about 0.28 and one theme holding everything about 0.28. Floor: 0.33.
      const scores = loadGamblingXs().map(
        (q) => bestMatchF1(q.truth, suggestThemes(q.responses, { questionText: q.question }).themes).mean,
      );
      expect(scores.reduce((a, b) => a + b, 0) / scores.length).toBeGreaterThanOrEqual(0.33);
      for (const s of scores) expect(s).toBeGreaterThanOrEqual(0.3);
    },
  );
});

describe('applyThemeReview', () => {
  const { docs } = threeTopics(120, 4);
  const suggestions = suggestThemes(docs, { k: 4 }).themes;
  const [s1, s2, s3, s4] = suggestions;

  it('applies only decided suggestions: accept (renamed), merge (chains too) and reject', () => {
    const r = applyThemeReview(
      suggestions,
      [
        { suggestionId: s1!.id, action: 'accept', name: 'Hospital parking', description: 'Cost and spaces' },
        { suggestionId: s2!.id, action: 'merge', intoId: s3!.id },
        { suggestionId: s3!.id, action: 'merge', intoId: s1!.id },
        { suggestionId: s4!.id, action: 'reject' },
      ],
      { questionId: 'example-q3' },
    );
    expect(r.problems).toEqual([]);
    expect(r.themes).toHaveLength(1);
    expect(r.themes[0]).toMatchObject({
      name: 'Hospital parking',
      description: 'Cost and spaces',
      questionIds: ['example-q3'],
      parentId: null,
    });
    const members = r.suggestedMembers[r.themes[0]!.id]!;
    expect(new Set(members)).toEqual(new Set([...s1!.memberIds, ...s2!.memberIds, ...s3!.memberIds]));
    expect(new Set(members).size).toBe(members.length);
  });

  it('without decisions nothing is applied; bad decisions are reported, not guessed', () => {
    expect(applyThemeReview(suggestions, [], { questionId: 'q' })).toEqual({
      themes: [],
      suggestedMembers: {},
      problems: [],
    });
    const r = applyThemeReview(
      suggestions,
      [
        { suggestionId: s1!.id, action: 'merge', intoId: s2!.id },
        { suggestionId: s2!.id, action: 'reject' },
        { suggestionId: 'nope', action: 'accept' },
        { suggestionId: s3!.id, action: 'accept', name: '  ' },
      ],
      { questionId: 'q', themeId: (s) => `t-${s.id}` },
    );
    expect(r.problems).toHaveLength(2);
    expect(r.themes.map((t) => [t.id, t.name])).toEqual([[`t-${s3!.id}`, s3!.label]]);
  });
});
