/**
 * An answer's id carries its response: id = response id × 4096 + the answer's number within the
 * response (a consultation has at most 2,000 questions). So a response's answers are one range of
 * the answer table's own key (no index to build on 1.8 million answers at import, none to keep up),
 * and a search hit's response is its FTS docid shifted right by 12 — counting and paging matches by
 * response needs no lookup of the answer row. `answer.response_id` is a generated column (id >> 12)
 * for readable queries; filter by range (answersOf) to use the key.
 */
export const ANSWER_SLOTS = 4096;
export const ANSWER_SHIFT = 12;

export const firstAnswerId = (responseId: number): number => responseId * ANSWER_SLOTS;

/** SQL: the answers of the response given by `response` (an SQL expression), on table alias `a`. */
export function answersOf(a: string, response: string): string {
  return `${a}.id BETWEEN (${response}) * ${ANSWER_SLOTS} AND (${response}) * ${ANSWER_SLOTS} + ${ANSWER_SLOTS - 1}`;
}

/** SQL: the response id of an answer id expression (an FTS docid, for example). */
export const responseOfAnswer = (answerId: string): string => `(${answerId} >> ${ANSWER_SHIFT})`;
