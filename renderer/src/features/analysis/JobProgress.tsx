import type { JobState } from './useJob';

/** Progress of a long job, announced politely, with a way to cancel it. */
export function JobProgress({ job, label, onCancel }: { job: JobState; label: string; onCancel: () => void }) {
  return (
    <div role="status" aria-live="polite" className="govuk-body app-analysis-job">
      <progress max={Math.max(1, job.total)} value={job.done} aria-label={label} /> {job.message}…{' '}
      <button type="button" className="app-link-button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
