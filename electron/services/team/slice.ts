import { AppError } from '#shared/core/errors';
import { draftSchema, orderedQuestions, type Draft } from '#shared/domain/draft/model';
import { WorkspaceFile, type WorkspaceFileOptions } from '../core/db/workspace-file';
import type { Db } from '../core/db/database';
import { audit } from '../core/audit';
import { writeWholeDraft } from '../draft/draft-rows';
import { ANSWER_SLOTS } from '../responses/answer-ids';
import { indexAnswersFrom, indexRespondentsFrom } from '../responses/search-index';
import type { TeamDb } from './team-db';
import * as server from './server';

/**
 * A slice copy: a team copy holding only some questions' answers, made from the server's rows rather than the
 * published workspace file, so a laptop can code one question of a 500,000-response consultation without holding
 * all of it (or downloading a 1.5 GB file). It has the published draft, every response and respondent (without
 * names, emails or addresses: the server keeps none as rows) and the answers to its questions, with the same ids as
 * every other copy, so codings sync by (response, question) as anywhere.
 *
 * What it cannot do, it refuses: it syncs only its questions' work (apply-pulled.ts) and publishes nothing, since
 * every figure in a published document needs every answer (documents/handlers.ts, requireWholeConsultation).
 */
const PAGE = 20_000;

export async function readPublishedDraft(db: TeamDb): Promise<Draft> {
  const raw = await server.readDraft(db);
  const parsed = draftSchema.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      'not-found',
      'This team was published by an earlier version of Consultation Workbench, without its draft on the server, ' +
        'so a slice cannot be made. Join it as a whole copy, or ask the lead to publish it again.',
    );
  return parsed.data;
}

interface SliceRows {
  respondents: server.SliceRespondent[];
  responses: server.SliceResponse[];
  answers: server.SliceAnswer[];
}

/** Every respondent and response, and the slice's answers, a page at a time. */
async function readSlice(
  db: TeamDb,
  questionIds: readonly string[],
  progress?: (done: number, total: number, message: string) => void,
): Promise<SliceRows> {
  const rows: SliceRows = { respondents: [], responses: [], answers: [] };
  for (let after = 0; ;) {
    const page = await server.slicePage(db, 'respondent', after, PAGE, questionIds);
    if (page.length === 0) break;
    rows.respondents.push(...page);
    after = Number(page[page.length - 1]!.id);
  }
  for (let after = 0; ;) {
    const page = await server.slicePage(db, 'response', after, PAGE, questionIds);
    if (page.length === 0) break;
    rows.responses.push(...page);
    after = Number(page[page.length - 1]!.id);
  }
  const last = rows.responses.length ? Number(rows.responses[rows.responses.length - 1]!.id) : 0;
  for (let after = 0; after < last; after += PAGE) {
    rows.answers.push(...(await server.slicePage(db, 'answer', after, PAGE, questionIds)));
    progress?.(Math.min(after + PAGE, last), last, 'Receiving the answers');
  }
  return rows;
}

/**
 * Make the slice copy at `path`: a new workspace of the team's consultation (its id), filled in one change from the
 * server's rows, its search index built. The caller makes it a team copy and syncs it.
 */
export async function makeSliceCopy(
  db: TeamDb,
  meta: server.TeamMeta,
  questionIds: readonly string[],
  path: string,
  actor: string,
  options?: WorkspaceFileOptions,
  progress?: (done: number, total: number, message: string) => void,
): Promise<WorkspaceFile> {
  const draft = await readPublishedDraft(db);
  const order = orderedQuestions(draft).map((q) => q.id);
  const unknown = questionIds.filter((q) => !order.includes(q));
  if (unknown.length)
    throw new AppError('invalid-input', `Not a question of this consultation: ${unknown.join(', ')}.`, {
      field: 'questionIds',
    });
  const rows = await readSlice(db, questionIds, progress);
  return WorkspaceFile.create(
    path,
    (ws, now) => {
      const at = now.toISOString();
      ws.run('INSERT INTO consultation (id, title, created_at, updated_at) VALUES (1, ?, ?, ?)', [meta.title, at, at]);
      writeWholeDraft(ws, { ...draft, metadata: { ...draft.metadata, title: meta.title } }, at);
      fill(ws, meta, rows, order, at);
      indexRespondentsFrom(ws, 0);
      indexAnswersFrom(ws, 0);
      audit(ws, now, actor, 'team.slice', questionIds.join(','), {
        respondents: rows.respondents.length,
        responses: rows.responses.length,
        answers: rows.answers.length,
      });
    },
    options,
    meta.consultationId,
  );
}

function fill(ws: Db, meta: server.TeamMeta, rows: SliceRows, order: readonly string[], at: string): void {
  ws.run(
    'INSERT INTO import_batch (id, source_name, channel, format, source_kind, rows_read, imported_count, ' +
      "imported_at, imported_by) VALUES (1, ?, 'other', 'team', 'team', ?, ?, ?, ?)",
    [
      `Published to the team by ${meta.publishedBy}`,
      rows.responses.length,
      rows.responses.length,
      meta.publishedAt || at,
      meta.publishedBy,
    ],
  );
  for (const r of rows.respondents)
    ws.run(
      'INSERT INTO respondent (id, batch_id, organisation, respondent_type, region, is_organisation, ' +
        'confidential_requested) VALUES (?, 1, ?, ?, ?, ?, ?)',
      [
        Number(r.id),
        r.organisation,
        r.respondent_type,
        r.region,
        r.is_organisation ? 1 : 0,
        r.confidential_requested ? 1 : 0,
      ],
    );
  for (const r of rows.responses)
    ws.run(
      'INSERT INTO response (id, batch_id, respondent_id, channel, submitted_at, status, created_at) ' +
        'VALUES (?, 1, ?, ?, ?, ?, ?)',
      [Number(r.id), Number(r.respondent_id), r.channel, r.submitted_at, r.status, at],
    );
  // An answer's number within its response is its question's place in the draft, the same on every slice.
  const slot = new Map(order.map((q, i) => [q, i + 1]));
  for (const a of rows.answers)
    ws.run(
      'INSERT INTO answer (id, question_id, option_ids, text, other_text, explanation) VALUES (?, ?, ?, ?, ?, ?)',
      [
        Number(a.response_id) * ANSWER_SLOTS + (slot.get(a.question_id) ?? 0),
        a.question_id,
        a.option_ids == null ? null : JSON.stringify(a.option_ids),
        a.text,
        a.other_text,
        a.explanation,
      ],
    );
  // (SQLite moves the AUTOINCREMENT counters past the ids given, so a later row never reuses one.)
}
