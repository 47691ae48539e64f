import type { JobProgress } from './useJob';

/** Progress of a long job, announced politely, with Cancel where the job can still be stopped. */
export function JobProgressBar({ progress, label, onCancel }: { progress: JobProgress; label: string; onCancel?: (() => void) | undefined }) {
  const saving = /^Saving/.test(progress.message);
  return (
    <div role="status" aria-live="polite" className="govuk-body app-job">
      <progress max={Math.max(1, progress.total)} value={Math.min(progress.done, progress.total)} aria-label={label} /> {progress.message}…{' '}
      {onCancel && !saving ? (
        <button type="button" className="app-link-button" onClick={onCancel}>
          Cancel<span className="govuk-visually-hidden"> {label.toLowerCase()}</span>
        </button>
      ) : saving ? (
        <span className="govuk-hint govuk-!-display-inline">Saving cannot be cancelled; it takes a few seconds.</span>
      ) : null}
    </div>
  );
}
