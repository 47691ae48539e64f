import { describe, expect, it } from 'vitest';
import {
  CONFIDENT,
  MIN_EXAMPLES,
  type CodedAnswer,
  type ProposalInput,
  informativeOrder,
  proposeThemes,
} from '#shared/analysis/proposals';
import { tfidf } from '#shared/analysis/proposals/features';
import { seededRandom } from '#shared/core/hash';

/**
 * Answers on parking, buses and the booking website, in varied wording, and some about none of them
 * (off-topic remarks). Each answer's true theme is in its id ("parking-3").
 */
function answers(n: number, seed = 7) {
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
      ['keeps crashing', 'asks for passwords constantly', 'is confusing', 'does not work with my screen reader'],
      ['so I phone instead', 'and I give up', 'which is frustrating', 'every single time'],
    ],
    none: [
      ['Thank you for asking', 'I have nothing more to say', 'Good luck with it', 'Keep up the good work'],
      ['and have a nice day', 'and well done', 'really', 'to everyone involved'],
      ['.', '!', '.', '.'],
    ],
  };
  const names = Object.keys(topics);
  return Array.from({ length: n }, (_, i) => {
    const t = names[i % names.length]!;
    const parts = topics[t]!;
    return { id: `${t}-${i}`, text: `${pick(parts[0]!)} ${pick(parts[1]!)} ${pick(parts[2]!)}.`, topic: t };
  });
}

const THEMES = [
  { id: 'parking', label: 'Parking', description: 'Car parking: cost, spaces, access' },
  { id: 'buses', label: 'Buses', description: 'Bus and public transport services' },
  { id: 'online', label: 'Online booking', description: 'The website and app' },
];

/** Codes the first `perTheme` answers of each topic (and of the off-topic ones, coded as no theme). */
function input(perTheme: Record<string, number>, n = 200, seed?: number): ProposalInput {
  const all = answers(n);
  const taken: Record<string, number> = {};
  const coded: CodedAnswer[] = [];
  const uncoded: Array<{ id: string; text: string }> = [];
  for (const a of all) {
    if ((taken[a.topic] ?? 0) < (perTheme[a.topic] ?? 0)) {
      taken[a.topic] = (taken[a.topic] ?? 0) + 1;
      coded.push({ id: a.id, text: a.text, themeIds: a.topic === 'none' ? [] : [a.topic] });
    } else uncoded.push({ id: a.id, text: a.text });
  }
  return { themes: THEMES, coded, uncoded, ...(seed === undefined ? {} : { seed }) };
}

const topicOf = (id: string) => id.split('-')[0]!;

describe('proposeThemes', () => {
  it('proposes the right theme for separable themes, and nothing for answers about none of them', () => {
    const res = proposeThemes(input({ parking: 10, buses: 10, online: 10, none: 10 }));
    expect(res.proposals).toHaveLength(200 - 40);
    let right = 0;
    for (const p of res.proposals) {
      const truth = topicOf(p.id);
      const proposed = p.themes.map((t) => t.themeId);
      if (truth === 'none' ? proposed.length === 0 : proposed.length === 1 && proposed[0] === truth) right++;
    }
    expect(right / res.proposals.length).toBeGreaterThanOrEqual(0.95);
    // Confident proposals are right.
    const confident = res.proposals.flatMap((p) =>
      p.themes.filter((t) => t.confidence >= res.confident).map((t) => [p.id, t.themeId]),
    );
    expect(confident.length).toBeGreaterThan(res.proposals.length / 2);
    for (const [id, theme] of confident) expect(theme).toBe(topicOf(id!));
  });

  it('keeps the uncoded answers in input order, one entry each', () => {
    const inp = input({ parking: 6, buses: 6 });
    const res = proposeThemes(inp);
    expect(res.proposals.map((p) => p.id)).toEqual(inp.uncoded.map((a) => a.id));
  });

  it(`does not train or propose a theme with fewer than ${MIN_EXAMPLES} coded answers`, () => {
    const res = proposeThemes(input({ parking: 8, buses: 8, online: MIN_EXAMPLES - 1, none: 4 }));
    const online = res.themes.find((t) => t.themeId === 'online')!;
    expect(online).toMatchObject({ examples: MIN_EXAMPLES - 1, trained: false });
    expect(res.themes.find((t) => t.themeId === 'parking')).toMatchObject({ examples: 8, trained: true });
    for (const p of res.proposals) expect(p.themes.map((t) => t.themeId)).not.toContain('online');
    // With one more example it is trained and proposed for the answers about it.
    const more = proposeThemes(input({ parking: 8, buses: 8, online: MIN_EXAMPLES, none: 4 }));
    expect(more.themes.find((t) => t.themeId === 'online')!.trained).toBe(true);
    const onlineAnswers = more.proposals.filter((p) => topicOf(p.id) === 'online');
    const found = onlineAnswers.filter((p) => p.themes[0]?.themeId === 'online').length;
    expect(found / onlineAnswers.length).toBeGreaterThan(0.8);
  });

  it('gives confidences between 0 and 1, best first, each at or above its theme threshold', () => {
    const res = proposeThemes(input({ parking: 6, buses: 6, online: 6, none: 3 }));
    const threshold = new Map(res.themes.map((t) => [t.themeId, t.threshold]));
    let n = 0;
    for (const p of res.proposals) {
      for (let i = 0; i < p.themes.length; i++) {
        const t = p.themes[i]!;
        expect(t.confidence).toBeGreaterThanOrEqual(0);
        expect(t.confidence).toBeLessThanOrEqual(1);
        expect(t.confidence).toBeGreaterThanOrEqual(threshold.get(t.themeId)!);
        if (i) expect(t.confidence).toBeLessThanOrEqual(p.themes[i - 1]!.confidence);
        n++;
      }
    }
    expect(n).toBeGreaterThan(0);
    expect(res.confident).toBe(CONFIDENT);
  });

  it('is deterministic for a seed', () => {
    const a = proposeThemes(input({ parking: 7, buses: 7, online: 7, none: 5 }, 200, 3));
    const b = proposeThemes(input({ parking: 7, buses: 7, online: 7, none: 5 }, 200, 3));
    expect(b).toEqual(a);
  });

  it('lists every uncoded answer once as most informative next, a theme short of examples early on', () => {
    const inp = input({ parking: 10, buses: 10, online: 2, none: 5 });
    const res = proposeThemes({ ...inp, batch: 10 });
    expect([...res.informative].sort()).toEqual(inp.uncoded.map((a) => a.id).sort());
    // Answers that look like the theme with too few examples are worth coding first.
    expect(res.informative.slice(0, 10).filter((id) => topicOf(id) === 'online').length).toBeGreaterThanOrEqual(6);
  });

  it('proposes nothing for blank answers, and works with no coded answers or no themes', () => {
    const inp = input({ parking: 6, buses: 6 });
    const res = proposeThemes({ ...inp, uncoded: [...inp.uncoded, { id: 'blank', text: 'n/a' }] });
    expect(res.proposals.at(-1)).toEqual({ id: 'blank', themes: [] });
    expect(res.informative.at(-1)).toBe('blank');
    const none = proposeThemes({ ...inp, coded: [] });
    expect(none.proposals.every((p) => p.themes.length === 0)).toBe(true);
    expect(none.themes.every((t) => !t.trained && t.examples === 0)).toBe(true);
    expect(none.informative).toHaveLength(inp.uncoded.length);
    expect(proposeThemes({ ...inp, themes: [] }).proposals.every((p) => p.themes.length === 0)).toBe(true);
  });
});

describe('informativeOrder', () => {
  const all = answers(120);
  it('returns every answer once, the first ones spread over the topics', () => {
    const order = informativeOrder(all, { seed: 1, count: 8 });
    expect([...order].sort()).toEqual(all.map((a) => a.id).sort());
    expect(new Set(order.slice(0, 4).map(topicOf)).size).toBe(4);
  });

  it('is deterministic by seed, and seeds give different samples', () => {
    expect(informativeOrder(all, { seed: 4 })).toEqual(informativeOrder(all, { seed: 4 }));
    const firsts = new Set([1, 2, 3, 4, 5].map((seed) => informativeOrder(all, { seed }).slice(0, 5).join()));
    expect(firsts.size).toBeGreaterThan(1);
  });
});

describe('tfidf', () => {
  it('gives unit-length rows of the features in at least two answers, however long the answer', () => {
    const long = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}x`).join(' ');
    const x = tfidf([long, long, 'parking is expensive', 'parking is full', 'zebra quietly jumped']);
    for (let r = 0; r < 4; r++) {
      let norm = 0;
      for (let e = x.ptr[r]!; e < x.ptr[r + 1]!; e++) norm += x.val[e]! ** 2;
      expect(norm).toBeCloseTo(1, 5);
    }
    // Every word, pair and 4-gram of the long answer is in two answers: thousands of features, all kept.
    expect(x.ptr[1]! - x.ptr[0]!).toBeGreaterThan(3000 * 2);
    // Nothing in the last answer is shared: an empty row.
    expect(x.ptr[5]! - x.ptr[4]!).toBe(0);
    // "parking" and "is" (and their 4-grams) are shared by the two parking answers.
    const cols = (r: number) => new Set(x.idx.subarray(x.ptr[r]!, x.ptr[r + 1]!));
    const shared = [...cols(2)].filter((c) => cols(3).has(c));
    expect(shared.length).toBeGreaterThanOrEqual(2);
  });
});
