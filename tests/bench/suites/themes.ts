/**
 * Themes against labelled consultation sets (issue 20): offline theme suggestions (discovery) and
 * proposals learned from the analyst's codes (mapping), on any folder in gambling_XS's layout
 * (lib/gambling-xs.ts). `npm run bench -- themes --set DIR` scores DIR (repeatable); with no --set, the
 * three peer sets: ibm-argkp, themefinder-generation-gambling and gambling_XS (each skipped, with the
 * reason printed, when absent). Prints one JSON line per set:
 *
 *   {"set", "discoveryF1", "themesSuggested", "matchedF1",
 *    "mapping": {"random": {"0.05", "0.1", "0.2", "0.3"}, "active": {…}},
 *    "confidentPrecision", "confidentCoverage", …extras}
 *
 * - discoveryF1: per question, the mean over ground-truth themes of the best-matching suggestion's F1
 *   over answers (`bestMatchF1`); themesSuggested: suggestions per question; matchedF1: the same with
 *   each suggestion matched to at most one truth theme (`matchedF1`, unmatched truth themes 0). Averaged
 *   over the set's questions, suggestions at seed 1.
 * - mapping: F1 per uncoded answer (scikit-learn's `f1_score(average="samples", zero_division=1)`) with a
 *   share of each question coded from the truth: "random", or "active" (lib/mapping.ts `activeShares`: a
 *   diverse first 2% from `informativeOrder`, then rounds of 2% of the most informative answers, retrained
 *   each round). Mean over questions and seeds. mappingIai: the same with i.AI Consult's scoring (an
 *   answer with no theme scores 0). mappingCeiling: what a perfect model for the trained themes would
 *   score (themes with fewer than MIN_EXAMPLES coded answers are never proposed).
 * - confidentPrecision: at 20% coded at random, of the (answer, theme) proposals with confidence ≥
 *   CONFIDENT, the share in the truth; confidentCoverage: the share of the uncoded answers with at least
 *   one such proposal (every uncoded answer in the base, including those with no theme in the truth, which
 *   a confident proposal can only get wrong). Pooled over questions and seeds.
 * - discoveryStance: discovery again with the set's stance given to suggestThemes (themes found within each side).
 * - mappingStance: at 20% random, with the set's stance (a closed answer: pro/con, Yes/No, AGREE/DISAGREE)
 *   given to the model as a feature. mappingMinExamples3: at 10% and 20% random, with themes trained from 3
 *   coded answers instead of MIN_EXAMPLES (5).
 * Also timings: proposeThemes per question (mean ms at 20% coded) and for 20,000 answers (20% coded).
 *
 * On gambling_XS the figures of the earlier suite are kept: q1F1…, meanF1, meanF1Over5Seeds (5 seeds),
 * baselines, and meanF1LearnedOnHalf (themes learned from half the answers, the rest assigned).
 */
import { existsSync } from 'node:fs';
import { basename, delimiter, dirname } from 'node:path';
import { CONFIDENT, proposeThemes } from '#shared/analysis/proposals';
import { suggestThemes } from '#shared/analysis/themes';
import { seededRandom } from '#shared/core/hash';
import { GAMBLING_XS, type GamblingQuestion, bestMatchF1, loadLabelledSet, matchedF1 } from '../lib/gambling-xs';
import { type MappingScore, activeShares, randomShare } from '../lib/mapping';
import { round, timed } from '../stats';

export const name = 'themes';

const PEER = '/work/shared/reference/peer-data';
const DEFAULT_SETS = [`${PEER}/ibm-argkp/converted`, `${PEER}/themefinder-generation-gambling/converted`, GAMBLING_XS];
const SHARES = [0.05, 0.1, 0.2, 0.3] as const;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
const r3 = (x: number) => round(x, 3);

/** A set's name: its folder, or the folder above a `converted/`. */
const setName = (dir: string) => (basename(dir) === 'converted' ? basename(dirname(dir)) : basename(dir));

export async function run(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const sets = process.env.BENCH_SETS ? process.env.BENCH_SETS.split(delimiter) : DEFAULT_SETS;
  const seeds = Number(process.env.BENCH_THEMES_SEEDS ?? 2);
  for (const dir of sets) {
    const set = setName(dir);
    if (!existsSync(`${dir}/inputs`)) {
      console.log(`  ${set}: skipped, no inputs/ in ${dir}`);
      out[`${set}.skipped`] = `no inputs/ in ${dir}`;
      continue;
    }
    const started = performance.now();
    const qs = loadLabelledSet(dir);
    const line = scoreSet(set, qs, seeds);
    line.seconds = round((performance.now() - started) / 1000, 1);
    console.log(JSON.stringify(line));
    for (const [k, v] of Object.entries(flatten(line))) if (k !== 'set') out[`${set}.${k}`] = v;
    if (dir === GAMBLING_XS) Object.assign(out, await gamblingXsFigures(qs));
  }
  const large = largeTiming();
  out.proposals20kMs = large.ms;
  out.proposals20kCpuMs = large.cpuMs;
  console.log(JSON.stringify({ proposals20k: large }));
  return out;
}

type Line = Record<string, unknown>;

function scoreSet(set: string, qs: GamblingQuestion[], seeds: number): Line {
  // Discovery.
  const disc = qs.map((q) => suggestThemes(q.responses, { questionText: q.question, seed: 1 }).themes);
  const discoveryF1 = mean(qs.map((q, i) => bestMatchF1(q.truth, disc[i]!).mean));
  const matched = mean(qs.map((q, i) => matchedF1(q.truth, disc[i]!)));
  // With the set's stance standing in for a linked closed question (themes found within each side).
  const withStance = qs.filter((q) => q.stance.size);
  const discStance = withStance.map(
    (q) => suggestThemes(q.responses, { questionText: q.question, seed: 1, stance: q.stance }).themes,
  );
  // Mapping, random and active.
  const random: MappingScore[][] = SHARES.map(() => []);
  const active: MappingScore[][] = SHARES.map(() => []);
  const stance: MappingScore[] = [];
  const min3: MappingScore[][] = [[], []];
  for (let seed = 1; seed <= seeds; seed++)
    for (const q of qs) {
      SHARES.forEach((share, k) => random[k]!.push(randomShare(q, share, seed)));
      activeShares(q, SHARES, seed).forEach((s, k) => active[k]!.push(s));
      if (q.stance.size) stance.push(randomShare(q, 0.2, seed, { useStance: true }));
      [0.1, 0.2].forEach((share, k) => min3[k]!.push(randomShare(q, share, seed, { minExamples: 3 })));
    }
  const by = (scores: MappingScore[][], f: (s: MappingScore) => number) =>
    Object.fromEntries(SHARES.map((share, k) => [String(share), r3(mean(scores[k]!.map(f)))]));
  const at20 = random[SHARES.indexOf(0.2)]!;
  const sum = (f: (s: MappingScore) => number) => at20.reduce((a, s) => a + f(s), 0);
  return {
    set,
    discoveryF1: r3(discoveryF1),
    themesSuggested: round(mean(disc.map((d) => d.length)), 1),
    matchedF1: r3(matched),
    mapping: { random: by(random, (s) => s.f1), active: by(active, (s) => s.f1) },
    // null when no proposal reached CONFIDENT.
    confidentPrecision: sum((s) => s.confidentMade)
      ? r3(sum((s) => s.confidentRight) / sum((s) => s.confidentMade))
      : null,
    confidentCoverage: r3(
      sum((s) => s.covered) /
        Math.max(
          1,
          sum((s) => s.uncoded),
        ),
    ),
    mappingIai: { random: by(random, (s) => s.iai), active: by(active, (s) => s.iai) },
    mappingCeiling: { random: by(random, (s) => s.ceiling), active: by(active, (s) => s.ceiling) },
    ...(stance.length ? { mappingStance: { '0.2': r3(mean(stance.map((s) => s.f1))) } } : {}),
    ...(withStance.length
      ? {
          discoveryStance: {
            discoveryF1: r3(mean(withStance.map((q, i) => bestMatchF1(q.truth, discStance[i]!).mean))),
            themesSuggested: round(mean(discStance.map((d) => d.length)), 1),
            matchedF1: r3(mean(withStance.map((q, i) => matchedF1(q.truth, discStance[i]!)))),
          },
        }
      : {}),
    mappingMinExamples3: { '0.1': r3(mean(min3[0]!.map((s) => s.f1))), '0.2': r3(mean(min3[1]!.map((s) => s.f1))) },
    confident: CONFIDENT,
    questions: qs.length,
    answers: qs.reduce((a, q) => a + q.responses.length, 0),
    themesTruth: round(mean(qs.map((q) => [...q.truth.values()].filter((g) => g.size).length)), 1),
    seeds,
    proposeMsAt20: round(mean(at20.map((s) => s.ms)), 1),
  };
}

/** Nested figures as dotted keys ("mapping.random.0.2"). */
function flatten(o: Record<string, unknown>, prefix = ''): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v && typeof v === 'object') Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
    else if (typeof v === 'number' || typeof v === 'string') out[`${prefix}${k}`] = v;
  }
  return out;
}

/**
 * Training and proposing for 20,000 answers, 20% coded: themefinder-generation-gambling's 1,000 answers
 * and 12 themes, each answer repeated 20 times with a random 15% of its words dropped (so no two are
 * the same), or gambling_XS's when that set is absent.
 */
function largeTiming(): { ms: number; cpuMs: number; answers: number; coded: number; themes: number } {
  const dir = `${PEER}/themefinder-generation-gambling/converted`;
  const q = loadLabelledSet(existsSync(dir) ? dir : GAMBLING_XS)[0]!;
  const rnd = seededRandom(5);
  const n = 20_000;
  const answers = Array.from({ length: n }, (_, i) => {
    const r = q.responses[i % q.responses.length]!;
    const text = r.text
      .split(' ')
      .filter(() => rnd() > 0.15)
      .join(' ');
    return { id: `a${i}`, text, themeIds: q.labels.get(r.id) ?? [] };
  });
  const coded = answers.filter((_, i) => i % 5 === 0);
  const uncoded = answers.filter((_, i) => i % 5 !== 0).map(({ id, text }) => ({ id, text }));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  proposeThemes({ themes: q.themes, coded, uncoded, seed: 1 });
  const cpu = process.cpuUsage(c0);
  return {
    ms: Math.round(performance.now() - t0),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    answers: n,
    coded: coded.length,
    themes: q.themes.length,
  };
}

/**
 * The earlier suite's figures on gambling_XS: offline theme suggestions against i.AI Consult's set (2
 * questions × 100 answers), for the default seed and over 5 seeds, beside two baselines for scale; and
 * with the themes learned from half the answers and the other half assigned to them (what suggestions do
 * above 6,000 answers), so that the cost of sampling is measured on answers with a ground truth.
 */
async function gamblingXsFigures(qs: GamblingQuestion[]): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const seeds = [1, 2, 3, 4, 5];
  const bySeed: number[] = [];
  for (const seed of seeds) {
    const f = qs.map(
      (q) => bestMatchF1(q.truth, suggestThemes(q.responses, { questionText: q.question, seed }).themes).mean,
    );
    bySeed.push(mean(f));
  }
  for (const q of qs) {
    const { ms, value } = await timed(() => suggestThemes(q.responses, { questionText: q.question }));
    const f = bestMatchF1(q.truth, value.themes);
    out[`q${q.part}F1`] = r3(f.mean);
    out[`q${q.part}Themes`] = value.themes.length;
    out[`q${q.part}GroundTruthThemes`] = q.truth.size;
    out[`q${q.part}Ms`] = round(ms, 1);
    out[`q${q.part}PerTheme`] = Object.entries(f.perTheme)
      .map(([k, v]) => `${k}:${v.toFixed(2)}`)
      .join(' ');
    // Baselines: everything in one theme; a random split into as many themes.
    out[`q${q.part}BaselineAllInOne`] = r3(bestMatchF1(q.truth, [{ memberIds: q.responses.map((r) => r.id) }]).mean);
    const rnd = seededRandom(q.part);
    const random = Array.from({ length: value.themes.length }, () => ({ memberIds: [] as string[] }));
    for (const r of q.responses) random[Math.floor(rnd() * random.length)]!.memberIds.push(r.id);
    out[`q${q.part}BaselineRandom`] = r3(bestMatchF1(q.truth, random).mean);
  }
  // Learned from a sample, the rest assigned (as for more than 6,000 answers): here half of each
  // question's 100 answers, so the F1 shows what assigning the rest costs, at the default seed and over 5.
  const sampled = (seed: number) =>
    mean(
      qs.map(
        (q) =>
          bestMatchF1(q.truth, suggestThemes(q.responses, { questionText: q.question, seed, sampleSize: 50 }).themes)
            .mean,
      ),
    );
  out.meanF1LearnedOnHalf = r3(sampled(1));
  out.meanF1LearnedOnHalfOver5Seeds = r3(mean(seeds.map(sampled)));
  out.meanF1 = r3(mean(qs.map((q) => out[`q${q.part}F1`] as number)));
  out.meanF1Over5Seeds = r3(mean(bySeed));
  out.minF1Over5Seeds = r3(Math.min(...bySeed));
  out.maxF1Over5Seeds = r3(Math.max(...bySeed));
  return out;
}
