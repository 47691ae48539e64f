import { AppError } from '#shared/core/errors';
import type { Db } from '../core/db/database';
import { codableText } from '#shared/coding/codable';
import type { AnalysisQuestion } from './questions';
import { ANSWER_SLOTS, firstAnswerId } from '../responses/answer-ids';

/**
 * One answer's text as coding sees it (its words, "Other" text and explanation together): read
 * for the coding queue, quotes, suggestions and coding packages alike.
 */
export interface AnswerRow {
  text: string;
  other_text: string | null;
  explanation: string | null;
  option_ids: string | null;
}

export function answerRow(db: Db, responseId: number, questionId: string): AnswerRow | undefined {
  // A response's answers are a range of the answer key (answer-ids.ts): no index needed.
  return db.get<AnswerRow>(
    'SELECT text, other_text, explanation, option_ids FROM answer WHERE id BETWEEN ? AND ? AND question_id = ?',
    [firstAnswerId(responseId), firstAnswerId(responseId) + ANSWER_SLOTS - 1, questionId],
  );
}

export function textOf(q: AnalysisQuestion, a: AnswerRow | undefined): string {
  return a ? codableText(q.type, { text: a.text, otherText: a.other_text, explanation: a.explanation }) : '';
}

/** The answer's coded text, or a clear error when there is none to code. */
export function requireCodableText(db: Db, q: AnalysisQuestion, responseId: number): string {
  const active = db.scalar<string>('SELECT status FROM response WHERE id = ?', [responseId]);
  if (!active) throw new AppError('not-found', `There is no response ${responseId}.`, { field: 'responseId' });
  if (active !== 'active')
    throw new AppError('conflict', `Response ${responseId} was set aside as a duplicate, so it is not coded.`);
  const text = textOf(q, answerRow(db, responseId, q.id));
  if (!text)
    throw new AppError('not-found', `Response ${responseId} has no text to code for this question.`, {
      field: 'responseId',
    });
  return text;
}
