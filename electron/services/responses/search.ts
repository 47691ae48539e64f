import { AppError } from '#shared/core/errors';
import type { Db } from '../core/db/database';
import type { ResponseFilters, SearchHit, SearchResults } from '#shared/domain/responses/store';
import { filterSql } from './filters';
import { ANSWER_SLOTS, responseOfAnswer } from './answer-ids';

/**
 * Full-text search over answers (text, "Other" text, explanations), respondents' names and
 * organisations, and campaign members' own additions, with the browse filters. The official's
 * words are turned into a safe FTS4 query (never passed through as query syntax): words are ANDed,
 * "quoted words" are a phrase, a trailing * matches the start of a word, OR between words and a
 * leading - to exclude are understood, and so are AND and NOT as people type them (in capitals):
 * `rural AND access` is both words, `buses NOT trains` leaves trains out.
 * Matches come in index order (which is import order) so a
 * page needs no sort, and snippets are made only for the page.
 */
export type SearchScope = 'all' | 'answers' | 'respondents' | 'additions';

export interface SearchQuery {
  query: string;
  filters?: ResponseFilters | undefined;
  scope?: SearchScope | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

// Private-use characters mark matches in snippets: they cannot clash with HTML or with text people type.
const OPEN = '\uE000';
const CLOSE = '\uE001';

/** The official's words → an FTS4 MATCH expression; throws for a query with nothing to look for. */
export function toMatchExpression(input: string): string {
  const parts: string[] = [];
  let positives = 0;
  const re = /(-?)"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  // NOT before a term leaves it out, as a leading - does.
  let not = false;
  while ((m = re.exec(input.slice(0, 1000))) !== null) {
    if (m[2] !== undefined) {
      const words = clean(m[2]);
      if (!words) continue;
      const out = !!m[1] || not;
      not = false;
      parts.push(`${out ? '-' : ''}"${words}"`);
      if (!out) positives++;
      continue;
    }
    const raw = m[3]!;
    // Words are all needed anyway: AND (and &&) between them says no more than a space.
    if (raw === 'AND' || raw === '&&' || raw === '+') continue;
    if (raw === 'NOT') {
      not = true;
      continue;
    }
    if (raw === 'OR' && parts.length && !parts[parts.length - 1]!.startsWith('-') && parts[parts.length - 1] !== 'OR') {
      parts.push('OR');
      continue;
    }
    const negative = (raw.startsWith('-') && raw.length > 1) || not;
    not = false;
    const prefix = /\*$/.test(raw);
    const words = clean(raw.replace(/^-/, '').replace(/\*+$/, ''));
    if (!words) continue;
    // One typed "word" may hold several (e-mail, don't): keep them together as a phrase.
    parts.push(`${negative ? '-' : ''}"${words}${prefix ? '*' : ''}"`);
    if (!negative) positives++;
  }
  while (parts[parts.length - 1] === 'OR') parts.pop();
  if (positives === 0)
    throw new AppError('invalid-input', 'Enter a word to search for (words starting with "-" only leave things out).', {
      field: 'query',
    });
  // sql.js builds FTS4 with the enhanced query syntax: exclusion is the binary NOT operator (a
  // leading "-" would be read as part of the term), so the included terms are grouped first.
  const pos = parts.filter((p) => !p.startsWith('-'));
  const neg = parts.filter((p) => p.startsWith('-')).map((p) => p.slice(1));
  while (pos[pos.length - 1] === 'OR') pos.pop();
  return neg.length ? `(${pos.join(' ')}) ${neg.map((n) => `NOT ${n}`).join(' ')}` : pos.join(' ');
}

/** Letters, digits and the characters the tokenizer treats as part of words; everything else a space. */
function clean(s: string): string {
  return s
    .replace(/["*^():]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

/** Snippet text with markers → plain text and highlight ranges. */
export function parseSnippet(marked: string): { snippet: string; highlights: [number, number][] } {
  let out = '';
  const highlights: [number, number][] = [];
  let start = -1;
  for (const ch of marked) {
    if (ch === OPEN) start = out.length;
    else if (ch === CLOSE) {
      if (start >= 0 && out.length > start) highlights.push([start, out.length]);
      start = -1;
    } else out += ch;
  }
  return { snippet: out.replace(/\s+/g, ' '), highlights: remapAfterSpaceCollapse(out, highlights) };
}

/** Highlights were measured before runs of white space were collapsed; move them with the text. */
function remapAfterSpaceCollapse(text: string, hl: [number, number][]): [number, number][] {
  if (!hl.length) return hl;
  const map = new Int32Array(text.length + 1);
  let j = 0;
  let prevSpace = false;
  for (let i = 0; i < text.length; i++) {
    map[i] = j;
    const sp = /\s/.test(text[i]!);
    if (!(sp && prevSpace)) j++;
    prevSpace = sp;
  }
  map[text.length] = j;
  return hl.map(([s, e]) => [map[s]!, map[e]!]);
}

const FIELDS: SearchHit['field'][] = ['text', 'otherText', 'explanation'];

/**
 * The first column any phrase matched in, from matchinfo(…, 'b'): a 32-bit word per phrase (answer_fts has 3 columns),
 * bit i set when the phrase is in column i. 0 when none (as offsets()'s empty list read as column 0).
 */
function firstColumn(b: Uint8Array): number {
  let bits = 0;
  for (let i = 0; i + 3 < b.length; i += 4) bits |= b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
  return bits ? 31 - Math.clz32(bits & -bits) : 0;
}

interface Source {
  kind: 'respondents' | 'answers' | 'additions';
  page: (offset: number, limit: number) => SearchHit[];
  /** SQL listing the response id (as rid) of each hit, for counting distinct responses, and its parameters. */
  responsesSql: string;
  params: (string | number)[];
}

/**
 * Every query names the full-text table first and joins with CROSS JOIN, which SQLite never
 * reorders: with an indexed filter (channel, batch) the planner would otherwise loop over responses
 * and run the full-text match once per response.
 */
export function searchResponses(db: Db, q: SearchQuery): SearchResults {
  const match = toMatchExpression(q.query);
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
  const offset = Math.max(q.offset ?? 0, 0);
  const scope = q.scope ?? 'all';
  const { questionId, ...rest } = q.filters ?? {};
  const f = filterSql(rest);
  const usesRespondent = f.where.some((w) => /\bp\./.test(w));
  // With only the default filter and no resolved duplicates, the answers' hits are read from the index alone.
  const noDuplicates = !db.get("SELECT 1 FROM response WHERE status <> 'active' LIMIT 1");
  const indexOnly = f.onlyDefault && noDuplicates && !questionId;
  const where = f.where.length ? ` AND ${f.where.join(' AND ')}` : '';
  const withP = usesRespondent ? ' CROSS JOIN respondent p ON p.id = r.respondent_id' : '';
  const sources: Source[] = [];

  if ((scope === 'all' || scope === 'respondents') && !questionId) {
    // The respondent's row only when a filter reads it, and no filter when the only one (active) holds for every
    // response: then the response's id comes from the response_respondent index alone. The respondents' pass for
    // "NHS" at 100,000 responses: 7.6 -> 1.9 ms CPU.
    const allActive = f.onlyDefault && noDuplicates;
    const from =
      `FROM respondent_fts${usesRespondent ? ' CROSS JOIN respondent p ON p.id = respondent_fts.docid' : ''} ` +
      `CROSS JOIN response r ON r.respondent_id = respondent_fts.docid WHERE respondent_fts MATCH ?` +
      `${allActive ? '' : where}`;
    const params = allActive ? [match] : [match, ...f.params];
    sources.push({
      kind: 'respondents',
      page: (o, l) =>
        db
          .all<{ rid: number; s: string }>(
            `SELECT r.id AS rid, snippet(respondent_fts, '${OPEN}', '${CLOSE}', '…', -1, 16) AS s ${from} ORDER ` +
              `BY respondent_fts.docid LIMIT ? OFFSET ?`,
            [...params, l, o],
          )
          .map((x) => ({ responseId: x.rid, questionId: null, field: 'respondent' as const, ...parseSnippet(x.s) })),
      responsesSql: `SELECT r.id AS rid ${from}`,
      params,
    });
  }
  if (scope === 'all' || scope === 'answers') {
    const rid = responseOfAnswer('answer_fts.docid');
    const withA = questionId ? ' CROSS JOIN answer a ON a.id = answer_fts.docid' : '';
    const qWhere = questionId ? ' AND a.question_id = ?' : '';
    const qParams = questionId ? [questionId] : [];
    const from = indexOnly
      ? 'FROM answer_fts WHERE answer_fts MATCH ?'
      : `FROM answer_fts${withA} CROSS JOIN response r ON r.id = ${rid}${withP} WHERE answer_fts MATCH ` +
        `?${qWhere}${where}`;
    const params = indexOnly ? [match] : [match, ...qParams, ...f.params];
    sources.push({
      kind: 'answers',
      page: (o, l) => {
        // The field is the first column with a match: matchinfo's 'b' (the columns each phrase is in, from the row's
        // own position lists) rather than offsets(), which tokenised every column of every row of the page again
        // and read the term's whole list of matches (7 of 9 ms of a page of "NHS" at 100,000 responses).
        const rows = db.all<{ did: number; s: string; b: Uint8Array }>(
          `SELECT answer_fts.docid AS did, snippet(answer_fts, '${OPEN}', '${CLOSE}', '…', -1, 16) AS s, ` +
            `matchinfo(answer_fts, 'b') AS b ${from} ORDER BY answer_fts.docid LIMIT ? OFFSET ?`,
          [...params, l, o],
        );
        const qids = new Map(
          rows.length
            ? db
                .all<{ id: number; question_id: string }>(
                  `SELECT id, question_id FROM answer WHERE id IN (${rows.map(() => '?').join(',')})`,
                  rows.map((r) => r.did),
                )
                .map((a) => [a.id, a.question_id])
            : [],
        );
        return rows.map((x) => ({
          responseId: Math.floor(x.did / ANSWER_SLOTS),
          questionId: qids.get(x.did) ?? null,
          field: FIELDS[firstColumn(x.b)] ?? 'text',
          ...parseSnippet(x.s),
        }));
      },
      responsesSql: `SELECT ${rid} AS rid ${from}`,
      params,
    });
  }
  if (scope === 'additions') {
    const from =
      `FROM campaign_member_fts CROSS JOIN campaign_member m ON m.id = campaign_member_fts.docid CROSS JOIN ` +
      `campaign c ON c.id = m.campaign_id CROSS JOIN response r ON r.id = m.response_id${withP} WHERE ` +
      `campaign_member_fts MATCH ? AND m.removed_at IS NULL AND c.status <> ` +
      `'rejected'${questionId ? ' AND c.question_id = ?' : ''}${where}`;
    const params = [match, ...(questionId ? [questionId] : []), ...f.params];
    sources.push({
      kind: 'additions',
      page: (o, l) =>
        db
          .all<{ rid: number; qid: string; s: string }>(
            `SELECT m.response_id AS rid, c.question_id AS qid, snippet(campaign_member_fts, '${OPEN}', ` +
              `'${CLOSE}', '…', -1, 16) AS s ${from} ORDER BY campaign_member_fts.docid LIMIT ? OFFSET ?`,
            [...params, l, o],
          )
          .map((x) => ({
            responseId: x.rid,
            questionId: x.qid,
            field: 'campaignAddition' as const,
            ...parseSnippet(x.s),
          })),
      responsesSql: `SELECT m.response_id AS rid ${from}`,
      params,
    });
  }

  let total = 0;
  const results: SearchHit[] = [];
  let skip = offset;
  const { counts, responses } = countHits(db, sources);
  for (const [i, s] of sources.entries()) {
    const n = counts[i]!;
    total += n;
    if (results.length >= limit) continue;
    if (skip >= n) {
      skip -= n;
      continue;
    }
    results.push(...s.page(skip, limit - results.length));
    skip = 0;
  }
  return { query: q.query, total, responses, offset, results };
}

/**
 * Each source's hits, and the responses with a hit in any source. Counting distinct responses in SQL (count(DISTINCT),
 * or NOT IN over the answers' matches for the respondents' extra responses) built a temporary index of every match and
 * read a common word's matches twice: 55 of 62 ms CPU for "NHS" at 100,000 responses (134,000 answer hits). Here each
 * source's hits are read once, as a column of response ids with nothing allocated per row (Db.numbers), and counted in
 * one bitmap shared by the sources: the number of hits is the column's length, the responses are the bits set.
 */
function countHits(db: Db, sources: Source[]): { counts: number[]; responses: number } {
  const columns = sources.map((s) => db.numbers(s.responsesSql, s.params));
  let max = 0;
  for (const ids of columns) for (const id of ids) if (id > max) max = id;
  let responses = 0;
  if (max < MAX_BITMAP_ID) {
    const seen = new Uint32Array((max >>> 5) + 1);
    for (const ids of columns)
      for (const id of ids) {
        const bit = 1 << (id & 31);
        const word = id >>> 5;
        if (!(seen[word]! & bit)) {
          seen[word] = seen[word]! | bit;
          responses++;
        }
      }
  } else {
    // Response ids far apart (never made by the importer, which numbers them from 1): a set instead.
    const seen = new Set<number>();
    for (const ids of columns) for (const id of ids) seen.add(id);
    responses = seen.size;
  }
  return { counts: columns.map((ids) => ids.length), responses };
}

/** Response ids up to this are counted in a bitmap (8 MiB at most). */
const MAX_BITMAP_ID = 2 ** 26;
