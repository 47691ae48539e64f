import { describe, expect, it } from 'vitest';
import { isBlankAnswer, suggestThemes } from '#shared/analysis/themes';
import { applyThemeReview } from '#shared/analysis/theme-review';
import { seededRandom } from '#shared/core/hash';
import { existsSync } from 'node:fs';
import { GAMBLING_XS, bestMatchF1, gamblingXsStances, loadGamblingXs, matchedF1 } from '../../bench/lib/gambling-xs';

/** i.AI's gambling_XS lives outside the repository (../shared/reference): without it those tests say so and skip. */
const itPeer = existsSync(GAMBLING_XS)
  ? it
  : (console.log(`gambling_XS tests skipped: ${GAMBLING_XS} is not on this machine`), it.skip);

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

/**
 * Answers on three subjects where every fourth makes two points, a sentence on each of two subjects:
 * `about` holds the subjects of each answer.
 */
function twoPointAnswers(n: number, seed = 11) {
  const r = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const parts: Record<string, string[][]> = {
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
      ['keeps crashing', 'asks for passwords constantly', 'is confusing for my grandmother', 'is slow'],
      ['so I phone instead', 'and I give up', 'which is frustrating', 'every single time'],
    ],
  };
  const names = Object.keys(parts);
  const sentence = (t: string) => parts[t]!.map(pick).join(' ') + '.';
  const about = new Map<string, string[]>();
  const docs = Array.from({ length: n }, (_, i) => {
    const a = names[i % 3]!;
    const b = names[(i + 1 + (i % 2)) % 3]!;
    const two = i % 4 === 3;
    about.set(`d${i}`, two ? [a, b] : [a]);
    return {
      id: `d${i}`,
      text: two ? `${sentence(a)} ${sentence(b)}` : `${sentence(a)} ${r() < 0.5 ? sentence(a) : ''}`.trim(),
    };
  });
  return { docs, about };
}

/**
 * Answers on two subjects (parking charges, hospital food) from two stances whose wording is the same
 * ("… is good" against "… is bad", words the suggestions ignore): only the stance, as a linked closed
 * question would give it, tells them apart.
 */
function stancedAnswers(n: number, seed = 2) {
  const r = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const subjects: Record<string, string[]> = {
    parking: ['parking charges', 'the car park fees', 'charging for parking', 'parking costs'],
    food: ['the hospital food', 'meals on the ward', 'the canteen menu', 'patient meals'],
  };
  const views: Record<string, string[]> = {
    Agree: ['is good', 'is good overall', 'seems good'],
    Disagree: ['is bad', 'is bad overall', 'seems bad'],
  };
  const stance = new Map<string, string>();
  const truth = new Map<string, Set<string>>();
  const docs = Array.from({ length: n }, (_, i) => {
    const subject = i % 2 ? 'parking' : 'food';
    const view = i % 4 < 2 ? 'Agree' : 'Disagree';
    const id = `s${i}`;
    stance.set(id, view);
    const key = `${subject} ${view}`;
    if (!truth.has(key)) truth.set(key, new Set());
    truth.get(key)!.add(id);
    const say = () => `${pick(subjects[subject]!)} ${pick(views[view]!)}.`;
    return { id, text: `${say()} ${r() < 0.5 ? `Honestly ${say()}` : ''}`.trim() };
  });
  return { docs, stance, truth };
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
    const text = new Map(docs.map((d) => [d.id, d.text.toLowerCase()]));
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
      // A name, not a list of words (issues 18 and 20): the theme's most typical phrase, a piece of
      // 3 to 12 words of one of its answers as written; the key phrases beside it.
      const words = t.label.split(/\s+/).length;
      expect(words).toBeGreaterThanOrEqual(3);
      expect(words).toBeLessThanOrEqual(12);
      expect(t.label[0]).toBe(t.label[0]!.toUpperCase());
      expect(t.memberIds.slice(0, t.primaryCount).some((id) => text.get(id)!.includes(t.label.toLowerCase()))).toBe(
        true,
      );
      expect(t.keyPhrases.length).toBeGreaterThan(0);
      expect(t.stance).toBeUndefined();
    }
    expect(suggestThemes(docs, { k: 7 }).k).toBe(7);
  });

  it('names a theme by its most typical phrase, a piece of its answers nearest the centre', () => {
    // Most parking answers say the same thing in the same words, after a sentence of their own.
    const { docs } = threeTopics(300, 6);
    const r = seededRandom(6);
    const said = docs.map((d, i) =>
      i % 3 === 0 && r() < 0.7 ? { ...d, text: `${d.text} The car park is always full.` } : d,
    );
    const parking = suggestThemes(said, { k: 3 }).themes.find((t) => t.keyPhrases.join(' ').includes('park'))!;
    expect(parking.label).toBe('The car park is always full');
    // The key phrases are still there, a list of words beside the name.
    expect(parking.keyPhrases.length).toBeGreaterThan(2);
    expect(parking.keyPhrases).not.toContain(parking.label);
  });

  it('puts an answer in every theme it makes a point of, and only in those', () => {
    const { docs, about } = twoPointAnswers(240);
    const r = suggestThemes(docs, { k: 3 });
    const subject = (ids: readonly string[]) => {
      const count = new Map<string, number>();
      for (const id of ids) for (const s of about.get(id)!) count.set(s, (count.get(s) ?? 0) + 1);
      return [...count].sort((a, b) => b[1] - a[1])[0]![0];
    };
    const subjects = r.themes.map((t) => subject(t.memberIds.slice(0, t.primaryCount)));
    expect(new Set(subjects).size).toBe(3);
    const themesOf = (id: string) => r.themes.flatMap((t, i) => (t.memberIds.includes(id) ? [subjects[i]!] : []));
    const twoPoint = docs.filter((d) => about.get(d.id)!.length === 2);
    const inBoth = twoPoint.filter((d) => about.get(d.id)!.every((s) => themesOf(d.id).includes(s)));
    // Measured: 52 of the 60 (every one of the others is in the theme of one of its points).
    expect(inBoth.length).toBeGreaterThanOrEqual(0.8 * twoPoint.length);
    for (const d of docs.filter((d) => about.get(d.id)!.length === 1)) expect(themesOf(d.id)).toEqual(about.get(d.id));
    // joinZ sets how far an answer must stand out from those outside a theme to join it: higher joins fewer, and
    // Infinity none, every answer in its nearest theme alone.
    const stricter = suggestThemes(docs, { k: 3, joinZ: 3 });
    for (const [i, t] of stricter.themes.entries()) {
      expect(t.memberIds.slice(0, t.primaryCount)).toEqual(r.themes[i]!.memberIds.slice(0, r.themes[i]!.primaryCount));
      for (const id of t.memberIds) expect(r.themes[i]!.memberIds).toContain(id);
    }
    expect(stricter.themes.reduce((s, t) => s + t.size, 0)).toBeLessThan(r.themes.reduce((s, t) => s + t.size, 0));
    for (const t of suggestThemes(docs, { k: 3, joinZ: Infinity }).themes) expect(t.size).toBe(t.primaryCount);
  });

  it('with a stance for each answer, finds themes within each stance and tags them with it', () => {
    const { docs, stance, truth } = stancedAnswers(160);
    const stancesIn = (t: { memberIds: string[] }) => new Set(t.memberIds.map((id) => stance.get(id)));
    // Without the stance, supporters and opponents of one subject share a theme.
    const plain = suggestThemes(docs, { k: 4 });
    expect(plain.themes.every((t) => stancesIn(t).size === 2)).toBe(true);
    // With it: k shared between the stances (2 each), every member of a theme (joined ones too) of its stance.
    const r = suggestThemes(docs, { k: 4, stance });
    expect(r.k).toBe(4);
    expect(r.themes.map((t) => t.stance).sort()).toEqual(['Agree', 'Agree', 'Disagree', 'Disagree']);
    for (const t of r.themes) expect([...stancesIn(t)]).toEqual([t.stance]);
    expect(bestMatchF1(truth, r.themes).mean).toBeGreaterThanOrEqual(0.95);
    expect(suggestThemes(docs, { k: 4, stance })).toEqual(r);
    // k chosen from the data works the same way.
    const auto = suggestThemes(docs, { stance });
    for (const t of auto.themes) expect([...stancesIn(t)]).toEqual([t.stance]);
    // A stance too few share (under 5) has no themes of its own: its answers go to the nearest theme.
    const unsure = docs.slice(0, 3).map((d) => ({ id: `u-${d.id}`, text: d.text }));
    const withUnsure = new Map([...stance, ...unsure.map((d) => [d.id, 'Unsure'] as const)]);
    const u = suggestThemes([...docs, ...unsure], { k: 4, stance: withUnsure });
    expect(u.themes.map((t) => t.stance).sort()).toEqual(['Agree', 'Agree', 'Disagree', 'Disagree']);
    const primaries = u.themes.flatMap((t) => t.memberIds.slice(0, t.primaryCount));
    for (const d of unsure) expect(primaries).toContain(d.id);
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

  itPeer(
    'gambling_XS learned from half the answers, the other half assigned: F1 no lower than from all of them',
    () => {
      // Measured (seed 1): 0.427 learned from 50 of each question's 100 answers, 0.389 from all 100.
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
      expect(mean(50)).toBeGreaterThanOrEqual(Math.min(0.389, mean()) - 0.02);
    },
  );

  itPeer(
    'gambling_XS (i.AI ThemeFinder evaluation set): best-match F1 per ground-truth theme stays above the measured ' +
      'floor',
    () => {
      // Measured with the defaults (seed 1): question 1 0.406, question 2 0.372, mean 0.389. A
      // random split scores about 0.28 and one theme holding everything about 0.28. Floor: 0.33.
      const scores = loadGamblingXs().map(
        (q) => bestMatchF1(q.truth, suggestThemes(q.responses, { questionText: q.question }).themes).mean,
      );
      expect(scores.reduce((a, b) => a + b, 0) / scores.length).toBeGreaterThanOrEqual(0.33);
      for (const s of scores) expect(s).toBeGreaterThanOrEqual(0.3);
    },
  );

  itPeer(
    "gambling_XS with each response's position as its stance: question 1 found better, question 2 unchanged",
    () => {
      // The positions (sentiment.jsonl: AGREE 54, DISAGREE 32, UNCLEAR 14 on question 1; all AGREE on question 2)
      // stand in for a linked agree/disagree question. Measured (seed 1): question 1 0.406 -> 0.501; question 2,
      // one stance, 0.372 either way, its themes tagged AGREE.
      const [q1, q2] = loadGamblingXs();
      const f1 = (q: typeof q1, stance?: Map<string, string>) => {
        const r = suggestThemes(q!.responses, { questionText: q!.question, ...(stance && { stance }) });
        return { f1: bestMatchF1(q!.truth, r.themes).mean, r };
      };
      const plain1 = f1(q1);
      const staged1 = f1(q1, gamblingXsStances(1));
      expect(staged1.f1).toBeGreaterThanOrEqual(0.45);
      expect(staged1.f1).toBeGreaterThan(plain1.f1 + 0.05);
      expect(staged1.r.themes.length).toBe(plain1.r.themes.length);
      const staged2 = f1(q2, gamblingXsStances(2));
      expect(staged2.f1).toBeCloseTo(f1(q2).f1, 9);
      expect(new Set(staged2.r.themes.map((t) => t.stance))).toEqual(new Set(['AGREE']));
    },
  );
});

describe('matchedF1 (bench helper)', () => {
  it('pairs ground-truth themes with suggestions one to one, so one broad suggestion cannot match them all', () => {
    const truth = new Map([
      ['A', new Set(['1', '2'])],
      ['B', new Set(['3', '4'])],
    ]);
    const broad = { memberIds: ['1', '2', '3', '4'] };
    // Best match: the broad suggestion is the best of both (F1 2/3 each); matched: it pairs with one, the other
    // theme takes the exact suggestion (1) or, with none left, scores 0.
    expect(bestMatchF1(truth, [broad]).mean).toBeCloseTo(2 / 3, 9);
    expect(matchedF1(truth, [broad])).toBeCloseTo(1 / 3, 9);
    expect(matchedF1(truth, [broad, { memberIds: ['3', '4'] }])).toBeCloseTo((2 / 3 + 1) / 2, 9);
    expect(matchedF1(truth, [{ memberIds: ['3', '4'] }, { memberIds: ['1', '2'] }])).toBe(1);
  });
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
