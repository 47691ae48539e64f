/**
 * Offline theme suggestions measured against i.AI Consult's gambling_XS evaluation set (2
 * questions × 100 answers, themes and multi-label mappings from ThemeFinder's LLM pipeline): for
 * each ground-truth theme, the F1 over answers of the best-matching suggested theme, averaged.
 * Reported for the default seed and over 5 seeds, beside two baselines for scale; and with the themes
 * learned from half the answers and the other half assigned to them (what suggestions do above 6,000
 * answers), so that the cost of sampling is measured on answers with a ground truth.
 */
import { suggestThemes } from '#shared/analysis/themes';
import { seededRandom } from '#shared/core/hash';
import { bestMatchF1, loadGamblingXs } from '../lib/gambling-xs';
import { round, timed } from '../stats';

export const name = 'themes';

export async function run(): Promise<Record<string, number | string>> {
  const qs = loadGamblingXs();
  const out: Record<string, number | string> = {};
  const seeds = [1, 2, 3, 4, 5];
  const bySeed: number[] = [];
  for (const seed of seeds) {
    const f = qs.map(
      (q) => bestMatchF1(q.truth, suggestThemes(q.responses, { questionText: q.question, seed }).themes).mean,
    );
    bySeed.push(f.reduce((a, b) => a + b, 0) / f.length);
  }
  for (const q of qs) {
    const { ms, value } = await timed(() => suggestThemes(q.responses, { questionText: q.question }));
    const f = bestMatchF1(q.truth, value.themes);
    out[`q${q.part}F1`] = round(f.mean, 3);
    out[`q${q.part}Themes`] = value.themes.length;
    out[`q${q.part}GroundTruthThemes`] = q.truth.size;
    out[`q${q.part}Ms`] = round(ms, 1);
    out[`q${q.part}PerTheme`] = Object.entries(f.perTheme)
      .map(([k, v]) => `${k}:${v.toFixed(2)}`)
      .join(' ');
    // Baselines: everything in one theme; a random split into as many themes.
    out[`q${q.part}BaselineAllInOne`] = round(
      bestMatchF1(q.truth, [{ memberIds: q.responses.map((r) => r.id) }]).mean,
      3,
    );
    const rnd = seededRandom(q.part);
    const random = Array.from({ length: value.themes.length }, () => ({ memberIds: [] as string[] }));
    for (const r of q.responses) random[Math.floor(rnd() * random.length)]!.memberIds.push(r.id);
    out[`q${q.part}BaselineRandom`] = round(bestMatchF1(q.truth, random).mean, 3);
  }
  // Learned from a sample, the rest assigned (as for more than 6,000 answers): here half of each
  // question's 100 answers, so the F1 shows what assigning the rest costs, at the default seed and over 5.
  const sampled = (seed: number) =>
    qs
      .map(
        (q) =>
          bestMatchF1(q.truth, suggestThemes(q.responses, { questionText: q.question, seed, sampleSize: 50 }).themes)
            .mean,
      )
      .reduce((a, b) => a + b, 0) / qs.length;
  out.meanF1LearnedOnHalf = round(sampled(1), 3);
  out.meanF1LearnedOnHalfOver5Seeds = round(seeds.map(sampled).reduce((a, b) => a + b, 0) / seeds.length, 3);
  out.meanF1 = round(((out.q1F1 as number) + (out.q2F1 as number)) / 2, 3);
  out.meanF1Over5Seeds = round(bySeed.reduce((a, b) => a + b, 0) / bySeed.length, 3);
  out.minF1Over5Seeds = round(Math.min(...bySeed), 3);
  out.maxF1Over5Seeds = round(Math.max(...bySeed), 3);
  return out;
}
