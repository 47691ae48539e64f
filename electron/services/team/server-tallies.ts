import type { TallyView } from '#shared/coding/types';
import type { Draft } from '#shared/domain/draft/model';
import { analysisQuestions } from '../analysis/questions';
import { storedTallyViews } from '../analysis/tallies';
import type { StoredCounts } from '../analysis/stored-counts';
import type { TeamDb } from './team-db';

/**
 * The tallies of a team's consultation computed by PostgreSQL, for a consultation no laptop holds whole: the
 * server counts each distinct answer per closed question, and the answers holding text, over the active responses
 * (SQL aggregates); the counts are then turned into figures by the very functions the laptop uses on the counts it
 * keeps in a workspace (analysis/stored-counts.ts, tallies.ts storedTallyViews), so the figures are the laptop's.
 *
 * Campaigns are not on the server (their detection and decisions stay on the copy that made them), so these are the
 * figures with campaign responses included; the laptop's, with campaigns excluded, need a whole copy.
 */
export async function serverCounts(db: TeamDb): Promise<StoredCounts> {
  const [n] = await db.query<{ n: string }>(
    "SELECT count(*) AS n FROM response r JOIN respondent p ON p.id = r.respondent_id WHERE r.status = 'active'",
  );
  const closedRows = await db.query<{ q: string; opts: string; n: string }>(
    'SELECT a.question_id AS q, a.option_ids::text AS opts, count(*) AS n FROM answer a ' +
      "JOIN response r ON r.id = a.response_id AND r.status = 'active' " +
      'WHERE a.option_ids IS NOT NULL GROUP BY 1, 2',
  );
  const textRows = await db.query<{ q: string; all: string; side: string }>(
    'SELECT a.question_id AS q, count(*) AS all, ' +
      "count(*) FILTER (WHERE coalesce(a.other_text, '') <> '' OR coalesce(a.explanation, '') <> '') AS side " +
      "FROM answer a JOIN response r ON r.id = a.response_id AND r.status = 'active' WHERE a.text <> '' OR " +
      "coalesce(a.other_text, '') <> '' OR coalesce(a.explanation, '') <> '' GROUP BY 1",
  );
  const counts: StoredCounts = {
    respondents: Number(n?.n ?? 0),
    campaign: 0,
    closed: {},
    omitted: [],
    textual: {},
    side: {},
  };
  for (const r of closedRows) {
    const entry = (counts.closed[r.q] ??= { options: [], answers: [] });
    const codes = (JSON.parse(r.opts) as string[]).map((o) => {
      let k = entry.options.indexOf(o);
      if (k < 0) k = entry.options.push(o) - 1;
      return k;
    });
    entry.answers.push([codes.join(','), Number(r.n), 0]);
  }
  for (const r of textRows) {
    counts.textual[r.q] = [Number(r.all), 0];
    counts.side[r.q] = Number(r.side);
  }
  return counts;
}

/** Every question's tally as the laptop shows it (campaign responses included), from the server's counts. */
export async function serverTallies(db: TeamDb, draft: Draft): Promise<{ respondents: number; views: TallyView[] }> {
  const views = storedTallyViews(analysisQuestions(draft, false), await serverCounts(db), 'included');
  if (!views) throw new Error('A question has too many distinct answers to count this way.');
  return views;
}
