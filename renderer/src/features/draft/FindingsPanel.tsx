import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useDraft } from './draft-store';
import { checkDraft } from '#shared/checker/index';
import type { Finding, Severity } from '#shared/checker/types';
import { goToFinding } from './finding-nav';
import { classes } from '../../components/classes';

const LABELS: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', advice: 'Advice' };

/** Runs the standard checker on the draft as it is typed (after a short pause) and lists what it finds. */
export function useFindings(): Finding[] {
  const draft = useDraft((s) => s.draft);
  const deferred = useDeferredValue(draft);
  const [findings, setFindings] = useState<Finding[]>([]);
  useEffect(() => {
    if (!deferred) return;
    const t = setTimeout(() => setFindings(checkDraft(deferred)), 300);
    return () => clearTimeout(t);
  }, [deferred]);
  return findings;
}

function FindingItem({ f }: { f: Finding }) {
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = `finding-${f.key.replace(/[^a-zA-Z0-9_-]/g, '_')}`;

  async function dismiss() {
    const r = await useDraft.getState().dismissFinding(f.key, reason);
    if (!r.ok) setError(r.error.message);
  }
  const restore = () => void useDraft.getState().restoreFinding(f.key);

  return (
    <li className={`app-finding app-finding--${f.severity}`}>
      <p className="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1">{f.title}</p>
      <p className="govuk-body-s govuk-!-margin-bottom-1">{f.message}</p>
      <p className="govuk-body-s govuk-!-margin-bottom-0">
        <button type="button" className="app-link-button govuk-body-s" onClick={() => goToFinding(f.location)}>
          Go to it<span className="govuk-visually-hidden">: {f.title}</span>
        </button>
        {' · '}
        {f.dismissed ? (
          <button type="button" className="app-link-button govuk-body-s" onClick={() => void restore()}>
            Restore<span className="govuk-visually-hidden"> {f.title}</span>
          </button>
        ) : (
          <button
            type="button"
            className="app-link-button govuk-body-s"
            aria-expanded={dismissing}
            onClick={() => setDismissing(!dismissing)}
          >
            Dismiss<span className="govuk-visually-hidden"> {f.title}</span>
          </button>
        )}
        <span className="govuk-visually-hidden"> (rule {f.ruleId})</span>
      </p>
      {f.dismissed ? (
        <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">
          Dismissed by {f.dismissed.by}: “{f.dismissed.reason}”
        </p>
      ) : null}
      {dismissing ? (
        <div
          className={classes(
            'govuk-form-group govuk-!-margin-top-2 govuk-!-margin-bottom-0',
            error && 'govuk-form-group--error',
          )}
        >
          <label className="govuk-label govuk-label--s" htmlFor={`${id}-reason`}>
            Why is this not a problem?
          </label>
          {error ? (
            <p className="govuk-error-message" id={`${id}-error`}>
              <span className="govuk-visually-hidden">Error:</span> {error}
            </p>
          ) : null}
          <textarea
            id={`${id}-reason`}
            className="govuk-textarea govuk-!-margin-bottom-2"
            rows={2}
            value={reason}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => setReason(e.target.value)}
          />
          <button
            type="button"
            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
            onClick={() => void dismiss()}
          >
            Dismiss with this reason
          </button>
        </div>
      ) : null}
    </li>
  );
}

export function FindingsPanel() {
  const findings = useFindings();
  const [showDismissed, setShowDismissed] = useState(false);
  const groups = useMemo(() => {
    const open = findings.filter((f) => !f.dismissed);
    return {
      error: open.filter((f) => f.severity === 'error'),
      warning: open.filter((f) => f.severity === 'warning'),
      advice: open.filter((f) => f.severity === 'advice'),
      dismissed: findings.filter((f) => f.dismissed),
    };
  }, [findings]);
  const total = groups.error.length + groups.warning.length + groups.advice.length;
  return (
    <aside aria-labelledby="findings-heading">
      <h2 className="govuk-heading-s govuk-!-margin-bottom-2" id="findings-heading">
        Consultation standard
      </h2>
      <p className="govuk-body-s" role="status" aria-live="polite">
        {total === 0
          ? 'No findings. The draft meets every check the app can make.'
          : `${groups.error.length} errors, ${groups.warning.length} warnings, ${groups.advice.length} advice.`}
      </p>
      {(['error', 'warning', 'advice'] as const).map((sev) =>
        groups[sev].length ? (
          <section key={sev} aria-label={LABELS[sev]}>
            <h3 className="govuk-heading-s govuk-!-margin-bottom-2">
              {LABELS[sev]} ({groups[sev].length})
            </h3>
            <ul className="govuk-list">
              {groups[sev].map((f) => (
                <FindingItem key={f.key} f={f} />
              ))}
            </ul>
          </section>
        ) : null,
      )}
      {groups.dismissed.length ? (
        <>
          <button
            type="button"
            className="app-link-button govuk-body-s"
            aria-expanded={showDismissed}
            onClick={() => setShowDismissed(!showDismissed)}
          >
            {showDismissed ? 'Hide' : 'Show'} {groups.dismissed.length} dismissed
          </button>
          {showDismissed ? (
            <ul className="govuk-list govuk-!-margin-top-2">
              {groups.dismissed.map((f) => (
                <FindingItem key={f.key} f={f} />
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </aside>
  );
}
