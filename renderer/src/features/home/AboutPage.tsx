import { useApp } from '../../app/store';
import { PageHeading } from '../../components/PageHeading';
import { SummaryList } from '../../components/SummaryList';

export function AboutPage() {
  const info = useApp((s) => s.info);
  const ws = useApp((s) => s.workspace);
  const navigate = useApp((s) => s.navigate);
  return (
    <>
      <PageHeading>About Consultation Workbench</PageHeading>
      <p className="govuk-body">
        Consultation Workbench helps policy teams draft a formal consultation, collect and analyse the public&apos;s
        responses, and produce the documents the consultation standard asks for. It works offline; nothing you do is
        sent anywhere.
      </p>
      <SummaryList
        rows={[
          { key: 'Version', value: info?.version },
          {
            key: 'Running as',
            value: info?.shell === 'electron' ? 'Desktop app' : 'Browser host (in your web browser)',
          },
          { key: 'New workspaces are saved in', value: info?.defaultFolder, valueClassName: 'app-path' },
        ]}
      />
      <button
        type="button"
        className="govuk-button govuk-button--secondary"
        onClick={() => navigate(ws ? { page: 'workspace', tab: 'overview' } : { page: 'home' })}
      >
        Back
      </button>
    </>
  );
}
