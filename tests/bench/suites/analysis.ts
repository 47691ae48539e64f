/**
 * Analysis algorithms at consultation scale: campaign detection over 100,000 answers (target
 * ≤ 30 s), all tallies for 20 closed questions over 100,000 respondents (target ≤ 200 ms) and
 * theme suggestions for one question with 20,000 answers (target ≤ 10 s). Quality figures for the
 * planted campaigns are reported next to the timings.
 */
import { detectCampaigns } from '#shared/analysis/campaigns';
import {
  crossTab,
  encodeAnswers,
  encodeField,
  maskExcluding,
  tallyQuestion,
  type TallyQuestion,
} from '#shared/analysis/tallies';
import { suppressCrossTab, suppressSmallNumbers } from '#shared/analysis/suppression';
import { suggestThemes } from '#shared/analysis/themes';
import { seededRandom } from '#shared/core/hash';
import { answerOptions, type QuestionType } from '#shared/domain/draft/model';
import { organicAnswer, plantedCorpus, scoreCampaigns } from '../../generators/campaign-text';
import { percentile, peakRssMiB, round, timed } from '../stats';

export const name = 'analysis';

const mib = (b: number) => round(b / 2 ** 20, 1);

async function campaigns(): Promise<Record<string, number | string>> {
  // 70,000 organic answers and 30,000 campaign members in 12 campaigns of 5 to 13,705.
  const { docs } = plantedCorpus({
    seed: 11,
    organic: 70_000,
    campaigns: [5, 8, 12, 20, 50, 100, 300, 800, 2000, 5000, 8000, 13_705],
  });
  const words = docs.reduce((s, d) => s + d.text.split(/\s+/).length, 0) / docs.length;
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const { ms, value } = await timed(() => detectCampaigns(docs));
  const s = scoreCampaigns(docs, value.groups);
  return {
    campaignDocs: docs.length,
    campaignMeanWords: round(words, 1),
    campaignDetectMs: round(ms, 0),
    campaignRecall: round(s.recall, 4),
    campaignPrecision: round(s.precision, 4),
    campaignPlanted: 12,
    campaignGroups: value.groups.length,
    campaignUniqueTexts: value.stats.uniqueTexts,
    campaignComparisons: value.stats.comparisons,
    campaignBanding: `${value.stats.bands}×${value.stats.rows}`,
    campaignRssBeforeMiB: mib(rssBefore),
    campaignPeakRssMiB: peakRssMiB(),
    campaignExtraPeakMiB: round(peakRssMiB() - mib(rssBefore), 1),
    ...(await longCampaigns()),
  };
}

/** The same at the long end of "20–300 words": organic answers of 100–300 words. */
async function longCampaigns(): Promise<Record<string, number | string>> {
  const { docs } = plantedCorpus({
    seed: 12,
    organic: 70_000,
    organicWords: [100, 300],
    campaigns: [5, 8, 12, 20, 50, 100, 300, 800, 2000, 5000, 8000, 13_705],
  });
  const words = docs.reduce((s, d) => s + d.text.split(/\s+/).length, 0) / docs.length;
  const { ms, value } = await timed(() => detectCampaigns(docs));
  const s = scoreCampaigns(docs, value.groups);
  return {
    campaignLongMeanWords: round(words, 1),
    campaignLongDetectMs: round(ms, 0),
    campaignLongRecall: round(s.recall, 4),
    campaignLongPrecision: round(s.precision, 4),
    campaignLongGroups: value.groups.length,
    campaignLongPeakRssMiB: peakRssMiB(),
  };
}

async function tallies(): Promise<Record<string, number | string>> {
  const N = 100_000;
  const r = seededRandom(20);
  const types: QuestionType[] = ['likert_agree5', 'yes_no', 'single_choice', 'multi_choice', 'ranking'];
  const questions: TallyQuestion[] = Array.from({ length: 20 }, (_, i) => {
    const type = types[i % types.length]!;
    const options = Array.from({ length: type === 'ranking' ? 4 : 7 }, (_, j) => ({
      id: `q${i}-o${j}`,
      label: `Option ${j + 1}`,
    }));
    return { id: `q${i}`, type, options: answerOptions({ type, options, allowOther: type === 'multi_choice' }) };
  });
  // Skewed choices, 8% not answered, a few invalid.
  const answers = questions.map((q) =>
    Array.from({ length: N }, () => {
      const u = r();
      if (u < 0.08) return null;
      if (u < 0.081) return ['not-an-option'];
      const ids = q.options.map((o) => o.id);
      const skew = () => ids[Math.min(ids.length - 1, Math.floor(-Math.log(1 - r()) * 1.5))]!;
      if (q.type === 'multi_choice') return [...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, skew))];
      if (q.type === 'ranking') return [...ids].sort(() => r() - 0.5).slice(0, 2 + Math.floor(r() * 3));
      return [skew()];
    }),
  );
  const respondentTypes = [
    'Member of the public',
    'NHS organisation',
    'Charity',
    'Business',
    'Local authority',
    'Researcher',
  ];
  const typeValues = Array.from({ length: N }, () =>
    r() < 0.03 ? null : respondentTypes[Math.floor(-Math.log(1 - r()) * 1.2) % respondentTypes.length]!,
  );
  const ids = Array.from({ length: N }, (_, i) => `r${i}`);
  const campaign = new Set(ids.filter(() => r() < 0.3));

  const encodeRun = await timed(() => questions.map((q, i) => encodeAnswers(q, answers[i]!)));
  const enc = encodeRun.value;
  const field = encodeField('respondentType', typeValues, respondentTypes);
  const mask = maskExcluding(ids, campaign);
  const times = (fn: () => unknown, runs = 7) => {
    const t: number[] = [];
    for (let k = 0; k < runs; k++) {
      const t0 = performance.now();
      fn();
      t.push(performance.now() - t0);
    }
    return t;
  };
  const all = times(() => questions.map((q, i) => tallyQuestion(q, enc[i]!)));
  const masked = times(() => questions.map((q, i) => tallyQuestion(q, enc[i]!, mask)));
  const cross = times(() => questions.map((q, i) => crossTab(q, enc[i]!, field)));
  const publish = times(() =>
    questions.map((q, i) => {
      suppressSmallNumbers(tallyQuestion(q, enc[i]!), 10, { answers: enc[i]! });
      suppressCrossTab(crossTab(q, enc[i]!, field));
    }),
  );
  return {
    tallyRespondents: N,
    tallyQuestions: questions.length,
    tallyEncodeAllMs: round(encodeRun.ms, 1),
    tallyAllMedianMs: round(percentile(all, 50), 1),
    tallyAllP95Ms: round(percentile(all, 95), 1),
    tallyAllCampaignsExcludedMedianMs: round(percentile(masked, 50), 1),
    tallyCrossTabsAllMedianMs: round(percentile(cross, 50), 1),
    tallyPublishableAllMedianMs: round(percentile(publish, 50), 1),
  };
}

async function themes(): Promise<Record<string, number | string>> {
  const r = seededRandom(5);
  const docs = Array.from({ length: 20_000 }, (_, i) => ({ id: `a${i}`, text: organicAnswer(r, 8, 150) }));
  const { ms, value } = await timed(() =>
    suggestThemes(docs, { questionText: 'What help would make it easier for you to use NHS services online?' }),
  );
  return {
    themeAnswers: docs.length,
    themeSuggestMs: round(ms, 0),
    themeK: value.k,
    themeLargest: value.themes[0]?.primaryCount ?? 0,
    themeFirstLabel: value.themes[0]?.label ?? '',
    processPeakRssMiB: peakRssMiB(),
  };
}

/**
 * Campaigns first, so the process's peak memory (which only grows) is theirs: the peak after
 * detection minus the memory held before it bounds what detection needed.
 */
export async function run(): Promise<Record<string, number | string>> {
  return { ...(await campaigns()), ...(await tallies()), ...(await themes()) };
}
