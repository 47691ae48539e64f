import { useApp } from '../../app/store';
import { PageHeading } from '../../components/PageHeading';
import { whenText } from '../shared/format';
import { useOpenFlow } from '../shared/useFileFlows';
import { ErrorSummary } from '../../components/ErrorSummary';

export function HomePage() {
  const recent = useApp((s) => s.recent);
  const navigate = useApp((s) => s.navigate);
  const removeRecent = useApp((s) => s.removeRecent);
  const { openWithDialog, openPath, error } = useOpenFlow();

  return (
    <>
      {error ? <ErrorSummary errors={[{ message: error }]} /> : null}
      <PageHeading size="xl">Consultation Workbench</PageHeading>
      <p className="govuk-body-l">
        Draft a consultation, collect and analyse the responses, and produce the documents. Everything stays on this
        computer and works without a network.
      </p>
      <div className="govuk-button-group">
        <button
          type="button"
          className="govuk-button"
          data-module="govuk-button"
          onClick={() => navigate({ page: 'new' })}
        >
          New consultation
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void openWithDialog()}>
          Open a workspace
        </button>
      </div>

      <h2 className="govuk-heading-m">Work as a team</h2>
      <p className="govuk-body">
        If your team shares a consultation through a team server, make your own copy of it to work on here.
      </p>
      <button type="button" className="govuk-button govuk-button--secondary" onClick={() => navigate({ page: 'join' })}>
        Join a team
      </button>

      <h2 className="govuk-heading-m">Recent workspaces</h2>
      {recent.length === 0 ? (
        <p className="govuk-body">You have not opened any workspaces yet.</p>
      ) : (
        <ul className="govuk-list app-recent-list" aria-label="Recent workspaces">
          {recent.map((r) => (
            <li key={r.path} className="govuk-!-margin-bottom-4">
              {r.exists ? (
                <button
                  type="button"
                  className="app-link-button govuk-!-font-weight-bold"
                  onClick={() => void openPath(r.path)}
                >
                  {r.title || '(untitled)'}
                </button>
              ) : (
                <span className="govuk-body govuk-!-font-weight-bold">
                  {r.title || '(untitled)'} <strong className="govuk-tag govuk-tag--grey">File not found</strong>
                </span>
              )}
              <div className="app-path">{r.path}</div>
              <div className="govuk-body-s govuk-!-margin-bottom-1">Last opened {whenText(r.openedAt)}</div>
              <button type="button" className="app-link-button govuk-body-s" onClick={() => void removeRecent(r.path)}>
                Remove from list<span className="govuk-visually-hidden">: {r.title}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
