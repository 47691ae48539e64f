import { useCallback, useEffect, useState } from 'react';
import { call } from '../../lib/api';
import type { PublicationCheckItem } from '#shared/domain/exports';
import { whenText } from '../shared/format';
import { goToPublicationFinding } from './publication-nav';

/**
 * The publication check (R-PUB6, R-PUB7) on its own, before anything is exported: like the drafting
 * checker, each finding with its rule, what is wrong and where, and a link to the part of the app that
 * fixes it. An error blocks publication-level exports of the government response, workbook, briefing
 * and CSV (unless the team publishes marked "Draft"); a warning does not.
 */
export function PublicationCheckPanel({ revision }: { revision: number }) {
  const [findings, setFindings] = useState<PublicationCheckItem[] | null>(null);
  const [checkedAt, setCheckedAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const check = useCallback(async () => {
    const r = await call('outputs.publicationCheck', {});
    if (!r.ok) return setError(r.error.message);
    setError(null);
    setFindings(r.value.findings);
    setCheckedAt(r.value.checkedAt);
  }, []);
  useEffect(() => {
    void check();
  }, [check, revision]);

  const errors = findings?.filter((f) => f.severity === 'error') ?? [];
  const warnings = findings?.filter((f) => f.severity === 'warning') ?? [];
  return (
    <section className="app-dialog" aria-labelledby="pubcheck-title">
      <h3 className="govuk-heading-s" id="pubcheck-title">
        Publication check
      </h3>
      <p className="govuk-body">
        What would stop the government response, analysis workbook, briefing or responses CSV being published, or should
        be looked at first.
      </p>
      {error ? <p className="govuk-error-message">{error}</p> : null}
      {findings === null ? (
        <p className="govuk-body" role="status">
          Checking…
        </p>
      ) : findings.length === 0 ? (
        <p className="govuk-body" role="status">
          <strong className="govuk-tag govuk-tag--green">Ready to publish</strong> Nothing found.
        </p>
      ) : (
        <>
          <p className="govuk-body" role="status">
            {errors.length ? (
              <strong className="govuk-tag govuk-tag--red">
                {errors.length} {errors.length === 1 ? 'problem blocks' : 'problems block'} publication
              </strong>
            ) : (
              <strong className="govuk-tag govuk-tag--green">Can be published</strong>
            )}{' '}
            {warnings.length ? `${warnings.length} warning${warnings.length === 1 ? '' : 's'} to look at.` : ''}
          </p>
          <FindingList title="Blocks publication" items={errors} />
          <FindingList title="Warnings" items={warnings} />
        </>
      )}
      <p className="govuk-body-s">
        {checkedAt ? `Checked ${whenText(checkedAt)}. ` : ''}
        <button type="button" className="app-link-button" onClick={() => void check()}>
          Check again
        </button>
      </p>
    </section>
  );
}

function FindingList({ title, items }: { title: string; items: PublicationCheckItem[] }) {
  if (!items.length) return null;
  return (
    <>
      <h4 className="govuk-heading-s govuk-!-margin-bottom-1">{title}</h4>
      <ul className="govuk-list app-findings">
        {items.map((f, i) => (
          <li key={`${f.ruleId}-${i}`}>
            {f.message} <span className="govuk-body-s app-rule-id">({f.ruleId})</span>{' '}
            {f.goTo ? (
              <button
                type="button"
                className="app-link-button"
                onClick={() => goToPublicationFinding(f.goTo!, f.ruleId)}
              >
                Go to it<span className="govuk-visually-hidden">: {f.message}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
