import type { NormalisedResponse } from '../survey-import/types';
import type { EmailMessage } from './email';

/**
 * An emailed response as a NormalisedResponse: the sender as respondent, the sent time, channel
 * 'email', and the parts of the body the official assigned to questions (general comments go to
 * the consultation's "any other comments" question). Several parts for one question are joined.
 */
export interface AssignedText {
  questionId: string;
  text: string;
}

export function responseFromEmail(msg: EmailMessage, assigned: AssignedText[], sourceRow = 1): NormalisedResponse {
  const respondent: NormalisedResponse['respondent'] = {};
  if (msg.fromName.trim()) respondent.name = msg.fromName.trim();
  if (msg.from.trim()) respondent.email = msg.from.trim();
  const byQuestion = new Map<string, string>();
  for (const a of assigned) {
    const t = a.text.trim();
    if (!t) continue;
    const prev = byQuestion.get(a.questionId);
    byQuestion.set(a.questionId, prev ? `${prev}\n\n${t}` : t);
  }
  const resp: NormalisedResponse = {
    sourceRow,
    channel: 'email',
    respondent,
    answers: [...byQuestion].map(([questionId, text]) => ({ questionId, optionIds: [], text })),
    issues: [],
  };
  if (msg.date) resp.submittedAt = msg.date;
  return resp;
}
