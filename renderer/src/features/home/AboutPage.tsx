import { useApp } from '../../app/store';
import { PageHeading } from '../../components/PageHeading';

export function AboutPage() {
  const info = useApp((s) => s.info);
  const ws = useApp((s) => s.workspace);
  const navigate = useApp((s) => s.navigate);
  return (
    <>
      <PageHeading>About Consultation Workbench</PageHeading>
      <p className="govuk-body">
        Consultation Workbench helps policy teams draft a formal consultation, collect and analyse the public&apos;s responses, and
        produce the documents the consultation standard asks for. It works offline; nothing you do is sent anywhere.
      </p>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Version</dt>
          <dd className="govuk-summary-list__value">{info?.version}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Running as</dt>
          <dd className="govuk-summary-list__value">{info?.shell === 'electron' ? 'Desktop app' : 'Browser host (in your web browser)'}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">New workspaces are saved in</dt>
          <dd className="govuk-summary-list__value app-path">{info?.defaultFolder}</dd>
        </div>
      </dl>
      <button type="button" className="govuk-button govuk-button--secondary" onClick={() => navigate(ws ? { page: 'workspace', tab: 'overview' } : { page: 'home' })}>
        Back
      </button>
    </>
  );
}
