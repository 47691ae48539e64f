import type { ConflictView } from '#shared/domain/team';
import { SummaryList } from '../../components/SummaryList';
import { ErrorAlert } from '../../components/Fields';
import { JobProgress } from '../shared/JobProgress';
import type { JobProgress as Progress } from '../shared/useJob';
import { whenText } from '../shared/format';
import { versionAuthor } from './words';

interface Props {
  conflict: ConflictView;
  /** A team job is running: no second one may start. */
  busy: boolean;
  /** This conflict's own job, while it is being settled. */
  progress: Progress | null;
  onCancel: () => void;
  error: string | null;
  onKeep: (index: number) => void;
}

/**
 * One open conflict as a GOV.UK summary card: what it is about, the rule that settled it for now, and every version
 * (who made it, what it says) with "Keep this version".
 */
export function ConflictCard({ conflict: c, busy, progress, onCancel, error, onKeep }: Props) {
  const titleId = `conflict-${c.id}-title`;
  const last = c.versions.length - 1;
  return (
    <section className="govuk-summary-card app-conflict" aria-labelledby={titleId}>
      <div className="govuk-summary-card__title-wrapper">
        <h3 className="govuk-summary-card__title" id={titleId}>
          {c.subject}
        </h3>
      </div>
      <div className="govuk-summary-card__content">
        {c.rule ? <p className="govuk-body">{c.rule}</p> : null}
        <p className="govuk-body-s app-muted">Found {whenText(c.detectedAt)}</p>
        <SummaryList
          className="app-conflict__versions"
          rows={c.versions.map((v, i) => {
            const who = versionAuthor(v, c.versions);
            return {
              id: i,
              key: (
                <>
                  Version {i + 1}
                  <span className="app-conflict__by">by {who}</span>
                </>
              ),
              value: (
                <>
                  <span className="app-conflict__summary">{v.summary}</span>
                  {i === last ? (
                    <strong className="govuk-tag govuk-tag--grey app-conflict__tag">Kept for now</strong>
                  ) : null}
                </>
              ),
              actions: (
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                  onClick={() => onKeep(i)}
                  disabled={busy}
                  aria-disabled={busy}
                >
                  Keep this version
                  <span className="govuk-visually-hidden">
                    {' '}
                    (version {i + 1}, by {who}): {v.summary}
                  </span>
                </button>
              ),
            };
          })}
        />
        {progress ? <JobProgress progress={progress} label="Settling the conflict" onCancel={onCancel} /> : null}
        <ErrorAlert message={error} />
      </div>
    </section>
  );
}
