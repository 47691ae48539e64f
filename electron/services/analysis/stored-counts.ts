import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import { SCHEMA_VERSION } from '../core/db/migrations/index';
import {
  answerCacheIsCurrent,
  answerData,
  answersVersion,
  HAS_SIDE_TEXT,
  HAS_TEXT,
  indexVersion,
  responseIndex,
  type AnswerData,
  type ResponseIndex,
} from './data-cache';

/**
 * The tallies' counts kept in the workspace (table analysis_counts, migration 0009), so the first figures after a
 * large workspace is opened need not wait for every answer to be read into the analysis cache (data-cache.ts:
 * 100,000 responses × 40 questions, 5–6 s).
 *
 * What a tally without a cross-tab is made of, counted over the responses the cache counts (duplicates resolved away
 * are not): per closed question each distinct answer as stored (its option ids in order, as codes into the question's
 * `options`) with how many responses gave it and how many of those are in a confirmed campaign; per question how many
 * answers hold text (an open question's "answered"); the responses counted and the campaign members among them. The
 * tallies are then the same functions over one entry per distinct answer, weighted (tallies.ts storedTallyViews;
 * shared/analysis tallyQuestion's weights), against the draft's options as they are at the time, so the figures are
 * exactly those the cache gives, even after an option is changed in the draft.
 *
 * Why not SQL aggregates: GROUP BY question_id, option_ids over the 2.25 million closed answers of that workspace took
 * 3.9–5.4 s in sql.js (its sorter is the cost; there is deliberately no index on answer.question_id). So the counts
 * are made from the analysis cache once it has been read anyway (the backend's background follow-up: storeCounts),
 * in about 0.3 s, and written as one row (about 0.5 MB of JSON there, a journal record like any change).
 *
 * Stale exactly when the cache they were counted from is: the row's version is the cache's two versions (the newest
 * "responses.*" audit records and the highest response and answer ids, data-cache.ts) and the schema version, and
 * the counts are used only while it is the current one.
 */

/** Raise when what is stored changes meaning: older rows are then simply stale. 2: `side` added (the overview). */
const FORMAT = 2;

/**
 * Questions with more distinct answers than this are left to the cache: their counts would be nearly as long as the
 * answers. A ranking of 9 options over 90,000 answers has 36,000 orders (about 0.9 MB of counts).
 */
export const MAX_DISTINCT_ANSWERS = 50_000;

export interface StoredCounts {
  /** Counted responses, and how many of them are in a confirmed campaign. */
  respondents: number;
  campaign: number;
  /**
   * Per closed question (answers with option ids): the option ids seen, and [codes, responses, of which in a
   * campaign] per distinct answer, codes being indices into `options` joined by ',' ('' for an empty list).
   */
  closed: Record<string, { options: string[]; answers: Array<[codes: string, all: number, campaign: number]> }>;
  /** Questions whose answers were too varied to keep (MAX_DISTINCT_ANSWERS): tallies of them read the cache. */
  omitted: string[];
  /** Per question: answers holding text or an "Other" or explanation, and of which in a campaign. */
  textual: Record<string, [all: number, campaign: number]>;
  /** Per question: answers holding an "Other" or explanation (a closed question's answers to code: the overview). */
  side: Record<string, number>;
}

export function countsVersion(index: string, answers: string): string {
  return `${FORMAT}.${SCHEMA_VERSION}|${index}|${answers}`;
}

/** The counts of what the cache holds (index and answers of the same moment). */
export function countAnswers(index: ResponseIndex, data: AnswerData): StoredCounts {
  const n = index.ids.length;
  const { pos, campaign } = index;
  let members = 0;
  for (let p = 0; p < n; p++) members += campaign[p]!;
  const out: StoredCounts = { respondents: n, campaign: members, closed: {}, omitted: [], textual: {}, side: {} };
  // A response's answer is the last row read for it, as encodedAnswers takes it.
  const last = new Int32Array(n);
  for (const [qid, c] of data.closed) {
    last.fill(-1);
    for (let i = 0; i < c.rids.length; i++) {
      const rid = c.rids[i]!;
      const p = rid < pos.length ? pos[rid]! : -1;
      if (p >= 0) last[p] = i;
    }
    const byAnswer = new Map<string, [number, number]>();
    for (let p = 0; p < n && byAnswer.size <= MAX_DISTINCT_ANSWERS; p++) {
      const i = last[p]!;
      if (i < 0) continue;
      const a = c.offsets[i]!;
      const b = c.offsets[i + 1]!;
      let key = '';
      for (let j = a; j < b; j++) key += j === a ? String(c.codes[j]) : `,${c.codes[j]}`;
      let e = byAnswer.get(key);
      if (!e) byAnswer.set(key, (e = [0, 0]));
      e[0]++;
      e[1] += campaign[p]!;
    }
    if (byAnswer.size > MAX_DISTINCT_ANSWERS) out.omitted.push(qid);
    else out.closed[qid] = { options: c.optionIds, answers: [...byAnswer].map(([k, [all, camp]]) => [k, all, camp]) };
  }
  // Every row with text counts, as openAnswered counts them.
  for (const [qid, t] of data.textual) {
    let all = 0;
    let camp = 0;
    let side = 0;
    for (let i = 0; i < t.rids.length; i++) {
      if ((t.flags[i]! & (HAS_TEXT | HAS_SIDE_TEXT)) === 0) continue;
      const rid = t.rids[i]!;
      const p = rid < pos.length ? pos[rid]! : -1;
      if (p < 0) continue;
      all++;
      camp += campaign[p]!;
      if (t.flags[i]! & HAS_SIDE_TEXT) side++;
    }
    out.textual[qid] = [all, camp];
    out.side[qid] = side;
  }
  return out;
}

const parsed = new WeakMap<Db, { version: string; counts: StoredCounts }>();

/** The stored counts when they are of the responses and answers as they now are; otherwise null. */
export function readStoredCounts(db: Db): StoredCounts | null {
  const version = countsVersion(indexVersion(db), answersVersion(db));
  const hit = parsed.get(db);
  if (hit?.version === version) return hit.counts;
  const stored = db.scalar<string>('SELECT version FROM analysis_counts WHERE id = 1');
  if (stored !== version) return null;
  // Opening has checked that it parses (content-check.ts); the shape is ours.
  const counts = JSON.parse(db.scalar<string>('SELECT counts FROM analysis_counts WHERE id = 1')!) as StoredCounts;
  parsed.set(db, { version, counts });
  return counts;
}

/**
 * Keeps the counts of what the analysis cache now holds in the workspace, unless they are there already. Only when
 * the cache is current (nothing is read here): the backend's follow-up calls it after reading the answers. A saved
 * change like any other (journal first), made without an audit record, so it leaves the versions it is stored
 * against as they were. Returns whether it wrote.
 */
export function storeCounts(file: WorkspaceFile): boolean {
  if (file.readOnly || !answerCacheIsCurrent(file.db)) return false;
  const index = responseIndex(file.db);
  const data = answerData(file.db);
  const version = countsVersion(index.version, data.version);
  if (file.db.scalar<string>('SELECT version FROM analysis_counts WHERE id = 1') === version) return false;
  const counts = countAnswers(index, data);
  file.mutate((db) =>
    db.run(
      'INSERT INTO analysis_counts (id, version, counts) VALUES (1, ?, ?) ' +
        'ON CONFLICT(id) DO UPDATE SET version = excluded.version, counts = excluded.counts',
      [version, JSON.stringify(counts)],
    ),
  );
  parsed.set(file.db, { version, counts });
  return true;
}
