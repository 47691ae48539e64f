import { toMatchExpression } from '../responses/search';
import type { TeamDb } from './team-db';

/**
 * The team server's full-text search over answers, with the laptop's query syntax: the official's words are read
 * by the laptop's own reader (responses/search.ts toMatchExpression: words ANDed, "quoted words" a phrase, a
 * trailing * a prefix, OR, a leading - or NOT to leave out; a query with nothing to look for is refused the same
 * way), and its FTS4 expression is turned into a PostgreSQL tsquery. Each term goes to to_tsquery as a quoted,
 * escaped lexeme (never as query syntax), so PostgreSQL's own parser splits it exactly as it split the answers
 * (`e-mail` becomes 'e-mail' <-> 'e' <-> 'mail'); the words of a phrase are joined with <->, a prefix is :*.
 *
 * It reads the `answer` table's `search` column (to_tsvector('simple', …), GIN index; server-schema/0001) and,
 * like the laptop's default, only answers of active responses (a resolved duplicate is left out).
 *
 * Where the two differ (the tokenisers, not the syntax): the laptop's unicode61 folds accents (cafe finds café)
 * and splits at every mark that is not a letter or digit; PostgreSQL's parser keeps accents and keeps a web
 * address, an email address, a file path or a decimal number as one word (www.gov.uk, 3.5), so `gov` alone does
 * not find "www.gov.uk" on the server (the whole address does, on both).
 */
export interface ServerSearchQuery {
  query: string;
  questionId?: string | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

export interface ServerSearchResults {
  query: string;
  /** The tsquery sent (for the record; it is built, never typed). */
  tsquery: string;
  /** Answers that match. */
  total: number;
  /** Distinct responses among them. */
  responses: number;
  offset: number;
  /** A page of matching answers, in the laptop's order: by response, then the question's place in the draft. */
  results: { responseId: number; questionId: string }[];
}

/** A lexeme as to_tsquery reads it inside single quotes: quote and backslash escaped. */
const lexeme = (word: string, prefix: boolean): string =>
  `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`;

/** One FTS4 term ("w1 w2", or "w*") → a tsquery phrase. */
function term(t: string): string {
  const inner = t.slice(1, -1);
  const prefix = inner.endsWith('*');
  const words = (prefix ? inner.slice(0, -1) : inner).split(' ').filter(Boolean);
  const parts = words.map((w, i) => lexeme(w, prefix && i === words.length - 1));
  return parts.length === 1 ? parts[0]! : `(${parts.join(' <-> ')})`;
}

/**
 * The official's words → a tsquery text for to_tsquery('simple', …); throws (AppError invalid-input) for a query
 * with nothing to look for, as the laptop does. toMatchExpression's output is `t t OR t …` or
 * `(t t OR t …) NOT t NOT t …`, each t a double-quoted term whose characters are letters, digits, spaces and
 * marks other than `"*^():` (and a trailing * inside the quotes for a prefix). In sql.js's FTS4 (the enhanced
 * query syntax) AND, written or implicit, binds tighter than OR, as & binds tighter than | in a tsquery.
 */
export function toTsQuery(input: string): string {
  const fts = toMatchExpression(input);
  const tokens = fts.match(/"[^"]*"|\(|\)|OR|NOT/g) ?? [];
  const out: string[] = [];
  let prev: 'term' | 'op' | 'start' = 'start';
  let negate = false;
  for (const t of tokens) {
    if (t === '(' || t === ')') {
      if (t === ')') prev = 'term';
      if (t === '(') out.push('(');
      else out.push(')');
      continue;
    }
    if (t === 'OR') {
      out.push('|');
      prev = 'op';
      continue;
    }
    if (t === 'NOT') {
      negate = true;
      continue;
    }
    if (prev === 'term') out.push('&');
    out.push(negate ? `!${term(t)}` : term(t));
    negate = false;
    prev = 'term';
  }
  return out.join(' ').replace(/\( /g, '(').replace(/ \)/g, ')');
}

/**
 * One pass over the matching answers for the counts and the page: the matches (response, question) are read from
 * the table once (a GIN bitmap, then the rows: the cost of a common word), kept, counted, and the page taken from
 * them. The bitmap is kept exact (work_mem 64 MB: at 4 MB a word in one answer in ten at 500,000 responses made it
 * lossy, and every row of its pages was checked again, twice as slow), and JIT compiling is off (30 ms a query, for
 * nothing here). Answers of responses that are not active are left out through their own small index (0002).
 */
const SEARCH = `WITH m AS MATERIALIZED (
  SELECT a.response_id, a.question_id FROM answer a WHERE a.search @@ to_tsquery('simple', $1)
    AND NOT EXISTS (SELECT 1 FROM response r WHERE r.id = a.response_id AND r.status <> 'active') __Q__
), upto AS (
  SELECT max(response_id) AS r FROM (SELECT response_id FROM m ORDER BY response_id LIMIT $2::int + $3::int) x
)
SELECT (SELECT count(*) FROM m) AS n, (SELECT count(*) FROM (SELECT DISTINCT response_id FROM m) x) AS d,
  (SELECT coalesce(json_agg(json_build_array(p.response_id, p.question_id)), '[]') FROM (
    SELECT m.response_id, m.question_id FROM m LEFT JOIN question q ON q.id = m.question_id
    WHERE m.response_id <= (SELECT r FROM upto) ORDER BY m.response_id, q.position, m.question_id
    LIMIT $2::int OFFSET $3::int
  ) p) AS page`;

/** Search the team's answers on the server: counts, and one page of (response, question). */
export async function searchServer(db: TeamDb, q: ServerSearchQuery): Promise<ServerSearchResults> {
  const tsquery = toTsQuery(q.query);
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
  const offset = Math.max(q.offset ?? 0, 0);
  const byQuestion = q.questionId !== undefined;
  const sql = SEARCH.replace('__Q__', byQuestion ? 'AND a.question_id = $4' : '');
  const params = byQuestion ? [tsquery, limit, offset, q.questionId!] : [tsquery, limit, offset];
  const [row] = await db.transaction(async (tx) => {
    await tx.query("SET LOCAL work_mem = '64MB'");
    await tx.query('SET LOCAL jit = off');
    return tx.query<{ n: string; d: string; page: [string | number, string][] }>(sql, params);
  });
  return {
    query: q.query,
    tsquery,
    total: Number(row?.n ?? 0),
    responses: Number(row?.d ?? 0),
    offset,
    results: (row?.page ?? []).map(([r, qid]) => ({ responseId: Number(r), questionId: qid })),
  };
}
