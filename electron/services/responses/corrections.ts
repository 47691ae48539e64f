import { AppError } from '#shared/core/errors';
import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import { answerOptions, type Draft } from '#shared/domain/draft/model';
import { INTAKE_CHANNELS } from '#shared/domain/survey-import/types';
import { GENERAL_COMMENTS_ID, type RespondentKey } from '#shared/domain/responses/store';
import { audit } from '../core/audit';
import {
  detailsFromRow,
  personalColumns,
  RESPONDENT_COLUMN,
  RESPONDENT_SELECT_COLUMNS,
  respondentRow,
} from './respondent-columns';
import { indexAnswer, indexRespondent, unindexAnswer, unindexRespondent } from './search-index';
import { answersOf, firstAnswerId } from './answer-ids';

/**
 * Corrections to a response, each kept with an audit record (when, who, the old value, the new
 * value and why) that the detail view shows. The search index follows the change.
 */
export type AnswerField = 'text' | 'otherText' | 'explanation' | 'optionIds';
export type ResponseField = 'channel' | 'submittedAt' | 'externalId';

export type CorrectionInput =
  | {
      target: 'answer';
      responseId: number;
      questionId: string;
      field: AnswerField;
      value: string | string[];
      reason?: string | undefined;
    }
  | { target: 'respondent'; responseId: number; field: RespondentKey; value: string; reason?: string | undefined }
  | { target: 'response'; responseId: number; field: ResponseField; value: string; reason?: string | undefined };

const ANSWER_COLUMN: Record<AnswerField, string> = {
  text: 'text',
  otherText: 'other_text',
  explanation: 'explanation',
  optionIds: 'option_ids',
};
const RESPONSE_COLUMN: Record<ResponseField, string> = {
  channel: 'channel',
  submittedAt: 'submitted_at',
  externalId: 'external_id',
};

function record(
  db: Db,
  c: {
    responseId: number;
    target: string;
    questionId: string | null;
    field: string;
    old: string | null;
    value: string | null;
    reason: string;
    now: Date;
    actor: string;
  },
): void {
  db.run(
    'INSERT INTO response_correction (response_id, target, question_id, field, old_value, new_value, reason, ' +
      'at, by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [c.responseId, c.target, c.questionId, c.field, c.old, c.value, c.reason, c.now.toISOString(), c.actor],
  );
  audit(db, c.now, c.actor, 'responses.correct', `response ${c.responseId}`, {
    target: c.target,
    questionId: c.questionId,
    field: c.field,
  });
}

export function correctResponse(
  file: WorkspaceFile,
  input: CorrectionInput,
  draft: Draft,
  now: Date,
  actor: string,
): void {
  const reason = (input.reason ?? '').trim();
  file.mutate((db) => {
    const resp = db.get<{ id: number; respondent_id: number }>('SELECT id, respondent_id FROM response WHERE id = ?', [
      input.responseId,
    ]);
    if (!resp) throw new AppError('not-found', `There is no response ${input.responseId}.`);
    if (input.target === 'answer') return correctAnswer(db, input, draft, reason, now, actor);
    if (input.target === 'respondent') {
      const row = db.get<Record<string, string | number | null>>(
        `SELECT ${RESPONDENT_SELECT_COLUMNS} FROM respondent WHERE id = ?`,
        [resp.respondent_id],
      )!;
      const details = detailsFromRow(row);
      const old = details[input.field] ?? null;
      const value = input.value.trim() === '' ? null : input.value;
      if (old === value) return;
      if (value === null) delete details[input.field];
      else details[input.field] = value;
      const derived = respondentRow(details, personalColumns(db, 'respondent'));
      unindexRespondent(db, resp.respondent_id);
      db.run(
        `UPDATE respondent SET ${RESPONDENT_COLUMN[input.field]} = ?, org_key = ?, is_organisation = ?, ` +
          `confidential_requested = ?, has_personal = ? WHERE id = ?`,
        [
          value,
          derived.orgKey,
          derived.isOrganisation,
          derived.confidentialRequested,
          derived.hasPersonal,
          resp.respondent_id,
        ],
      );
      indexRespondent(db, resp.respondent_id);
      record(db, {
        responseId: resp.id,
        target: 'respondent',
        questionId: null,
        field: input.field,
        old,
        value,
        reason,
        now,
        actor,
      });
      return;
    }
    const col = RESPONSE_COLUMN[input.field];
    if (input.field === 'channel' && !(INTAKE_CHANNELS as readonly string[]).includes(input.value))
      throw new AppError('invalid-input', `The channel must be one of ${INTAKE_CHANNELS.join(', ')}.`, {
        field: 'value',
      });
    const old = db.scalar<string>(`SELECT ${col} FROM response WHERE id = ?`, [resp.id]) ?? null;
    const value = input.value.trim() === '' ? null : input.value.trim();
    if (input.field === 'channel' && value === null)
      throw new AppError('invalid-input', 'Choose a channel.', { field: 'value' });
    if (old === value) return;
    db.run(`UPDATE response SET ${col} = ? WHERE id = ?`, [value, resp.id]);
    record(db, {
      responseId: resp.id,
      target: 'response',
      questionId: null,
      field: input.field,
      old,
      value,
      reason,
      now,
      actor,
    });
  });
}

function correctAnswer(
  db: Db,
  input: Extract<CorrectionInput, { target: 'answer' }>,
  draft: Draft,
  reason: string,
  now: Date,
  actor: string,
): void {
  const q = draft.questions.find((x) => x.id === input.questionId);
  if (!q && input.questionId !== GENERAL_COMMENTS_ID)
    throw new AppError('not-found', 'That question is not in the consultation.', { field: 'questionId' });
  let value: string | null;
  if (input.field === 'optionIds') {
    if (!Array.isArray(input.value))
      throw new AppError('invalid-input', 'Choose the options as a list.', { field: 'value' });
    const valid = new Set(q ? answerOptions(q).map((o) => o.id) : []);
    const bad = input.value.filter((id) => !valid.has(id));
    if (bad.length)
      throw new AppError('invalid-input', `Not an option of this question: ${bad.join(', ')}.`, { field: 'value' });
    if (
      q &&
      (q.type === 'likert_agree5' || q.type === 'yes_no' || q.type === 'single_choice') &&
      input.value.length > 1
    )
      throw new AppError('invalid-input', 'This question takes one answer.', { field: 'value' });
    value = input.value.length ? JSON.stringify(input.value) : null;
  } else {
    if (typeof input.value !== 'string') throw new AppError('invalid-input', 'Enter the text.', { field: 'value' });
    value = input.field === 'text' ? input.value : input.value.trim() === '' ? null : input.value;
  }
  const col = ANSWER_COLUMN[input.field];
  const existing = db.get<{ id: number; v: string | null }>(
    `SELECT a.id, a.${col} AS v FROM answer a WHERE ${answersOf('a', '?')} AND a.question_id = ?`,
    [input.responseId, input.responseId, input.questionId],
  );
  const old = existing ? existing.v : null;
  if ((old ?? '') === (value ?? '')) return;
  if (existing) {
    unindexAnswer(db, existing.id);
    db.run(`UPDATE answer SET ${col} = ? WHERE id = ?`, [input.field === 'text' ? (value ?? '') : value, existing.id]);
    indexAnswer(db, existing.id);
  } else {
    const last = db.scalar<number>(`SELECT max(a.id) FROM answer a WHERE ${answersOf('a', '?')}`, [
      input.responseId,
      input.responseId,
    ]);
    const id = last === undefined || last === null ? firstAnswerId(input.responseId) : last + 1;
    if (id >= firstAnswerId(input.responseId + 1))
      throw new AppError('invalid-input', 'This response has as many answers as a response can hold.');
    db.run(`INSERT INTO answer (id, question_id, ${col}) VALUES (?, ?, ?)`, [
      id,
      input.questionId,
      input.field === 'text' ? (value ?? '') : value,
    ]);
    indexAnswer(db, id);
  }
  record(db, {
    responseId: input.responseId,
    target: 'answer',
    questionId: input.questionId,
    field: input.field,
    old,
    value,
    reason,
    now,
    actor,
  });
}
