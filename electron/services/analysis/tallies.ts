import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { Db } from '../core/db/database';
import type { Draft } from '#shared/domain/draft/model';
import { crossTab, tallyQuestion, tallyQuestionOf, type EncodedField } from '#shared/analysis/tallies';
import type { CampaignCounting, TalliesResult, TallyView } from '#shared/coding/types';
import { CROSS_TAB_FIELD_LABELS, ORGANISATION_LEVELS, CHANNEL_LABELS, type CrossTabField } from '#shared/coding/fields';
import { analysisQuestions, type AnalysisQuestion } from './questions';
import {
  answerData,
  encodedAnswers,
  HAS_SIDE_TEXT,
  HAS_TEXT,
  responseIndex,
  type AnswerData,
  type CacheStatus,
  type ResponseIndex,
} from './data-cache';
import { readSettings } from './settings';

/**
 * Tallies for the Analysis page and the reports: per closed question the counts and percentages
 * with the base and "not answered" apart (shared/analysis tallyQuestion), multiple choice as a
 * percentage of respondents, optionally a cross-tab by a respondent field; open questions show
 * how many gave an answer. Duplicates resolved away are never counted; responses in confirmed
 * campaigns are counted in or out as the settings (or the call) say. Real counts: small-number
 * suppression is for publishable outputs only.
 */
export interface TallyOptions {
  questionIds?: readonly string[] | undefined;
  campaigns?: CampaignCounting | undefined;
  crossBy?: CrossTabField | undefined;
}

/** Include mask over the counted responses: 1 = in the figures. */
export function includeMask(index: ResponseIndex, campaigns: CampaignCounting): Uint8Array {
  const m = new Uint8Array(index.ids.length).fill(1);
  if (campaigns === 'excluded') for (let i = 0; i < m.length; i++) if (index.campaign[i]) m[i] = 0;
  return m;
}

/** The field with its levels in the draft's option order (then the others as first seen). */
export function orderedField(field: EncodedField, order: readonly string[]): EncodedField {
  const present = new Set(field.levels);
  const levels = [...order.filter((l) => present.has(l)), ...field.levels.filter((l) => !order.includes(l))];
  const map = new Int32Array(field.levels.length);
  const at = new Map(levels.map((l, i) => [l, i]));
  field.levels.forEach((l, i) => (map[i] = at.get(l)!));
  const codes = new Int32Array(field.codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = field.codes[i]!;
    codes[i] = c < 0 ? -1 : map[c]!;
  }
  return { key: field.key, levels, codes };
}

export function crossField(index: ResponseIndex, draft: Draft, key: CrossTabField): EncodedField {
  const f = index.fields[key];
  if (key === 'organisationOrIndividual') return orderedField(f, ORGANISATION_LEVELS);
  if (key === 'channel') {
    const ordered = orderedField(f, Object.keys(CHANNEL_LABELS));
    return { ...ordered, levels: ordered.levels.map((l) => CHANNEL_LABELS[l as keyof typeof CHANNEL_LABELS] ?? l) };
  }
  const about = draft.aboutYou.find((a) => a.key === key);
  return orderedField(f, about?.options ?? []);
}

/** Respondents (included) who gave text, for open questions. */
export function openAnswered(index: ResponseIndex, data: AnswerData, questionId: string, include: Uint8Array): number {
  const t = data.textual.get(questionId);
  if (!t) return 0;
  let n = 0;
  for (let i = 0; i < t.rids.length; i++) {
    if ((t.flags[i]! & (HAS_TEXT | HAS_SIDE_TEXT)) === 0) continue;
    const rid = t.rids[i]!;
    const p = rid < index.pos.length ? index.pos[rid]! : -1;
    if (p >= 0 && include[p]) n++;
  }
  return n;
}

export function tallyViews(
  db: Db,
  draft: Draft,
  questions: readonly AnalysisQuestion[],
  opts: { campaigns: CampaignCounting; crossBy?: CrossTabField | undefined },
  status: CacheStatus = { cached: true },
) {
  const index = responseIndex(db, status);
  const data = answerData(db, status);
  const include = includeMask(index, opts.campaigns);
  const respondents = include.reduce((s, v) => s + v, 0);
  const field = opts.crossBy ? crossField(index, draft, opts.crossBy) : null;
  const views: TallyView[] = [];
  const encoded = new Map<string, ReturnType<typeof encodedAnswers>>();
  for (const q of questions) {
    if (!q.question) continue;
    if (q.closed) {
      const tq = tallyQuestionOf(q.question);
      const enc = encodedAnswers(db, tq, index, data, status);
      encoded.set(q.id, enc);
      const tally = tallyQuestion(tq, enc, include);
      views.push({
        questionId: q.id,
        number: q.number,
        text: q.text,
        type: q.question.type,
        tally,
        answered: tally.answered,
        notAnswered: tally.notAnswered,
        crossTab: field
          ? { ...crossTab(tq, enc, field, { include }), fieldLabel: CROSS_TAB_FIELD_LABELS[opts.crossBy!] }
          : null,
      });
    } else {
      const answered = openAnswered(index, data, q.id, include);
      views.push({
        questionId: q.id,
        number: q.number,
        text: q.text,
        type: q.question.type,
        tally: null,
        answered,
        notAnswered: respondents - answered,
        crossTab: null,
      });
    }
  }
  return { index, data, include, respondents, views, encoded };
}

/**
 * Encodes every closed question's answers into the cache, a question at a time with a turn for
 * the event loop between them (the last step of the backend's background follow-up). Stops when
 * `stillCurrent` says the workspace closed or the answers changed.
 */
export async function warmTallies(db: Db, draft: Draft, stillCurrent: () => boolean): Promise<void> {
  for (const q of analysisQuestions(draft, false)) {
    if (!q.question || !q.closed) continue;
    if (!stillCurrent()) return;
    encodedAnswers(db, tallyQuestionOf(q.question), responseIndex(db), answerData(db));
    await yieldToEvents();
  }
}

export function computeTallies(db: Db, draft: Draft, opts: TallyOptions = {}): TalliesResult {
  const t0 = performance.now();
  const campaigns = opts.campaigns ?? readSettings(db).campaigns;
  const all = analysisQuestions(draft, false);
  const wanted = opts.questionIds ? all.filter((q) => opts.questionIds!.includes(q.id)) : all;
  const status: CacheStatus = { cached: true };
  const { respondents, views } = tallyViews(db, draft, wanted, { campaigns, crossBy: opts.crossBy }, status);
  return {
    campaigns,
    respondents,
    questions: views,
    timing: { ms: Math.round((performance.now() - t0) * 10) / 10, cached: status.cached },
  };
}
