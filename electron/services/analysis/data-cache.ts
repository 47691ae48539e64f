import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { Db } from '../core/db/database';
import { RESPONSES_AUDIT_RANGE } from '../core/audit';
import { detached } from '#shared/core/detached';
import {
  encodeAnswers,
  encodeField,
  type EncodedAnswers,
  type EncodedField,
  type TallyQuestion,
} from '#shared/analysis/tallies';
import { CROSS_TAB_FIELDS, type CrossTabField } from '#shared/coding/fields';
import { ANSWER_SHIFT, ANSWER_SLOTS } from '../responses/answer-ids';

/**
 * What the analysis reads over and over, read once and kept in the backend worker:
 *
 * - the response index: every response counted (status 'active', i.e. not resolved as a
 *   duplicate) in id order, which of them are in a confirmed campaign, and the respondent fields
 *   the figures can be split by, each already encoded (codes per response);
 * - the answers: per question, the options each respondent chose (as codes into the option ids
 *   seen) and which answers hold text to code.
 *
 * The answers are read in one pass over the answer table (there is deliberately no index on
 * question_id, see migration 0004): 5,000 responses at a time (a range of the answer key, whose ids
 * carry their response), each range turned into one string by
 * group_concat inside SQLite and split here, which is five times faster than stepping through
 * millions of rows one by one. Encoded answers per question (shared/analysis encodeAnswers) are
 * then cached against the question's options and the response index.
 *
 * Invalidation: every change to responses goes through the responses services, and every one of
 * them writes an audit record whose action starts "responses." (import, undo, corrections,
 * duplicate decisions, campaign decisions and splits, organisation merges, detection). So:
 * - the response index is stale when the newest "responses.*" audit id or the highest response id
 *   changes;
 * - the answers are stale when the newest audit id of an action that can change answers changes
 *   (any "responses.*" action not known to leave answers alone, so a new kind of change is safe by
 *   default) or the highest answer id changes.
 * Both checks are two index lookups. Keyed by the Db object, so a reloaded database starts afresh.
 */

/** "responses.*" actions known not to change any answer (everything else is assumed to). */
const NOT_ANSWER_CHANGES = [
  'responses.campaign-confirm',
  'responses.campaign-reject',
  'responses.campaign-reopen',
  'responses.campaign-split',
  'responses.campaign-restore',
  'responses.duplicates-resolve',
  'responses.duplicates-dismiss',
  'responses.duplicates-reopen',
  'responses.organisations-merge',
  'responses.organisations-revert',
  'responses.detect',
  'responses.discard-rejected',
  'responses.create-questions',
];

export interface ResponseIndex {
  version: string;
  /** Counted responses, ascending ids. */
  ids: Int32Array;
  /** Response id → position in `ids`, -1 when not counted. */
  pos: Int32Array;
  /** 1 when the response is a member of a confirmed campaign. */
  campaign: Uint8Array;
  /** Campaign label (or "Campaign n") per position, '' when none. */
  campaignName: string[];
  /** Encoded respondent fields, levels in order of first appearance. */
  fields: Record<CrossTabField, EncodedField>;
  respondentIds: Int32Array;
  /** 1 for respondents answering for an organisation. */
  organisation: Uint8Array;
  /** 1 when the respondent asked for confidentiality. */
  confidential: Uint8Array;
  duplicatesRemoved: number;
}

export interface ClosedAnswers {
  /** Option ids as seen in the data (interned). */
  optionIds: string[];
  /** Rows: response id, and the choices as codes into optionIds (codes[offsets[i]..offsets[i+1])). */
  rids: Int32Array;
  offsets: Uint32Array;
  codes: Uint16Array;
}

/** bit 0: non-blank text; bit 1: "Other" text or explanation. */
export const HAS_TEXT = 1;
export const HAS_SIDE_TEXT = 2;

export interface TextualAnswers {
  rids: Int32Array;
  flags: Uint8Array;
}

export interface AnswerData {
  version: string;
  closed: Map<string, ClosedAnswers>;
  textual: Map<string, TextualAnswers>;
  /** Milliseconds the last load took. */
  loadMs: number;
}

interface CacheEntry {
  index: ResponseIndex | null;
  answers: AnswerData | null;
  /** A background load not yet finished (warmAnswerCache). */
  loading: AnswerLoad | null;
  encoded: Map<string, { key: string; enc: EncodedAnswers }>;
}

const caches = new WeakMap<Db, CacheEntry>();

function entry(db: Db): CacheEntry {
  let e = caches.get(db);
  if (!e) {
    e = { index: null, answers: null, loading: null, encoded: new Map() };
    caches.set(db, e);
  }
  return e;
}

/** The response index's version: the newest "responses.*" audit id and the highest response id. */
export function indexVersion(db: Db): string {
  const audit = db.scalar<number>(`SELECT max(id) FROM audit_log WHERE ${RESPONSES_AUDIT_RANGE}`) ?? 0;
  const maxId = db.scalar<number>('SELECT max(id) FROM response') ?? 0;
  return `${audit}:${maxId}`;
}

/** The answers' version: the newest audit id of a change that can alter answers, and the highest answer id. */
export function answersVersion(db: Db): string {
  const audit =
    db.scalar<number>(
      `SELECT max(id) FROM audit_log WHERE ${RESPONSES_AUDIT_RANGE} AND action NOT IN ` +
        `(${NOT_ANSWER_CHANGES.map(() => '?').join(',')})`,
      NOT_ANSWER_CHANGES,
    ) ?? 0;
  const maxId = db.scalar<number>('SELECT max(id) FROM answer') ?? 0;
  return `${audit}:${maxId}`;
}

/** Forget everything cached for this database (tests; or after a change made outside the services). */
export function invalidateAnalysisCache(db: Db): void {
  caches.delete(db);
}

/**
 * Organisation names: the view respondent_organisation's rule (canonical name of a live merge, else as given), joined
 * directly for speed.
 */
interface IndexRow {
  id: number;
  respondent_id: number;
  channel: string;
  respondent_type: string | null;
  responding_as: string | null;
  region: string | null;
  age_band: string | null;
  is_organisation: number;
  organisation: string | null;
  confidential: string | null;
  confidential_requested: number;
  publish_consent: string | null;
  contact_consent: string | null;
}

type IndexTuple = [
  number,
  number,
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  number,
  string | null,
  string | null,
  number,
  string | null,
  string | null,
];
const toIndexRow = (t: IndexTuple): IndexRow => ({
  id: t[0],
  respondent_id: t[1],
  channel: t[2],
  respondent_type: t[3],
  responding_as: t[4],
  region: t[5],
  age_band: t[6],
  is_organisation: t[7],
  organisation: t[8],
  confidential: t[9],
  confidential_requested: t[10],
  publish_consent: t[11],
  contact_consent: t[12],
});

function loadIndex(db: Db, version: string): ResponseIndex {
  // One JSON array from SQLite, parsed natively: twice as fast as stepping through 100,000 rows.
  const json = db.scalar<string>(
    `SELECT json_group_array(json_array(r.id, r.respondent_id, r.channel, p.respondent_type, p.responding_as, p.region,
            p.age_band, p.is_organisation, coalesce(om.canonical_name, p.organisation),
            p.confidential, p.confidential_requested, p.publish_consent, p.contact_consent))
     FROM (SELECT * FROM response WHERE status = 'active' ORDER BY id) r JOIN respondent p ON p.id = r.respondent_id
     LEFT JOIN organisation_merge om ON om.variant_key = p.org_key AND om.reverted_at IS NULL`,
  );
  const rows = (JSON.parse(json ?? '[]') as IndexTuple[]).map(toIndexRow).sort((a, b) => a.id - b.id);
  const n = rows.length;
  const ids = new Int32Array(n);
  const respondentIds = new Int32Array(n);
  const organisation = new Uint8Array(n);
  const confidential = new Uint8Array(n);
  const maxId = db.scalar<number>('SELECT max(id) FROM response') ?? 0;
  const pos = new Int32Array(maxId + 1).fill(-1);
  rows.forEach((r, i) => {
    ids[i] = r.id;
    pos[r.id] = i;
    respondentIds[i] = r.respondent_id;
    organisation[i] = r.is_organisation ? 1 : 0;
    confidential[i] = r.confidential_requested ? 1 : 0;
  });
  const campaign = new Uint8Array(n);
  const campaignName = new Array<string>(n).fill('');
  const members = db.all<{ response_id: number; id: number; label: string }>(
    'SELECT m.response_id, c.id, c.label FROM campaign_member m JOIN campaign c ON c.id = m.campaign_id WHERE ' +
      "m.removed_at IS NULL AND c.status = 'confirmed' ORDER BY c.id",
  );
  for (const m of members) {
    const p = m.response_id < pos.length ? pos[m.response_id]! : -1;
    if (p < 0) continue;
    campaign[p] = 1;
    if (!campaignName[p]) campaignName[p] = m.label.trim() || `Campaign ${m.id}`;
  }
  const column: Record<CrossTabField, (r: IndexRow) => string | null> = {
    respondentType: (r) => r.respondent_type,
    organisationOrIndividual: (r) => (r.is_organisation ? 'Organisation' : 'Individual'),
    respondingAs: (r) => r.responding_as,
    region: (r) => r.region,
    ageBand: (r) => r.age_band,
    channel: (r) => r.channel,
    organisation: (r) => (r.is_organisation ? r.organisation : null),
    confidential: (r) => r.confidential,
    publishConsent: (r) => r.publish_consent,
    contactConsent: (r) => r.contact_consent,
  };
  const fields = {} as Record<CrossTabField, EncodedField>;
  for (const f of CROSS_TAB_FIELDS) fields[f] = encodeField(f, rows.map(column[f]));
  const duplicatesRemoved = db.scalar<number>("SELECT count(*) FROM response WHERE status = 'duplicate'") ?? 0;
  return {
    version,
    ids,
    pos,
    campaign,
    campaignName,
    fields,
    respondentIds,
    organisation,
    confidential,
    duplicatesRemoved,
  };
}

/** Growable typed buffer. */
class IntBuffer {
  private a: Int32Array;
  length = 0;
  constructor(cap = 1024) {
    this.a = new Int32Array(cap);
  }
  push(v: number): void {
    if (this.length === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.length++] = v;
  }
  toInt32(): Int32Array {
    return this.a.slice(0, this.length);
  }
}

interface ClosedBuilder {
  optionIds: string[];
  index: Map<string, number>;
  rids: IntBuffer;
  offsets: IntBuffer;
  codes: IntBuffer;
}

const CHUNK_RESPONSES = 5000;

/** Parses '["a","b"]' (option ids are slugs; anything escaped goes through JSON.parse). */
function parseIds(json: string): string[] {
  if (json.length < 4 || json.includes('\\')) {
    try {
      const v = JSON.parse(json) as unknown;
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }
  return json.slice(2, -2).split('","');
}

/**
 * A load of the answers in progress: one chunk of 5,000 responses at a time, so it can run in the
 * background between the window's requests (warmAnswerCache) and be finished at once when a
 * request needs it (answerData).
 */
interface AnswerLoad {
  version: string;
  next: number;
  minId: number;
  maxId: number;
  closed: Map<string, ClosedBuilder>;
  textual: Map<string, { rids: IntBuffer; flags: number[] }>;
  ms: number;
}

/**
 * SQL: an answer's flags (HAS_TEXT, HAS_SIDE_TEXT), `a` being the answer table's alias with its dot ('' for none).
 * The import never stores a blank answer (it skips cells that are only white space), so "has text" is a plain
 * comparison: trim() on every long answer would double the scan.
 */
export const answerFlagsSql = (a: string): string =>
  `((${a}text <> '') + 2 * ((${a}other_text IS NOT NULL AND ${a}other_text <> '')
      OR (${a}explanation IS NOT NULL AND ${a}explanation <> '')))`;

const ANSWERS_SQL = `SELECT group_concat(question_id || char(9) || (id >> ${ANSWER_SHIFT}) || char(9) ||
    coalesce(option_ids, '') || char(9) ||
    ${answerFlagsSql('')}, char(10))
  FROM answer WHERE id >= ? AND id < ?`;
const STEP = CHUNK_RESPONSES * ANSWER_SLOTS;

function startLoad(db: Db, version: string): AnswerLoad {
  // Answer ids carry their response (answer-ids.ts): read 5,000 responses' answers at a time.
  const maxId = db.scalar<number>('SELECT max(id) FROM answer') ?? -1;
  const minId = db.scalar<number>('SELECT min(id) FROM answer') ?? 0;
  return { version, next: minId - (minId % ANSWER_SLOTS), minId, maxId, closed: new Map(), textual: new Map(), ms: 0 };
}

/** Reads the next chunk; returns true when every answer has been read. */
function loadChunk(db: Db, load: AnswerLoad, onProgress?: (done: number, total: number) => void): boolean {
  if (load.next > load.maxId) return true;
  const t0 = performance.now();
  const { closed, textual } = load;
  const lo = load.next;
  onProgress?.(lo - load.minId, load.maxId - load.minId + 1);
  const s = db.scalar<string>(ANSWERS_SQL, [lo, lo + STEP]);
  load.next = lo + STEP;
  if (s) {
    let start = 0;
    while (start < s.length) {
      let end = s.indexOf('\n', start);
      if (end < 0) end = s.length;
      const t1 = s.indexOf('\t', start);
      const t2 = s.indexOf('\t', t1 + 1);
      const t3 = s.indexOf('\t', t2 + 1);
      if (t1 < 0 || t2 < 0 || t3 < 0 || t3 > end) {
        start = end + 1;
        continue;
      }
      const qid = s.slice(start, t1);
      const rid = Number(s.slice(t1 + 1, t2));
      const opts = s.slice(t2 + 1, t3);
      const flags = Number(s.slice(t3 + 1, end));
      if (opts) {
        let b = closed.get(qid);
        if (!b) {
          b = {
            optionIds: [],
            index: new Map(),
            rids: new IntBuffer(),
            offsets: new IntBuffer(),
            codes: new IntBuffer(),
          };
          closed.set(detached(qid), b);
        }
        const list = parseIds(opts);
        b.rids.push(rid);
        b.offsets.push(b.codes.length);
        for (const o of list) {
          let k = b.index.get(o);
          if (k === undefined) {
            k = b.optionIds.length;
            const id = detached(o);
            b.optionIds.push(id);
            b.index.set(id, k);
          }
          b.codes.push(k);
        }
      }
      if (flags) {
        let t = textual.get(qid);
        if (!t) {
          t = { rids: new IntBuffer(), flags: [] };
          textual.set(detached(qid), t);
        }
        t.rids.push(rid);
        t.flags.push(flags);
      }
      start = end + 1;
    }
  }
  load.ms += performance.now() - t0;
  return load.next > load.maxId;
}

function finishLoad(load: AnswerLoad): AnswerData {
  const outClosed = new Map<string, ClosedAnswers>();
  for (const [qid, b] of load.closed) {
    const offsets = new Uint32Array(b.rids.length + 1);
    offsets.set(b.offsets.toInt32());
    offsets[b.rids.length] = b.codes.length;
    outClosed.set(qid, {
      optionIds: b.optionIds,
      rids: b.rids.toInt32(),
      offsets,
      codes: Uint16Array.from(b.codes.toInt32()),
    });
  }
  const outText = new Map<string, TextualAnswers>();
  for (const [qid, t] of load.textual)
    outText.set(qid, sortTextual({ rids: t.rids.toInt32(), flags: Uint8Array.from(t.flags) }));
  return { version: load.version, closed: outClosed, textual: outText, loadMs: load.ms };
}

/** Answers are read in answer-id order, which is response order within a batch; make it response order. */
function sortTextual(t: TextualAnswers): TextualAnswers {
  let sorted = true;
  for (let i = 1; i < t.rids.length; i++) if (t.rids[i]! < t.rids[i - 1]!) sorted = false;
  if (sorted) return t;
  const order = Array.from(t.rids.keys()).sort((a, b) => t.rids[a]! - t.rids[b]!);
  return { rids: Int32Array.from(order, (i) => t.rids[i]!), flags: Uint8Array.from(order, (i) => t.flags[i]!) };
}

export interface CacheStatus {
  cached: boolean;
}

/** The response index, reloaded when responses changed. */
export function responseIndex(db: Db, status?: CacheStatus): ResponseIndex {
  const e = entry(db);
  const v = indexVersion(db);
  if (e.index?.version === v) return e.index;
  if (status) status.cached = false;
  e.index = loadIndex(db, v);
  return e.index;
}

/** Every answer's choices and text flags, reloaded when answers changed. */
export function answerData(
  db: Db,
  status?: CacheStatus,
  onProgress?: (done: number, total: number) => void,
): AnswerData {
  const e = entry(db);
  const v = answersVersion(db);
  if (e.answers?.version === v) return e.answers;
  if (status) status.cached = false;
  // Finish a background load of the same answers rather than starting again.
  const load = e.loading?.version === v ? e.loading : startLoad(db, v);
  e.loading = null;
  while (!loadChunk(db, load, onProgress));
  e.answers = finishLoad(load);
  e.encoded.clear();
  return e.answers;
}

/** Whether the cache holds the answers as they now are (without loading anything). */
export function answerCacheIsCurrent(db: Db): boolean {
  return caches.get(db)?.answers?.version === answersVersion(db);
}

/**
 * Reads the answers into the cache in the background — a chunk at a time, giving the event loop a
 * turn between chunks so the window's requests are answered meanwhile — so the first tallies after
 * a large workspace is opened or imported into do not wait for it (100,000 responses × 40
 * questions: about 5 s of reading). A request that needs the answers before it is done finishes it
 * (answerData); a change to the answers meanwhile, or the workspace closing, abandons it. Resolves
 * true when the cache holds the answers as they now are.
 */
export async function warmAnswerCache(db: Db): Promise<boolean> {
  try {
    const e = entry(db);
    const v = answersVersion(db);
    if (e.answers?.version === v) return true;
    if (e.loading?.version === v) return false; // another warm-up is on it
    const load = startLoad(db, v);
    e.loading = load;
    for (;;) {
      if (loadChunk(db, load)) break;
      await yieldToEvents();
      // Finished by a request, replaced, or the answers changed (the workspace may have closed: that throws).
      if (e.loading !== load) return e.answers?.version === answersVersion(db);
      // Changed, or being changed part by part (an import in progress: its rows may yet be undone).
      if (db.busy || answersVersion(db) !== v) {
        e.loading = null;
        return false;
      }
    }
    e.loading = null;
    e.answers = finishLoad(load);
    e.encoded.clear();
    responseIndex(db);
    return true;
  } catch {
    return false; // closed underneath us: nothing to warm
  }
}

/**
 * Encoded answers of a closed question over the counted responses (aligned with index.ids),
 * cached until the question's options, the answers or the response index change.
 */
export function encodedAnswers(
  db: Db,
  q: TallyQuestion,
  index: ResponseIndex,
  data: AnswerData,
  status?: CacheStatus,
): EncodedAnswers {
  const e = entry(db);
  const key = `${index.version}|${data.version}|${q.type}|${q.options.map((o) => o.id).join('\u0001')}`;
  const hit = e.encoded.get(q.id);
  if (hit?.key === key) return hit.enc;
  if (status) status.cached = false;
  const n = index.ids.length;
  const answers = new Array<readonly string[] | null>(n).fill(null);
  const c = data.closed.get(q.id);
  if (c) {
    const pos = index.pos;
    for (let i = 0; i < c.rids.length; i++) {
      const rid = c.rids[i]!;
      const p = rid < pos.length ? pos[rid]! : -1;
      if (p < 0) continue;
      const a = c.offsets[i]!;
      const b = c.offsets[i + 1]!;
      const list = new Array<string>(b - a);
      for (let j = a; j < b; j++) list[j - a] = c.optionIds[c.codes[j]!]!;
      answers[p] = list;
    }
  }
  const enc = encodeAnswers(q, answers);
  e.encoded.set(q.id, { key, enc });
  return enc;
}

/** Response ids (ascending) of counted responses whose answer to the question holds text to code. */
export function codableResponses(
  index: ResponseIndex,
  data: AnswerData,
  questionId: string,
  open: boolean,
): Int32Array {
  const t = data.textual.get(questionId);
  if (!t) return new Int32Array(0);
  const out = new IntBuffer(t.rids.length || 1);
  const want = open ? HAS_TEXT | HAS_SIDE_TEXT : HAS_SIDE_TEXT;
  for (let i = 0; i < t.rids.length; i++) {
    const rid = t.rids[i]!;
    if ((t.flags[i]! & want) === 0) continue;
    if (rid < index.pos.length && index.pos[rid]! >= 0) out.push(rid);
  }
  return out.toInt32();
}
