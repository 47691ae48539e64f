import { describe, expect, it } from 'vitest';
import {
  chooseBanding,
  detectCampaigns,
  looksLikeChoices,
  shingleSet,
  splitByTemplate,
} from '#shared/analysis/campaigns';
import { wordHashSet, words } from '#shared/analysis/text';
import {
  campaignMember,
  campaignTemplate,
  organicAnswer,
  plantedCorpus,
  scoreCampaigns,
} from '../../generators/campaign-text';
import { seededRandom } from '#shared/core/hash';
import { exampleDraft } from '#shared/domain/draft/example';

describe('campaign detection on planted campaigns', () => {
  // 2,000 organic answers and 6 campaigns of 5 to 200 members: templates with personal additions,
  // light rewording, typos, dropped sentences, inserted clauses and exact copies.
  const corpora = [1, 2, 3].map((seed) => plantedCorpus({ seed, organic: 2000, campaigns: [5, 8, 12, 30, 80, 200] }));

  it('finds campaign members with recall ≥ 0.95 and precision ≥ 0.95 (default threshold)', () => {
    for (const { docs } of corpora) {
      const r = detectCampaigns(docs);
      const s = scoreCampaigns(docs, r.groups);
      expect(s.recall).toBeGreaterThanOrEqual(0.95);
      expect(s.precision).toBeGreaterThanOrEqual(0.95);
      // One group per planted campaign: none missed, none split.
      expect(s.detected).toBe(6);
      expect(r.stats.inCampaigns).toBe(r.groups.reduce((n, g) => n + g.size, 0));
    }
  });

  it('still meets both bars with heavier rewording, more typos and long personal additions', () => {
    const { docs } = plantedCorpus({
      seed: 9,
      organic: 2000,
      campaigns: [6, 15, 40, 120],
      member: { rewordRate: 0.06, typoRate: 0.03, pLong: 0.25 },
    });
    const s = scoreCampaigns(docs, detectCampaigns(docs).groups);
    expect(s.recall).toBeGreaterThanOrEqual(0.95);
    expect(s.precision).toBeGreaterThanOrEqual(0.95);
  });

  it("keeps each member's own additions, and not the template", () => {
    const { docs } = corpora[0]!;
    const truth = new Map(docs.map((d) => [d.id, d]));
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const g of detectCampaigns(docs).groups) {
      expect(Object.keys(g.additions).sort()).toEqual([...g.memberIds].sort());
      for (const id of g.memberIds) {
        const want = new Map<string, number>();
        for (const w of words(truth.get(id)!.additions.join(' '))) want.set(w, (want.get(w) ?? 0) + 1);
        for (const w of words(g.additions[id]!)) {
          const c = want.get(w) ?? 0;
          if (c > 0) {
            tp++;
            want.set(w, c - 1);
          } else fp++;
        }
        fn += [...want.values()].reduce((a, b) => a + b, 0);
      }
    }
    // Word-level agreement with what the generator actually added.
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.95);
    expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.9);
  });

  it('shows the template once: it is the planted template, near enough', () => {
    const { docs, templates } = corpora[1]!;
    const r = detectCampaigns(docs);
    for (const g of r.groups) {
      const counts = new Map<string, number>();
      for (const id of g.memberIds) {
        const c = docs.find((d) => d.id === id)!.campaign!;
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      const planted = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
      const want = new Set(words(templates[planted]!.join(' ')));
      const got = words(g.template);
      const inTemplate = got.filter((w) => want.has(w)).length / got.length;
      expect(inTemplate).toBeGreaterThanOrEqual(0.9);
      expect(got.length).toBeGreaterThanOrEqual(0.7 * words(templates[planted]!.join(' ')).length);
      expect(g.similarity.min).toBeGreaterThanOrEqual(0.5);
      expect(g.similarity.median).toBeGreaterThanOrEqual(g.similarity.min);
    }
  });
});

describe('campaign detection behaviour', () => {
  const r = seededRandom(77);
  const template = campaignTemplate(r);
  const members = Array.from({ length: 12 }, (_, i) => ({ id: `m${i}`, text: campaignMember(r, template).text }));
  const organic = Array.from({ length: 300 }, (_, i) => ({ id: `o${i}`, text: organicAnswer(r) }));
  const copies = Array.from({ length: 6 }, (_, i) => ({ id: `c${i}`, text: template.join(' ') }));
  const docs = [...organic, ...members, ...copies];

  it('groups exact copies and variants of one template, with stable ids, deterministically', () => {
    const a = detectCampaigns(docs);
    expect(a.groups).toHaveLength(1);
    expect(a.groups[0]!.memberIds.sort()).toEqual([...members, ...copies].map((d) => d.id).sort());
    expect(a.groups[0]!.identicalCount).toBeGreaterThanOrEqual(6);
    expect(a.groups[0]!.id).toMatch(/^campaign-[0-9a-f]{8}$/);
    const b = detectCampaigns([...docs].reverse());
    expect(b.groups[0]!.id).toBe(a.groups[0]!.id);
    expect(b.groups[0]!.memberIds.sort()).toEqual(a.groups[0]!.memberIds.sort());
  });

  it('any number of permutations, not only a multiple of four, finds the same group', () => {
    const a = detectCampaigns(docs);
    for (const numPerm of [18, 130]) {
      const r = detectCampaigns(docs, { numPerm });
      expect(r.groups.map((g) => g.memberIds.sort())).toEqual(a.groups.map((g) => g.memberIds.sort()));
    }
  });

  it('exact copies are one text however often they come, and copies of a short answer are never considered', () => {
    const a = detectCampaigns(docs);
    const short = Array.from({ length: 50 }, (_, i) => ({ id: `s${i}`, text: 'I agree with this.' }));
    const more = copies.map((d) => ({ id: `again-${d.id}`, text: d.text }));
    const r = detectCampaigns([...docs, ...short, ...more]);
    expect(r.stats.uniqueTexts).toBe(a.stats.uniqueTexts);
    expect(r.stats.considered).toBe(a.stats.considered + more.length);
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0]!.memberIds.sort()).toEqual([...a.groups[0]!.memberIds, ...more.map((d) => d.id)].sort());
    expect(r.groups[0]!.identicalCount).toBe(a.groups[0]!.identicalCount + more.length);
  });

  it('minimum size: fewer members than minSize is not a campaign', () => {
    const few = [...organic, ...copies.slice(0, 3)];
    expect(detectCampaigns(few).groups).toEqual([]);
    expect(detectCampaigns(few, { minSize: 3 }).groups[0]!.size).toBe(3);
  });

  it('a higher threshold keeps only closer copies; a lower one never loses members', () => {
    const sizes = [0.3, 0.5, 0.7, 0.9].map((t) =>
      detectCampaigns(docs, { threshold: t }).groups.reduce((n, g) => n + g.size, 0),
    );
    expect(sizes[3]!).toBeLessThanOrEqual(sizes[2]!);
    expect(sizes[2]!).toBeLessThanOrEqual(sizes[1]!);
    expect(sizes[3]!).toBeGreaterThanOrEqual(copies.length);
  });

  it('ignores short answers, and shared text passed as ignoreTexts (the question people quote)', () => {
    const short = Array.from({ length: 50 }, (_, i) => ({ id: `s${i}`, text: 'I agree with the proposal.' }));
    expect(detectCampaigns(short).groups).toEqual([]);
    const question = exampleDraft().questions[2]!.text;
    const quoting = Array.from({ length: 20 }, (_, i) => ({
      id: `q${i}`,
      text: `${question} ${question} ${organicAnswer(r, 8, 12)}`,
    }));
    expect(detectCampaigns(quoting, { minShared: 5 }).groups.length).toBeGreaterThan(0);
    expect(detectCampaigns(quoting, { minShared: 5, ignoreTexts: [question] }).groups).toEqual([]);
  });

  it('splitByTemplate separates a member’s own sentences and clauses from the template', () => {
    const base =
      'We ask for a legal duty on GP practices to provide printed information to anyone who asks. The proposals ' +
      'as drafted risk widening health inequalities.';
    const member =
      'Dear Sir. We ask for a legal duty on GP practices, as a retired farmer from Kendal with ten ' +
      'grandchildren, to provide printed information to anyone who asks. My mother is 92. The proposals as ' +
      'drafted risk widning health inequalities.';
    const t = shingleSet(base);
    const split = splitByTemplate(member, t, 4, undefined, wordHashSet(base));
    expect(split.additions).toBe('Dear Sir. as a retired farmer from Kendal with ten grandchildren My mother is 92.');
    expect(split.template).toBe(
      'We ask for a legal duty on GP practices, as a retired farmer from Kendal with ten grandchildren, to ' +
        'provide printed information to anyone who asks. The proposals as drafted risk widning health ' +
        'inequalities.',
    );
    // A typo'd or reworded stretch inside a template sentence is not an addition: only runs with
    // 3 or more words the template never uses are.
    expect(
      splitByTemplate(
        'We ask for a legal duty on GP surgeries to offer printed information to anyone who asks.',
        t,
        4,
        undefined,
        wordHashSet(base),
      ).additions,
    ).toBe('');
    // With nothing in the template, everything is the member's own.
    expect(splitByTemplate(member, new Set(), 4).additions).toBe(member.replace(/\.\s+/g, '. ').trim());
  });

  it('chooses more rows per band for stricter thresholds', () => {
    expect(chooseBanding(0.5, 128).rows).toBeLessThanOrEqual(chooseBanding(0.9, 128).rows);
    const { bands, rows } = chooseBanding(0.5, 128);
    expect(bands * rows).toBeLessThanOrEqual(128);
  });
});

describe('campaigns only where people wrote text', () => {
  const rnd = seededRandom(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;

  it(
    'links are not words: answers citing pages of one site are not a campaign, the same letter with a link in it ' +
      'still is',
    () => {
      const base =
        'https://www.example.gov.uk/government/consultations/online-front-door-for-services/' +
        'supporting-documents/annex-b-evidence-review-and-impact-assessment';
      const cited = Array.from({ length: 40 }, (_, i) => ({
        id: `u${i}`,
        text: `See ${base}/page-${i}, ${base}/chapter-${i + 3}, ${base}/section-${i * 7} and ${base}/table-${i * 3}`,
      }));
      expect(detectCampaigns(cited).groups).toEqual([]);
      const letter = campaignTemplate(seededRandom(3)).join(' ');
      const members = Array.from({ length: 12 }, (_, i) => ({ id: `m${i}`, text: `${letter} More at ${base}/${i}.` }));
      const groups = detectCampaigns([...cited, ...members]).groups;
      expect(groups).toHaveLength(1);
      expect([...groups[0]!.memberIds].sort()).toEqual(members.map((m) => m.id).sort());
    },
  );

  it("a choice's options read as text are not a campaign; a letter most people sent still is", () => {
    const options = [
      'Using a book or documentation online that was not part of a formal course of study',
      'An online course (for example Coursera, edX or a similar provider of short courses)',
      'A course in person, including bootcamps and programming workshops as well as formal courses',
    ];
    const choices = Array.from({ length: 300 }, (_, i) => ({
      id: `c${i}`,
      text: i % 15 === 0 ? `At university, in my ${i}th year` : pick(options),
    }));
    expect(looksLikeChoices(choices)).toBe(true);
    // One letter sent by most, with a tail of people's own words: a campaign, not a choice.
    const letter = campaignTemplate(seededRandom(5)).join(' ');
    const campaign = Array.from({ length: 300 }, (_, i) => ({
      id: `l${i}`,
      text: i % 5 === 0 ? organicAnswer(seededRandom(i)) : letter,
    }));
    expect(looksLikeChoices(campaign)).toBe(false);
    expect(detectCampaigns(campaign).groups).toHaveLength(1);
  });
});
