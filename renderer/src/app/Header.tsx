import { useApp } from './store';

/** Our own header (no crown: this is not GOV.UK), with the open workspace and whether it is saved. */
export function Header() {
  const ws = useApp((s) => s.workspace);
  const saveState = useApp((s) => s.saveState);
  const saveError = useApp((s) => s.saveError);
  const navigate = useApp((s) => s.navigate);
  const closeWorkspace = useApp((s) => s.closeWorkspace);
  const label = saveState === 'saving' ? 'Saving…' : saveState === 'error' ? 'Not saved' : 'Saved';
  return (
    <header className="app-header" role="banner">
      <div className="govuk-width-container app-header__container">
        <a
          href="#/"
          className="app-header__name"
          onClick={(e) => {
            e.preventDefault();
            navigate(ws ? { page: 'workspace', tab: 'overview' } : { page: 'home' });
          }}
        >
          Consultation Workbench
        </a>
        {ws ? (
          <div className="app-header__workspace">
            <span>{ws.title}</span>
            <span
              className={`app-save-state${saveState === 'error' ? ' app-save-state--error' : ''}`}
              role="status"
              aria-live="polite"
              data-testid="save-state"
              title={saveError ?? undefined}
            >
              {label}
            </span>
            <button
              type="button"
              className="govuk-button govuk-button--inverse govuk-!-margin-bottom-0 govuk-!-margin-left-3"
              onClick={() => void closeWorkspace()}
            >
              Close workspace
            </button>
          </div>
        ) : null}
      </div>
    </header>
  );
}
