import type { Db } from '../core/db/database';
import { draftSchema } from '#shared/domain/draft/model';
import { readRows, rowsToDraft } from '../draft/draft-rows';

/**
 * What opening a workspace checks in what it holds, beyond SQLite's own page-by-page check: the
 * stored values the app reads back as JSON parse, and the draft is a valid draft. A byte damaged
 * inside a stored value passes SQLite's check (the page is still well formed) and would otherwise
 * surface later as a crash part way through an import, or be written back into every later copy.
 *
 * Every JSON column is listed here (a test checks the list against the migrations' comments).
 * Small tables are read in full. The answers (millions of rows at 100,000 responses, ~1 s for
 * json_valid over all of them) are checked in evenly spread windows, here; Verify reads them all.
 */
export const JSON_COLUMNS: readonly (readonly [table: string, column: string])[] = [
  ['draft_meta', 'metadata'],
  ['draft_meta', 'about_you'],
  ['draft_meta', 'privacy'],
  ['draft_meta', 'checker'],
  ['draft_meta', 'dismissed'],
  ['section', 'body'],
  ['question', 'options'],
  ['draft_version', 'draft'],
  ['import_batch', 'mapping'],
  ['response', 'issues'],
  ['response', 'source'],
  ['response', 'extra'],
  ['answer', 'option_ids'],
  ['answer', 'unmatched'],
  ['rejected_row', 'raw'],
  ['saved_mapping', 'headers'],
  ['saved_mapping', 'mapping'],
  ['duplicate_group', 'matched_on'],
  ['theme', 'question_ids'],
  ['suggestion_run', 'result'],
  ['coding_package', 'question_ids'],
  ['coding_package', 'sample'],
  ['analysis_counts', 'counts'],
  ['team_conflict', 'versions'],
  ['team_state', 'slice'],
];

/** Tables too big to read whole on every open. */
const SAMPLED = new Set(['answer']);
const WINDOWS = 32;
const WINDOW_ROWS = 256;

const hasTable = (db: Db, name: string): boolean =>
  db.scalar<number>("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", [name]) === 1;

/** Rows whose JSON does not parse, as "table.column (row id)" sentences; `sample` spreads windows over big tables. */
function badJson(db: Db, full: boolean): string[] {
  const found: string[] = [];
  for (const [table, column] of JSON_COLUMNS) {
    if (!hasTable(db, table)) continue;
    const bad = `${column} IS NOT NULL AND NOT json_valid(${column})`;
    let ids: number[];
    if (full || !SAMPLED.has(table)) {
      ids = db.tuples<[number]>(`SELECT rowid FROM ${table} WHERE ${bad} LIMIT 3`).map((r) => r[0]);
    } else {
      // Two queries: SQLite answers min() or max() alone from the b-tree's ends, but both at once by a scan.
      const lo = db.scalar<number>(`SELECT min(rowid) FROM ${table}`) ?? null;
      const hi = db.scalar<number>(`SELECT max(rowid) FROM ${table}`) ?? null;
      ids = [];
      if (lo !== null && hi !== null) {
        const step = Math.max(WINDOW_ROWS, Math.ceil((hi - lo + 1) / WINDOWS));
        for (let from = lo; from <= hi && ids.length < 3; from += step) {
          ids.push(
            ...db
              .tuples<[number]>(`SELECT rowid FROM ${table} WHERE rowid BETWEEN ? AND ? AND ${bad} LIMIT 3`, [
                from,
                from + WINDOW_ROWS - 1,
              ])
              .map((r) => r[0]),
          );
        }
      }
    }
    for (const id of ids.slice(0, 3)) found.push(`a stored ${table}.${column} value (row ${id}) is not readable`);
  }
  return found;
}

/** The draft as the app reads it back, checked against the draft format. */
function badDraft(db: Db): string[] {
  try {
    const r = draftSchema.safeParse(rowsToDraft(readRows(db), 'Untitled'));
    if (r.success) return [];
    const issue = r.error.issues[0];
    return [
      `the stored draft is not valid ` +
        `(${issue ? `${issue.path.join('.') || 'the draft'}: ${issue.message}` : 'unknown problem'})`,
    ];
  } catch (e) {
    return [`the stored draft cannot be read (${(e as Error).message})`];
  }
}

/** Runs a check; a database too damaged to run it is itself the finding. */
function checked(run: () => string[]): string[] {
  try {
    return run();
  } catch (e) {
    return [`its contents cannot be read (${(e as Error).message})`];
  }
}

/** What opening checks: every small table's JSON, the answers' JSON in windows, the draft. */
export function contentProblems(db: Db): string[] {
  return checked(() => [...badJson(db, false), ...badDraft(db)]);
}

/** What Verify checks: every row's JSON, and the draft. */
export function fullContentProblems(db: Db): string[] {
  return checked(() => [...badJson(db, true), ...badDraft(db)]);
}
