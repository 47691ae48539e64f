import { AppError } from '#shared/core/errors';
import {
  CLOSED_TYPES,
  orderedQuestions,
  questionNumbers,
  type Draft,
  type Question,
  type QuestionType,
} from '#shared/domain/draft/model';
import { GENERAL_COMMENTS_ID, GENERAL_COMMENTS_LABEL } from '#shared/domain/responses/store';
import { takesCodableText } from '#shared/coding/codable';

/**
 * The questions the analysis works on: the draft's, in document order with their printed numbers
 * and sections, plus "general comments" (emails and letters not about one question) when any
 * response has some.
 */
export interface AnalysisQuestion {
  id: string;
  number: string;
  text: string;
  /** null for general comments. */
  type: QuestionType | null;
  question: Question | null;
  sectionTitle: string;
  closed: boolean;
  codable: boolean;
}

export function analysisQuestions(draft: Draft, withGeneral: boolean): AnalysisQuestion[] {
  const numbers = questionNumbers(draft);
  const sections = new Map(draft.sections.map((s) => [s.id, s.title]));
  const out: AnalysisQuestion[] = orderedQuestions(draft).map((q) => ({
    id: q.id,
    number: numbers.get(q.id) ?? '',
    text: q.text,
    type: q.type,
    question: q,
    sectionTitle: sections.get(q.sectionId) ?? 'Other questions',
    closed: CLOSED_TYPES.has(q.type),
    codable: takesCodableText(q),
  }));
  if (withGeneral)
    out.push({
      id: GENERAL_COMMENTS_ID,
      number: '',
      text: GENERAL_COMMENTS_LABEL,
      type: null,
      question: null,
      sectionTitle: 'Other comments',
      closed: false,
      codable: true,
    });
  return out;
}

export function findQuestion(draft: Draft, questionId: string): AnalysisQuestion {
  const q = analysisQuestions(draft, true).find((x) => x.id === questionId);
  if (!q) throw new AppError('not-found', 'That question is not in the consultation.', { field: 'questionId' });
  return q;
}

/** "Question 4" or "General comments", for messages. */
export const questionLabel = (q: Pick<AnalysisQuestion, 'number' | 'text' | 'id'>): string =>
  q.number ? `question ${q.number}` : q.text.toLowerCase();
