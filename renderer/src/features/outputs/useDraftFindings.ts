/** Counts of open standard-checker findings in the draft; filled in when the checker is wired. */
export function useDraftFindingsSummary(enabled: boolean): { errors: number; warnings: number } {
  void enabled;
  return { errors: 0, warnings: 0 };
}
