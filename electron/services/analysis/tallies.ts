import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { Db } from '../core/db/database';
import type { Draft } from '#shared/domain/draft/model';
import {
  crossTab,
  encodeAnswers,
  tallyQuestion,
  tallyQuestionOf,
  type EncodedField,
  type QuestionTally,
} from '#shared/analysis/tallies';
import type { CampaignCounting, TalliesResult, TallyView } from '#shared/coding/types';
import { CROSS_TAB_FIELD_LABELS, ORGANISATION_LEVELS, CHANNEL_LABELS, type CrossTabField } from '#shared/coding/fields';
import { analysisQuestions, type AnalysisQuestion } from './questions';
import {
  answerCacheIsCurrent,
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
import { readStoredCounts, type StoredCounts } from './stored-counts';

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
      views.push(
        closedView(
          q,
          tally,
          field
            ? { ...crossTab(tq, enc, field, { include }), fieldLabel: CROSS_TAB_FIELD_LABELS[opts.crossBy!] }
            : null,
        ),
      );
    } else views.push(openView(q, openAnswered(index, data, q.id, include), respondents));
  }
  return { index, data, include, respondents, views, encoded };
}

function closedView(q: AnalysisQuestion, tally: QuestionTally, crossed: TallyView['crossTab']): TallyView {
  return {
    questionId: q.id,
    number: q.number,
    text: q.text,
    type: q.question!.type,
    tally,
    answered: tally.answered,
    notAnswered: tally.notAnswered,
    crossTab: crossed,
  };
}

function openView(q: AnalysisQuestion, answered: number, respondents: number): TallyView {
  return {
    questionId: q.id,
    number: q.number,
    text: q.text,
    type: q.question!.type,
    tally: null,
    answered,
    notAnswered: respondents - answered,
    crossTab: null,
  };
}

/**
 * The views of tallyViews without a cross-tab, from the counts kept in the workspace (stored-counts.ts): each distinct
 * answer encoded as the cache's answers are and counted as many times as it was given, the responses with no answer
 * as one more entry. Null when a question's answers were too varied to keep (then the cache is read).
 */
export function storedTallyViews(
  questions: readonly AnalysisQuestion[],
  counts: StoredCounts,
  campaigns: CampaignCounting,
): { respondents: number; views: TallyView[] } | null {
  const out = campaigns === 'excluded';
  const respondents = counts.respondents - (out ? counts.campaign : 0);
  const views: TallyView[] = [];
  for (const q of questions) {
    if (!q.question) continue;
    if (q.closed) {
      if (counts.omitted.includes(q.id)) return null;
      const tq = tallyQuestionOf(q.question);
      const stored = counts.closed[q.id];
      const answers: Array<string[] | null> = [];
      const weights: number[] = [];
      let given = 0;
      for (const [codes, all, camp] of stored?.answers ?? []) {
        const w = out ? all - camp : all;
        if (w === 0) continue;
        answers.push(codes === '' ? [] : codes.split(',').map((c) => stored!.options[Number(c)]!));
        weights.push(w);
        given += w;
      }
      answers.push(null);
      weights.push(respondents - given);
      views.push(closedView(q, tallyQuestion(tq, encodeAnswers(tq, answers), undefined, weights), null));
    } else {
      const [all, camp] = counts.textual[q.id] ?? [0, 0];
      views.push(openView(q, out ? all - camp : all, respondents));
    }
  }
  return { respondents, views };
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
  // Straight after opening, the answers are still being read into the cache: the counts kept in the workspace give
  // the same figures at once (cross-tabs need each response's answers, so they wait for the cache).
  const counts = opts.crossBy || answerCacheIsCurrent(db) ? null : readStoredCounts(db);
  const stored = counts && storedTallyViews(wanted, counts, campaigns);
  if (stored) {
    return {
      campaigns,
      respondents: stored.respondents,
      questions: stored.views,
      timing: { ms: Math.round((performance.now() - t0) * 10) / 10, cached: true },
    };
  }
  const status: CacheStatus = { cached: true };
  const { respondents, views } = tallyViews(db, draft, wanted, { campaigns, crossBy: opts.crossBy }, status);
  return {
    campaigns,
    respondents,
    questions: views,
    timing: { ms: Math.round((performance.now() - t0) * 10) / 10, cached: status.cached },
  };
}
