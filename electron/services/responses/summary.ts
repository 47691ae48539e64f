import type { Db } from '../core/db/database';
import type { Draft } from '#shared/domain/draft/model';
import { orderedQuestions, questionNumbers } from '#shared/domain/draft/model';
import type { IntakeChannel } from '#shared/domain/survey-import/types';
import { GENERAL_COMMENTS_ID, GENERAL_COMMENTS_LABEL, type ResponsesSummary } from '#shared/domain/responses/store';
import { organisationSuggestions } from './organisations';

/** Everything the Responses page shows at the top, and the values its filters offer. */
/** Per-question answer counts and organisation suggestions read every answer or name, so they are asked for. */
export function responsesSummary(
  db: Db,
  draft: Draft,
  opts: { withCounts?: boolean | undefined } = {},
): ResponsesSummary {
  const n = (sql: string, p: (string | number)[] = []) => db.scalar<number>(sql, p) ?? 0;
  const nums = questionNumbers(draft);
  const answers = opts.withCounts
    ? new Map(
        db
          .all<{ question_id: string; n: number }>(
            'SELECT a.question_id, count(*) AS n FROM answer a JOIN response r ON r.id = (a.id >> 12) WHERE ' +
              "r.status = 'active' GROUP BY a.question_id",
          )
          .map((r) => [r.question_id, r.n]),
      )
    : new Map(
        db
          .all<{ question_id: string }>('SELECT question_id FROM answer WHERE question_id = ? LIMIT 1', [
            GENERAL_COMMENTS_ID,
          ])
          .map((r) => [r.question_id, 0]),
      );
  const questions = orderedQuestions(draft).map((q) => ({
    id: q.id,
    number: nums.get(q.id) ?? '',
    text: q.text,
    open: q.type === 'open_text' || q.type === 'any_other_comments' || q.type === 'numeric',
    answers: answers.get(q.id) ?? (opts.withCounts ? 0 : -1),
  }));
  if (answers.has(GENERAL_COMMENTS_ID))
    questions.push({
      id: GENERAL_COMMENTS_ID,
      number: '',
      text: GENERAL_COMMENTS_LABEL,
      open: true,
      answers: opts.withCounts ? answers.get(GENERAL_COMMENTS_ID)! : -1,
    });
  const campaignCounts = new Map(
    db
      .all<{ status: string; n: number }>('SELECT status, count(*) AS n FROM campaign GROUP BY status')
      .map((r) => [r.status, r.n]),
  );
  const last = db.get<{ at: string; threshold: number }>(
    'SELECT at, threshold FROM detection_run ORDER BY id DESC LIMIT 1',
  );
  return {
    responses: n('SELECT count(*) FROM response'),
    activeResponses: n("SELECT count(*) FROM response WHERE status = 'active'"),
    duplicatesResolved: n("SELECT count(*) FROM response WHERE status = 'duplicate'"),
    respondents: n('SELECT count(*) FROM respondent'),
    batches: n('SELECT count(*) FROM import_batch WHERE undone_at IS NULL'),
    openRejected: n("SELECT count(*) FROM rejected_row WHERE status = 'open'"),
    campaigns: {
      proposed: campaignCounts.get('proposed') ?? 0,
      confirmed: campaignCounts.get('confirmed') ?? 0,
      rejected: campaignCounts.get('rejected') ?? 0,
      members: n(
        'SELECT count(DISTINCT m.response_id) FROM campaign_member m JOIN campaign c ON c.id = m.campaign_id ' +
          "WHERE m.removed_at IS NULL AND c.status <> 'rejected'",
      ),
    },
    duplicateGroups: {
      open: n("SELECT count(*) FROM duplicate_group WHERE status = 'open'"),
      resolved: n("SELECT count(*) FROM duplicate_group WHERE status <> 'open'"),
    },
    organisationSuggestions: opts.withCounts ? organisationSuggestions(db).length : null,
    channels: db
      .all<{ channel: string; n: number }>(
        "SELECT channel, count(*) AS n FROM response WHERE status = 'active' GROUP BY channel ORDER BY n DESC",
      )
      .map((r) => ({ channel: r.channel as IntakeChannel, count: r.n })),
    respondentTypes: db
      .all<{ v: string | null; n: number }>(
        'SELECT p.respondent_type AS v, count(*) AS n FROM response r JOIN respondent p ON p.id = ' +
          "r.respondent_id WHERE r.status = 'active' GROUP BY p.respondent_type ORDER BY n DESC LIMIT 100",
      )
      .map((r) => ({ value: r.v ?? '', count: r.n })),
    questions,
    lastDetection: last ?? null,
  };
}
