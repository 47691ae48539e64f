import type { JobProgress as Progress } from './useJob';

interface Props {
  progress: Progress;
  /** Names the progress bar, and (hidden) the Cancel button. */
  label: string;
  /** Left out where the job cannot be stopped (undoing an import). */
  onCancel?: (() => void) | undefined;
  /** The page's own spacing for the bar: 'app-job' (16em wide) unless the page styles it otherwise. */
  className?: string;
}

/**
 * Progress of a long job, announced politely, with Cancel while it can still be stopped. The one
 * progress display for every page that runs a job (responses, analysis, outputs).
 */
export function JobProgress({ progress, label, onCancel, className = 'app-job' }: Props) {
  const saving = /^Saving/.test(progress.message);
  const done = Math.min(progress.done, progress.total);
  const bar = <progress max={Math.max(1, progress.total)} value={done} aria-label={label} />;
  return (
    <div role="status" aria-live="polite" className={className ? `govuk-body ${className}` : 'govuk-body'}>
      {bar} {progress.message}…{' '}
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
