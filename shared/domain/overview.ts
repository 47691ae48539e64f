/** Where the consultation stands: the facts behind the Overview page's task list. */
export interface ConsultationOverview {
  draft: { sections: number; sectionsWritten: number; questions: number };
  checker: { errors: number; warnings: number; advice: number };
  /** Kinds ever exported, and those published (redacted, not marked "Draft" over the publication check). */
  outputs: { exportedKinds: string[]; publishedKinds: string[] };
  responses: { count: number; batches: number };
  /**
   * The analysis and the government's response, for the Analyse and Respond tasks: open answers and
   * how many are coded (the share the team set before publishing), reviews still to do, and the
   * questions whose government response is written.
   */
  analysis: {
    openAnswers: number;
    coded: number;
    minCodedShare: number;
    campaignsToReview: number;
    duplicatesToResolve: number;
    responsesWritten: number;
    responsesNeeded: number;
  };
  dates: { opensAt: string | null; closesAt: string | null; responseDue: string | null };
}
