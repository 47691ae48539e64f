/**
 * Why a report cannot be exported as asked. Both carry what the UI needs to show the official
 * exactly which quotes or figures to fix; the router maps them to AppError('conflict' / 'invalid-input').
 */
export type QuoteProblemReason = 'confidential' | 'no-consent';

export interface QuoteProblem {
  quoteId: string;
  questionId: string;
  /** As printed: "4", "2a". */
  questionNumber: string;
  respondentId: string;
  reason: QuoteProblemReason;
  /** The first words of the quote, to find it. */
  excerpt: string;
}

const REASON_TEXT: Record<QuoteProblemReason, string> = {
  confidential: 'the respondent asked for their response to be confidential',
  'no-consent': 'the respondent did not consent to their response being published or quoted',
};

export const quoteProblemText = (p: QuoteProblem): string =>
  `Question ${p.questionNumber}, response ${p.respondentId} (“${p.excerpt}”): ${REASON_TEXT[p.reason]}`;

/** A publishable export was asked to include quotes it may not publish. Nothing was written. */
export class QuoteConsentError extends Error {
  readonly problems: QuoteProblem[];
  constructor(problems: QuoteProblem[]) {
    const n = problems.length;
    super(
      `${n === 1 ? 'A quote' : `${n} quotes`} cannot be published. Remove ${n === 1 ? 'it' : 'them'}, or export ` +
        `for internal use only.\n` +
        problems.map((p) => `- ${quoteProblemText(p)}`).join('\n'),
    );
    this.name = 'QuoteConsentError';
    this.problems = problems;
  }
}

/** The report's figures contradict each other or something needed is missing (an integration bug). */
export class ReportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportInputError';
  }
}
