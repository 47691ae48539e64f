/** Where the consultation stands: the facts behind the Overview page's task list. */
export interface ConsultationOverview {
  draft: { sections: number; sectionsWritten: number; questions: number };
  checker: { errors: number; warnings: number; advice: number };
  outputs: { exportedKinds: string[] };
  responses: { count: number; batches: number };
  dates: { opensAt: string | null; closesAt: string | null; responseDue: string | null };
}
